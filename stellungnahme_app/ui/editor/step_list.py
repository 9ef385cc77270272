"""The list of the eight steps at the side of the editor, each with its state.

Each entry reads "2. Prüfung" with its state below it ("vollständig", "unvollständig –
2 Fehler", "noch nicht begonnen", "vorausgefüllt – bitte prüfen", "optional") and an icon;
the state is in the text, not only in the icon's colour, so screen readers and colour-blind
users get it too.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from stellungnahme_app.form_steps import STEPS, StepState, StepSummary
from stellungnahme_app.ui.editor.widget_helpers import describe

STATE_ROLE = Qt.ItemDataRole.UserRole
# The window moved to a screen with other scaling (Qt ≥ 6.6; ScreenChangeInternal before).
_DEVICE_PIXEL_RATIO_CHANGE = getattr(
    QEvent.Type, "DevicePixelRatioChange", QEvent.Type.ScreenChangeInternal
)

#: The states' colours on a light background and on a dark one (Windows' dark mode).
_ON_LIGHT = {
    StepState.COMPLETE: QColor("#1e7b34"),
    StepState.PROBLEMS: QColor("#b3261e"),
    StepState.NOT_STARTED: QColor("#6b6b6b"),
    StepState.PREFILLED: QColor("#8a5a00"),
    StepState.OPTIONAL: QColor("#6b6b6b"),
}
_ON_DARK = {
    StepState.COMPLETE: QColor("#6fd08c"),
    StepState.PROBLEMS: QColor("#ff8a80"),
    StepState.NOT_STARTED: QColor("#b0b0b0"),
    StepState.PREFILLED: QColor("#f0b75a"),
    StepState.OPTIONAL: QColor("#b0b0b0"),
}
_EMPTY_STATES = (StepState.NOT_STARTED, StepState.OPTIONAL)
#: Graphical objects need 3:1 against their background (WCAG 2.1, 1.4.11).
MINIMUM_CONTRAST = 3.0


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(one: QColor, other: QColor) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def system_wants_high_contrast() -> bool:
    """Windows' high-contrast mode is on (known to Qt from 6.10 on)."""
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    preference = getattr(Qt, "ContrastPreference", None)
    if accessibility is None or preference is None:
        return False
    return accessibility().contrastPreference() == preference.HighContrast


def state_colour(state: StepState, palette: QPalette, *, high_contrast: bool = False) -> QColor:
    """The colour of a state's sign: green, red or grey that stand out from the list's
    background; in high contrast, and where they would not stand out, the theme's text colour.
    """
    background = palette.color(QPalette.ColorRole.Base)
    colour = (_ON_DARK if _luminance(background) < 0.18 else _ON_LIGHT)[state]
    if high_contrast or _contrast(colour, background) < MINIMUM_CONTRAST:
        return palette.color(QPalette.ColorRole.Text)
    return colour


def state_icon(
    state: StepState,
    size: int,
    palette: QPalette,
    *,
    ratio: float = 1.0,
    high_contrast: bool | None = None,
    only_open: bool = False,
) -> QIcon:
    """A drawn sign: check mark (amber while only prefilled), exclamation mark (grey while
    nothing is an error yet, ``only_open``), or an empty circle.

    Drawn for ``size`` logical pixels at the screen's device pixel ratio ``ratio`` (sharp at
    125 and 150 %), in colours of ``palette`` (see :func:`state_colour`); the current step's
    sign (mode Selected) in colours that stand out from the palette's highlight.
    """
    if high_contrast is None:
        high_contrast = system_wants_high_contrast()
    icon = QIcon(_sign(state, size, palette, ratio, high_contrast, only_open))
    selected = QPalette(palette)  # the current step's row is drawn in the highlight colour
    selected.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Highlight))
    selected.setColor(QPalette.ColorRole.Text, palette.color(QPalette.ColorRole.HighlightedText))
    icon.addPixmap(
        _sign(state, size, selected, ratio, high_contrast, only_open), QIcon.Mode.Selected
    )
    return icon


def _sign(
    state: StepState,
    size: int,
    palette: QPalette,
    ratio: float,
    high_contrast: bool,
    only_open: bool,
) -> QPixmap:
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour_of = StepState.NOT_STARTED if only_open else state
    colour = state_colour(colour_of, palette, high_contrast=high_contrast)
    pen = QPen(colour, max(1.5, size / 10))
    painter.setPen(pen)
    margin = size * 0.12
    circle = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    if state in _EMPTY_STATES:
        painter.drawEllipse(circle)
    else:
        painter.setBrush(colour)
        painter.drawEllipse(circle)
        pen.setColor(palette.color(QPalette.ColorRole.Base))
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
    return pixmap


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
        #: Each step's sign: its state and whether its problems are only open points.
        self._signs = [(StepState.NOT_STARTED, False) for _ in STEPS]
        self.set_summaries([StepSummary(StepState.NOT_STARTED) for _ in STEPS])
        self._redraw_icons()
        width = max(
            self.fontMetrics().horizontalAdvance(f"{i + 1}. {s.title}") for i, s in enumerate(STEPS)
        )
        self.setMinimumWidth(width + size + self.fontMetrics().averageCharWidth() * 6)
        self.setMaximumWidth(int(self.minimumWidth() * 1.6))

    def set_summaries(self, summaries: list[StepSummary]) -> None:
        for index, (step, summary) in enumerate(zip(STEPS, summaries, strict=True)):
            item = self.item(index)
            text = f"{index + 1}. {step.title}\n{summary.description}"
            if item.text() != text:
                item.setText(text)
                item.setData(STATE_ROLE, summary.state)
                item.setToolTip(f"{step.title}: {summary.description}")
            sign = (summary.state, summary.state is StepState.PROBLEMS and not summary.errors)
            if self._signs[index] != sign or item.icon().isNull():
                self._signs[index] = sign
                item.setIcon(self._icon(*sign))

    def _icon(self, state: StepState, only_open: bool) -> QIcon:
        return state_icon(
            state,
            self.iconSize().width(),
            self.palette(),
            ratio=self.devicePixelRatioF(),
            only_open=only_open,
        )

    def _redraw_icons(self) -> None:
        for index, sign in enumerate(self._signs):
            self.item(index).setIcon(self._icon(*sign))

    def changeEvent(self, event: QEvent) -> None:
        # A new palette (dark mode, high contrast switched on) or another screen's scaling.
        if event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.StyleChange,
            QEvent.Type.ApplicationPaletteChange,
        ):
            self._redraw_icons()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == _DEVICE_PIXEL_RATIO_CHANGE:
            self._redraw_icons()
        return super().event(event)

    def state(self, index: int) -> StepState:
        return self.item(index).data(STATE_ROLE)
