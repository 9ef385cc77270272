"""Small helpers every page of the editor uses: naming, tab order, labels, combo boxes,
scrolling a part into view."""

from __future__ import annotations

import itertools

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QLabel, QScrollArea, QWidget

#: Property of a text widget that only shows something (a preview): the editor's read-only
#: switch leaves it read-only when it makes the draft's fields editable again.
ALWAYS_READ_ONLY = "immer_nur_lesen"


def chain_tab_order(widgets: list[QWidget]) -> None:
    """Make Tab visit ``widgets`` in this order (widgets created later come last otherwise)."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


def compact_combo_box(characters: int = 24) -> QComboBox:
    """A combo box as wide as the layout allows but needing only ``characters`` at least.

    Catalogue entries are long ("Dezernat für Soziales, Bildung, Jugend und Gesundheit"); a
    combo box sized to them would push the page wider than a laptop screen at 200 %.
    """
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    return combo


def describe(widget: QWidget, name: str, description: str = "") -> None:
    """Give ``widget`` the accessible name (and description) screen readers announce."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)


def hint_label(text: str) -> QLabel:
    """A wrapped explanation under a heading; readable by screen readers."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName("erlaeuterung")
    label.setAccessibleName(text)
    return label


def heading_label(text: str) -> QLabel:
    """A section heading in bold, scaled from the system font (no fixed pixel size)."""
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label


def scroll_into_view(widget: QWidget) -> None:
    """Scroll the page holding ``widget`` so it is seen, once the layout has placed it (a part
    just shown has its size only then)."""

    def scroll() -> None:
        if not shiboken6.isValid(widget):
            return  # the page was closed meanwhile
        parent = widget.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None and widget.isVisible():
            parent.ensureWidgetVisible(widget, 0, 0)

    QTimer.singleShot(0, scroll)
