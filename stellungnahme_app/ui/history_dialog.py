"""Version history of a draft: what happened when and by whom, what changed, names, restore.

The store keeps versions (every ten minutes of editing, on status changes, exports,
take-overs, imports and before a restore). The dialog lists them in a clerk's words
(„Als Word-Dokument ausgegeben“, „Beitrag des Amts für Bildung übernommen“, who), and for
the chosen one shows

* **Änderungen** – the chosen version compared word by word with the draft as it is now
  or with any other version („Vergleichen mit“), in a :class:`ComparisonView`;
* **Vorschau** – the version as the document reads (the editor's :class:`DocumentPreview`).

A version can be given a name („Fassung für den Dezernenten“); „Nur benannte Fassungen“
lists only those. „Änderungen als Word-Dokument …“ writes the draft with its changes since
the chosen version as Word's tracked changes; „Diese Fassung wiederherstellen“ asks the
main window to restore it (:attr:`HistoryDialog.restore_requested`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.german_dates import format_date_time
from stellungnahme_app.model import Draft
from stellungnahme_app.store import VersionInfo
from stellungnahme_app.ui.background import run_in_background
from stellungnahme_app.ui.comparison_view import ComparisonView
from stellungnahme_app.ui.document_preview import DocumentPreview
from stellungnahme_app.ui.editor.file_dialogs import ask_save_path, documents_folder
from stellungnahme_app.ui.error_reporting import show_error
from stellungnahme_app.ui.page_preview import PagePreview, page_true_preview_possible
from stellungnahme_app.workspace import Workspace

VERSION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NOW = "dem jetzigen Stand"


class HistoryDialog(QDialog):
    """Lists the versions of one draft, compares, names, exports the changes, restores."""

    restore_requested = Signal(int)

    def __init__(
        self,
        workspace: Workspace,
        draft_id: int,
        parent: QWidget | None = None,
        *,
        for_changes_export: bool = False,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._draft_id = draft_id
        self._versions: list[VersionInfo] = []
        self._last_folder: Path | None = None
        self.setObjectName("versionen")
        self.setWindowTitle("Versionen – Stellungnahme")
        self.setAccessibleName("Versionen")

        intro = QLabel(
            "Frühere Fassungen dieses Entwurfs. Wählen Sie eine: rechts steht, was sich seitdem "
            "geändert hat (Gestrichenes gelöscht, Unterstrichenes eingefügt). Beim "
            "Wiederherstellen wird der jetzige Stand vorher als Version gesichert."
        )
        if for_changes_export:
            intro.setText(
                "Wählen Sie die Fassung, seit der die Änderungen gezeigt werden sollen, und dann "
                "„Änderungen als Word-Dokument …“: Word zeigt sie als nachverfolgte Änderungen, "
                "die man einzeln annehmen oder ablehnen kann."
            )
        intro.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_list_side())
        splitter.addWidget(self._build_comparison_side())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout.addWidget(splitter, 1)

        self.empty_label = QLabel(
            "Noch keine früheren Fassungen. Das Programm sichert beim Bearbeiten alle zehn "
            "Minuten, bei jedem Export, jeder Übernahme und bei Statusänderungen eine Version."
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        layout.addWidget(self.empty_label, 1, Qt.AlignmentFlag.AlignTop)

        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        layout.addWidget(self.result_label)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = QPushButton("Änderungen als Wo&rd-Dokument …")
        self.export_button.setAccessibleDescription(
            "Speichert den jetzigen Stand als Word-Dokument, in dem die Änderungen seit der "
            "gewählten Fassung als nachverfolgte Änderungen stehen."
        )
        self.restore_button = QPushButton("Diese Fassung &wiederherstellen")
        self.restore_button.setAccessibleDescription(
            "Macht die gewählte Fassung zum aktuellen Stand des Entwurfs."
        )
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.export_changes)
        self.restore_button.clicked.connect(self._restore_selected)
        layout.addWidget(buttons)

        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 170, metrics.height() * 36)
        self.refresh()
        if for_changes_export and self._versions:
            self.export_button.setDefault(True)
            self.export_button.setFocus()
        else:
            self.version_list.setFocus()

    # ------------------------------------------------------------------ building

    def _build_list_side(self) -> QWidget:
        self.version_list = QListWidget()
        self.version_list.setObjectName("versionsliste")
        self.version_list.setAccessibleName("Versionen")
        self.version_list.setAccessibleDescription(
            "Neueste zuerst: Zeitpunkt, was geschah, Nummer, wer, und der Name der Fassung."
        )
        self.version_list.setWordWrap(True)
        self.version_list.setAlternatingRowColors(True)
        self.version_list.currentItemChanged.connect(self._show_selected)
        self.version_list.itemActivated.connect(lambda _item: self._restore_selected())
        list_label = QLabel("&Versionen:")
        list_label.setBuddy(self.version_list)

        self.named_only = QCheckBox("Nur &benannte Fassungen")
        self.named_only.setAccessibleDescription("Zeigt nur Versionen, denen Sie einen Namen gaben")
        self.named_only.toggled.connect(lambda _on: self._fill_list())

        self.name_field = QLineEdit()
        self.name_field.setObjectName("versionsname")
        self.name_field.setAccessibleName("Name der Fassung")
        self.name_field.setPlaceholderText("z. B. Fassung für den Dezernenten")
        self.name_field.setMaxLength(120)
        self.name_field.editingFinished.connect(self.save_name)  # Enter, or leaving the field
        name_label = QLabel("Name der &Fassung:")
        name_label.setBuddy(self.name_field)
        self.name_button = QPushButton("Namen spei&chern")
        self.name_button.setAccessibleDescription(
            "Gibt der gewählten Version diesen Namen; ein leeres Feld entfernt ihn."
        )
        self.name_button.clicked.connect(self.save_name)
        name_row = QHBoxLayout()
        name_row.addWidget(self.name_field, 1)
        name_row.addWidget(self.name_button)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(list_label)
        side_layout.addWidget(self.named_only)
        side_layout.addWidget(self.version_list, 1)
        side_layout.addWidget(name_label)
        side_layout.addLayout(name_row)
        return side

    def _build_comparison_side(self) -> QWidget:
        self.compare_with = QComboBox()
        self.compare_with.setObjectName("vergleichen_mit")
        self.compare_with.setAccessibleName("Vergleichen mit")
        self.compare_with.setAccessibleDescription(
            "Mit welchem Stand die gewählte Version verglichen wird: dem jetzigen oder einer "
            "anderen Version."
        )
        self.compare_with.currentIndexChanged.connect(lambda _index: self._update_comparison())
        compare_label = QLabel("Vergleichen &mit:")
        compare_label.setBuddy(self.compare_with)
        compare_row = QHBoxLayout()
        compare_row.addWidget(compare_label)
        compare_row.addWidget(self.compare_with, 1)

        self.summary_label = QLabel()
        self.summary_label.setObjectName("vergleich_zusammenfassung")
        self.summary_label.setWordWrap(True)

        self.comparison_view = ComparisonView()
        self.preview = DocumentPreview()
        self.preview.setAccessibleName("Vorschau der gewählten Version")
        self.preview.setAccessibleDescription("So liest sich das Dokument in dieser Fassung")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.comparison_view, "Ä&nderungen")
        self.tabs.addTab(self.preview, "V&orschau")
        # The pages as they print, where LibreOffice is there (as in the editor's last step);
        # drawn only while their tab is shown.
        self.page_preview: PagePreview | None = None
        self._previewed: Draft | None = None
        if page_true_preview_possible():
            self.page_preview = PagePreview()
            self.page_preview.unavailable.connect(self._page_preview_unavailable)
            self.tabs.addTab(self.page_preview, "&Seiten")
            self.tabs.currentChanged.connect(lambda _index: self._draw_pages())
        self.tabs.setAccessibleName("Änderungen oder Vorschau")

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addLayout(compare_row)
        side_layout.addWidget(self.summary_label)
        side_layout.addWidget(self.tabs, 1)
        return side

    # ------------------------------------------------------------------ the list

    def refresh(self, select: int | None = None) -> None:
        """Read the versions again; select ``select`` (an id) or the newest."""
        try:
            self._versions = self._workspace.versions(self._draft_id)
        except StellungnahmeError as error:
            show_error(self, error, action="Die Versionen konnten nicht gelesen werden.")
            self._versions = []
        read_only = self._workspace.read_only_reason is not None
        for widget in (self.name_field, self.name_button, self.restore_button):
            widget.setEnabled(bool(self._versions) and not read_only)
        if read_only:
            self.name_field.setToolTip(self._workspace.read_only_reason or "")
        self.export_button.setEnabled(bool(self._versions))
        self.empty_label.setVisible(not self._versions)
        self.splitter.setVisible(bool(self._versions))
        self._fill_compare_with()
        self._fill_list(select)

    def _fill_list(self, select: int | None = None) -> None:
        if select is None:
            select = self.selected_version()
        shown = [v for v in self._versions if v.name or not self.named_only.isChecked()]
        self.version_list.blockSignals(True)
        self.version_list.clear()
        for version in shown:
            item = QListWidgetItem()
            item.setData(VERSION_ID_ROLE, version.id)
            self._describe_item(item, version)
            self.version_list.addItem(item)
        self.version_list.blockSignals(False)
        if self.named_only.isChecked() and not shown:
            self.comparison_view.show_message(
                "Noch keine benannten Fassungen. Wählen Sie eine Version und geben Sie ihr unten "
                "einen Namen, etwa „Fassung für den Dezernenten“."
            )
        rows = [r for r, v in enumerate(shown) if v.id == select]
        if shown:
            self.version_list.setCurrentRow(rows[0] if rows else 0)
        self._show_selected()

    def _show_name(self, renamed: VersionInfo) -> None:
        self._fill_compare_with()
        item = self._item_of(renamed.id)
        if item is None or (self.named_only.isChecked() and not renamed.name):
            self._fill_list()
        else:
            self._describe_item(item, renamed)

    @staticmethod
    def _describe_item(item: QListWidgetItem, version: VersionInfo) -> None:
        item.setText(describe_version(version))
        item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken_version(version))
        item.setToolTip(version.summary)
        font = item.font()
        font.setBold(bool(version.name))
        item.setFont(font)

    def _item_of(self, version_id: int) -> QListWidgetItem | None:
        for row in range(self.version_list.count()):
            item = self.version_list.item(row)
            if item.data(VERSION_ID_ROLE) == version_id:
                return item
        return None

    def _fill_compare_with(self) -> None:
        chosen = self.compare_with.currentData()
        self.compare_with.blockSignals(True)
        self.compare_with.clear()
        self.compare_with.addItem(NOW, None)
        for version in self._versions:
            label = f"Version {version.number} vom {format_date_time(version.created)}"
            label += f" – {version.name or version.what_happened}"
            self.compare_with.addItem(label, version.id)
        index = self.compare_with.findData(chosen) if chosen is not None else 0
        self.compare_with.setCurrentIndex(max(index, 0))
        self.compare_with.blockSignals(False)

    def selected_version(self) -> int | None:
        item = self.version_list.currentItem()
        return None if item is None else int(item.data(VERSION_ID_ROLE))

    def _selected_info(self) -> VersionInfo | None:
        chosen = self.selected_version()
        return next((v for v in self._versions if v.id == chosen), None)

    def _show_selected(self, *_: object) -> None:
        info = self._selected_info()
        has_selection = info is not None
        self.export_button.setEnabled(has_selection)
        self.restore_button.setEnabled(has_selection and self._workspace.read_only_reason is None)
        if info is None:
            self.preview.clear()
            self.name_field.clear()
            self.summary_label.clear()
            if not self.named_only.isChecked():
                self.comparison_view.show_message("Keine Version gewählt.")
            return
        self.name_field.setText(info.name)
        try:
            draft = self._workspace.load_version(info.id)
        except StellungnahmeError as error:
            self.preview.setPlainText(error.message)
        else:
            self.preview.show_draft(draft)
            self._previewed = draft
            self._draw_pages()
        self._update_comparison()

    def _draw_pages(self) -> None:
        page_preview = self.page_preview
        shown = page_preview is not None and self.tabs.currentWidget() is page_preview
        if shown and page_preview is not None and self._previewed is not None:
            page_preview.show_draft(self._previewed)

    def _page_preview_unavailable(self) -> None:
        if self.page_preview is not None:
            self.tabs.removeTab(self.tabs.indexOf(self.page_preview))
            self.page_preview = None

    # ------------------------------------------------------------------ comparing

    def _update_comparison(self) -> None:
        selected = self._selected_info()
        if selected is None:
            return
        other_id = self.compare_with.currentData()
        other = next((v for v in self._versions if v.id == other_id), None)
        older, newer = selected, other
        if other is not None and other.number < selected.number:
            older, newer = other, selected
        to = "zum jetzigen Stand" if newer is None else f"Version {newer.number}"
        try:
            comparison = self._workspace.compare(
                self._draft_id, older.id, None if newer is None else newer.id
            )
        except StellungnahmeError as error:
            self.summary_label.setText(error.message)
            self.comparison_view.show_message(error.message)
            return
        if newer is not None and newer.id == older.id:
            heading = f"Version {older.number} mit sich selbst"
        else:
            heading = f"Von Version {older.number} ({format_date_time(older.created)}) bis {to}"
        self.summary_label.setText(f"{heading}: {comparison.summary()}")
        self.summary_label.setAccessibleName(self.summary_label.text())
        self.comparison_view.show_comparison(comparison)

    # ------------------------------------------------------------------ naming

    def save_name(self) -> None:
        """Give the chosen version the name in the field (an empty field removes it)."""
        info = self._selected_info()
        if info is None:
            return
        name = " ".join(self.name_field.text().split())
        if name == info.name:
            return
        try:
            renamed = self._workspace.name_version(info.id, name)
        except StellungnahmeError as error:
            show_error(self, error, action="Der Name der Fassung konnte nicht gespeichert werden.")
            return
        self._versions = [renamed if v.id == renamed.id else v for v in self._versions]
        # Shown once the event that ended the typing is done: when the clerk clicked another
        # version, the list must not grow under the mouse before the click has chosen it.
        QTimer.singleShot(0, self, lambda: self._show_name(renamed))
        said = f"Version {info.number} heißt jetzt „{name}“." if name else "Name entfernt."
        self._tell(said)

    # ------------------------------------------------------------------ exporting

    def export_changes(self) -> None:
        """Ask for a file name, then write the changes since the chosen version."""
        info = self._selected_info()
        if info is None:
            return
        try:
            title = self._workspace.open_draft(self._draft_id).draft
        except StellungnahmeError as error:
            show_error(self, error, action="Der Entwurf konnte nicht gelesen werden.")
            return
        from stellungnahme_app import export

        name = export.default_file_name(title, ".docx", draft_mode=True)
        name = name.removesuffix(".docx") + f"_Änderungen_seit_Version_{info.number}.docx"
        ask_save_path(
            self,
            title="Änderungen als Word-Dokument speichern",
            folder=self._last_folder or documents_folder(),
            file_name=name,
            name_filter="Word-Dokument (*.docx)",
            on_chosen=lambda path: self.write_changes(path, info),
        )

    def write_changes(self, target: Path, since: VersionInfo) -> None:
        """Write the changes since ``since`` to ``target`` in the background (no dialog)."""
        if target.suffix.casefold() != ".docx":
            target = target.with_name(target.name + ".docx")
        self._last_folder = target.parent
        self.export_button.setEnabled(False)
        workspace, draft_id = self._workspace, self._draft_id

        def work() -> Path:
            return workspace.export_stored(
                draft_id, target, draft_mode=True, changes_since=since.id
            )

        def done(written: Path) -> None:
            self.refresh(select=since.id)
            self._tell(
                f"Gespeichert: {written} – mit den Änderungen seit Version {since.number} als "
                "nachverfolgte Änderungen."
            )

        def failed(error: BaseException) -> None:
            self.export_button.setEnabled(True)
            show_error(self, error, action="Das Word-Dokument konnte nicht geschrieben werden.")

        run_in_background(
            self, work, busy_text="Word-Dokument wird geschrieben …", on_success=done,
            on_error=failed,
        )  # fmt: skip

    def _tell(self, text: str) -> None:
        self.result_label.setText(text)
        self.result_label.setAccessibleName(text)
        self.result_label.show()

    # ------------------------------------------------------------------ restoring

    def _restore_selected(self) -> None:
        info = self._selected_info()
        if info is None:
            return
        confirm = QMessageBox(self)
        confirm.setObjectName("wiederherstellen_bestaetigen")
        confirm.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        confirm.setIcon(QMessageBox.Icon.Question)
        confirm.setWindowTitle("Fassung wiederherstellen")
        confirm.setText(
            f"Die Fassung vom {format_date_time(info.created)} (Version {info.number}) "
            "wiederherstellen?"
        )
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
            lambda button: self._confirmed(info.id) if button is yes else None
        )
        self.confirmation = confirm
        confirm.open()

    def _confirmed(self, version_id: int) -> None:
        self.restore_requested.emit(version_id)
        self.accept()


def describe_version(version: VersionInfo) -> str:
    """Two lines for the list (naming a version does not make its entry taller)::

    24.11.2026 14:32 · Als Word-Dokument ausgegeben
    Version 3 · mmueller · „Fassung für den Dezernenten“
    """
    first = f"{format_date_time(version.created)} · {version.what_happened}"
    name = f"„{version.name}“" if version.name else ""
    second = " · ".join(p for p in (f"Version {version.number}", version.author, name) if p)
    return f"{first}\n{second}"


def spoken_version(version: VersionInfo) -> str:
    """``Version 3 vom 24.11.2026 14:32: Als Word-Dokument ausgegeben, von mmueller, Name: …``."""
    said = f"Version {version.number} vom {format_date_time(version.created)}: "
    said += version.what_happened
    if version.author:
        said += f", von {version.author}"
    if version.name:
        said += f", Name: {version.name}"
    return said
