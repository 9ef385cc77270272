"""Drafts the store cannot read: which they are, why, and the way back through their versions.

A damaged value in one row (a status, a date, text that is not UTF-8) costs only that draft:
the overview leaves it out. This dialog names every such draft with the store's German reason
and opens its version history, where an earlier version can be made the current state again –
which mends the row. The whole database can be put back with Extras › Datensicherungen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.ui.error_reporting import show_error
from stellungnahme_app.workspace import Workspace

DRAFT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class UnreadableDraftsDialog(QDialog):
    """Lists the unreadable drafts; „Versionen …“ opens the history of the chosen one."""

    #: The id of a draft whose history was asked for.
    history_requested = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.setObjectName("unlesbare_entwuerfe")
        self.setWindowTitle("Unlesbare Entwürfe – Stellungnahme")
        self.setAccessibleName("Unlesbare Entwürfe")
        intro = QLabel(
            "Diese Entwürfe sind in der Datenbank beschädigt und fehlen deshalb in der "
            "Übersicht. Über „Versionen …“ holen Sie eine frühere Fassung zurück; damit ist "
            "der Entwurf wieder lesbar. Den Stand aller Entwürfe von einem früheren Tag "
            "bringt Extras › Datensicherungen zurück."
        )
        intro.setWordWrap(True)
        self.draft_list = QListWidget()
        self.draft_list.setObjectName("unlesbare_liste")
        self.draft_list.setAccessibleName("Unlesbare Entwürfe")
        self.draft_list.setWordWrap(True)
        self.draft_list.itemActivated.connect(lambda _item: self._history_of_selected())
        self.history_button = QPushButton("&Versionen …")
        self.history_button.setAccessibleDescription(
            "Frühere Fassungen des gewählten Entwurfs ansehen und eine zurückholen"
        )
        self.history_button.clicked.connect(self._history_of_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.history_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.empty_label = QLabel("Alle Entwürfe sind lesbar.")
        self.empty_label.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.draft_list, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 90, metrics.height() * 20)
        self.refresh()

    def refresh(self) -> None:
        self.draft_list.clear()
        try:
            unreadable = self._workspace.unreadable_drafts()
        except StellungnahmeError as error:
            show_error(self, error, action="Die Liste konnte nicht gelesen werden.")
            unreadable = []
        for draft in unreadable:
            item = QListWidgetItem(f"Entwurf Nr. {draft.id}: {draft.problem}")
            item.setData(DRAFT_ID_ROLE, draft.id)
            self.draft_list.addItem(item)
        if unreadable:
            self.draft_list.setCurrentRow(0)
        self.empty_label.setVisible(not unreadable)
        self.history_button.setEnabled(bool(unreadable))

    def _history_of_selected(self) -> None:
        item = self.draft_list.currentItem()
        if item is not None:
            self.history_requested.emit(int(item.data(DRAFT_ID_ROLE)))
