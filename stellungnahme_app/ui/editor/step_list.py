"""The list of the eight steps at the side of the editor, each with its state.

Each entry reads "2. Prüfung" with its state below it ("vollständig", "unvollständig –
2 Fehler", "noch nicht begonnen", "vorausgefüllt – bitte prüfen", "optional") and an icon;
the state is in the text, not only in the icon's colour, so screen readers and colour-blind
users get it too.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from stellungnahme_app.form_steps import STEPS, StepState, StepSummary
from stellungnahme_app.ui.editor.widget_helpers import describe

STATE_ROLE = Qt.ItemDataRole.UserRole

_COLOURS = {
    StepState.COMPLETE: QColor("#1e7b34"),
    StepState.PROBLEMS: QColor("#b3261e"),
    StepState.NOT_STARTED: QColor("#6b6b6b"),
    StepState.PREFILLED: QColor("#8a5a00"),
    StepState.OPTIONAL: QColor("#6b6b6b"),
}
_EMPTY_STATES = (StepState.NOT_STARTED, StepState.OPTIONAL)


def state_icon(state: StepState, size: int, *, only_open: bool = False) -> QIcon:
    """A drawn sign: check mark (amber while only prefilled), exclamation mark (grey while
    nothing is an error yet, only open), or an empty circle."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = _COLOURS[StepState.NOT_STARTED if only_open else state]
    pen = QPen(colour, max(1.5, size / 10))
    painter.setPen(pen)
    margin = size * 0.12
    circle = pixmap.rect().adjusted(int(margin), int(margin), -int(margin), -int(margin))
    if state in _EMPTY_STATES:
        painter.drawEllipse(circle)
    else:
        painter.setBrush(colour)
        painter.drawEllipse(circle)
        pen.setColor(QColor("white"))
        pen.setWidthF(max(1.5, size / 8))
        painter.setPen(pen)
        if state in (StepState.COMPLETE, StepState.PREFILLED):
            painter.drawPolyline(
                [
                    _point(size, 0.30, 0.52),
                    _point(size, 0.45, 0.66),
                    _point(size, 0.70, 0.36),
                ]
            )
        else:
            painter.drawLine(_point(size, 0.5, 0.28), _point(size, 0.5, 0.58))
            painter.drawPoint(_point(size, 0.5, 0.72))
    painter.end()
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


def _point(size: int, x: float, y: float) -> QPointF:
    return QPointF(size * x, size * y)


class StepList(QListWidget):
    """One entry per step; the current row is the step shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        describe(
            self,
            "Schritte des Formulars",
            "Jeder Schritt mit seinem Stand; Pfeiltasten wählen einen Schritt",
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setSpacing(2)
        size = self.fontMetrics().height() * 2
        self.setIconSize(QSize(size, size))
        for index, step in enumerate(STEPS):
            item = QListWidgetItem(f"{index + 1}. {step.title}")
            self.addItem(item)
        self.set_summaries([StepSummary(StepState.NOT_STARTED) for _ in STEPS])
        width = max(
            self.fontMetrics().horizontalAdvance(f"{i + 1}. {s.title}") for i, s in enumerate(STEPS)
        )
        self.setMinimumWidth(width + size + self.fontMetrics().averageCharWidth() * 6)
        self.setMaximumWidth(int(self.minimumWidth() * 1.6))

    def set_summaries(self, summaries: list[StepSummary]) -> None:
        size = self.iconSize().width()
        for index, (step, summary) in enumerate(zip(STEPS, summaries, strict=True)):
            item = self.item(index)
            text = f"{index + 1}. {step.title}\n{summary.description}"
            if item.text() != text:
                item.setText(text)
                only_open = summary.state is StepState.PROBLEMS and not summary.errors
                item.setIcon(state_icon(summary.state, size, only_open=only_open))
                item.setData(STATE_ROLE, summary.state)
                item.setToolTip(f"{step.title}: {summary.description}")

    def state(self, index: int) -> StepState:
        return self.item(index).data(STATE_ROLE)
