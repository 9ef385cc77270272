"""The document preview: lists and tables as the document prints them; like paper in a light
palette, in the user's colours otherwise."""

from __future__ import annotations

from typing import Any

from palettes import DARK, HIGH_CONTRAST, contrast
from PySide6.QtGui import QColor, QPalette, QTextCursor, QTextDocument, QTextList, QTextTable
from pytestqt.qtbot import QtBot

from stellungnahme_app import export
from stellungnahme_app.model import Draft
from stellungnahme_app.ui.document_preview import DocumentPreview

COSTS = "Posten\tBetrag\nDach\t120.000,00 €\nFenster <b>&</b>\t86.400,00 €"


def lists_and_tables(document: QTextDocument) -> tuple[list[QTextList], list[QTextTable]]:
    lists: list[QTextList] = []
    tables: list[QTextTable] = []
    block = document.begin()
    while block.isValid():
        text_list = block.textList()
        if text_list is not None and text_list not in lists:
            lists.append(text_list)
        table = QTextCursor(block).currentTable()
        if table is not None and table not in tables:
            tables.append(table)
        block = block.next()
    return lists, tables


def cell_text(table: QTextTable, row: int, column: int) -> str:
    cell = table.cellAt(row, column)
    cursor = cell.firstCursorPosition()
    cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def test_lists_labelled_items_and_tables_show_as_they_print(
    qtbot: Any, reference_draft: Draft
) -> None:
    reference_draft.contributions[
        0
    ].text += f"\n\nSchritte:\n- Fördermittel prüfen\n- Bericht\n\n1. Erstens\n\n{COSTS}"
    preview = DocumentPreview()
    qtbot.addWidget(preview)
    preview.show_draft(reference_draft)
    lists, tables = lists_and_tables(preview.document())
    assert [lists[0].item(i).text() for i in range(lists[0].count())] == [
        "Fördermittel prüfen",
        "Bericht",
    ]
    assert len(lists) == 1
    data = [t for t in tables if t.columns() == 2 and cell_text(t, 0, 0) == "Posten"]
    [table] = data
    assert (table.rows(), table.columns()) == (3, 2)
    assert cell_text(table, 2, 0) == "Fenster <b>&</b>"
    header = table.cellAt(0, 0).firstCursorPosition().charFormat()
    assert header.fontWeight() >= 600
    amount = table.cellAt(1, 1).firstCursorPosition().blockFormat()
    assert amount.alignment() & amount.alignment().AlignRight
    words = preview.toPlainText().split()
    assert words == " ".join(export.document_text(reference_draft)).split()
    labelled = next(b for b in _blocks(preview.document()) if b.text() == "1.\tErstens")
    assert labelled.blockFormat().textIndent() < 0 < labelled.blockFormat().leftMargin()


def _blocks(document: QTextDocument) -> list:
    found = []
    block = document.begin()
    while block.isValid():
        found.append(block)
        block = block.next()
    return found


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
