"""The page of the open draft: its editor, its autosave session, conflicts and copies.

The page shows one :class:`~stellungnahme_app.workspace.OpenDraft` in the
:class:`DraftEditor` and keeps it saved through a :class:`DraftSession`. When a save meets a
newer state saved elsewhere it asks (reload the other state, or keep this text as a copy);
when the draft was deleted for good elsewhere it keeps the text as a new draft. Nothing the
author typed is ever dropped. The main window hosts the page and shows what it reports
(:attr:`EditorPage.save_state`, :attr:`EditorPage.status_message`).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.store import ConflictError, DraftNotFound
from stellungnahme_app.ui.conflict_dialog import ConflictChoice, ConflictDialog
from stellungnahme_app.ui.draft_session import DraftSession
from stellungnahme_app.ui.error_reporting import log_error, show_error, show_notice
from stellungnahme_app.ui.session_end import later_unless_ending, session_is_ending
from stellungnahme_app.workspace import OpenDraft, Workspace

if TYPE_CHECKING:  # imported when the first draft is opened, after the window is painted
    from stellungnahme_app.ui.editor.editor_widget import DraftEditor

log = logging.getLogger(__name__)


class EditorPage(QWidget):
    """Editor, session and the header above them; see the module docstring."""

    overview_requested = Signal()
    history_requested = Signal()
    #: A text for the status bar and how long to show it (ms).
    status_message = Signal(str, int)
    #: The save state for the status bar: „Gespeichert 14:32“, „Änderungen werden …“.
    save_state = Signal(str)
    #: The draft's title may have changed (window title).
    title_changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editorseite")
        self.workspace = workspace
        self.session: DraftSession | None = None
        self.editor: DraftEditor | None = None
        self._conflict_dialog: ConflictDialog | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._build_header()

    def _build_header(self) -> None:
        header = QHBoxLayout()
        header.setContentsMargins(9, 6, 9, 0)
        self.back_button = QPushButton("Zur &Übersicht")
        self.back_button.setObjectName("zur_uebersicht")
        self.back_button.setToolTip("Zurück zur Liste aller Entwürfe (Alt+Pos1)")
        self.back_button.setAccessibleDescription(self.back_button.toolTip())
        self.back_button.clicked.connect(self.overview_requested)
        self.title_label = QLabel()
        self.title_label.setObjectName("entwurfstitel")
        font = QFont(self.title_label.font())
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.history_button = QPushButton("&Versionen …")
        self.history_button.setObjectName("versionen")
        self.history_button.setToolTip("Frühere Fassungen dieses Entwurfs ansehen und zurückholen")
        self.history_button.setAccessibleDescription(self.history_button.toolTip())
        self.history_button.clicked.connect(self.history_requested)
        header.addWidget(self.back_button)
        header.addWidget(self.title_label, 1)
        header.addWidget(self.history_button)
        self._layout.addLayout(header)

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
        self._layout.addLayout(banner_row)

    # ------------------------------------------------------------------ state

    @property
    def draft_id(self) -> int | None:
        return self.session.draft_id if self.session is not None else None

    def title(self) -> str:
        return self.editor.draft().display_title if self.editor is not None else ""

    def current_step(self) -> int | None:
        return self.editor.current_step() if self.editor is not None else None

    def show_title(self) -> None:
        self.title_label.setText(self.title())

    def ensure_editor(self) -> DraftEditor:
        if self.editor is None:
            from stellungnahme_app.ui.editor.editor_widget import DraftEditor

            self._report_textbaustein_problems()
            self.editor = DraftEditor(self.workspace)
            self.editor.setObjectName("editor")
            self.editor.changed.connect(self._editor_changed)
            self.editor.export_done.connect(self._export_done)
            self._layout.addWidget(self.editor, 1)
        return self.editor

    def drop_editor(self) -> None:
        """Throw the editor away (new settings); call :meth:`close_draft` first."""
        if self.editor is not None:
            self._layout.removeWidget(self.editor)
            self.editor.deleteLater()
            self.editor = None

    def _report_textbaustein_problems(self) -> None:
        self.workspace.textbausteine  # noqa: B018 - read them now, to report what is broken
        problems = self.workspace.take_textbaustein_problems()
        if problems:
            show_notice(
                self,
                "Einige Textbausteine konnten nicht gelesen werden; die übrigen stehen "
                "zur Verfügung.",
                details="\n\n".join(problems),
            )

    # ------------------------------------------------------------------ opening and closing

    def open_draft(self, draft_id: int, *, step: int | None = None) -> bool:
        """Show the draft (saving the one open before); False if it failed."""
        if self.session is not None and self.session.draft_id == draft_id:
            self.elsewhere_banner.setVisible(self.session.check_elsewhere())
            if step is not None and self.editor is not None:
                self.editor.set_current_step(step)
            return True
        if not self.close_draft():
            return False
        try:
            opened = self.workspace.open_draft(draft_id)
        except StellungnahmeError as error:
            show_error(self, error, action="Der Entwurf konnte nicht geöffnet werden.")
            return False
        self.start(opened)
        if step is not None and self.editor is not None:
            self.editor.set_current_step(step)
        return True

    def start(self, opened: OpenDraft) -> None:
        """Show ``opened`` and keep it saved from now on."""
        editor = self.ensure_editor()
        editor.set_draft(opened)
        editor.set_read_only(self.workspace.read_only_reason is not None)
        session = DraftSession(self.workspace, opened, editor.flush_pending_edits, self)
        session.saved.connect(self._saved)
        session.save_failed.connect(self._save_failed)
        session.conflict.connect(self._conflict)
        session.vanished.connect(self._vanished)
        if opened.is_new:
            session.mark_as_new()
        self.session = session
        self.elsewhere_banner.setVisible(session.opened_elsewhere)
        self.save_state.emit(f"Gespeichert {opened.changed.astimezone():%H:%M}")
        self.show_title()

    def close_draft(self, *, discard_unused: bool = True) -> bool:
        """Save and close the open draft; False (and the draft stays open) if saving failed.

        A new draft nothing was entered into is removed for good instead (unless
        ``discard_unused`` is False).
        """
        session = self.session
        if session is None:
            return True
        discarded = (
            discard_unused
            and session.is_unused()
            and self.workspace.discard_if_unused(session.opened)
        )
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

    def close_for_quitting(self) -> bool:
        """Save and close before the program ends; if saving fails, keep an emergency copy
        and ask whether to close anyway. False: stay open."""
        if self.session is None:
            return True
        if self.editor is not None:
            self.editor.flush_pending_edits()
        if self.close_draft():
            return True
        if not self._confirm_close_unsaved():
            return False
        assert self.session is not None
        self.session.close()
        self.session = None
        return True

    def _confirm_close_unsaved(self) -> bool:
        """Saving failed at closing: keep an emergency copy and ask before closing."""
        assert self.session is not None
        rescue = self.workspace.emergency_copy(self.session.opened)
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

    def save_for_session_end(self) -> None:
        """The session ends (log-off): save now, half-typed edits included, asking nothing.

        What cannot be saved goes to an emergency copy, as when closing.
        """
        session = self.session
        if session is None:
            return
        if self.editor is not None:
            self.editor.flush_pending_edits()
        if session.save_now() or not session.has_unsaved_changes():
            return
        rescue = self.workspace.emergency_copy(session.opened)
        log.warning("Sitzungsende: Entwurf nicht gespeichert, Notfallkopie %s", rescue)

    def is_unused(self) -> bool:
        return self.session is not None and self.session.is_unused()

    # ------------------------------------------------------------------ saving

    def save_now(self) -> bool:
        return self.session is None or self.session.save_now()

    def _editor_changed(self) -> None:
        if self.session is None:
            return
        self.session.mark_changed()
        self.save_state.emit("Änderungen werden gespeichert …")
        self.show_title()
        self.title_changed.emit()

    def _saved(self, when: dt.datetime) -> None:
        self.save_state.emit(f"Gespeichert {when:%H:%M}")

    def _save_failed(self, error: BaseException) -> None:
        self.save_state.emit("Nicht gespeichert – neuer Versuch folgt")
        if session_is_ending():
            log_error(error, action="Der Entwurf konnte nicht gespeichert werden.")
            return
        show_error(self, error, action="Der Entwurf konnte nicht gespeichert werden.")

    def _export_done(self, path: object, draft_mode: bool) -> None:
        kind = "Entwurf" if draft_mode else "Dokument"
        self.status_message.emit(f"{kind} gespeichert: {path}", 10_000)

    # ------------------------------------------------------------------ versions

    def restore_version(self, version_id: int) -> bool:
        """Make an older version the current state of the open draft."""
        session = self.session
        if session is None or self.editor is None:
            return False
        if not session.save_now() and session.has_unsaved_changes():
            return False
        try:
            restored = self.workspace.restore_version(version_id)
        except StellungnahmeError as error:
            show_error(self, error, action="Die Version konnte nicht wiederhergestellt werden.")
            return False
        self._continue_with(session, restored)
        self.status_message.emit(
            "Frühere Fassung wiederhergestellt. Der Stand davor ist als Version gesichert.", 10_000
        )
        return True

    def _continue_with(self, session: DraftSession, opened: OpenDraft) -> None:
        session.adopt(opened)
        assert self.editor is not None
        self.editor.set_draft(opened)
        self.show_title()
        self.title_changed.emit()

    # ------------------------------------------------------------------ conflicts

    def _conflict(self, error: ConflictError) -> None:
        self.save_state.emit("Nicht gespeichert – Konflikt")
        if later_unless_ending(lambda: self._conflict(error)):
            return  # asked once the session end is over (a log-off that was cancelled)
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
        if choice is not ConflictChoice.RELOAD:
            self._keep_as_copy(session, reopen=True)
            return
        try:
            current = self.workspace.open_draft(session.draft_id)
        except DraftNotFound:
            current = OpenDraft.from_stored(dialog.error.current)
        except StellungnahmeError as error:
            show_error(self, error, action="Der andere Stand konnte nicht geladen werden.")
            return
        self._continue_with(session, current)
        self.save_state.emit("Anderen Stand geladen")

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
        try:
            copy = self.workspace.keep_as_copy(session.opened)
        except StellungnahmeError as error:
            show_error(
                self, error, action="Ihre Fassung konnte nicht als Kopie gespeichert werden."
            )
            return
        self.status_message.emit(
            "Ihre Fassung ist als neuer Entwurf gespeichert; der andere Stand bleibt erhalten.",
            15_000,
        )
        if reopen:
            session.close()
            session.deleteLater()
            self.session = None
            self.start(copy)
            self.title_changed.emit()
