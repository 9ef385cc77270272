"""Step 5 – Fazit with the Textbausteine picker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt

from stellungnahme_app.model import Draft
from stellungnahme_app.store import Store
from stellungnahme_app.ui.editor import DraftEditor
from stellungnahme_app.ui.editor.step_fazit import FazitStep
from stellungnahme_app.workspace import Workspace


def _step(editor: DraftEditor) -> FazitStep:
    step = editor.steps[4]
    assert isinstance(step, FazitStep)
    return step


def test_typing_the_fazit(
    qtbot: Any, editor: DraftEditor, type_text: Callable[[Any, str], None]
) -> None:
    editor.jump_to("conclusion")
    type_text(_step(editor).conclusion, "Erster Absatz.\n\nZweiter Absatz.")
    assert editor.draft().conclusion == "Erster Absatz.\n\nZweiter Absatz."


def test_textbaustein_goes_in_at_the_cursor_rendered_for_the_draft(
    qtbot: Any, make_editor: Callable[..., DraftEditor]
) -> None:
    draft = Draft(city="Erfurt", document_number="0661/24", conclusion="Vorher.\n\nNachher.")
    editor = make_editor(draft)
    step = _step(editor)
    editor.jump_to("conclusion")
    cursor = step.conclusion.textCursor()
    cursor.setPosition(len("Vorher."))
    step.conclusion.setTextCursor(cursor)
    picker = step.picker
    assert not picker.target.isVisible(), "the Fazit picker has a fixed target"
    picker.choice.setCurrentIndex(picker.choice.findText("Zustimmen"))
    assert picker.preview.toPlainText() == (
        "Aus Sicht der Stadtverwaltung sollte der vorliegenden Drucksache 0661/24 zugestimmt "
        "werden."
    )
    with qtbot.waitSignal(editor.changed):
        qtbot.mouseClick(picker.insert_button, Qt.MouseButton.LeftButton)
    assert draft.conclusion == (
        "Vorher.\n\nAus Sicht der Stadtverwaltung sollte der vorliegenden Drucksache 0661/24 "
        "zugestimmt werden.\n\nNachher."
    )
    assert "„Zustimmen“ wurde in „Fazit“ eingefügt" in picker.feedback.text()
    step.conclusion.undo()
    assert draft.conclusion == "Vorher.\n\nNachher."


def test_picker_lists_every_fazit_textbaustein(editor: DraftEditor) -> None:
    picker = _step(editor).picker
    titles = [picker.choice.itemText(i) for i in range(picker.choice.count())]
    assert len(titles) == 8
    assert titles[0] == "Zustimmen"


def test_preview_follows_the_draft(
    qtbot: Any, editor: DraftEditor, type_text: Callable[[Any, str], None]
) -> None:
    editor.jump_to("document_number")
    type_text(editor.steps[0].number, "0123/25")  # type: ignore[attr-defined]
    editor.jump_to("conclusion")
    assert "0123/25" in _step(editor).picker.preview.toPlainText()


def test_without_textbausteine_the_picker_says_so(
    qtbot: Any, store: Store, app_settings: Any, reference_draft: Draft
) -> None:
    workspace = Workspace(store, app_settings, [])
    editor = DraftEditor(workspace)
    qtbot.addWidget(editor)
    editor.set_draft(workspace.create_draft(reference_draft))
    editor.show()
    editor.set_current_step(4)
    picker = _step(editor).picker
    assert picker.empty.isVisible()
    assert "keine Textbausteine hinterlegt" in picker.empty.text()
    assert not picker.insert_button.isVisible()
    assert not picker.choice.isVisible()


def test_the_textbaustein_offered_first_fits_the_answers(
    qtbot: Any, make_editor: Callable[..., DraftEditor], reference_draft: Draft
) -> None:
    reference_draft.assessments.legal = True
    reference_draft.assessments.resources = False
    reference_draft.assessments.financial = False
    editor = make_editor(reference_draft)
    editor.jump_to("conclusion")
    picker = _step(editor).picker
    assert picker.choice.currentText() == "Ablehnen"
    assert picker.choice.itemText(picker.choice.count() - 1) == "Zustimmen"
    assert "nicht gefolgt werden" in picker.preview.toPlainText()
    reference_draft.assessments.resources = True
    reference_draft.assessments.financial = True
    editor.set_current_step(1)
    editor.jump_to("conclusion")
    assert picker.choice.currentText() == "Zustimmen"
