"""The main window: the drafts overview and the editor of the open draft, menus and status bar.

The window owns the store handle and the :class:`DraftSession` of the open draft. It turns
the overview's requests into store calls (new, duplicate, delete with undo, import, export),
saves the open draft automatically through the session and shows „Gespeichert 14:32“ in
the status bar, resolves save conflicts with the user, and remembers its size, position and
the last open draft in ``fenster.ini`` in the data folder. A new draft the author leaves
without entering anything is removed again (like an unused new document), not kept empty.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app import __version__, exchange, paths
from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.model import Draft, Signature
from stellungnahme_app.settings import LoadedSettings, Settings, load_settings
from stellungnahme_app.store import ConflictError, DraftNotFound, Store, StoredDraft, VersionReason
from stellungnahme_app.ui.background import run_in_background, running_jobs
from stellungnahme_app.ui.conflict_dialog import ConflictChoice, ConflictDialog
from stellungnahme_app.ui.draft_session import DraftSession
from stellungnahme_app.ui.error_reporting import show_error, show_notice
from stellungnahme_app.ui.overview_page import OverviewPage

if TYPE_CHECKING:  # imported when the first draft is opened, after the window is painted
    from stellungnahme_app.textbausteine import Textbaustein
    from stellungnahme_app.ui.editor.draft_metadata import DraftMetadata
    from stellungnahme_app.ui.editor.editor_widget import DraftEditor

log = logging.getLogger(__name__)

WINDOW_STATE_FILE = "fenster.ini"
UNDO_DELETE_TIMEOUT_MS = 20_000
APP_TITLE = "Stellungnahme"


def window_settings() -> QSettings:
    """Window geometry and the last open draft, kept in the data folder (never the registry)."""
    return QSettings(str(paths.data_dir() / WINDOW_STATE_FILE), QSettings.Format.IniFormat)


def app_icon() -> QIcon:
    try:
        icon_file = paths.resources_dir() / "stellungnahme.png"
    except FileNotFoundError:
        return QIcon()
    return QIcon(str(icon_file)) if icon_file.is_file() else QIcon()


class MainWindow(QMainWindow):
    """Overview and editor in one window; see the module docstring."""

    imported = Signal(list)  # ids of the drafts an import added (possibly none)

    def __init__(
        self,
        store: Store,
        settings: Settings,
        textbausteine: Sequence[Textbaustein] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("hauptfenster")
        self.store = store
        self.settings = settings
        # None: read from the settings' folder when the editor is first needed.
        self.textbausteine: list[Textbaustein] | None = (
            None if textbausteine is None else list(textbausteine)
        )
        self.session: DraftSession | None = None
        self.editor: DraftEditor | None = None
        self._conflict_dialog: ConflictDialog | None = None
        self._deleted_id: int | None = None
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.setAccessibleName("Stellungnahme")

        self.overview = OverviewPage(store)
        self.overview.open_requested.connect(self.open_draft)
        self.overview.new_requested.connect(self.new_draft)
        self.overview.duplicate_requested.connect(self.duplicate_draft)
        self.overview.delete_requested.connect(self.delete_draft)
        self.overview.import_requested.connect(self.choose_import_files)
        self.overview.export_requested.connect(self.choose_export_file)
        self.overview.trash_requested.connect(self.show_trash)

        self.editor_page = QWidget()
        self.editor_page.setObjectName("editorseite")
        self._editor_layout = QVBoxLayout(self.editor_page)
        self._editor_layout.setContentsMargins(0, 0, 0, 0)
        self._build_editor_header()

        self.pages = QStackedWidget()
        self.pages.addWidget(self.overview)
        self.pages.addWidget(self.editor_page)
        self.setCentralWidget(self.pages)

        self._build_status_bar()
        self._build_actions()
        self._build_menus()
        self._update_actions()
        self._update_title()
        self.resize(*self._default_size())
        self.overview.refresh()

    # ------------------------------------------------------------------ building

    def _default_size(self) -> tuple[int, int]:
        """Room for the table and the editor: most of the screen, never more than 90 %."""
        metrics = self.fontMetrics()
        width, height = metrics.averageCharWidth() * 140, metrics.height() * 42
        screen = self.screen()
        if screen is not None:
            available = screen.availableGeometry()
            width = max(width, available.width() * 3 // 4)
            height = max(height, available.height() * 3 // 4)
            width = min(width, available.width() * 9 // 10)
            height = min(height, available.height() * 9 // 10)
        return width, height

    def _build_editor_header(self) -> None:
        header = QHBoxLayout()
        header.setContentsMargins(9, 6, 9, 0)
        self.back_button = QPushButton("Zur &Übersicht")
        self.back_button.setObjectName("zur_uebersicht")
        self.back_button.setToolTip("Zurück zur Liste aller Entwürfe (Alt+Pos1)")
        self.back_button.setAccessibleDescription(self.back_button.toolTip())
        self.back_button.clicked.connect(self.show_overview)
        self.draft_title_label = QLabel()
        self.draft_title_label.setObjectName("entwurfstitel")
        font = QFont(self.draft_title_label.font())
        font.setBold(True)
        self.draft_title_label.setFont(font)
        self.draft_title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.history_button = QPushButton("&Versionen …")
        self.history_button.setObjectName("versionen")
        self.history_button.setToolTip("Frühere Fassungen dieses Entwurfs ansehen und zurückholen")
        self.history_button.setAccessibleDescription(self.history_button.toolTip())
        self.history_button.clicked.connect(self.show_history)
        header.addWidget(self.back_button)
        header.addWidget(self.draft_title_label, 1)
        header.addWidget(self.history_button)
        self._editor_layout.addLayout(header)

        self.elsewhere_banner = QLabel(
            "Dieser Entwurf ist auch in einem anderen Fenster oder einer zweiten "
            "Programmsitzung geöffnet. Bearbeiten Sie ihn möglichst nur an einer Stelle: "
            "Speichern beide, fragt das Programm nach, statt etwas zu überschreiben."
        )
        self.elsewhere_banner.setObjectName("hinweis_anderswo_geoeffnet")
        self.elsewhere_banner.setWordWrap(True)
        self.elsewhere_banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.elsewhere_banner.setMargin(6)
        self.elsewhere_banner.setAccessibleName("Hinweis")
        self.elsewhere_banner.hide()
        banner_row = QHBoxLayout()
        banner_row.setContentsMargins(9, 0, 9, 0)
        banner_row.addWidget(self.elsewhere_banner)
        self._editor_layout.addLayout(banner_row)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.save_label = QLabel()
        self.save_label.setObjectName("speicherstand")
        self.save_label.setAccessibleName("Speicherstand")
        bar.addPermanentWidget(self.save_label)
        self.undo_label = QLabel()
        self.undo_label.setObjectName("loeschen_hinweis")
        self.undo_label.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_label.hide()
        bar.addWidget(self.undo_label)
        self.undo_delete_button = QPushButton("Löschen &rückgängig")
        self.undo_delete_button.setObjectName("loeschen_rueckgaengig")
        self.undo_delete_button.setAccessibleDescription(
            "Holt den eben gelöschten Entwurf aus dem Papierkorb zurück."
        )
        self.undo_delete_button.clicked.connect(self.undo_delete)
        self.undo_delete_button.hide()
        bar.addWidget(self.undo_delete_button)
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_DELETE_TIMEOUT_MS)
        self._undo_timer.timeout.connect(self._forget_undo)

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.action_new = self._action(
            "&Neue Stellungnahme", self.new_draft, QKeySequence.StandardKey.New,
            "Eine neue, leere Stellungnahme anlegen",
        )  # fmt: skip
        self.action_import = self._action(
            "&Importieren …", self.choose_import_files, "Ctrl+I",
            "Eine Datei im Format stellungnahme/1 als neuen Entwurf übernehmen",
        )  # fmt: skip
        self.action_export_file = self._action(
            "Als &Austauschdatei speichern …", self.choose_export_file, "Ctrl+Shift+S",
            "Den Entwurf als Datei (stellungnahme/1) speichern, z. B. für ein anderes Amt",
        )  # fmt: skip
        self.action_export = self._action(
            "Prüfen und e&xportieren", self.show_export_step, "Ctrl+E",
            "Zum letzten Schritt: Befunde, Vorschau und Ausgabe als Word oder PDF",
        )  # fmt: skip
        self.action_save = self._action(
            "&Speichern", self.save_now, QKeySequence.StandardKey.Save,
            "Sofort speichern (das Programm speichert ohnehin laufend)",
        )  # fmt: skip
        self.action_history = self._action(
            "&Versionen …", self.show_history, "Ctrl+Shift+H",
            "Frühere Fassungen des Entwurfs ansehen und zurückholen",
        )  # fmt: skip
        self.action_undo_delete = self._action(
            "Löschen &rückgängig", self.undo_delete, QKeySequence.StandardKey.Undo,
            "Den eben gelöschten Entwurf aus dem Papierkorb zurückholen",
        )  # fmt: skip
        self.action_undo_delete.setEnabled(False)
        self.action_trash = self._action(
            "&Papierkorb …", self.show_trash, None, "Gelöschte Entwürfe ansehen und zurückholen"
        )
        self.action_quit = self._action("&Beenden", self.close, QKeySequence.StandardKey.Quit)
        self.action_overview = self._action(
            "Zur &Übersicht", self.show_overview, "Alt+Home", "Die Liste aller Entwürfe zeigen"
        )
        self.action_search = self._action(
            "&Suchen", self.focus_search, QKeySequence.StandardKey.Find,
            "In allen Entwürfen suchen",
        )  # fmt: skip
        # The editor owns Alt+Left/Alt+Right (a second binding here would make them
        # ambiguous); the menu only names them.
        self.action_previous_step = self._action(
            "&Vorheriger Schritt\tAlt+Links", self.previous_step
        )
        self.action_next_step = self._action("&Nächster Schritt\tAlt+Rechts", self.next_step)
        self.action_settings = self._action(
            "&Einstellungen …", self.show_settings, None,
            "Voreinstellungen, Word-Vorlage und Textbausteine wählen",
        )  # fmt: skip
        self.action_backups = self._action(
            "Daten&sicherungen …", self.show_backups, None,
            "Sicherungen aller Entwürfe ansehen, jetzt sichern oder eine Sicherung zurückholen",
        )  # fmt: skip
        self.action_data_folder = self._action(
            "&Datenordner öffnen", self.open_data_folder, None,
            "Den Ordner mit Datenbank, Sicherungen und Protokoll öffnen",
        )  # fmt: skip
        self.action_about = self._action("Über &Stellungnahme", self.show_about)

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu("&Datei")
        file_menu.addAction(self.action_new)
        file_menu.addAction(self.action_import)
        file_menu.addAction(self.action_export_file)
        file_menu.addSeparator()
        file_menu.addAction(self.action_save)
        file_menu.addAction(self.action_history)
        file_menu.addAction(self.action_export)
        file_menu.addSeparator()
        file_menu.addAction(self.action_undo_delete)
        file_menu.addAction(self.action_trash)
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)
        view_menu = menu_bar.addMenu("&Ansicht")
        view_menu.addAction(self.action_overview)
        view_menu.addAction(self.action_search)
        view_menu.addSeparator()
        view_menu.addAction(self.action_previous_step)
        view_menu.addAction(self.action_next_step)
        extras_menu = menu_bar.addMenu("E&xtras")
        extras_menu.addAction(self.action_settings)
        extras_menu.addAction(self.action_backups)
        extras_menu.addAction(self.action_data_folder)
        help_menu = menu_bar.addMenu("&Hilfe")
        help_menu.addAction(self.action_about)

    # ------------------------------------------------------------------ state

    def is_editing(self) -> bool:
        return self.pages.currentWidget() is self.editor_page and self.session is not None

    def _update_actions(self) -> None:
        editing = self.is_editing()
        self.save_label.setVisible(editing)
        for action in (
            self.action_save,
            self.action_history,
            self.action_previous_step,
            self.action_next_step,
        ):
            action.setEnabled(editing)
        self.action_overview.setEnabled(editing)
        # In the editor Ctrl+Z belongs to the text fields, never to an earlier delete.
        self.action_undo_delete.setEnabled(not editing and self._deleted_id is not None)

    def _update_title(self) -> None:
        if self.is_editing() and self.editor is not None:
            title = self.editor.draft().display_title
            self.draft_title_label.setText(title)
            self.setWindowTitle(f"{title} – {APP_TITLE}")
        else:
            self.setWindowTitle(f"Übersicht – {APP_TITLE}")

    def load_textbausteine(self) -> list[Textbaustein]:
        """The Textbausteine for the editor, read once; problems reach the user as a notice."""
        if self.textbausteine is None:
            self.textbausteine, problems = load_textbausteine_reporting(self.settings)
            if problems:
                show_notice(
                    self,
                    "Einige Textbausteine konnten nicht gelesen werden; die übrigen stehen "
                    "zur Verfügung.",
                    details="\n\n".join(problems),
                )
        return self.textbausteine

    def _ensure_editor(self) -> DraftEditor:
        if self.editor is None:
            from stellungnahme_app.ui.editor.editor_widget import DraftEditor

            self.editor = DraftEditor(self.settings, self.load_textbausteine())
            self.editor.setObjectName("editor")
            self.editor.changed.connect(self._editor_changed)
            self.editor.export_done.connect(self._export_done)
            self._editor_layout.addWidget(self.editor, 1)
        return self.editor

    # ------------------------------------------------------------------ opening and closing

    def open_draft(self, draft_id: int, *, step: int | None = None) -> bool:
        """Show the draft in the editor (saving the one open before); False if it failed."""
        if self.session is not None and self.session.draft_id == draft_id:
            self.elsewhere_banner.setVisible(self.session.check_elsewhere())
            self._show_editor_page()
            if step is not None and self.editor is not None:
                self.editor.set_current_step(step)
            return True
        if not self.close_session():
            return False
        try:
            stored = self.store.load(draft_id)
        except StellungnahmeError as error:
            show_error(self, error, action="Der Entwurf konnte nicht geöffnet werden.")
            self.overview.refresh()
            return False
        self._start_session(stored)
        if step is not None and self.editor is not None:
            self.editor.set_current_step(step)
        return True

    def _start_session(self, stored: StoredDraft) -> None:
        editor = self._ensure_editor()
        editor.set_draft(stored.draft, metadata=metadata_of(stored))
        session = DraftSession(self.store, stored, editor, self)
        session.saved.connect(self._saved)
        session.save_failed.connect(self._save_failed)
        session.conflict.connect(self._conflict)
        session.vanished.connect(self._vanished)
        self.session = session
        self.elsewhere_banner.setVisible(session.opened_elsewhere)
        self.save_label.setText(f"Gespeichert {stored.changed.astimezone():%H:%M}")
        self._show_editor_page()

    def _show_editor_page(self) -> None:
        self.pages.setCurrentWidget(self.editor_page)
        self._update_actions()
        self._update_title()
        if self.editor is not None:
            self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def close_session(self, *, discard_unused: bool = True) -> bool:
        """Save and close the open draft; False (and the draft stays open) if saving failed.

        A new draft nothing was entered into is removed for good instead (unless
        ``discard_unused`` is False).
        """
        session = self.session
        if session is None:
            return True
        discarded = discard_unused and self._discard_if_unused(session)
        if not discarded and not session.save_now() and session.has_unsaved_changes():
            if session.suspended:
                # An unresolved conflict: keep this window's text as a copy, never overwrite.
                self._keep_as_copy(session, reopen=False)
            else:
                return False
        session.close()
        session.deleteLater()
        self.session = None
        self.elsewhere_banner.hide()
        return True

    def _discard_if_unused(self, session: DraftSession) -> bool:
        """Remove the session's draft for good if it is new and unused; True if removed."""
        if not session.is_unused():
            return False
        try:
            return self.store.discard_unused(session.draft_id, revision=session.stored.revision)
        except StellungnahmeError:
            log.warning("Unbenutzter Entwurf %s nicht verworfen", session.draft_id, exc_info=True)
            return False

    def show_overview(self) -> None:
        if self.session is not None and self.session.is_unused():
            self.close_session()
        if self.session is not None:
            self.session.save_now()
        self.pages.setCurrentWidget(self.overview)
        self.overview.refresh()
        if self.session is not None:
            self.overview.select_draft(self.session.draft_id)
        self._update_actions()
        self._update_title()
        self.overview.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ saving

    def save_now(self) -> None:
        if self.session is None:
            return
        if self.session.save_now():
            self.statusBar().showMessage("Gespeichert.", 3000)

    def _editor_changed(self) -> None:
        if self.session is None:
            return
        self.session.mark_changed()
        self.save_label.setText("Änderungen werden gespeichert …")
        self._update_title()

    def _saved(self, when: dt.datetime) -> None:
        self.save_label.setText(f"Gespeichert {when:%H:%M}")

    def _save_failed(self, error: BaseException) -> None:
        self.save_label.setText("Nicht gespeichert – neuer Versuch folgt")
        show_error(self, error, action="Der Entwurf konnte nicht gespeichert werden.")

    def _export_done(self, path: Path, draft_mode: bool) -> None:
        if self.session is None:
            return
        self.session.save_now()
        try:
            self.store.keep_version(self.session.draft_id, VersionReason.EXPORT)
        except StellungnahmeError as error:
            show_error(
                self, error, action="Die exportierte Fassung wurde nicht als Version vermerkt."
            )
        kind = "Entwurf" if draft_mode else "Dokument"
        self.statusBar().showMessage(f"{kind} gespeichert: {path}", 10_000)

    # ------------------------------------------------------------------ conflicts

    def _conflict(self, error: ConflictError) -> None:
        self.save_label.setText("Nicht gespeichert – Konflikt")
        if self._conflict_dialog is not None and self._conflict_dialog.isVisible():
            return
        dialog = ConflictDialog(error, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(self._resolve_conflict)
        self._conflict_dialog = dialog
        dialog.open()

    def _resolve_conflict(self, choice: ConflictChoice) -> None:
        session = self.session
        dialog = self._conflict_dialog
        self._conflict_dialog = None
        if session is None or dialog is None:
            return
        if choice is ConflictChoice.RELOAD:
            try:
                current = self.store.load(session.draft_id)
            except DraftNotFound:
                current = dialog.error.current
            except StellungnahmeError as error:
                show_error(self, error, action="Der andere Stand konnte nicht geladen werden.")
                return
            session.adopt(current)
            assert self.editor is not None
            self.editor.set_draft(
                current.draft,
                metadata=metadata_of(current),
            )
            self._update_title()
            self.save_label.setText("Anderen Stand geladen")
        else:
            self._keep_as_copy(session, reopen=True)

    def _vanished(self, error: DraftNotFound) -> None:
        """The draft was deleted for good elsewhere: keep this window's text as a new draft."""
        session = self.session
        if session is None:
            return
        self._keep_as_copy(session, reopen=True)
        show_notice(
            self,
            "Der Entwurf war inzwischen an anderer Stelle endgültig gelöscht worden.",
            details="Ihre Fassung ist als neuer Entwurf gespeichert; es ging nichts verloren.",
        )

    def _keep_as_copy(self, session: DraftSession, *, reopen: bool) -> None:
        assert self.editor is not None
        metadata = self.editor.metadata()
        try:
            copy = self.store.create(
                self.editor.draft().copy(), status=metadata.status, deadline=metadata.deadline
            )
        except StellungnahmeError as error:
            show_error(
                self, error, action="Ihre Fassung konnte nicht als Kopie gespeichert werden."
            )
            return
        self.statusBar().showMessage(
            "Ihre Fassung ist als neuer Entwurf gespeichert; der andere Stand bleibt erhalten.",
            15_000,
        )
        if reopen:
            session.close()
            session.deleteLater()
            self.session = None
            self._start_session(copy)

    # ------------------------------------------------------------------ overview actions

    def new_draft(self) -> None:
        settings = self.settings
        draft = Draft(
            city=settings.city,
            department=settings.default_department,
            signature=Signature(name=settings.default_signatory),
        )
        try:
            stored = self.store.create(draft)
        except StellungnahmeError as error:
            show_error(self, error, action="Die neue Stellungnahme konnte nicht angelegt werden.")
            return
        if self.open_draft(stored.id, step=0):
            assert self.session is not None
            self.session.mark_as_new()
            self.statusBar().showMessage("Neue Stellungnahme angelegt.", 5000)

    def duplicate_draft(self, draft_id: int) -> None:
        if self.session is not None and self.session.draft_id == draft_id:
            self.session.save_now()
        try:
            copy = self.store.duplicate(draft_id)
        except StellungnahmeError as error:
            show_error(self, error, action="Der Entwurf konnte nicht dupliziert werden.")
            return
        self.overview.refresh()
        self.overview.select_draft(copy.id)
        self.statusBar().showMessage(
            f"Kopie angelegt: {copy.draft.display_title}. Sie steht in der Liste oben.", 8000
        )

    def delete_draft(self, draft_id: int) -> None:
        """Move the draft to the trash; the status bar offers to undo it."""
        open_here = self.session is not None and self.session.draft_id == draft_id
        if open_here and not self.close_session(discard_unused=False):
            return
        try:
            title = self.store.load(draft_id).draft.display_title
            self.store.delete(draft_id)
        except StellungnahmeError as error:
            show_error(self, error, action="Der Entwurf konnte nicht gelöscht werden.")
            return
        self.overview.refresh()
        self._deleted_id = draft_id
        self.statusBar().clearMessage()  # a temporary message would hide the undo button
        self.undo_label.setText(f"„{title}“ liegt im Papierkorb.")
        self.undo_label.show()
        self.undo_delete_button.show()
        self._update_actions()
        self._undo_timer.start()

    def undo_delete(self) -> None:
        draft_id = self._deleted_id
        self._forget_undo()
        if draft_id is None:
            return
        try:
            self.store.restore_from_trash(draft_id)
        except StellungnahmeError as error:
            show_error(self, error, action="Der Entwurf konnte nicht zurückgeholt werden.")
            return
        self.statusBar().showMessage("Entwurf wiederhergestellt.", 5000)
        self.overview.refresh()
        self.overview.select_draft(draft_id)

    def _forget_undo(self) -> None:
        self._deleted_id = None
        self._undo_timer.stop()
        self.undo_label.hide()
        self.undo_delete_button.hide()
        self._update_actions()

    def choose_import_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            "Stellungnahme importieren",
            str(Path.home()),
            "Stellungnahme-Dateien (*.json);;Alle Dateien (*)",
        )
        if files:
            self.import_files([Path(f) for f in files])

    def import_files(self, files: Sequence[Path]) -> None:
        """Add each ``stellungnahme/1`` file as a new draft.

        The files are read and checked on a worker thread (a file may be large); the drafts
        are added when all are read, and :attr:`imported` names them.
        """
        files = list(files)
        if not files:
            return

        def read_all() -> list[tuple[Path, Draft | StellungnahmeError]]:
            results: list[tuple[Path, Draft | StellungnahmeError]] = []
            for file in files:
                try:
                    results.append((file, exchange.read_file(file)))
                except StellungnahmeError as error:
                    results.append((file, error))
            return results

        busy = "Datei wird eingelesen …" if len(files) == 1 else "Dateien werden eingelesen …"
        run_in_background(self, read_all, busy_text=busy, on_success=self._add_imported)

    def _add_imported(self, results: list[tuple[Path, Draft | StellungnahmeError]]) -> list[int]:
        added: list[int] = []
        failures: list[tuple[Path, StellungnahmeError]] = []
        for file, result in results:
            try:
                if isinstance(result, StellungnahmeError):
                    raise result
                stored = self.store.create(result)
                self.store.keep_version(stored.id, VersionReason.IMPORT)
            except StellungnahmeError as error:
                failures.append((file, error))
                continue
            added.append(stored.id)
        if len(failures) == 1:
            file, error = failures[0]
            show_error(self, error, action=f"„{file.name}“ konnte nicht importiert werden.")
        elif failures:
            details = "\n\n".join(f"„{f.name}“: {e.message}" for f, e in failures)
            show_error(
                self,
                StellungnahmeError(details),
                action=f"{len(failures)} Dateien konnten nicht importiert werden.",
            )
        if added:
            if self.is_editing():
                self.show_overview()
            self.overview.refresh()
            self.overview.select_draft(added[-1])
            count = "Ein Entwurf" if len(added) == 1 else f"{len(added)} Entwürfe"
            self.statusBar().showMessage(f"{count} importiert.", 8000)
        self.imported.emit(added)
        return added

    def choose_export_file(self, draft_id: int | None = None) -> None:
        """Save a draft as a ``stellungnahme/1`` file the user names."""
        if draft_id is None:
            draft_id = self.session.draft_id if self.is_editing() and self.session else None
            draft_id = draft_id if draft_id is not None else self.overview.selected_id()
        if draft_id is None:
            return
        if self.session is not None and self.session.draft_id == draft_id:
            self.session.save_now()
        try:
            draft = self.store.load(draft_id).draft
        except StellungnahmeError as error:
            show_error(self, error, action="Der Entwurf konnte nicht gelesen werden.")
            return
        suggestion = Path.home() / exchange_file_name(draft)
        target, _ = QFileDialog.getSaveFileName(
            self, "Als Austauschdatei speichern", str(suggestion), "Stellungnahme-Datei (*.json)"
        )
        if target:
            self.export_file(draft_id, Path(target))

    def export_file(self, draft_id: int, target: Path) -> bool:
        if target.suffix.casefold() != exchange.FILE_SUFFIX:
            target = target.with_name(target.name + exchange.FILE_SUFFIX)
        try:
            exchange.write_file(self.store.load(draft_id).draft, target)
        except StellungnahmeError as error:
            show_error(self, error, action="Die Datei konnte nicht gespeichert werden.")
            return False
        self.statusBar().showMessage(f"Gespeichert: {target}", 10_000)
        return True

    # ------------------------------------------------------------------ dialogs

    def show_trash(self) -> None:
        from stellungnahme_app.ui.trash_dialog import TrashDialog

        dialog = TrashDialog(self.store, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(self._restored_from_trash)
        dialog.open()

    def _restored_from_trash(self, draft_id: int) -> None:
        self._forget_undo()
        if self.is_editing():
            self.show_overview()
        self.overview.refresh()
        self.overview.select_draft(draft_id)

    def show_history(self) -> None:
        if self.session is None:
            return
        from stellungnahme_app.ui.history_dialog import HistoryDialog

        self.session.save_now()
        dialog = HistoryDialog(self.store, self.session.draft_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_requested.connect(self.restore_version)
        dialog.open()

    def restore_version(self, version_id: int) -> bool:
        """Make an older version the current state of the open draft."""
        session = self.session
        if session is None or self.editor is None:
            return False
        if not session.save_now() and session.has_unsaved_changes():
            return False
        try:
            stored = self.store.restore_version(version_id)
        except StellungnahmeError as error:
            show_error(self, error, action="Die Version konnte nicht wiederhergestellt werden.")
            return False
        session.adopt(stored)
        self.editor.set_draft(stored.draft, metadata=metadata_of(stored))
        self._update_title()
        self.statusBar().showMessage(
            "Frühere Fassung wiederhergestellt. Der Stand davor ist als Version gesichert.", 10_000
        )
        return True

    def show_backups(self) -> None:
        from stellungnahme_app.ui.backup_dialog import BackupDialog

        dialog = BackupDialog(self.store, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_requested.connect(
            lambda name: dialog.accept() if self.restore_backup(name, asking=dialog) else None
        )
        dialog.open()

    def restore_backup(self, name: str, *, asking: QWidget | None = None) -> bool:
        """Replace all drafts with the backup ``name``; False (nothing changed) if refused.

        The open draft is saved and closed first; if the restore fails, it is opened again
        where it was. Errors are shown over ``asking`` (the dialog that asked), else over
        the window.
        """
        draft_id = self.session.draft_id if self.session is not None else None
        step = self.editor.current_step() if self.editor is not None else None
        editing = self.is_editing()
        if not self.close_session():
            return False
        self._forget_undo()
        try:
            self.store.restore_backup(name)
        except StellungnahmeError as error:
            show_error(
                asking or self, error, action="Die Sicherung konnte nicht wiederhergestellt werden."
            )
            if draft_id is not None and editing:
                self.reopen_last_draft(draft_id, step=step)
            return False
        self.show_overview()
        show_notice(
            self,
            "Die Sicherung ist wiederhergestellt; die Liste zeigt die Entwürfe von damals.",
            details=(
                "Der Stand davor ist nicht gelöscht: Die bisherige Datenbank liegt in "
                f"„{self.store.previous_database}“. Die IT kann sie bei Bedarf zurückholen."
            ),
        )
        return True

    def show_settings(self) -> None:
        from stellungnahme_app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.settings_saved.connect(self.reload_settings)
        dialog.open()

    def reload_settings(self) -> None:
        """Read the settings again; the editor is rebuilt with them."""
        loaded: LoadedSettings = load_settings()
        self.settings = loaded.settings
        self.textbausteine, textbaustein_problems = load_textbausteine_reporting(self.settings)
        problems = loaded.problems + textbaustein_problems
        if problems:
            show_notice(
                self,
                "Einige Einstellungen oder Textbausteine konnten nicht gelesen werden.",
                details="\n\n".join(problems),
            )
        if self.editor is None:
            return
        draft_id = self.session.draft_id if self.session else None
        unused = self.session is not None and self.session.is_unused()
        step = self.editor.current_step()
        editing = self.is_editing()
        if not self.close_session(discard_unused=False):
            return
        self._editor_layout.removeWidget(self.editor)
        self.editor.deleteLater()
        self.editor = None
        if draft_id is not None and self.open_draft(draft_id, step=step):
            if unused and self.session is not None:
                self.session.mark_as_new()
            if not editing:
                self.show_overview()

    def show_export_step(self) -> None:
        if not self.is_editing():
            draft_id = self.overview.selected_id()
            if draft_id is None or not self.open_draft(draft_id):
                return
        assert self.editor is not None
        self.editor.show_export_step()

    def focus_search(self) -> None:
        if self.is_editing():
            self.show_overview()
        self.overview.focus_search()

    def previous_step(self) -> None:
        if self.is_editing() and self.editor is not None:
            self.editor.previous_step()

    def next_step(self) -> None:
        if self.is_editing() and self.editor is not None:
            self.editor.next_step()

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.data_dir())))

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("Über Stellungnahme")
        box.setText(f"Stellungnahme {__version__}")
        box.setInformativeText(
            "Entwürfe von Stellungnahmen der Stadtverwaltung zu Drucksachen des Stadtrats.\n\n"
            f"Datenordner: {paths.data_dir()}\nDatenbank: {self.store.path}"
        )
        box.setAccessibleName("Über Stellungnahme")
        box.open()

    # ------------------------------------------------------------------ start and end

    def restore_window_state(self) -> int | None:
        """Size and position as last time; returns the draft that was open then, if any."""
        stored = window_settings()
        geometry = stored.value("fenster/geometrie")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = stored.value("fenster/zustand")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        last = stored.value("entwurf/zuletzt")
        try:
            return int(last) if last not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def last_step(self) -> int | None:
        value = window_settings().value("entwurf/schritt")
        try:
            return int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def reopen_last_draft(self, draft_id: int | None, *, step: int | None = None) -> None:
        """Open the draft that was open before (when the window was last closed, or before a
        restore failed) at ``step`` (default: the remembered one), if it still exists."""
        if draft_id is None:
            return
        try:
            stored = self.store.load(draft_id)
        except StellungnahmeError:
            return
        if stored.deleted is not None:
            return
        self.open_draft(draft_id, step=self.last_step() if step is None else step)

    def save_window_state(self) -> None:
        stored = window_settings()
        stored.setValue("fenster/geometrie", self.saveGeometry())
        stored.setValue("fenster/zustand", self.saveState())
        session = self.session
        if (
            self.is_editing()
            and session is not None
            and self.editor is not None
            and not session.is_unused()  # it is removed when the window closes
        ):
            stored.setValue("entwurf/zuletzt", session.draft_id)
            stored.setValue("entwurf/schritt", self.editor.current_step())
        else:
            stored.remove("entwurf/zuletzt")
            stored.remove("entwurf/schritt")
        stored.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if running_jobs() and not self._confirm_close_while_busy():
            event.ignore()
            return
        self.save_window_state()
        session = self.session
        if session is not None and self.editor is not None:
            self.editor.flush_pending_edits()
        if not self.close_session():
            if not self._confirm_close_unsaved():
                event.ignore()
                return
            assert self.session is not None
            self.session.close()
            self.session = None
        event.accept()

    def _confirm_close_while_busy(self) -> bool:
        """Work runs in the background (a PDF being made): ask before dropping its result."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Stellungnahme – noch beschäftigt",
            "Im Hintergrund wird noch gearbeitet (z. B. eine PDF-Datei erstellt).",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(
            "Wenn Sie jetzt schließen, wird das Ergebnis nicht mehr angezeigt. Ihr Entwurf "
            "bleibt gespeichert."
        )
        close = box.addButton("Trotzdem &schließen", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAccessibleName(box.windowTitle())
        box.exec()
        return box.clickedButton() is close

    def _confirm_close_unsaved(self) -> bool:
        """Saving failed at closing: keep an emergency copy and ask before closing."""
        assert self.editor is not None
        rescue = emergency_copy(self.editor.draft())
        where = (
            f"Eine Sicherheitskopie liegt in „{rescue}“ (über „Importieren“ zurückzuholen)."
            if rescue
            else "Auch eine Sicherheitskopie konnte nicht angelegt werden."
        )
        answer = QMessageBox.warning(
            self,
            "Stellungnahme – nicht gespeichert",
            "Die letzten Änderungen konnten nicht in der Datenbank gespeichert werden.\n\n"
            f"{where}\n\nTrotzdem schließen?",
            QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Close

    def changeEvent(self, event: QEvent) -> None:
        # Coming back to the window: another instance may have changed the drafts meanwhile.
        if (
            event.type() == QEvent.Type.ActivationChange
            and self.isVisible()
            and self.isActiveWindow()
            and not self.is_editing()
        ):
            self.overview.refresh()
        super().changeEvent(event)

    # ------------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if _dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = _dropped_files(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_files(files)


def metadata_of(stored: StoredDraft) -> DraftMetadata:
    """What the editor shows besides the draft: status and deadline."""
    from stellungnahme_app.ui.editor.draft_metadata import DraftMetadata

    return DraftMetadata(status=stored.status, deadline=stored.deadline)


def _dropped_files(mime: QMimeData | None) -> list[Path]:
    if mime is None or not mime.hasUrls():
        return []
    return [
        Path(url.toLocalFile())
        for url in mime.urls()
        if url.isLocalFile() and url.toLocalFile().casefold().endswith(exchange.FILE_SUFFIX)
    ]


def exchange_file_name(draft: Draft) -> str:
    """``Stellungnahme_0661-24.json``: named like the draft's Word document."""
    from stellungnahme_app.export import default_file_name

    return default_file_name(draft, exchange.FILE_SUFFIX)


def emergency_copy(draft: Draft) -> Path | None:
    """Write ``draft`` to a file in the data folder when the database cannot take it."""
    try:
        folder = paths.data_dir() / "notfallkopien"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = folder / f"{Path(exchange_file_name(draft)).stem} {stamp}{exchange.FILE_SUFFIX}"
        exchange.write_file(draft, target)
        return target
    except (StellungnahmeError, OSError):
        log.exception("Notfallkopie fehlgeschlagen")
        return None


def load_textbausteine_reporting(settings: Settings) -> tuple[list[Textbaustein], list[str]]:
    """The Textbausteine of the configured folder and German sentences about broken ones."""
    from stellungnahme_app.textbausteine import load_textbausteine

    try:
        items, problems = load_textbausteine(settings.textbausteine_dir)
    except StellungnahmeError as error:
        return [], [error.message]
    return list(items), list(problems)
