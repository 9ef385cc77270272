"""Slow work (PDF conversion, large imports) off the GUI thread, with a busy indicator.

:func:`run_in_background` runs a plain Python callable on a worker thread of Qt's global
thread pool and hands its result (or its exception) back to the GUI thread. While it runs,
the window shows what it is doing: in the status bar of a main window, else in a small
progress window; the mouse pointer shows the program is busy but the window stays usable.
Work given a :class:`~stellungnahme_app.cancellation.Cancellation` can be stopped: the
indicator shows how far it got and an "Abbrechen" button; once stopped, its result (or its
:class:`~stellungnahme_app.cancellation.Cancelled`) is dropped and ``on_cancelled`` called.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from stellungnahme_app.cancellation import Cancellation, Cancelled
from stellungnahme_app.ui.error_reporting import show_error

T = TypeVar("T")
log = logging.getLogger(__name__)

PROGRESS_DIALOG_DELAY_MS = 400
PROGRESS_UPDATE_MS = 150
CANCEL_BUTTON_NAME = "hintergrund_abbrechen"

_running: set[_Job] = set()


def running_jobs(*, only_results: bool = False) -> int:
    """How many background jobs have not yet reported back (tests and shutdown wait on it).

    ``only_results``: count only the jobs whose result the user waits for (a PDF being made),
    not housekeeping that may simply be dropped (reading the Textbausteine).
    """
    return sum(1 for job in _running if job.delivers_result or not only_results)


def wait_for_all(timeout_ms: int = 60_000) -> bool:
    """Block until the worker threads are idle; used once when the application quits."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)


def run_in_background(
    parent: QWidget,
    work: Callable[[], T],
    *,
    busy_text: str,
    on_success: Callable[[T], None],
    on_error: Callable[[BaseException], None] | None = None,
    delivers_result: bool = True,
    cancellation: Cancellation | None = None,
    on_cancelled: Callable[[], None] | None = None,
) -> None:
    """Run ``work()`` on a worker thread; call ``on_success`` or ``on_error`` on the GUI thread.

    ``busy_text`` (German, e.g. „PDF wird erstellt …“) is shown while the work runs. Without
    ``on_error`` an exception goes to :func:`show_error`. If ``parent`` is closed and deleted
    before the work is done, the result is dropped (and an error is only logged).
    ``delivers_result=False`` marks housekeeping the window may close during without asking.
    With ``cancellation`` (which ``work`` checks) the user may stop the work; see the module.
    """
    job = _Job(parent, work, busy_text, on_success, on_error)
    job.delivers_result = delivers_result
    job.cancellation = cancellation
    job.on_cancelled = on_cancelled
    _running.add(job)
    job.start()


class _Relay(QObject):
    """Lives in the GUI thread; the worker emits, Qt queues the call to the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # every failure goes back to the GUI
            self._report(self._relay.failed, error)
        else:
            self._report(self._relay.succeeded, result)

    def _report(self, signal: Any, value: object) -> None:
        """Hand the outcome to the GUI thread, unless nobody is left to take it."""
        if not shiboken6.isValid(self._relay):
            log.info("Ergebnis einer Hintergrundarbeit verworfen: niemand wartet mehr darauf")
            return
        try:
            signal.emit(value)
        except RuntimeError:  # deleted between the check and the emit
            log.info("Ergebnis einer Hintergrundarbeit verworfen: niemand wartet mehr darauf")


class _Job:
    def __init__(
        self,
        parent: QWidget,
        work: Callable[[], Any],
        busy_text: str,
        on_success: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        self._parent = parent
        self._work = work
        self.delivers_result = True
        self.cancellation: Cancellation | None = None
        self.on_cancelled: Callable[[], None] | None = None
        self._on_success = on_success
        self._on_error = on_error
        self._busy = _BusyIndicator(parent, busy_text)
        self._relay = _Relay()
        self._relay.succeeded.connect(self._succeeded, Qt.ConnectionType.QueuedConnection)
        self._relay.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        self._busy.show(self.cancellation)
        QThreadPool.globalInstance().start(_Runnable(self._work, self._relay))

    def _parent_alive(self) -> bool:
        return shiboken6.isValid(self._parent)

    def _was_cancelled(self) -> bool:
        """The user stopped the work: tell ``on_cancelled``, drop the outcome."""
        if self.cancellation is None or not self.cancellation.cancelled:
            return False
        if self.on_cancelled is not None and self._parent_alive():
            try:
                self.on_cancelled()
            except Exception as error:
                show_error(self._parent, error)
        return True

    @Slot(object)
    def _succeeded(self, result: Any) -> None:
        self._finish()
        if not self._parent_alive() or self._was_cancelled():
            return
        try:
            self._on_success(result)
        except Exception as error:
            show_error(self._parent, error)

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._finish()
        if not self._parent_alive():
            log.warning("Hintergrundarbeit nach Schließen des Fensters fehlgeschlagen: %r", error)
            return
        if self._was_cancelled():
            return
        if isinstance(error, Cancelled):  # stopped, though not by this job's user
            log.info("Hintergrundarbeit abgebrochen")
            return
        if self._on_error is None:
            show_error(self._parent, error)
            return
        try:
            self._on_error(error)
        except Exception as follow_up:
            show_error(self._parent, follow_up)

    def _finish(self) -> None:
        self._busy.hide()
        _running.discard(self)


class _BusyIndicator:
    """Shows ``text`` and a running progress bar while a job runs, then removes them."""

    def __init__(self, parent: QWidget, text: str) -> None:
        self._parent = parent
        self._text = text
        self._widgets: list[QWidget] = []
        self._dialog: QProgressDialog | None = None
        self._cursor_set = False
        self._label: QLabel | None = None
        self._timer: QTimer | None = None
        self._cancellation: Cancellation | None = None

    def show(self, cancellation: Cancellation | None = None) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self._cursor_set = True
        self._cancellation = cancellation
        window = self._parent.window()
        if isinstance(window, QMainWindow):
            label = QLabel(self._text)
            self._label = label
            label.setObjectName("hintergrund_text")
            bar = QProgressBar()
            bar.setObjectName("hintergrund_fortschritt")
            bar.setRange(0, 0)
            bar.setTextVisible(False)
            bar.setMaximumWidth(bar.fontMetrics().horizontalAdvance("M") * 10)
            bar.setAccessibleName(self._text)
            window.statusBar().addPermanentWidget(label)
            window.statusBar().addPermanentWidget(bar)
            self._widgets = [label, bar]
            if cancellation is not None:
                button = QPushButton("Abbrechen")
                button.setObjectName(CANCEL_BUTTON_NAME)
                button.setAccessibleName(f"{self._text.rstrip(' …')} abbrechen")
                button.clicked.connect(self.cancel)
                window.statusBar().addPermanentWidget(button)
                self._widgets.append(button)
        else:
            cancel_text = "Abbrechen" if cancellation is not None else None
            dialog = QProgressDialog(self._text, cancel_text, 0, 0, window)
            dialog.setObjectName("hintergrund_dialog")
            dialog.setWindowTitle("Bitte warten")
            dialog.setAccessibleName(self._text)
            dialog.setMinimumDuration(PROGRESS_DIALOG_DELAY_MS)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            if cancellation is not None:
                dialog.canceled.connect(self.cancel)
            self._dialog = dialog
        if cancellation is not None:
            self._timer = QTimer()
            self._timer.setInterval(PROGRESS_UPDATE_MS)
            self._timer.timeout.connect(self._show_progress)
            self._timer.start()

    def cancel(self) -> None:
        if self._cancellation is None or self._cancellation.cancelled:
            return
        self._cancellation.cancel()
        for widget in self._widgets:
            if isinstance(widget, QPushButton) and shiboken6.isValid(widget):
                widget.setEnabled(False)
        self._set_text(f"{self._text.rstrip(' …')} wird abgebrochen …")

    def _show_progress(self) -> None:
        if self._cancellation is None or self._cancellation.cancelled:
            return
        progress = self._cancellation.progress
        self._set_text(f"{self._text} {progress}" if progress else self._text)

    def _set_text(self, text: str) -> None:
        if self._label is not None and shiboken6.isValid(self._label):
            self._label.setText(text)
        if self._dialog is not None and shiboken6.isValid(self._dialog):
            self._dialog.setLabelText(text)

    def hide(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._cursor_set:
            QApplication.restoreOverrideCursor()
            self._cursor_set = False
        for widget in self._widgets:
            if shiboken6.isValid(widget):
                widget.deleteLater()
        self._widgets = []
        if self._dialog is not None and shiboken6.isValid(self._dialog):
            self._dialog.cancel()
            self._dialog.deleteLater()
        self._dialog = None
