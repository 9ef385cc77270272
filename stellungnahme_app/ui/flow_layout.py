"""A layout that sets its widgets side by side and wraps them onto further rows when narrow.

Rows of buttons (the export buttons) or a label, field and button (adding an office) need
their full width only while there is room: in a narrow window the rest moves to the next
row instead of making the page scroll sideways. A widget added with a stretch takes the
room left in its row, like a stretch in a :class:`QHBoxLayout`.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QApplication,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QStyle,
    QWidget,
)


class FlowLayout(QLayout):
    """Widgets left to right, wrapping into rows; its minimum width is the widest widget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretches: list[int] = []

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self._stretches.append(0)

    def add_widget(self, widget: QWidget, stretch: int = 0) -> None:
        """Add ``widget``; with a ``stretch`` it takes the room left in its row."""
        self.addWidget(widget)
        self._stretches[-1] = stretch

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        if not 0 <= index < len(self._items):
            return None
        del self._stretches[index]
        return self._items.pop(index)

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal if any(self._stretches) else Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:
        """Everything in one row."""
        visible = self._visible()
        width = sum(item.sizeHint().width() for item, _ in visible)
        width += self._horizontal_spacing() * max(0, len(visible) - 1)
        height = max((item.sizeHint().height() for item, _ in visible), default=0)
        return self._with_margins(QSize(width, height))

    def minimumSize(self) -> QSize:
        """Each widget in a row of its own."""
        size = QSize(0, 0)
        for item, _ in self._visible():
            size = size.expandedTo(item.minimumSize())
        return self._with_margins(size)

    # ------------------------------------------------------------------ internals

    def _visible(self) -> list[tuple[QLayoutItem, int]]:
        return [
            (item, stretch)
            for item, stretch in zip(self._items, self._stretches, strict=True)
            if not item.isEmpty()
        ]

    def _with_margins(self, size: QSize) -> QSize:
        margins: QMargins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _horizontal_spacing(self) -> int:
        return self._spacing(QStyle.PixelMetric.PM_LayoutHorizontalSpacing)

    def _vertical_spacing(self) -> int:
        return self._spacing(QStyle.PixelMetric.PM_LayoutVerticalSpacing)

    def _spacing(self, metric: QStyle.PixelMetric) -> int:
        """The layout's own spacing if set, else the style's (as box layouts do)."""
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        style = parent.style() if parent is not None else QApplication.style()
        return max(0, style.pixelMetric(metric, None, parent))

    def _rows(self, width: int) -> list[list[tuple[QLayoutItem, int]]]:
        """The visible items in rows, each row as many as fit ``width`` at their size hints."""
        spacing = self._horizontal_spacing()
        rows: list[list[tuple[QLayoutItem, int]]] = []
        used = 0
        for item, stretch in self._visible():
            wanted = item.sizeHint().width()
            if rows and rows[-1] and used + spacing + wanted <= width:
                rows[-1].append((item, stretch))
                used += spacing + wanted
            else:
                rows.append([(item, stretch)])
                used = wanted
        return rows

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        """Lay the items out in ``rect`` (only measure unless ``place``); the height used."""
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        spacing = self._horizontal_spacing()
        y = area.y()
        for row_number, row in enumerate(self._rows(area.width())):
            if row_number:
                y += self._vertical_spacing()
            widths = [
                max(item.minimumSize().width(), min(item.sizeHint().width(), area.width()))
                for item, _ in row
            ]
            spare = area.width() - sum(widths) - spacing * (len(row) - 1)
            stretch_total = sum(stretch for _, stretch in row)
            if spare > 0 and stretch_total:
                for index, (_, stretch) in enumerate(row):
                    widths[index] += spare * stretch // stretch_total
            height = max(
                _height_for(item, width) for (item, _), width in zip(row, widths, strict=True)
            )
            if place:
                x = area.x()
                for (item, _), width in zip(row, widths, strict=True):
                    item_height = min(height, _height_for(item, width))
                    if item.expandingDirections() & Qt.Orientation.Vertical:
                        item_height = height
                    top = y + (height - item_height) // 2
                    item.setGeometry(QRect(QPoint(x, top), QSize(width, item_height)))
                    x += width + spacing
            y += height
        return y - area.y() + margins.top() + margins.bottom()


def _height_for(item: QLayoutItem, width: int) -> int:
    if item.hasHeightForWidth():
        return max(item.heightForWidth(width), item.minimumSize().height())
    return item.sizeHint().height()


def flow_row(*widgets: QWidget, stretch_of: QWidget | None = None) -> FlowLayout:
    """A :class:`FlowLayout` holding ``widgets``; ``stretch_of`` takes the spare room."""
    layout = FlowLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.add_widget(widget, 1 if widget is stretch_of else 0)
        if widget is stretch_of:
            policy = widget.sizePolicy()
            policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
            widget.setSizePolicy(policy)
    return layout
