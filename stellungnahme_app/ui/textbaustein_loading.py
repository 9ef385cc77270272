"""Reading the Textbausteine for the window: on a worker thread, then whatever waited for them.

Trial-rendering every phrase of a large or broken folder takes time; done on the GUI thread it
would freeze the window at each start. :class:`TextbausteinLoader` reads them once in the
background (again after new settings) and then runs, in order, what asked for them meanwhile
(building the editor, opening the last draft).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from stellungnahme_app.ui.background import run_in_background
from stellungnahme_app.ui.error_reporting import show_error
from stellungnahme_app.workspace import Workspace

if TYPE_CHECKING:
    from stellungnahme_app.textbausteine import Textbaustein


class TextbausteinLoader(QObject):
    """Loads ``workspace``'s Textbausteine off the GUI thread; ``ready`` runs when they are."""

    def __init__(self, workspace: Workspace, window: QWidget, ready: Callable[[], None]) -> None:
        super().__init__(window)
        self._workspace = workspace
        self._window = window
        self._ready = ready
        self._waiting: list[Callable[[], object]] = []
        self.reading = False

    def load(self, then: Callable[[], object] | None = None) -> None:
        """Read them unless they are read; then call ``ready`` and ``then``."""
        if then is not None:
            self._waiting.append(then)
        if self._workspace.textbausteine_loaded:
            self._finish()
            return
        if self.reading:
            return
        self.reading = True
        run_in_background(
            self._window,
            self._workspace.read_textbausteine,
            busy_text="Textbausteine werden gelesen …",
            on_success=self._read,
            on_error=self._failed,
            delivers_result=False,
        )

    def _read(self, result: tuple[list[Textbaustein], list[str]]) -> None:
        self.reading = False
        self._workspace.use_textbausteine(*result)
        self._finish()

    def _failed(self, error: BaseException) -> None:
        self.reading = False
        show_error(self._window, error, action="Die Textbausteine konnten nicht gelesen werden.")
        self._workspace.use_textbausteine([], [])
        self._finish()

    def _finish(self) -> None:
        self._ready()
        waiting, self._waiting = self._waiting, []
        for then in waiting:
            then()
