"""Stopping long work early: a flag the worker checks, and how far it has got.

Reading a 300-page PDF takes a while. The window runs it on a worker thread and offers
"Abbrechen"; the worker calls :meth:`Cancellation.report` after each step (each page), which
records how far it got (for the window to show) and raises :class:`Cancelled` once the user
has asked to stop. Thread-safe; nothing here knows Qt.
"""

from __future__ import annotations

import threading

from stellungnahme_app.errors import StellungnahmeError


class Cancelled(StellungnahmeError):
    """The user stopped the work; nothing was changed."""

    def __init__(self) -> None:
        super().__init__("Abgebrochen.")


class Cancellation:
    """Asked to stop (from any thread) and the last progress reported (German text)."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._progress = ""
        self._lock = threading.Lock()

    def cancel(self) -> None:
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    @property
    def progress(self) -> str:
        """What the worker said last, e.g. „Seite 12 von 300“ (empty before it said anything)."""
        with self._lock:
            return self._progress

    def check(self) -> None:
        """Raise :class:`Cancelled` if the work is to stop."""
        if self._stop.is_set():
            raise Cancelled

    def report(self, progress: str) -> None:
        """Record how far the work got, then :meth:`check`."""
        with self._lock:
            self._progress = progress
        self.check()
