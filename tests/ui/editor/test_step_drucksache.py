"""Step 1 – Drucksache."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt

from stellungnahme_app.model import Draft
from stellungnahme_app.ui.editor import DraftEditor
from stellungnahme_app.ui.editor.step_drucksache import DrucksacheStep

TypeText = Callable[[Any, str], None]


def _step(editor: DraftEditor) -> DrucksacheStep:
    step = editor.steps[0]
    assert isinstance(step, DrucksacheStep)
    return step


def test_number_is_checked_as_you_type(editor: DraftEditor, type_text: TypeText) -> None:
    step = _step(editor)
    editor.jump_to("document_number")
    type_text(step.number, "661/24")
    assert step.number_check.text().startswith("✗")
    assert "z. B. 0661/24" in step.number_check.text()
    step.number.home(False)
    type_text(step.number, "0")
    assert step.number_check.text().startswith("✓")
    assert editor.draft().document_number == "0661/24"


def test_public_status_has_no_default(editor: DraftEditor, qtbot: Any) -> None:
    step = _step(editor)
    assert not step.public_yes.isChecked()
    assert not step.public_no.isChecked()
    assert editor.draft().public is None
    qtbot.mouseClick(step.public_no, Qt.MouseButton.LeftButton)
    assert editor.draft().public is False
    qtbot.mouseClick(step.public_yes, Qt.MouseButton.LeftButton)
    assert editor.draft().public is True


def test_dezernat_from_the_catalogue_brings_its_signatory(editor: DraftEditor, qtbot: Any) -> None:
    step = _step(editor)
    labels = [step.department.itemText(i) for i in range(step.department.count())]
    assert labels[0] == "– bitte wählen –"
    assert "Dezernat 05 – Soziales, Bildung, Jugend und Gesundheit" in labels
    index = labels.index("Dezernat 05 – Soziales, Bildung, Jugend und Gesundheit")
    step.department.setFocus()
    step.department.setCurrentIndex(index)
    step.department.activated.emit(index)
    draft = editor.draft()
    assert draft.department == "Dezernat für Soziales, Bildung, Jugend und Gesundheit"
    assert draft.signature.name == "Anke Hofmann-Domke"
    # Another Dezernat without a known signatory takes the default signatory away again.
    other = labels.index("Dezernat 06 – Bau und Verkehr")
    step.department.setCurrentIndex(other)
    step.department.activated.emit(other)
    assert draft.signature.name == ""


def test_a_typed_signatory_stays_when_the_dezernat_changes(
    make_editor: Callable[..., DraftEditor],
) -> None:
    editor = make_editor(Draft())
    editor.draft().signature.name = "Max Muster"
    step = _step(editor)
    index = step.department.findData("Dezernat für Soziales, Bildung, Jugend und Gesundheit")
    step.department.activated.emit(index)
    assert editor.draft().signature.name == "Max Muster"


def test_unknown_dezernat_of_an_imported_draft_is_kept(
    make_editor: Callable[..., DraftEditor],
) -> None:
    editor = make_editor(Draft(department="Dezernat 99 – aufgelöst"))
    step = _step(editor)
    assert step.department.currentText() == "Dezernat 99 – aufgelöst (nicht im Katalog)"
    assert editor.draft().department == "Dezernat 99 – aufgelöst"
