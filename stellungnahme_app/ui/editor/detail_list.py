"""A list of items with one editor page per item: resolution points, contributions.

The list (with "Nach oben", "Nach unten", "Entfernen") sits on top and the chosen item's
fields below it, full width for long texts. Every item keeps its own widgets, so each text
field keeps its own undo history while the author moves between items. The list keeps the
labels and the field names (``Text des 2. Beitrags``) in step with the items; the step
changes the draft and asks before removing.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app.ui.editor.widget_helpers import chain_tab_order, describe

#: How many rows the list shows before it scrolls.
VISIBLE_ROWS = 5


class ItemEditor(QWidget):
    """The fields of one item in a :class:`DetailList`; emits ``edited`` on every edit."""

    edited = Signal()

    def label(self, position: int) -> str:
        """The item's line in the list when it stands at ``position`` (0-based)."""
        raise NotImplementedError

    def set_position(self, position: int) -> None:
        """Name the fields after the item's place, for screen readers."""

    def tab_order(self) -> list[QWidget]:
        return []


class DetailList(QWidget):
    """List of item labels, the standard buttons, and a stack of item editors."""

    remove_requested = Signal(int)
    move_requested = Signal(int, int)
    #: An item's fields were edited (its label is already up to date).
    edited = Signal()

    def __init__(
        self,
        list_name: str,
        item_name: str,
        empty_text: str,
        extra_buttons: list[QWidget],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.item_name = item_name
        self.list = QListWidget()
        describe(self.list, list_name, f"Wählen Sie {item_name}, um ihn unten zu bearbeiten.")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rows = self.list.fontMetrics().lineSpacing() * VISIBLE_ROWS
        self.list.setMinimumHeight(rows // 2)
        self.list.setMaximumHeight(rows + 2 * self.list.frameWidth() + 8)
        self.list.currentRowChanged.connect(self._row_changed)

        self.up_button = QPushButton("Nach &oben")
        self.down_button = QPushButton("Nach &unten")
        self.remove_button = QPushButton("Ent&fernen")
        describe(self.up_button, f"{item_name} nach oben verschieben")
        describe(self.down_button, f"{item_name} nach unten verschieben")
        describe(self.remove_button, f"{item_name} entfernen")
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(+1))
        self.remove_button.clicked.connect(self._remove)

        self._extra_buttons = list(extra_buttons)
        buttons = QVBoxLayout()
        for button in extra_buttons:
            buttons.addWidget(button)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)

        top = QHBoxLayout()
        top.addWidget(self.list, 1)
        top.addLayout(buttons)

        self.stack = QStackedWidget()
        self.empty = QLabel(empty_text)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        describe(self.empty, empty_text)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self._update_buttons()

    # ------------------------------------------------------------------ items

    def count(self) -> int:
        return self.list.count()

    def detail(self, index: int) -> ItemEditor:
        widget = self.stack.widget(index + 1)
        assert isinstance(widget, ItemEditor)
        return widget

    def index_of(self, detail: ItemEditor) -> int:
        """The position of ``detail``, -1 if it is no longer in the list."""
        position = self.stack.indexOf(detail)  # 0 is the text shown while the list is empty
        return position - 1 if position > 0 else -1

    def current(self) -> int:
        return self.list.currentRow()

    def clear(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        self.list.blockSignals(False)
        while self.stack.count() > 1:
            widget = self.stack.widget(1)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self._row_changed(-1)

    def append(self, detail: ItemEditor) -> None:
        """Add ``detail`` as the last item (not chosen yet: see :meth:`set_current`)."""
        self.extend([detail])

    def extend(self, details: Iterable[ItemEditor]) -> None:
        """Add ``details`` as the last items; the tab order is chained once for all of them
        (once per item made loading a draft of 300 points quadratic)."""
        for detail in details:
            position = self.count()
            detail.set_position(position)
            detail.edited.connect(partial(self._detail_edited, detail))
            self._put(position, QListWidgetItem(detail.label(position)), detail)
        self._order_tabs()

    def remove(self, index: int) -> None:
        """Remove the item at ``index`` and choose the one now in its place."""
        self._take(index).deleteLater()
        self._renumber()
        self.set_current(index)

    def move(self, source: int, target: int) -> None:
        self._insert(target, QListWidgetItem(), self._take(source))
        self._renumber()
        self.set_current(target)

    def set_current(self, index: int) -> None:
        index = min(index, self.count() - 1)
        self.list.setCurrentRow(index)
        self._row_changed(index)

    def _insert(self, index: int, item: QListWidgetItem, detail: ItemEditor) -> None:
        self._put(index, item, detail)
        self._order_tabs()

    def _put(self, index: int, item: QListWidgetItem, detail: ItemEditor) -> None:
        self.list.blockSignals(True)
        self.list.insertItem(index, item)
        self.list.blockSignals(False)
        self.stack.insertWidget(index + 1, detail)

    def _take(self, index: int) -> ItemEditor:
        """Take the item at ``index`` out; returns its editor (not yet deleted)."""
        self.list.blockSignals(True)
        self.list.takeItem(index)
        self.list.blockSignals(False)
        widget = self.detail(index)
        self.stack.removeWidget(widget)
        return widget

    def _renumber(self) -> None:
        for index in range(self.count()):
            detail = self.detail(index)
            self._set_label(index, detail.label(index))
            detail.set_position(index)

    def _set_label(self, index: int, label: str) -> None:
        item = self.list.item(index)
        item.setText(label)
        item.setToolTip(label)

    def _order_tabs(self) -> None:
        """List, buttons, then the fields of the item shown (editors are made later)."""
        chain: list[QWidget] = [self.list, *self._extra_buttons]
        chain += [self.up_button, self.down_button, self.remove_button]
        for index in range(self.count()):
            chain += self.detail(index).tab_order()
        chain_tab_order(chain)

    # ------------------------------------------------------------------ reactions

    def _row_changed(self, row: int) -> None:
        self.stack.setCurrentIndex(row + 1 if 0 <= row < self.count() else 0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        chosen = 0 <= row < self.count()
        self.remove_button.setEnabled(chosen)
        self.up_button.setEnabled(chosen and row > 0)
        self.down_button.setEnabled(chosen and row < self.count() - 1)

    def _detail_edited(self, detail: ItemEditor) -> None:
        index = self.index_of(detail)
        if index >= 0:
            self._set_label(index, detail.label(index))
        self.edited.emit()

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if 0 <= row < self.count() and 0 <= target < self.count():
            self.move_requested.emit(row, target)

    def _remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < self.count():
            self.remove_requested.emit(row)
