"""Visible keyboard focus in every style: a ring around the control that has the focus.

Qt's styles draw focus differently or hardly at all: Fusion shows nothing on a radio button
or a push button until Tab was pressed in the window, the classic Windows style a dotted line
one pixel wide. The program draws with Fusion on every system (``app.QT_STYLE``) but relies
on neither: :func:`install_focus_frame` follows the application's focus and draws a
:class:`FocusRing` – a two-pixel line in the palette's highlight colour – around the control
that has it, whatever the style. Item views also mark their current row
(:class:`FocusRowDelegate`, given to every view with Qt's plain delegate when it first gets
the focus), so the row the keyboard is on is visible even inside a selection.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

#: How far the ring stands out of the control, and how wide its line is (logical pixels).
RING_MARGIN = 3
RING_WIDTH = 2


class FocusRing(QWidget):
    """A frame drawn over the edge of ``target``'s area; it follows the target around."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("fokusrahmen")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.target: QWidget | None = None

    def follow(self, target: QWidget | None) -> None:
        """Frame ``target`` (``None``: hide)."""
        if self.target is not None and shiboken6.isValid(self.target):
            self.target.removeEventFilter(self)
        self.target = target
        parent = target.parentWidget() if target is not None else None
        if target is None or parent is None or isinstance(parent, QSplitter):
            self.hide()  # (a splitter would take the ring for one of its panes)
            return
        if self.parentWidget() is not parent:
            self.setParent(parent)
        target.installEventFilter(self)
        self._place()

    def _place(self) -> None:
        target, parent = self.target, self.parentWidget()
        if target is None or parent is None or not target.isVisible():
            self.hide()
            return
        area = target.geometry().adjusted(-RING_MARGIN, -RING_MARGIN, RING_MARGIN, RING_MARGIN)
        self.setGeometry(area.intersected(parent.rect()))
        self.show()
        self.raise_()
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.target and event.type() in (
            QEvent.Type.Move,
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.Hide,
            QEvent.Type.ZOrderChange,
        ):
            self._place()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), RING_WIDTH)
        painter.setPen(pen)
        inset = RING_WIDTH / 2
        painter.drawRoundedRect(self.rect().toRectF().adjusted(inset, inset, -inset, -inset), 3, 3)
        painter.end()


def ring_target(widget: QWidget | None) -> QWidget | None:
    """The control a focused widget belongs to (a combo box for its line edit), if any."""
    if widget is None:
        return None
    if widget.window().windowType() == Qt.WindowType.Popup:
        return None  # a combo box's list, a menu, the calendar: they show their own choice
    parent = widget.parentWidget()
    if isinstance(parent, (QComboBox, QAbstractSpinBox)):
        return parent
    return widget


class _FocusFollower(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._ring: FocusRing | None = None
        app.focusChanged.connect(self._focus_changed)

    def ring(self) -> FocusRing:
        # The ring lives inside a window; when that window is gone, so is the ring.
        if self._ring is None or not shiboken6.isValid(self._ring):
            self._ring = FocusRing()
        return self._ring

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, QAbstractItemView) and type(new.itemDelegate()) is QStyledItemDelegate:
            mark_current_row(new)
        self.ring().follow(ring_target(new))


def install_focus_frame(app: QApplication) -> None:
    """Draw the focus ring in every window of ``app`` from now on (idempotent)."""
    if getattr(app, "_stellungnahme_focus_follower", None) is None:
        app._stellungnahme_focus_follower = _FocusFollower(app)  # type: ignore[attr-defined]


def mark_current_row(view: QAbstractItemView) -> None:
    """Let ``view`` frame its current row while it has the keyboard focus."""
    view.setItemDelegate(FocusRowDelegate(view))
    view.installEventFilter(_RowRepainter(view))
    view.viewport().update()
    selection = view.selectionModel()
    if selection is not None:
        selection.currentRowChanged.connect(lambda *_: view.viewport().update())


class _RowRepainter(QObject):
    """Repaints the whole view when it gains or loses the focus (Qt repaints one cell)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut) and isinstance(
            watched, QAbstractItemView
        ):
            watched.viewport().update()
        return False


class FocusRowDelegate(QStyledItemDelegate):
    """Draws the cells as usual and a frame along the current row while the view has focus."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        view = self.parent()
        if not isinstance(view, QAbstractItemView) or not view.hasFocus():
            return
        current = view.currentIndex()
        if not current.isValid() or current.row() != index.row():
            return
        columns = _visible_columns(view)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Highlight
        colour = option.palette.color(role)
        cell = QRect(option.rect)
        width = RING_WIDTH
        painter.fillRect(QRect(cell.left(), cell.top(), cell.width(), width), colour)
        painter.fillRect(QRect(cell.left(), cell.bottom() - width + 1, cell.width(), width), colour)
        if columns and index.column() == columns[0]:
            painter.fillRect(QRect(cell.left(), cell.top(), width, cell.height()), colour)
        if columns and index.column() == columns[-1]:
            painter.fillRect(
                QRect(cell.right() - width + 1, cell.top(), width, cell.height()), colour
            )


def _visible_columns(view: QAbstractItemView) -> list[int]:
    if isinstance(view, QTableView):
        header = view.horizontalHeader()
        return [c for c in range(header.count()) if not view.isColumnHidden(c)]
    return [0]
