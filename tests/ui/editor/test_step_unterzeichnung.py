"""Step 7 – Unterzeichnung."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt

from stellungnahme_app.model import Draft, Signature
from stellungnahme_app.ui.editor import DraftEditor
from stellungnahme_app.ui.editor.step_unterzeichnung import UnterzeichnungStep

SOZIALES = "Dezernat für Soziales, Bildung, Jugend und Gesundheit"


def _step(editor: DraftEditor) -> UnterzeichnungStep:
    step = editor.steps[6]
    assert isinstance(step, UnterzeichnungStep)
    return step


def test_offers_the_signatories_of_the_dezernat(
    make_editor: Callable[..., DraftEditor],
) -> None:
    editor = make_editor(Draft(department=SOZIALES, signature=Signature("", None)))
    editor.set_current_step(6)
    step = _step(editor)
    names = [step.signatory.itemText(i) for i in range(step.signatory.count())]
    assert names == ["Anke Hofmann-Domke"]
    assert SOZIALES in step.department_note.text()


def test_the_name_can_be_typed(
    qtbot: Any, make_editor: Callable[..., DraftEditor], type_text: Callable[[Any, str], None]
) -> None:
    editor = make_editor(Draft(department=SOZIALES))
    editor.jump_to("signature.name")
    step = _step(editor)
    type_text(step.signatory.lineEdit(), "i. V. Max Muster")
    assert editor.draft().signature.name == "i. V. Max Muster"
    qtbot.keyClick(step.signatory.lineEdit(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.draft().signature.name == ""


def test_choosing_from_the_list(qtbot: Any, make_editor: Callable[..., DraftEditor]) -> None:
    editor = make_editor(Draft(department=SOZIALES, signature=Signature("X", None)))
    editor.set_current_step(6)
    step = _step(editor)
    step.signatory.setCurrentIndex(0)
    assert editor.draft().signature.name == "Anke Hofmann-Domke"


def test_the_dezernat_chosen_on_step_one_shows_here(
    qtbot: Any, make_editor: Callable[..., DraftEditor]
) -> None:
    editor = make_editor(Draft())
    drucksache = editor.steps[0]
    index = drucksache.department.findData(SOZIALES)  # type: ignore[attr-defined]
    drucksache.department.activated.emit(index)  # type: ignore[attr-defined]
    editor.set_current_step(6)
    assert _step(editor).signatory.currentText() == "Anke Hofmann-Domke"


def test_date_defaults_to_today_and_can_be_emptied(
    qtbot: Any, make_editor: Callable[..., DraftEditor]
) -> None:
    editor = make_editor(Draft())
    step = _step(editor)
    assert step.date.line.text() == dt.date.today().strftime("%d.%m.%Y")
    editor.jump_to("signature.date")
    qtbot.keyClick(step.date.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(step.date.line, Qt.Key.Key_Backspace)
    assert editor.draft().signature.date is None
