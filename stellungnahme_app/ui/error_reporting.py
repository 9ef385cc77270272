"""The one place errors reach the user: a German message box, details to the log file.

A :class:`~stellungnahme_app.errors.StellungnahmeError` carries a German message fit to be
shown as is. Anything else is a bug: the user sees a general German message that names the
log file, and the traceback goes to that log file only.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from stellungnahme_app import logs
from stellungnahme_app.errors import StellungnahmeError

log = logging.getLogger(__name__)

ERROR_BOX_NAME = "fehlermeldung"
WINDOW_TITLE = "Stellungnahme – Fehler"
UNEXPECTED_MESSAGE = (
    "Es ist ein unerwarteter Fehler aufgetreten. Bitte versuchen Sie es erneut. "
    "Tritt der Fehler wieder auf, wenden Sie sich bitte an die IT-Betreuung und nennen Sie "
    "die Protokolldatei:"
)

# A message box without parent belongs to Python; this keeps it alive until it is closed.
_open_boxes: set[QMessageBox] = set()


def user_message(error: BaseException, *, action: str = "") -> tuple[str, str]:
    """The headline and the explanation the user sees for ``error``.

    ``action`` is a German sentence saying what could not be done, e.g. „Der Entwurf konnte
    nicht gespeichert werden.“; without it the headline is the error's own message.
    """
    if isinstance(error, StellungnahmeError):
        if action:
            return action, error.message
        return error.message, ""
    explanation = f"{UNEXPECTED_MESSAGE}\n{logs.configure()}"
    return (action or "Das hat leider nicht geklappt."), explanation


def log_error(error: BaseException, *, action: str = "") -> None:
    """Write ``error`` to the log file: the message for expected errors, else the traceback."""
    logs.configure()
    prefix = f"{action} " if action else ""
    if isinstance(error, StellungnahmeError):
        log.warning("%s%s", prefix, error.message)
    else:
        log.error(
            "%sUnerwarteter Fehler", prefix, exc_info=(type(error), error, error.__traceback__)
        )


def show_error(parent: QWidget | None, error: BaseException, *, action: str = "") -> None:
    """Log ``error`` and show it to the user in German (never blocks the caller).

    The same message is shown only once at a time, so a failure that repeats (an autosave
    every second on a full disk) does not pile up message boxes.
    """
    log_error(error, action=action)
    headline, explanation = user_message(error, action=action)
    if QApplication.instance() is None:
        print(headline, explanation, sep="\n", file=sys.stderr)
        return
    for box in visible_error_boxes():
        if box.text() == headline and box.informativeText() == explanation:
            box.raise_()
            return
    box = QMessageBox(parent.window() if parent is not None else None)
    box.setObjectName(ERROR_BOX_NAME)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setIcon(
        QMessageBox.Icon.Warning
        if isinstance(error, StellungnahmeError)
        else QMessageBox.Icon.Critical
    )
    box.setWindowTitle(WINDOW_TITLE)
    box.setText(headline)
    box.setInformativeText(explanation)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAccessibleName(WINDOW_TITLE)
    box.setAccessibleDescription(f"{headline} {explanation}".strip())
    box.setWindowModality(
        Qt.WindowModality.WindowModal if parent is not None else Qt.WindowModality.ApplicationModal
    )
    _open_boxes.add(box)
    box.finished.connect(lambda _result, shown=box: _open_boxes.discard(shown))
    box.show()


def visible_error_boxes() -> list[QMessageBox]:
    """The error messages currently on screen (tests read them, the app avoids duplicates)."""
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, QMessageBox)
        and widget.objectName() == ERROR_BOX_NAME
        and widget.isVisible()
    ]


def install_excepthook() -> Callable[..., None]:
    """Route exceptions that escape a Qt slot to :func:`show_error`; returns the old hook."""
    previous = sys.excepthook

    def hook(
        kind: type[BaseException], error: BaseException, traceback: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, traceback)
            return
        error.__traceback__ = traceback
        show_error(None, error)

    sys.excepthook = hook
    return previous


NOTICE_BOX_NAME = "hinweis"


def show_notice(parent: QWidget | None, text: str, *, details: str = "") -> QMessageBox | None:
    """Tell the user something important that is not an error (never blocks the caller).

    Used for what the program did on its own: a database repaired from a backup, settings
    files it had to skip. Logged like errors, at level INFO.
    """
    logs.configure()
    log.info("Hinweis an den Benutzer: %s %s", text, details)
    if QApplication.instance() is None:
        print(text, details, sep="\n", file=sys.stderr)
        return None
    box = QMessageBox(parent.window() if parent is not None else None)
    box.setObjectName(NOTICE_BOX_NAME)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Stellungnahme – Hinweis")
    box.setText(text)
    box.setInformativeText(details)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAccessibleName("Hinweis")
    box.setAccessibleDescription(f"{text} {details}".strip())
    box.setWindowModality(Qt.WindowModality.WindowModal)
    _open_boxes.add(box)
    box.finished.connect(lambda _result, shown=box: _open_boxes.discard(shown))
    box.show()
    return box


def visible_notices() -> list[QMessageBox]:
    """The notices currently on screen."""
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, QMessageBox)
        and widget.objectName() == NOTICE_BOX_NAME
        and widget.isVisible()
    ]
