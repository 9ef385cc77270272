"""Step 7 – Unterzeichnung."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt

from stellungnahme_app.form_steps import StepState
from stellungnahme_app.model import Draft, Signature
from stellungnahme_app.store import Store
from stellungnahme_app.ui.editor import DraftEditor
from stellungnahme_app.ui.editor.step_drucksache import DrucksacheStep
from stellungnahme_app.ui.editor.step_unterzeichnung import UnterzeichnungStep
from stellungnahme_app.ui.main_window import MainWindow

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


def test_a_signature_filled_in_by_the_program_asks_to_be_checked(
    qtbot: Any, store: Store, open_main_window: Callable[[Store], MainWindow]
) -> None:
    window = open_main_window(store)
    window.new_draft()
    editor = window.editor
    assert editor is not None
    drucksache = editor.steps[0]
    assert isinstance(drucksache, DrucksacheStep)
    index = drucksache.department.findData("Dezernat für Soziales, Bildung, Jugend und Gesundheit")
    drucksache.department.activated.emit(index)  # brings the Dezernat's signatory
    editor.recheck_now()
    assert editor.step_list.item(6).text() == "7. Unterzeichnung\nvorausgefüllt – bitte prüfen"
    assert editor.step_list.item(5).text() == "6. Änderungen und Anlagen\noptional"
    assert editor.step_list.state(6) is StepState.PREFILLED
    editor.set_current_step(6)  # the author looks at it
    editor.recheck_now()
    assert editor.step_list.item(6).text() == "7. Unterzeichnung\nvollständig"
