"""Logging off or shutting down with the program open: save at once, ask nothing.

When Windows ends the session it asks every program first (WM_QUERYENDSESSION, in Qt the
signal ``QGuiApplication.commitDataRequest``) and ends the processes shortly after. Autosave
runs up to 0.9 s after the last keystroke – too late then. So :class:`SessionEnd`, connected to
that signal, saves the open draft at once (half-typed edits included) and remembers the
window's state; what cannot be saved goes to an emergency copy, as when closing.

Nothing may ask or report during the session end: a modal box would hold up the log-off
("Diese App verhindert das Herunterfahren"). After the request Qt closes the windows; for
:data:`SESSION_END_SECONDS` the main window then closes without questions
(:func:`session_is_ending`), and save errors and conflicts are only logged (a cancelled
log-off brings them up afterwards).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication, QSessionManager

if TYPE_CHECKING:
    from stellungnahme_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

#: How long after the session manager's request the program counts as ending. Windows ends
#: the processes within seconds; a log-off another program cancelled is over by then.
SESSION_END_SECONDS = 60.0

_ending_until = 0.0


def session_is_ending() -> bool:
    """True while the session ends: no dialog may be shown, closing asks nothing."""
    app = QGuiApplication.instance()
    saving = isinstance(app, QGuiApplication) and app.isSavingSession()
    return saving or time.monotonic() < _ending_until


def forget_session_end() -> None:
    """The session goes on (tests; a log-off long past)."""
    global _ending_until
    _ending_until = 0.0


def later_unless_ending(show: Callable[[], object]) -> bool:
    """During the session end: call ``show`` (a dialog) once it is over, return True.

    Outside of it: return False, the caller shows its dialog now.
    """
    if not session_is_ending():
        return False

    def when_over() -> None:
        if session_is_ending():
            QTimer.singleShot(1000, when_over)
        else:
            show()

    QTimer.singleShot(1000, when_over)
    return True


class SessionEnd(QObject):
    """Saves ``window``'s open draft when the session manager asks (see module docstring)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def commit_data(self, manager: QSessionManager | None = None) -> None:
        """The slot of ``commitDataRequest``: save now, without any dialog."""
        global _ending_until
        _ending_until = time.monotonic() + SESSION_END_SECONDS
        log.info("Sitzungsende: der offene Entwurf wird gespeichert")
        save_for_session_end(self.window)


def save_for_session_end(window: MainWindow) -> None:
    """Remember the window's state and save its open draft, asking nothing."""
    window.save_window_state()
    window.editor_page.save_for_session_end()


def install(app: QGuiApplication, window: MainWindow) -> SessionEnd:
    """Connect ``window``'s :class:`SessionEnd` to ``app``'s session manager requests."""
    handler = SessionEnd(window)
    app.commitDataRequest.connect(handler.commit_data)
    app._stellungnahme_session_end = handler  # type: ignore[attr-defined]
    return handler


def handler_of(app: object) -> SessionEnd | None:
    """The :class:`SessionEnd` :func:`install` connected to ``app``, if any."""
    return getattr(app, "_stellungnahme_session_end", None)
