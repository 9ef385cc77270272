"""Multi-line fields: "Aufzählung" on selected lines, and pasting from Word, Excel, a browser."""

from __future__ import annotations

import struct
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QTextCursor
from PySide6.QtWidgets import QApplication, QToolButton, QWidget

from stellungnahme_app.pasted_html import html_to_text
from stellungnahme_app.ui.editor.text_field import (
    LARGE_PASTE_CHARACTERS,
    LineField,
    PlainTextField,
    with_bullet_button,
)
from stellungnahme_app.ui.main_window import MainWindow
from stellungnahme_app.ui.outlook_drops import CONTENTS_FORMAT, DESCRIPTOR_FORMAT

CLIPBOARD = Path(__file__).parents[2] / "fixtures" / "clipboard"
CTRL = Qt.KeyboardModifier.ControlModifier
NO_KEYS = Qt.KeyboardModifier.NoModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def field(qtbot: Any) -> Iterator[PlainTextField]:
    text_field = PlainTextField("Testfeld")
    box = with_bullet_button(text_field)  # kept until the test ends: it owns the field
    qtbot.addWidget(box)
    box.show()
    text_field.setFocus()
    qtbot.waitUntil(text_field.hasFocus)
    yield text_field
    box.close()


def select(field: PlainTextField, start: int, end: int) -> None:
    cursor = field.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    field.setTextCursor(cursor)


def paste(qtbot: Any, field: PlainTextField, *, html: str | None = None, text: str | None = None):
    data = QMimeData()
    if html is not None:
        data.setHtml(html)
    if text is not None:
        data.setText(text)
    QGuiApplication.clipboard().setMimeData(data)
    qtbot.keyClick(field, Qt.Key.Key_V, CTRL)


# --------------------------------------------------------------------------- Aufzählung


def test_the_shortcut_sets_and_removes_the_markers_of_the_selected_lines(
    qtbot: Any, field: PlainTextField
) -> None:
    field.set_text("Schritte:\nFördermittel prüfen\nBericht\n\nDanach.")
    edits: list[str] = []
    field.edited.connect(edits.append)
    select(field, field.text().index("Förder"), field.text().index("Bericht") + 3)
    qtbot.keyClick(field, Qt.Key.Key_L, CTRL_SHIFT)
    assert field.text() == "Schritte:\n- Fördermittel prüfen\n- Bericht\n\nDanach."
    assert edits[-1] == field.text()
    assert field.textCursor().selectedText().replace("\u2029", "\n") == (
        "- Fördermittel prüfen\n- Bericht"
    )
    qtbot.keyClick(field, Qt.Key.Key_L, CTRL_SHIFT)
    assert field.text() == "Schritte:\nFördermittel prüfen\nBericht\n\nDanach."


def test_one_undo_step_takes_the_markers_back(qtbot: Any, field: PlainTextField) -> None:
    field.set_text("Eins\nZwei")
    select(field, 0, len(field.text()))
    qtbot.keyClick(field, Qt.Key.Key_L, CTRL_SHIFT)
    assert field.text() == "- Eins\n- Zwei"
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert field.text() == "Eins\nZwei"


def test_the_button_works_on_the_selection_without_taking_the_focus(
    qtbot: Any, field: PlainTextField
) -> None:
    field.set_text("Eins\nZwei")
    select(field, 0, 3)
    button = field.bullet_button
    assert isinstance(button, QToolButton)
    assert button.text() == "Aufzählung"
    assert "Strg+Umschalt+L" in button.toolTip() or "Ctrl+Shift+L" in button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert field.text() == "- Eins\nZwei"
    assert field.hasFocus()


def test_typing_after_the_shortcut_on_an_empty_line_starts_an_item(
    qtbot: Any, field: PlainTextField, type_text: Any
) -> None:
    qtbot.keyClick(field, Qt.Key.Key_L, CTRL_SHIFT)
    type_text(field, "Erster Punkt")
    assert field.text() == "- Erster Punkt"


def test_a_read_only_field_is_left_alone(qtbot: Any, field: PlainTextField) -> None:
    field.set_text("Eins")
    field.setReadOnly(True)
    qtbot.keyClick(field, Qt.Key.Key_L, CTRL_SHIFT)
    assert field.text() == "Eins"


# --------------------------------------------------------------------------- pasting


def test_pasting_from_word_gives_paragraphs_and_a_list(qtbot: Any, field: PlainTextField) -> None:
    html = (CLIPBOARD / "word-absaetze-und-liste.html").read_text(encoding="utf-8")
    # Word's own plain text: paragraphs one line break apart, the bullet with a tab.
    plain = "Die Kämmerei hat die Kosten geprüft.\r\nFolgende Schritte:\r\n·\tPrüfung\r\n"
    paste(qtbot, field, html=html, text=plain)
    # (toPlainText gives a non-breaking space as a space)
    assert field.text() == html_to_text(html).replace("\u00a0", " ")
    assert "\n\nFolgende Schritte schlagen wir vor:\n\n- Prüfung" in field.text()


def test_pasting_from_excel_gives_tab_rows_without_a_trailing_break(
    qtbot: Any, field: PlainTextField
) -> None:
    html = (CLIPBOARD / "excel-kosten.html").read_text(encoding="utf-8")
    paste(
        qtbot, field, html=html, text="Posten\tAnzahl\tBetrag\r\nDachsanierung\t1\t120.000,00 €\r\n"
    )
    assert field.text().startswith("Posten\tAnzahl\tBetrag\nDachsanierung\t1\t120.000,00 €\n")
    assert field.text().endswith("Summe\t\t206.400,00 €")


def test_plain_text_of_one_excel_cell_loses_its_line_break(
    qtbot: Any, field: PlainTextField
) -> None:
    field.set_text("Betrag: ")
    field.moveCursor(QTextCursor.MoveOperation.End)
    paste(qtbot, field, text="1.234,50 €\r\n")
    assert field.text() == "Betrag: 1.234,50 €"


def test_one_excel_cell_as_qt_on_windows_hands_it_over_loses_its_line_break(
    qtbot: Any, field: PlainTextField
) -> None:
    """Qt on Windows gives the clipboard's CRLF as LF; Excel's own formats tell the source."""
    field.set_text("Betrag: ")
    field.moveCursor(QTextCursor.MoveOperation.End)
    data = QMimeData()
    data.setText("1.234,50 €\n")
    data.setData('application/x-qt-windows-mime;value="Biff12"', b"\x00")
    QGuiApplication.clipboard().setMimeData(data)
    qtbot.keyClick(field, Qt.Key.Key_V, CTRL)
    assert field.text() == "Betrag: 1.234,50 €"


def test_html_alone_can_be_pasted_and_dropped(field: PlainTextField) -> None:
    data = QMimeData()
    data.setHtml("<ul><li>eins</li><li>zwei</li></ul>")
    assert field.canInsertFromMimeData(data)
    field.insertFromMimeData(data)
    assert field.text() == "- eins\n- zwei"


def test_copying_between_the_program_s_fields_keeps_the_text_exactly(
    qtbot: Any, field: PlainTextField
) -> None:
    source = PlainTextField("Quelle")
    qtbot.addWidget(source)
    source.set_text("Zeile eins\nZeile zwei\n\nAbsatz\tmit Tab")
    source.selectAll()
    QGuiApplication.clipboard().setMimeData(source.createMimeDataFromSelection())
    assert QGuiApplication.clipboard().mimeData().hasHtml()  # Qt adds its own HTML
    qtbot.keyClick(field, Qt.Key.Key_V, CTRL)
    assert field.text() == "Zeile eins\nZeile zwei\n\nAbsatz\tmit Tab"


def test_a_long_paste_from_word_arrives_and_leaves_no_busy_cursor(
    qtbot: Any, field: PlainTextField
) -> None:
    paragraph = "<p class=MsoNormal>Ein Absatz aus einem langen Dokument.<o:p></o:p></p>\n"
    html = "<html><body>" + paragraph * 12_000 + "</body></html>"
    assert len(html) > LARGE_PASTE_CHARACTERS
    paste(qtbot, field, html=html, text="egal")
    assert field.text() == "\n\n".join(["Ein Absatz aus einem langen Dokument."] * 12_000)
    assert QGuiApplication.overrideCursor() is None


# --------------------------------------------------------------------------- files dropped


def outlook_attachment(name: str, content: bytes) -> QMimeData:
    """An attachment dragged out of Outlook: FILEGROUPDESCRIPTORW with one 592-byte entry
    (the name in UTF-16 at offset 72) and FileContents – and no text."""
    entry = bytearray(592)
    entry[72 : 72 + 2 * len(name)] = name.encode("utf-16-le")
    mime = QMimeData()
    mime.setData(DESCRIPTOR_FORMAT, struct.pack("<I", 1) + bytes(entry))
    mime.setData(CONTENTS_FORMAT, content)
    return mime


def drag_and_drop(target: QWidget, mime: QMimeData) -> tuple[bool, bool]:
    """Drag ``mime`` onto ``target`` and drop it: (drag accepted, drop accepted)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # PySide6's only QPoint constructor
        enter = QDragEnterEvent(
            QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, NO_KEYS
        )
    QApplication.sendEvent(target, enter)
    drop = QDropEvent(
        QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, NO_KEYS
    )
    QApplication.sendEvent(target, drop)
    return enter.isAccepted(), drop.isAccepted()


def shown_field(window: MainWindow, field_path: str) -> PlainTextField | LineField:
    assert window.editor is not None
    window.editor.jump_to(field_path)
    QApplication.processEvents()
    widget = window.focusWidget()
    assert isinstance(widget, PlainTextField | LineField)
    return widget


def test_a_file_dropped_on_a_text_field_is_imported_and_not_typed_in(
    qtbot: Any, reference_window: MainWindow, reference_json_path: Path
) -> None:
    """Not "file:///…/Stellungnahme.json" in the contribution, but the window's import."""
    text_field = shown_field(reference_window, "contributions[0].text")
    before = text_field.text()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(reference_json_path))])
    assert mime.hasText(), "Qt offers a dropped file's URL as text"
    with qtbot.waitSignal(reference_window.imported, timeout=10_000):
        assert drag_and_drop(text_field.viewport(), mime) == (True, True)
    assert text_field.text() == before


@pytest.mark.parametrize("field_path", ["contributions[0].text", "document_title"])
def test_an_outlook_attachment_dropped_on_a_text_field_goes_to_the_window(
    qtbot: Any, reference_window: MainWindow, reference_json_path: Path, field_path: str
) -> None:
    text_field = shown_field(reference_window, field_path)
    target = text_field.viewport() if isinstance(text_field, PlainTextField) else text_field
    before = text_field.text()
    mime = outlook_attachment("Stellungnahme_0661-24.json", reference_json_path.read_bytes())
    mime.setText("Stellungnahme_0661-24.json")  # as a drag from the message list may add
    with qtbot.waitSignal(reference_window.imported, timeout=10_000):
        assert drag_and_drop(target, mime) == (True, True)
    assert text_field.text() == before


def test_text_dragged_from_a_browser_still_drops_into_the_field(
    reference_window: MainWindow,
) -> None:
    text_field = shown_field(reference_window, "contributions[0].text")
    mime = QMimeData()
    mime.setUrls([QUrl("https://www.erfurt.de/ef/de/rathaus/")])
    mime.setText("Rathaus")
    assert drag_and_drop(text_field.viewport(), mime) == (True, True)
    assert "Rathaus" in text_field.text()
    assert len(reference_window.workspace.list_drafts()) == 1, "nothing imported"
