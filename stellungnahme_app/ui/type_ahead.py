"""Typing ahead: keys pressed while the window gets a draft ready are kept, not lost.

After "Neu" the clerk starts typing the number at once. If the editor is not ready yet (the
Textbausteine are still being read), those keys would go to the overview – into the search
field, or nowhere. :class:`TypeAhead` holds them back from the moment the window knows a draft
is coming and replays them into the field that has the focus once it is there. Keys with
Ctrl, Alt or Meta pass through: they are commands, not text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class TypeAhead(QObject):
    """Holds back the keys typed into ``window`` between :meth:`start` and :meth:`replay`."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._keys: list[QKeyEvent] = []
        self._holding = False

    @property
    def holding(self) -> bool:
        return self._holding

    def start(self) -> None:
        if not self._holding:
            self._holding = True
            QApplication.instance().installEventFilter(self)

    def replay(self) -> None:
        """Stop holding keys back and send them to the widget that has the focus now."""
        keys = self._stop()
        for key in keys:
            target = QApplication.focusWidget()
            if target is None or target.window() is not self._window:
                break
            QApplication.sendEvent(target, key)

    def drop(self) -> None:
        """Stop holding keys back and forget them (the draft did not come)."""
        self._stop()

    def _stop(self) -> list[QKeyEvent]:
        if self._holding:
            QApplication.instance().removeEventFilter(self)
        self._holding = False
        keys, self._keys = self._keys, []
        return keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self._window:
            return False
        assert isinstance(event, QKeyEvent)
        if event.modifiers() & _COMMAND_MODIFIERS:
            return False
        self._keys.append(
            QKeyEvent(
                event.type(),
                event.key(),
                event.modifiers(),
                event.text(),
                event.isAutoRepeat(),
                event.count(),
            )
        )
        return True
