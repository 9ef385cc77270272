"""The step list's icons: sharp at 125/150 % and visible in dark and high-contrast palettes."""

from __future__ import annotations

from collections import Counter

import pytest
from palettes import DARK, HIGH_CONTRAST, contrast
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from stellungnahme_app.form_steps import STEPS, StepState, StepSummary
from stellungnahme_app.ui.editor.step_list import StepList, state_icon

SIZE = 32


def drawn_colours(image: QImage) -> Counter[str]:
    """The opaque colours of an icon, most frequent first."""
    colours: Counter[str] = Counter()
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() == 255:
                colours[pixel.name()] += 1
    return colours


@pytest.mark.parametrize("ratio", [1.0, 1.25, 1.5, 2.0])
def test_an_icon_is_drawn_at_the_device_pixel_ratio_of_the_screen(ratio: float) -> None:
    icon = state_icon(StepState.COMPLETE, SIZE, QApplication.palette(), ratio=ratio)
    pixmap = icon.pixmap(QSize(SIZE, SIZE), ratio)
    assert pixmap.devicePixelRatio() == ratio
    assert pixmap.width() == round(SIZE * ratio)


@pytest.mark.parametrize("palette", [DARK, QApplication.palette], ids=["dunkel", "hell"])
@pytest.mark.parametrize("state", list(StepState))
def test_every_state_stands_out_from_the_background(palette: object, state: StepState) -> None:
    """At least 3:1 against the list's background (WCAG for graphical objects)."""
    chosen = palette() if callable(palette) else palette
    icon = state_icon(state, SIZE, chosen, ratio=1.0)
    image = icon.pixmap(QSize(SIZE, SIZE), 1.0).toImage()
    [(main, _count)] = drawn_colours(image).most_common(1)
    background = chosen.color(QPalette.ColorRole.Base)
    assert contrast(QColor(main), background) >= 3.0, (state, main, background.name())


@pytest.mark.parametrize("state", list(StepState))
def test_high_contrast_draws_in_the_colours_of_the_theme_only(state: StepState) -> None:
    """White on black: every pixel of the sign is white, black or a grey between them."""
    icon = state_icon(state, SIZE, HIGH_CONTRAST, ratio=1.0, high_contrast=True)
    image = icon.pixmap(QSize(SIZE, SIZE), 1.0).toImage()
    colours = [QColor(name) for name in drawn_colours(image)]
    assert colours
    coloured = [c.name() for c in colours if max(c.getRgb()[:3]) - min(c.getRgb()[:3]) > 2]
    assert coloured == []
    assert QColor("#ffffff") in colours


def test_the_list_redraws_its_icons_in_a_new_palette(qtbot: QtBot) -> None:
    steps = StepList()
    qtbot.addWidget(steps)
    steps.set_summaries([StepSummary(StepState.PROBLEMS, "2 Fehler") for _ in STEPS])
    size = steps.iconSize()
    before = steps.item(0).icon().pixmap(size, 1.0).toImage()
    steps.setPalette(DARK)
    after = steps.item(0).icon().pixmap(size, 1.0).toImage()
    [(main, _count)] = drawn_colours(after).most_common(1)
    assert before != after
    assert contrast(QColor(main), DARK.color(QPalette.ColorRole.Base)) >= 3.0


@pytest.mark.parametrize("palette", [DARK, QApplication.palette], ids=["dunkel", "hell"])
@pytest.mark.parametrize("state", list(StepState))
def test_the_sign_of_the_current_step_stands_out_from_the_selection(
    palette: object, state: StepState
) -> None:
    """The row of the current step is drawn in the highlight colour: its sign stays visible."""
    chosen = palette() if callable(palette) else palette
    icon = state_icon(state, SIZE, chosen, ratio=1.0, high_contrast=False)
    image = icon.pixmap(QSize(SIZE, SIZE), QIcon.Mode.Selected).toImage()
    [(main, _count)] = drawn_colours(image).most_common(1)
    highlight = chosen.color(QPalette.ColorRole.Highlight)
    assert contrast(QColor(main), highlight) >= 3.0, (state, main, highlight.name())
