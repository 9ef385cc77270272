"""Step 2 – Prüfung: Ja/Nein with nothing preselected; Textbausteine after a Nein."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel

from stellungnahme_app import form
from stellungnahme_app.model import Contribution, Draft
from stellungnahme_app.ui.editor import DraftEditor
from stellungnahme_app.ui.editor.step_fazit import FazitStep
from stellungnahme_app.ui.editor.step_pruefung import PruefungStep


def _step(editor: DraftEditor) -> PruefungStep:
    step = editor.steps[1]
    assert isinstance(step, PruefungStep)
    return step


def test_shows_the_forms_instruction_and_questions_unanswered(editor: DraftEditor) -> None:
    step = _step(editor)
    editor.set_current_step(1)
    titles = [box.title().replace("&", "") for box in step.findChildren(QGroupBox)]
    assert titles == list(form.ASSESSMENT_QUESTIONS.values())
    assert form.ASSESSMENT_INSTRUCTION in [label.text() for label in step.findChildren(QLabel)]
    for question in step.questions.values():
        assert not question.yes.isChecked()
        assert not question.no.isChecked()
        assert not question.picker.isVisible()


def test_answers_go_into_the_draft(qtbot: Any, editor: DraftEditor) -> None:
    step = _step(editor)
    editor.set_current_step(1)
    qtbot.mouseClick(step.questions["legal"].yes, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(step.questions["financial"].no, Qt.MouseButton.LeftButton)
    assessments = editor.draft().assessments
    assert (assessments.legal, assessments.resources, assessments.financial) == (True, None, False)


def test_a_nein_offers_the_matching_textbausteine(qtbot: Any, editor: DraftEditor) -> None:
    step = _step(editor)
    editor.set_current_step(1)
    question = step.questions["financial"]
    qtbot.mouseClick(question.no, Qt.MouseButton.LeftButton)
    assert question.picker.isVisible()
    titles = [question.picker.choice.itemText(i) for i in range(question.picker.choice.count())]
    assert "Keine Haushaltsmittel" in titles
    assert not step.questions["legal"].picker.isVisible()
    qtbot.mouseClick(question.yes, Qt.MouseButton.LeftButton)
    assert not question.picker.isVisible()


def test_textbaustein_inserts_rendered_text_into_the_chosen_field(
    qtbot: Any, make_editor: Any
) -> None:
    draft = Draft(
        city="Erfurt",
        document_number="0661/24",
        contributions=[Contribution("Kämmerei", "Stellungnahme der Kämmerei", "Bisher.")],
    )
    editor = make_editor(draft)
    step = _step(editor)
    editor.set_current_step(1)
    question = step.questions["financial"]
    qtbot.mouseClick(question.no, Qt.MouseButton.LeftButton)
    picker = question.picker
    picker.choice.setCurrentIndex(picker.choice.findText("Keine Haushaltsmittel"))
    assert [picker.target.itemText(i) for i in range(picker.target.count())] == [
        "Fazit",
        "Stellungnahme der Kämmerei",
    ]
    picker.target.setCurrentIndex(1)
    assert "Drucksache 0661/24" in picker.preview.toPlainText()

    with qtbot.waitSignal(editor.changed):
        qtbot.mouseClick(picker.insert_button, Qt.MouseButton.LeftButton)

    text = draft.contributions[0].text
    assert text.startswith(
        "Bisher.\n\nFür die Umsetzung der Drucksache 0661/24 sind im Haushalt der Stadt Erfurt"
    )
    assert "{{" not in text
    assert "wurde in „Stellungnahme der Kämmerei“ eingefügt" in picker.feedback.text()

    qtbot.mouseClick(picker.show_button, Qt.MouseButton.LeftButton)
    assert editor.current_step() == 3


def test_textbaustein_into_the_fazit_is_undoable_there(qtbot: Any, make_editor: Any) -> None:
    draft = Draft(document_number="0661/24", city="Erfurt")
    editor = make_editor(draft)
    step = _step(editor)
    editor.set_current_step(1)
    question = step.questions["resources"]
    qtbot.mouseClick(question.no, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(question.picker.insert_button, Qt.MouseButton.LeftButton)
    assert draft.conclusion.startswith("Für die Umsetzung der Drucksache 0661/24")
    fazit = editor.steps[4]
    assert isinstance(fazit, FazitStep)
    fazit.conclusion.undo()
    assert draft.conclusion == ""


def test_unanswered_finding_jumps_to_the_radio_button(qtbot: Any, editor: DraftEditor) -> None:
    editor.jump_to("assessments.financial")
    assert editor.current_step() == 1
    qtbot.waitUntil(lambda: _step(editor).questions["financial"].yes.hasFocus())
