"""Text fields: pasted text is cleaned, undo/redo works, the program's filling leaves no trace."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication

from stellungnahme_app.ui.editor.text_field import LineField, PlainTextField

DIRTY = "Erste Zeile\vzweite\x00 Zeile\fneue Seite\x07\r\nEnde\u2029Absatz"


@pytest.fixture
def plain(qtbot: Any) -> PlainTextField:
    field = PlainTextField("Testfeld")
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    return field


@pytest.fixture
def line(qtbot: Any) -> LineField:
    field = LineField("Testzeile")
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    return field


def _paste(qtbot: Any, widget: Any, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_plain_field_cleans_pasted_text(qtbot: Any, plain: PlainTextField) -> None:
    edits: list[str] = []
    plain.edited.connect(edits.append)
    _paste(qtbot, plain, DIRTY)
    expected = "Erste Zeile\nzweite Zeile\nneue Seite\nEnde\n\nAbsatz"
    assert plain.text() == expected
    assert edits[-1] == expected


def test_plain_field_cleans_dropped_or_inserted_mime_data(plain: PlainTextField) -> None:
    data = QMimeData()
    data.setText("a\x00b\vc")
    assert plain.canInsertFromMimeData(data)
    plain.insertFromMimeData(data)
    assert plain.text() == "ab\nc"


def test_plain_field_paste_is_undoable(
    qtbot: Any, plain: PlainTextField, type_text: Callable[[Any, str], None]
) -> None:
    type_text(plain, "Anfang ")
    _paste(qtbot, plain, "Eingefügt\x00")
    assert plain.text() == "Anfang Eingefügt"
    qtbot.keyClick(plain, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert plain.text() == "Anfang "
    qtbot.keyClick(
        plain, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert plain.text() == "Anfang Eingefügt"


def test_line_field_makes_pasted_text_one_clean_line(qtbot: Any, line: LineField) -> None:
    edits: list[str] = []
    line.edited.connect(edits.append)
    _paste(qtbot, line, DIRTY)
    assert line.text() == "Erste Zeile zweite Zeile neue Seite Ende  Absatz"
    assert edits[-1] == line.text()
    qtbot.keyClick(line, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert line.text() == ""


def test_line_field_cleans_text_set_in_other_ways(line: LineField) -> None:
    line.insert("a\tb\nc\x01")
    assert line.text() == "a b c"


def test_set_text_is_silent_and_leaves_no_undo(
    qtbot: Any, plain: PlainTextField, line: LineField, type_text: Callable[[Any, str], None]
) -> None:
    edits: list[str] = []
    plain.edited.connect(edits.append)
    line.edited.connect(edits.append)
    type_text(plain, "getippt")
    type_text(line, "getippt")
    edits.clear()
    plain.set_text("vom Programm")
    line.set_text("vom Programm")
    assert edits == []
    assert not plain.document().isUndoAvailable()
    assert not line.isUndoAvailable()


def test_typing_then_undo_redo_in_line_field(
    qtbot: Any, line: LineField, type_text: Callable[[Any, str], None]
) -> None:
    line.set_text("Titel")
    line.end(False)
    type_text(line, " neu")
    qtbot.keyClick(line, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert line.text() == "Titel"
    qtbot.keyClick(line, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert line.text() == "Titel neu"


@pytest.mark.parametrize(
    ("before", "cursor", "inserted", "after"),
    [
        ("", 0, "Baustein.", "Baustein."),
        ("Erster Absatz.", 14, "Baustein.", "Erster Absatz.\n\nBaustein."),
        ("Erster Absatz.\n", 15, "Baustein.", "Erster Absatz.\n\nBaustein."),
        ("Erster.\n\nZweiter.", 9, "Baustein.", "Erster.\n\nBaustein.\n\nZweiter."),
        ("Zweiter.", 0, "Baustein.\n", "Baustein.\n\nZweiter."),
    ],
)
def test_insert_paragraph_separates_with_blank_lines(
    plain: PlainTextField, before: str, cursor: int, inserted: str, after: str
) -> None:
    plain.set_text(before)
    text_cursor = plain.textCursor()
    text_cursor.setPosition(cursor)
    plain.setTextCursor(text_cursor)
    plain.insert_paragraph(inserted)
    assert plain.text() == after
    plain.undo()
    assert plain.text() == before, "one undo step removes the whole insertion"


def test_tab_moves_on_instead_of_typing_a_tab(plain: PlainTextField) -> None:
    assert plain.tabChangesFocus()


@pytest.mark.parametrize("kind", [PlainTextField, LineField])
def test_ctrl_z_takes_back_only_what_was_typed_since_coming_to_the_field(
    qtbot: Any, kind: type[PlainTextField] | type[LineField], type_text: Callable[[Any, str], None]
) -> None:
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    field, other = kind("Testfeld"), LineField("Anderes Feld")
    layout = QVBoxLayout(window)
    layout.addWidget(field)
    layout.addWidget(other)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    field.setFocus()
    type_text(field, "Ortsteilrat")
    other.setFocus()
    field.setFocus()
    type_text(field, " (Stand Mai)")
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == "Ortsteilrat"
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == ""
