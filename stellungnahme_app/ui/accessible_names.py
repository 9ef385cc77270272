"""Combo boxes announced by their label ("Dezernat"), their choice as the value.

Qt's own interface for combo boxes gives assistive technology on Linux (AT-SPI, which Orca
reads) the current choice as the *name* – Orca then says "– bitte wählen – Kombinationsfeld"
instead of "Dezernat". Qt's Windows bridge (UIA) already takes the accessible name. To make
every platform say the same, :func:`install_accessible_names` gives every combo box a
:class:`LabelledComboBox`: its accessible name (or the label whose buddy it is) as the name,
the current choice as the value, and otherwise what Qt's interface offers – the list as its
child, "open the list" as its action, expanded and editable as its state.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QApplication, QComboBox

_SHOW_MENU = QAccessibleActionInterface.showMenuAction()
_PRESS = QAccessibleActionInterface.pressAction()


class LabelledComboBox(QAccessibleWidget):
    """The accessible side of a :class:`QComboBox`, named by its label."""

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo, QAccessible.Role.ComboBox)
        self._combo = combo

    def _value(self) -> str:
        line_edit = self._combo.lineEdit()
        return line_edit.text() if line_edit is not None else self._combo.currentText()

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return super().text(kind) or self._value()
        if kind == QAccessible.Text.Value:
            return self._value()
        return super().text(kind)

    # The list (and the line edit of an editable one) are its children, as in Qt.

    def _children(self) -> list[QObject]:
        children: list[QObject] = [self._combo.view()]
        line_edit = self._combo.lineEdit()
        if line_edit is not None:
            children.append(line_edit)
        return children

    def childCount(self) -> int:
        return len(self._children())

    def child(self, index: int) -> QAccessibleInterface | None:
        children = self._children()
        if not 0 <= index < len(children):
            return None
        return QAccessible.queryAccessibleInterface(children[index])

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        try:
            return self._children().index(child.object())
        except ValueError:
            return -1

    def state(self) -> QAccessible.State:
        state = super().state()
        state.expandable = True
        state.expanded = self._combo.view().isVisible()
        state.collapsed = not state.expanded
        state.editable = self._combo.isEditable()
        return state

    def actionNames(self) -> list[str]:
        return [_SHOW_MENU, _PRESS, *super().actionNames()]

    def doAction(self, name: str) -> None:
        if name in (_SHOW_MENU, _PRESS):
            if self._combo.view().isVisible():
                self._combo.hidePopup()
            else:
                self._combo.showPopup()
            return
        super().doAction(name)


def _interface_for(class_name: str, obj: QObject) -> QAccessibleInterface | None:
    if class_name == "QComboBox" and isinstance(obj, QComboBox):
        return LabelledComboBox(obj)
    return None


def install_accessible_names(app: QApplication) -> None:
    """Use :class:`LabelledComboBox` for every combo box of ``app`` (idempotent)."""
    if not getattr(app, "_stellungnahme_accessible_names", False):
        QAccessible.installFactory(_interface_for)
        app._stellungnahme_accessible_names = True  # type: ignore[attr-defined]
