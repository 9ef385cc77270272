"""The document preview: like paper in a light palette, in the user's colours otherwise."""

from __future__ import annotations

from palettes import DARK, HIGH_CONTRAST, contrast
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from stellungnahme_app.model import Draft
from stellungnahme_app.ui.document_preview import DocumentPreview


def shown(qtbot: QtBot, palette: QPalette | None, draft: Draft) -> DocumentPreview:
    preview = DocumentPreview()
    qtbot.addWidget(preview)
    if palette is not None:
        preview.setPalette(palette)
    preview.resize(500, 300)
    preview.show_draft(draft)
    preview.show()
    qtbot.waitExposed(preview)
    return preview


def test_a_high_contrast_palette_is_honoured(qtbot: QtBot, reference_draft: Draft) -> None:
    """No white paper forced onto a black high-contrast theme."""
    preview = shown(qtbot, HIGH_CONTRAST, reference_draft)
    image = preview.viewport().grab().toImage()
    corner = image.pixelColor(image.width() - 3, image.height() - 3)
    assert corner.name() == HIGH_CONTRAST.color(QPalette.ColorRole.Base).name()


def test_a_dark_palette_shows_light_text_on_dark(qtbot: QtBot, reference_draft: Draft) -> None:
    preview = shown(qtbot, DARK, reference_draft)
    image = preview.viewport().grab().toImage()
    background = image.pixelColor(image.width() - 3, image.height() - 3)
    assert background.name() == DARK.color(QPalette.ColorRole.Base).name()
    brightest = max(
        (image.pixelColor(x, y) for y in range(0, image.height(), 2) for x in range(image.width())),
        key=lambda colour: colour.lightness(),
    )
    assert contrast(brightest, background) >= 7, "the text reads clearly"


def test_in_the_usual_light_palette_the_preview_is_white_like_paper(
    qtbot: QtBot, reference_draft: Draft
) -> None:
    preview = shown(qtbot, None, reference_draft)
    image = preview.viewport().grab().toImage()
    assert image.pixelColor(image.width() - 3, image.height() - 3) == QColor("white")
