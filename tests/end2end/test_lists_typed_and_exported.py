"""End to end: a list typed with "Aufzählung" and a table pasted from Excel, in the window, print.

The clerk types lines into a contribution, marks them as a list with Ctrl+Shift+L, pastes a
cost table from Excel (HTML on the clipboard) and exports: the document has the list as list
paragraphs and the table as a table.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication

from stellungnahme_app import export
from stellungnahme_app.ui.editor.text_field import BULLET_SHORTCUT, PlainTextField
from stellungnahme_app.ui.main_window import MainWindow

CLIPBOARD = Path(__file__).parents[1] / "fixtures" / "clipboard"
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_every_multi_line_field_of_the_editor_has_the_button_and_no_action_clashes(
    reference_window: MainWindow,
) -> None:
    editor = reference_window.editor
    assert editor is not None
    for step in range(len(editor.steps)):
        editor.set_current_step(step)
    fields = [f for f in editor.findChildren(PlainTextField) if not f.isReadOnly()]
    assert len(fields) >= 7  # 3 points, 2 contributions, Fazit, amendments
    assert all(f.bullet_button is not None for f in fields), [
        f.accessibleName() for f in fields if f.bullet_button is None
    ]
    bullet = QKeySequence(BULLET_SHORTCUT)
    others = [
        a.text()
        for a in reference_window.findChildren(QAction)
        if a.shortcut() == bullet and a.text() != "Aufzählung"
    ]
    assert others == []


def test_a_typed_list_and_a_pasted_table_print_as_list_and_table(
    qtbot: Any, reference_window: MainWindow, type_text: Any
) -> None:
    editor = reference_window.editor
    assert editor is not None
    editor.jump_to("contributions[1].text")
    QApplication.processEvents()
    field = reference_window.focusWidget()
    assert isinstance(field, PlainTextField)
    qtbot.keyClick(field, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(field, "\n\nWir schlagen vor:\nFördermittel prüfen\nBericht")
    qtbot.keyClick(field, Qt.Key.Key_Up, SHIFT)
    qtbot.keyClick(field, Qt.Key.Key_Home, SHIFT)
    qtbot.keyClick(field, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | SHIFT)
    assert field.text().endswith("Wir schlagen vor:\n- Fördermittel prüfen\n- Bericht")

    qtbot.keyClick(field, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(field, "\n\n")
    data = QMimeData()
    data.setHtml((CLIPBOARD / "excel-kosten.html").read_text(encoding="utf-8"))
    data.setText("Posten\tAnzahl\tBetrag\r\n")
    QGuiApplication.clipboard().setMimeData(data)
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    draft = editor.draft()
    assert draft.contributions[1].text == field.text()
    document = export.render_docx_bytes(draft, draft_mode=True)
    docx = Document(io.BytesIO(document))
    items = [p.text for p in docx.paragraphs if p.style.name == "Stn Aufzählung"]
    assert items == ["Fördermittel prüfen", "Bericht"]
    tables = [
        t
        for t in docx.element.body.iter(qn("w:tbl"))
        if t.find(f".//{qn('w:tblHeader')}") is not None
    ]
    assert len(tables) == 1
    assert "Fenster (doppelt verglast)" in export.document_text(draft)
