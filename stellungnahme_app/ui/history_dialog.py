"""Version history of the open draft: list, preview, restore.

The store keeps versions (every ten minutes of editing, on status changes, exports, imports
and before a restore). The dialog lists them, shows the chosen version as the document
reads (the same :class:`DocumentPreview` as the editor's last step), and asks the main
window to restore it (:attr:`HistoryDialog.restore_requested`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.german_dates import format_date_time
from stellungnahme_app.store import VersionInfo
from stellungnahme_app.ui.document_preview import DocumentPreview
from stellungnahme_app.ui.error_reporting import show_error
from stellungnahme_app.ui.page_preview import PagePreview, page_true_preview_possible
from stellungnahme_app.workspace import Workspace

VERSION_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class HistoryDialog(QDialog):
    """Lists the versions of one draft; „Diese Fassung wiederherstellen“ asks to restore."""

    restore_requested = Signal(int)

    def __init__(self, workspace: Workspace, draft_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._draft_id = draft_id
        self.setObjectName("versionen")
        self.setWindowTitle("Versionen – Stellungnahme")
        self.setAccessibleName("Versionen")

        intro = QLabel(
            "Frühere Fassungen dieses Entwurfs. Wählen Sie eine, um sie rechts zu lesen. "
            "Beim Wiederherstellen wird der jetzige Stand vorher als Version gesichert."
        )
        intro.setWordWrap(True)

        self.version_list = QListWidget()
        self.version_list.setObjectName("versionsliste")
        self.version_list.setAccessibleName("Versionen")
        self.version_list.setAccessibleDescription("Neueste zuerst: Zeitpunkt, Anlass, Inhalt.")
        self.version_list.setWordWrap(True)
        self.version_list.setAlternatingRowColors(True)
        self.version_list.currentItemChanged.connect(self._show_selected)
        self.version_list.itemActivated.connect(lambda _item: self._restore_selected())
        list_label = QLabel("&Versionen:")
        list_label.setBuddy(self.version_list)

        self.preview = DocumentPreview()
        self.preview.setAccessibleName("Vorschau der gewählten Version")
        self.preview.setAccessibleDescription("So liest sich das Dokument in dieser Fassung")
        preview_label = QLabel("V&orschau:")
        preview_label.setBuddy(self.preview)
        # Page-true where LibreOffice is there (as in the editor's last step).
        self.page_preview: PagePreview | None = None
        if page_true_preview_possible():
            self.page_preview = PagePreview()
            self.page_preview.unavailable.connect(self._page_preview_unavailable)
            self.preview.setVisible(False)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(list_label)
        left_layout.addWidget(self.version_list)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(preview_label)
        right_layout.addWidget(self.preview)
        if self.page_preview is not None:
            right_layout.addWidget(self.page_preview)
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)

        self.empty_label = QLabel(
            "Noch keine früheren Fassungen. Das Programm sichert beim Bearbeiten alle zehn "
            "Minuten, bei jedem Export und bei Statusänderungen eine Version."
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton("Diese Fassung &wiederherstellen")
        self.restore_button.setAccessibleDescription(
            "Macht die gewählte Fassung zum aktuellen Stand des Entwurfs."
        )
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._restore_selected)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.empty_label, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 150, metrics.height() * 32)
        self.refresh()

    def refresh(self) -> None:
        self.version_list.clear()
        try:
            versions = self._workspace.versions(self._draft_id)
        except StellungnahmeError as error:
            show_error(self, error, action="Die Versionen konnten nicht gelesen werden.")
            versions = []
        for version in versions:
            item = QListWidgetItem(describe_version(version))
            item.setData(VERSION_ID_ROLE, version.id)
            item.setToolTip(version.summary)
            self.version_list.addItem(item)
        self.empty_label.setVisible(not versions)
        self.splitter.setVisible(bool(versions))
        if versions:
            self.version_list.setCurrentRow(0)
        else:
            self.preview.clear()
        self.restore_button.setEnabled(bool(versions))

    def selected_version(self) -> int | None:
        item = self.version_list.currentItem()
        return None if item is None else int(item.data(VERSION_ID_ROLE))

    def _show_selected(self, *_: object) -> None:
        version_id = self.selected_version()
        if version_id is None:
            self.preview.clear()
            return
        try:
            draft = self._workspace.load_version(version_id)
        except StellungnahmeError as error:
            self.preview.setPlainText(error.message)
            return
        self.preview.show_draft(draft)
        if self.page_preview is not None:
            self.page_preview.show_draft(draft)

    def _page_preview_unavailable(self) -> None:
        if self.page_preview is not None:
            self.page_preview.setVisible(False)
            self.preview.setVisible(True)
            self.page_preview = None

    def _restore_selected(self) -> None:
        version_id = self.selected_version()
        if version_id is None:
            return
        item = self.version_list.currentItem()
        confirm = QMessageBox(self)
        confirm.setObjectName("wiederherstellen_bestaetigen")
        confirm.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        confirm.setIcon(QMessageBox.Icon.Question)
        confirm.setWindowTitle("Fassung wiederherstellen")
        created = item.text().split(" · ")[0]
        confirm.setText(f"Die Fassung vom {created} wiederherstellen?")
        confirm.setInformativeText(
            "Der jetzige Stand wird vorher als Version gesichert und bleibt in dieser Liste."
        )
        confirm.setAccessibleName("Fassung wiederherstellen")
        confirm.setStandardButtons(
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel
        )
        yes = confirm.button(QMessageBox.StandardButton.Yes)
        yes.setText("&Wiederherstellen")
        confirm.setDefaultButton(yes)
        confirm.buttonClicked.connect(
            lambda button: self._confirmed(version_id) if button is yes else None
        )
        self.confirmation = confirm
        confirm.open()

    def _confirmed(self, version_id: int) -> None:
        self.restore_requested.emit(version_id)
        self.accept()


def describe_version(version: VersionInfo) -> str:
    """Two lines for the list: ``24.11.2026 14:32 · Export`` and the store's summary."""
    return f"{format_date_time(version.created)} · {version.reason.label}\n{version.summary}"
