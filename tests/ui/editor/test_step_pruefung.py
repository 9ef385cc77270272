"""Step 2 – Prüfung: Ja/Nein with nothing preselected; Textbausteine after a Nein."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QGroupBox, QLabel, QWidget

from stellungnahme_app import form
from stellungnahme_app.model import Contribution, Draft
from stellungnahme_app.store import Store
from stellungnahme_app.ui.editor import DraftEditor
from stellungnahme_app.ui.editor.step_fazit import FazitStep
from stellungnahme_app.ui.editor.step_pruefung import PruefungStep
from stellungnahme_app.ui.main_window import MainWindow


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


def test_every_nein_has_its_own_insert_button_name_and_alt_letter(
    qtbot: Any,
    store: Store,
    reference_draft: Draft,
    open_main_window: Callable[[Store], MainWindow],
    find_mnemonic_conflicts: Callable[[QWidget], dict[str, list[str]]],
) -> None:
    reference_draft.assessments.legal = False
    reference_draft.assessments.resources = False
    reference_draft.assessments.financial = False
    window = open_main_window(store)
    assert window.open_draft(store.create(reference_draft).id)
    assert window.editor is not None
    window.editor.set_current_step(1)
    step = _step(window.editor)
    buttons = [q.picker.insert_button for q in step.questions.values()]
    assert all(button.isVisible() for button in buttons)
    names = [button.accessibleName() for button in buttons]
    assert len(set(names)) == 3, names
    letters = [QKeySequence.mnemonic(button.text()).toString() for button in buttons]
    assert all(letters) and len(set(letters)) == 3, letters
    assert find_mnemonic_conflicts(window) == {}
    # Alt+letter presses the button of its own question.
    financial = step.questions["financial"].picker
    qtbot.keyClick(window, letters[2][-1], Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: financial.feedback.text() != "")


def test_a_nein_scrolls_its_textbausteine_into_view(qtbot: Any, editor: DraftEditor) -> None:
    editor.resize(editor.width(), editor.fontMetrics().height() * 22)
    editor.set_current_step(1)
    step = _step(editor)
    area = editor.scroll_areas[1]
    question = step.questions["financial"]
    area.ensureWidgetVisible(question.no)
    qtbot.mouseClick(question.no, Qt.MouseButton.LeftButton)
    viewport = area.viewport()

    def picker_in_view() -> bool:
        button = question.picker.insert_button
        top_left = button.mapTo(viewport, QPoint(0, 0))
        return button.height() > 0 and viewport.rect().contains(QRect(top_left, button.size()))

    qtbot.wait(100)  # the page is laid out anew with the Textbausteine
    qtbot.waitUntil(picker_in_view, timeout=2000)
