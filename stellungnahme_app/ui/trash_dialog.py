"""The trash: deleted drafts, restorable until they are purged after 30 days.

The dialog lists the drafts in the trash page by page (:meth:`Workspace.draft_ids` with
``trash=True``, the overview's :class:`DraftTableModel`) and restores the chosen
draft (:meth:`Workspace.restore_from_trash`); :attr:`TrashDialog.restored` tells the main
window which one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.store import TRASH_DAYS
from stellungnahme_app.ui.error_reporting import show_error
from stellungnahme_app.ui.overview_page import TRASH_COLUMNS, DraftTableModel, DraftTableView
from stellungnahme_app.workspace import Workspace


class TrashDialog(QDialog):
    """Deleted drafts with „Wiederherstellen“."""

    restored = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.setObjectName("papierkorb")
        self.setWindowTitle("Papierkorb – Stellungnahme")
        self.setAccessibleName("Papierkorb")

        explanation = QLabel(
            f"Gelöschte Entwürfe bleiben {TRASH_DAYS} Tage im Papierkorb und werden danach "
            "endgültig entfernt. Bis dahin können Sie sie hier zurückholen."
        )
        explanation.setWordWrap(True)

        self.model = DraftTableModel(TRASH_COLUMNS, self)
        self.table = DraftTableView(self.model)
        self.table.setObjectName("papierkorbtabelle")
        self.table.setAccessibleName("Gelöschte Entwürfe")
        self.table.set_elastic_columns("department", "title")
        self.table.sortByColumn(self.model.column_index("deleted"), Qt.SortOrder.DescendingOrder)
        self.table.activated_draft.connect(self.restore)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.empty_label = QLabel("Der Papierkorb ist leer.")
        self.empty_label.setObjectName("leer_hinweis")
        self.empty_label.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton("&Wiederherstellen")
        self.restore_button.setAccessibleDescription(
            "Holt den gewählten Entwurf in die Übersicht zurück."
        )
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._restore_selected)

        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)
        self.refresh()
        metrics = self.fontMetrics()
        margins = layout.contentsMargins()
        wanted = self.table.wanted_width() + margins.left() + margins.right()
        width = max(metrics.averageCharWidth() * 110, wanted)
        screen = self.screen()
        if screen is not None:  # wide enough for whole titles, where the screen allows
            width = min(width, screen.availableGeometry().width() * 9 // 10)
        self.resize(width, metrics.height() * 24)

    def refresh(self) -> None:
        workspace = self._workspace
        try:
            self.model.set_listing(
                lambda sort, descending: workspace.draft_ids(
                    trash=True, sort=sort, descending=descending
                ),
                workspace.draft_summaries,
            )
        except StellungnahmeError as error:
            show_error(self, error, action="Der Papierkorb konnte nicht gelesen werden.")
            self.model.set_rows([])
        shown = self.model.rowCount() > 0
        if shown:
            self.table.selectRow(0)
        self.empty_label.setVisible(not shown)
        self._update_buttons()

    def _update_buttons(self, *_: object) -> None:
        self.restore_button.setEnabled(self.table.selected_id() is not None)

    def _restore_selected(self) -> None:
        draft_id = self.table.selected_id()
        if draft_id is not None:
            self.restore(draft_id)

    def restore(self, draft_id: int) -> None:
        try:
            self._workspace.restore_from_trash(draft_id)
        except StellungnahmeError as error:
            show_error(self, error, action="Der Entwurf konnte nicht zurückgeholt werden.")
            return
        self.refresh()
        self.restored.emit(draft_id)
