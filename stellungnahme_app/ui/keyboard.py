"""Keys that work the same in every window, as clerks know them from Windows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence


def is_redo(event: QKeyEvent) -> bool:
    """Ctrl+Y (as on Windows) or the platform's own redo key (Ctrl+Shift+Z)."""
    if event.matches(QKeySequence.StandardKey.Redo):
        return True
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return event.key() == Qt.Key.Key_Y and modifiers == Qt.KeyboardModifier.ControlModifier
