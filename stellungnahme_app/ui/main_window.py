"""The main window: the drafts overview and the page of the open draft, menus and status bar.

The window holds the :class:`~stellungnahme_app.workspace.Workspace` and turns the overview's
requests into its use cases (new, duplicate, delete with undo, import, export, trash,
backups, settings). The open draft lives on the :class:`EditorPage` (editor, autosave,
conflicts); the window shows its save state („Gespeichert 14:32“) in the status bar and
remembers size, position and the last open draft (:mod:`.window_state`). A new draft the
author leaves without entering anything is removed again (like an unused new document).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QIcon,
)
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app import __version__, paths
from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.ui import help_window, window_menus, window_state
from stellungnahme_app.ui.background import running_jobs
from stellungnahme_app.ui.delete_offer import DeleteOffer
from stellungnahme_app.ui.editor_page import EditorPage
from stellungnahme_app.ui.error_reporting import show_error, show_notice
from stellungnahme_app.ui.exchange_files import ExchangeFiles
from stellungnahme_app.ui.file_drops import dropped_files, may_take
from stellungnahme_app.ui.motion_import import NewDraftFromMotion
from stellungnahme_app.ui.outlook_drops import offered_attachments, take_outlook_drop
from stellungnahme_app.ui.overview_page import OverviewPage
from stellungnahme_app.ui.session_end import save_for_session_end, session_is_ending
from stellungnahme_app.ui.textbaustein_loading import TextbausteinLoader
from stellungnahme_app.ui.type_ahead import TypeAhead
from stellungnahme_app.workspace import (
    OpenDraft,
    Workspace,
    load_configuration,
)

if TYPE_CHECKING:
    from stellungnahme_app.ui.draft_session import DraftSession
    from stellungnahme_app.ui.editor.editor_widget import DraftEditor

log = logging.getLogger(__name__)

APP_TITLE = "Stellungnahme"


def app_icon() -> QIcon:
    try:
        icon_file = paths.resources_dir() / "stellungnahme.png"
    except FileNotFoundError:
        return QIcon()
    return QIcon(str(icon_file)) if icon_file.is_file() else QIcon()


class MainWindow(QMainWindow):
    """Overview and editor in one window; see the module docstring."""

    imported = Signal(list)  # ids of the drafts an import added (possibly none)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hauptfenster")
        self.workspace = workspace
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.setAccessibleName("Stellungnahme")

        self.type_ahead = TypeAhead(self)
        self.overview = OverviewPage(workspace)
        self.overview.open_requested.connect(self.open_draft)
        self.overview.new_requested.connect(self.new_draft)
        self.overview.new_from_motion_requested.connect(self.new_draft_from_motion)
        self.overview.duplicate_requested.connect(self.duplicate_draft)
        self.overview.delete_requested.connect(self.delete_draft)
        self.overview.import_requested.connect(self.choose_import_files)
        self.overview.export_requested.connect(self.choose_export_file)
        self.overview.trash_requested.connect(self.show_trash)

        self.motion_import = NewDraftFromMotion(self)
        self.editor_page = EditorPage(workspace)
        self._textbausteine = TextbausteinLoader(workspace, self, self.editor_page.ensure_editor)
        self.exchange_files = ExchangeFiles(self)
        self.editor_page.overview_requested.connect(self.show_overview)
        self.editor_page.history_requested.connect(self.show_history)
        self.editor_page.status_message.connect(self.statusBar().showMessage)
        self.editor_page.title_changed.connect(self._update_title)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.overview)
        self.pages.addWidget(self.editor_page)
        self.read_only_banner = QLabel()
        self.read_only_banner.setObjectName("nur_lesen")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.read_only_banner.setMargin(6)
        self.read_only_banner.setAccessibleName("Nur lesen")
        self.read_only_banner.setTextFormat(Qt.TextFormat.PlainText)
        reason = workspace.read_only_reason
        self.read_only_banner.setText(f"Nur lesen: {reason}" if reason else "")
        self.read_only_banner.setVisible(reason is not None)
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.addWidget(self.read_only_banner)
        central_layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.overview.set_read_only(reason is not None)

        self._build_status_bar()
        self.editor_page.save_state.connect(self.save_label.setText)
        self.help = help_window.WindowHelp(self)
        window_menus.install_actions(self)
        window_menus.install_menus(self)
        self._update_actions()
        self._update_title()
        self.resize(self._default_size())
        self.overview.refresh()

    @property
    def session(self) -> DraftSession | None:
        """The autosave session of the open draft (``None``: none open)."""
        return self.editor_page.session

    @property
    def editor(self) -> DraftEditor | None:
        return self.editor_page.editor

    @property
    def settings(self):
        return self.workspace.settings

    # ------------------------------------------------------------------ building

    def content_size(self) -> QSize:
        """Room for the table and the editor: 140 characters, 42 lines of the window's font."""
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 140, metrics.height() * 42)

    def _default_size(self) -> QSize:
        screen = self.screen()
        if screen is None:
            return self.content_size()
        return window_state.first_window_size(
            screen.availableGeometry().size(), self.content_size()
        )

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.save_label = QLabel()
        self.save_label.setObjectName("speicherstand")
        self.save_label.setAccessibleName("Speicherstand")
        bar.addPermanentWidget(self.save_label)
        self.delete_offer = DeleteOffer(bar)
        self.delete_offer.changed.connect(self._update_actions)
        self.delete_offer.undo_button.clicked.connect(self.undo_delete)
        self.undo_label = self.delete_offer.label
        self.undo_delete_button = self.delete_offer.undo_button

    # ------------------------------------------------------------------ state

    def is_editing(self) -> bool:
        return self.pages.currentWidget() is self.editor_page and self.session is not None

    def _update_actions(self) -> None:
        editing = self.is_editing()
        self.save_label.setVisible(editing)
        for action in (
            self.action_save,
            self.action_history,
            self.action_export_changes,
            self.action_previous_step,
            self.action_next_step,
            self.action_next_misspelling,
        ):
            action.setEnabled(editing)
        self.action_overview.setEnabled(editing)
        # In the editor Ctrl+Z and Ctrl+Y belong to the text fields, never to a delete.
        offer = self.delete_offer
        self.action_undo_delete.setEnabled(not editing and offer.deleted_id is not None)
        self.action_redo_delete.setEnabled(not editing and offer.restored_id is not None)
        writable = self.workspace.read_only_reason is None
        for action in (self.action_new, self.action_import):
            action.setEnabled(writable)

    def _update_title(self) -> None:
        if self.is_editing():
            self.setWindowTitle(f"{self.editor_page.title()} – {APP_TITLE}")
        else:
            self.setWindowTitle(f"Übersicht – {APP_TITLE}")

    def load_textbausteine(self, then: Callable[[], object] | None = None) -> None:
        """Read the Textbausteine on a worker thread (a broken or slow folder never freezes
        the window), build the editor with them, then call ``then``."""
        self._textbausteine.load(then)

    # ------------------------------------------------------------------ opening and closing

    def open_draft(self, draft_id: int, *, step: int | None = None) -> bool:
        """Show the draft in the editor (saving the one open before); False if it failed.

        While the Textbausteine are still being read, the draft opens as soon as they are.
        """
        if self._textbausteine.reading:
            self.type_ahead.start()
            self.load_textbausteine(lambda: self.open_draft(draft_id, step=step))
            return True
        if not self.editor_page.open_draft(draft_id, step=step):
            self.type_ahead.drop()
            self.overview.refresh()
            return False
        self._show_editor_page()
        assert self.editor is not None
        if step is None:
            self.editor.focus_first_needed()
        else:
            self.editor.focus_current_step()
        self.type_ahead.replay()
        return True

    def _show_editor_page(self) -> None:
        self.delete_offer.forget()  # Ctrl+Z back in the overview must not bring back old deletes
        self.pages.setCurrentWidget(self.editor_page)
        self._update_actions()
        self._update_title()

    def close_session(self, *, discard_unused: bool = True) -> bool:
        """Save and close the open draft; False (and it stays open) if saving failed."""
        return self.editor_page.close_draft(discard_unused=discard_unused)

    def show_overview(self) -> None:
        if self.editor_page.is_unused():
            self.close_session()
        self.editor_page.save_now()
        self.pages.setCurrentWidget(self.overview)
        self.overview.refresh()
        if self.session is not None:
            self.overview.select_draft(self.session.draft_id)
        self._update_actions()
        self._update_title()
        self.overview.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_now(self) -> None:
        if self.session is not None and self.session.save_now():
            self.statusBar().showMessage("Gespeichert.", 3000)

    # ------------------------------------------------------------------ overview actions

    def new_draft(self) -> None:
        self.start_new_draft(self.workspace.new_draft, "Neue Stellungnahme angelegt.")

    def new_draft_from_motion(self) -> None:
        """ "Neu aus Antrag …": read a PDF, Word file or OParl record, preview, new draft."""
        self.motion_import.choose_file()

    def start_new_draft(self, create: Callable[[], OpenDraft], message: str) -> None:
        """Close the open draft, ``create`` a new one and show it; the cursor goes to the
        first field still needed (the number of a new draft), and keys typed meanwhile go
        there too."""
        if self._textbausteine.reading:
            self.type_ahead.start()
            self.load_textbausteine(lambda: self.start_new_draft(create, message))
            return
        if not self.close_session():
            self.type_ahead.drop()
            return
        try:
            opened = create()
        except StellungnahmeError as error:
            self.type_ahead.drop()
            show_error(self, error, action="Die neue Stellungnahme konnte nicht angelegt werden.")
            return
        self.editor_page.start(opened)
        assert self.editor is not None
        self._show_editor_page()
        self.editor.focus_first_needed()
        self.type_ahead.replay()
        self.statusBar().showMessage(message, 8000)

    def duplicate_draft(self, draft_id: int) -> None:
        if self.session is not None and self.session.draft_id == draft_id:
            self.session.save_now()
        try:
            copy = self.workspace.duplicate(draft_id)
        except StellungnahmeError as error:
            show_error(self, error, action="Der Entwurf konnte nicht dupliziert werden.")
            return
        self.overview.refresh()
        self.overview.select_draft(copy.id)
        self.statusBar().showMessage(
            f"Kopie angelegt: {copy.title}. Sie steht in der Liste oben.", 8000
        )

    def delete_draft(self, draft_id: int) -> None:
        """Move the draft to the trash; the status bar offers to undo it."""
        open_here = self.session is not None and self.session.draft_id == draft_id
        if open_here and not self.close_session(discard_unused=False):
            return
        try:
            title = self.workspace.move_to_trash(draft_id)
        except StellungnahmeError as error:
            show_error(self, error, action="Der Entwurf konnte nicht gelöscht werden.")
            return
        self.overview.refresh()
        self.delete_offer.offer_undo(draft_id, title)

    def undo_delete(self) -> None:
        draft_id = self.delete_offer.take_undo()
        if draft_id is None:
            return
        try:
            title = self.workspace.restore_from_trash(draft_id)
        except StellungnahmeError as error:
            show_error(self, error, action="Der Entwurf konnte nicht zurückgeholt werden.")
            return
        self.overview.refresh()
        self.overview.select_draft(draft_id)
        self.delete_offer.offer_redo(draft_id, title)

    def redo_delete(self) -> None:
        draft_id = self.delete_offer.take_redo()
        if draft_id is not None:
            self.delete_draft(draft_id)

    def _forget_undo(self) -> None:
        self.delete_offer.forget()

    # ------------------------------------------------------------------ files

    def choose_import_files(self) -> None:
        self.exchange_files.choose_import_files()

    def import_files(self, files: Sequence[Path]) -> None:
        """Add each ``stellungnahme/1`` file as a new draft (read on a worker thread)."""
        self.exchange_files.import_files(files)

    def choose_export_file(self, draft_id: int | None = None) -> None:
        self.exchange_files.choose_export_file(draft_id)

    def export_file(self, draft_id: int, target: Path) -> bool:
        return self.exchange_files.export_file(draft_id, target)

    # ------------------------------------------------------------------ dialogs

    def show_trash(self) -> None:
        from stellungnahme_app.ui.trash_dialog import TrashDialog

        dialog = TrashDialog(self.workspace, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(self._restored_from_trash)
        dialog.open()

    def _restored_from_trash(self, draft_id: int) -> None:
        self._forget_undo()
        if self.is_editing():
            self.show_overview()
        self.overview.refresh()
        self.overview.select_draft(draft_id)

    def show_history(
        self, draft_id: int | None = None, *, for_changes_export: bool = False
    ) -> None:
        """The versions of the open draft (or of ``draft_id``, e.g. an unreadable one)."""
        if draft_id is None:
            if self.session is None:
                return
            self.session.save_now()
            draft_id = self.session.draft_id
        from stellungnahme_app.ui.history_dialog import HistoryDialog

        dialog = HistoryDialog(
            self.workspace, draft_id, self, for_changes_export=for_changes_export
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_requested.connect(
            lambda version_id, of=draft_id: self.restore_version(version_id, draft_id=of)
        )
        dialog.open()

    def show_changes_export(self) -> None:
        """„Änderungen als Word-Dokument …“: the history, to choose the version since which."""
        if self.session is None:
            self.statusBar().showMessage(
                "Öffnen Sie zuerst den Entwurf, dessen Änderungen Sie ausgeben möchten.", 10_000
            )
            return
        self.show_history(for_changes_export=True)

    def restore_version(self, version_id: int, *, draft_id: int | None = None) -> bool:
        """Make an older version the current state of its draft (shown, if it is open)."""
        if self.session is not None and draft_id in (None, self.session.draft_id):
            restored = self.editor_page.restore_version(version_id)
            self._update_title()
            return restored
        try:
            opened = self.workspace.restore_version(version_id)
        except StellungnahmeError as error:
            show_error(self, error, action="Die Version konnte nicht wiederhergestellt werden.")
            return False
        self.overview.refresh()
        self.overview.select_draft(opened.id)
        self.statusBar().showMessage(f"Frühere Fassung wiederhergestellt: {opened.title}", 10_000)
        return True

    def show_unreadable_drafts(self) -> None:
        from stellungnahme_app.ui.unreadable_dialog import UnreadableDraftsDialog

        dialog = UnreadableDraftsDialog(self.workspace, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.history_requested.connect(self.show_history)
        dialog.open()

    def show_backups(self) -> None:
        from stellungnahme_app.ui.backup_dialog import BackupDialog

        dialog = BackupDialog(self.workspace, self)
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
        draft_id = self.editor_page.draft_id
        step = self.editor_page.current_step()
        editing = self.is_editing()
        if not self.close_session():
            return False
        self._forget_undo()
        try:
            restored = self.workspace.restore_backup(name)
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
                f"„{restored.previous_database}“. Die IT kann sie bei Bedarf zurückholen."
            ),
        )
        return True

    def show_settings(self) -> None:
        from stellungnahme_app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self.workspace.settings, self, spelling=self.workspace.spelling.describe()
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.settings_saved.connect(self.reload_settings)
        dialog.open()

    def reload_settings(self) -> None:
        """Read the settings again; the editor is rebuilt with them."""
        configuration = load_configuration()
        self.workspace.use_configuration(configuration)
        if configuration.problems:
            show_notice(
                self,
                "Einige Einstellungen konnten nicht gelesen werden.",
                details="\n\n".join(configuration.problems),
            )
        if self.editor is None:
            self.load_textbausteine()
            return
        draft_id = self.editor_page.draft_id
        unused = self.editor_page.is_unused()
        step = self.editor_page.current_step()
        editing = self.is_editing()
        if not self.close_session(discard_unused=False):
            return
        self.editor_page.drop_editor()

        def reopen() -> None:
            if draft_id is not None and self.open_draft(draft_id, step=step):
                if unused and self.session is not None:
                    self.session.mark_as_new()
                if not editing:
                    self.show_overview()

        self.load_textbausteine(reopen)

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

    def next_misspelling(self) -> None:
        if self.is_editing() and self.editor is not None:
            self.editor.next_misspelling()

    # ------------------------------------------------------------------ help

    def help_topic(self) -> str:
        """The help page for what the window shows: the editor's step or the overview."""
        if self.is_editing() and self.editor is not None:
            return self.editor.help_topic()
        return help_window.OVERVIEW

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
            f"Datenordner: {paths.data_dir()}\nDatenbank: {self.workspace.database_path}"
        )
        box.setAccessibleName("Über Stellungnahme")
        box.open()

    # ------------------------------------------------------------------ start and end

    def restore_window_state(self) -> int | None:
        """Size and position as last time; returns the draft that was open then, if any."""
        window_state.restore_geometry(self)
        return window_state.last_draft()

    def reopen_last_draft(self, draft_id: int | None, *, step: int | None = None) -> None:
        """Open the draft that was open before (when the window was last closed, or before a
        restore failed) at ``step`` (default: the remembered one), if it still exists."""
        if draft_id is None:
            return
        try:
            if self.workspace.is_in_trash(draft_id):
                return
        except StellungnahmeError:
            return
        self.open_draft(draft_id, step=window_state.last_step() if step is None else step)

    def save_window_state(self) -> None:
        # A new draft left unused is removed when the window closes: nothing to come back to.
        remember = self.is_editing() and not self.editor_page.is_unused()
        window_state.save(
            self,
            draft_id=self.editor_page.draft_id if remember else None,
            step=self.editor_page.current_step() if remember else None,
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if session_is_ending():  # logging off: save and close, ask nothing
            save_for_session_end(self)
            event.accept()
            return
        if running_jobs(only_results=True) and not self._confirm_close_while_busy():
            event.ignore()
            return
        self.save_window_state()
        if not self.editor_page.close_for_quitting():
            event.ignore()
            return
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

    def changeEvent(self, event: QEvent) -> None:
        # Coming back to the window: another instance may have changed the drafts meanwhile
        # (and only then is the list read again: not on the first activation at start).
        if (
            event.type() == QEvent.Type.ActivationChange
            and self.isVisible()
            and self.isActiveWindow()
            and not self.is_editing()
            and self._changed_elsewhere()
        ):
            self.overview.refresh()
        super().changeEvent(event)

    def _changed_elsewhere(self) -> bool:
        try:
            return self.workspace.changed_elsewhere()
        except StellungnahmeError:
            return True  # the refresh reports the trouble

    # ------------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.dragMoveEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if may_take(event.mimeData()) or offered_attachments(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Exchange files are imported; motions (PDF, Word, OParl record) start new drafts."""
        files = dropped_files(event.mimeData())
        if not files.exchange and not files.motions and offered_attachments(event.mimeData()):
            event.acceptProposedAction()
            take_outlook_drop(self, event.mimeData())  # takes it or says to save it first
            return
        if not files.exchange and not files.motions:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_files(files.exchange)
        self.motion_import.read_files(files.motions)
