"""Step 7 – Unterzeichnung."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from stellungnahme_app.form_steps import StepState
from stellungnahme_app.model import Draft, Signature
from stellungnahme_app.settings import load_settings
from stellungnahme_app.store import Store
from stellungnahme_app.ui.editor import DraftEditor
from stellungnahme_app.ui.editor.step_drucksache import DrucksacheStep
from stellungnahme_app.ui.editor.step_unterzeichnung import UnterzeichnungStep
from stellungnahme_app.ui.main_window import MainWindow
from stellungnahme_app.workspace import Workspace, load_textbausteine_reporting

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


@pytest.fixture
def deputy_workspace(store: Store, data_home: Path) -> Workspace:
    """The catalogue as an administrator completed it: a deputy for Dezernat 05."""
    admin = Path(os.environ["STELLUNGNAHME_ADMIN_CONFIG"])
    admin.parent.mkdir(parents=True, exist_ok=True)
    admin.write_text(
        f'[[dezernate]]\nname = "{SOZIALES}"\nshort_name = "Dezernat 05"\n'
        'signatories = ["Anke Hofmann-Domke"]\ndeputies = ["Max Muster"]\n',
        encoding="utf-8",
    )
    loaded = load_settings()
    assert loaded.problems == []
    textbausteine, problems = load_textbausteine_reporting(loaded.settings)
    assert problems == []
    return Workspace(store, loaded.settings, textbausteine)


def _deputy_editor(qtbot: Any, workspace: Workspace, draft: Draft) -> DraftEditor:
    editor = DraftEditor(workspace)
    qtbot.addWidget(editor)
    opened = workspace.create_draft(draft)
    opened.draft = draft
    editor.set_draft(opened)
    editor.show()
    editor.set_current_step(6)
    return editor


def test_the_dezernats_signatories_and_deputies_are_offered(
    qtbot: Any, deputy_workspace: Workspace
) -> None:
    editor = _deputy_editor(qtbot, deputy_workspace, Draft(department=SOZIALES))
    step = _step(editor)
    names = [step.signatory.itemText(i) for i in range(step.signatory.count())]
    assert names == ["Anke Hofmann-Domke", "Max Muster (in Vertretung)"]
    step.signatory.setCurrentIndex(1)
    step.signatory.activated.emit(1)
    signature = editor.draft().signature
    assert (signature.name, signature.deputy) == ("Max Muster", True)
    assert step.signatory.currentText() == "Max Muster"
    assert step.deputy.isChecked()
    step.signatory.setCurrentIndex(0)
    step.signatory.activated.emit(0)
    assert (signature.name, signature.deputy) == ("Anke Hofmann-Domke", False)
    assert not step.deputy.isChecked()


def test_anyone_typed_in_can_sign_in_vertretung(
    qtbot: Any, deputy_workspace: Workspace, type_text: Callable[[Any, str], None]
) -> None:
    editor = _deputy_editor(qtbot, deputy_workspace, Draft(department=SOZIALES))
    step = _step(editor)
    editor.jump_to("signature.name")
    type_text(step.signatory.lineEdit(), "Eva Vertreterin")
    qtbot.mouseClick(step.deputy, Qt.MouseButton.LeftButton)
    signature = editor.draft().signature
    assert (signature.name, signature.deputy) == ("Eva Vertreterin", True)
    editor.show_export_step()
    assert "gez. i. V. Eva Vertreterin" in editor.export_step.preview.toPlainText()
    assert "Unterschrift Beigeordneter" in editor.export_step.preview.toPlainText()


def test_another_dezernat_takes_its_deputy_away_too(
    qtbot: Any, deputy_workspace: Workspace
) -> None:
    draft = Draft(department=SOZIALES, signature=Signature("Max Muster", deputy=True))
    editor = _deputy_editor(qtbot, deputy_workspace, draft)
    drucksache = editor.steps[0]
    assert isinstance(drucksache, DrucksacheStep)
    index = drucksache.department.findData("Dezernat für Bau und Verkehr")
    drucksache.department.activated.emit(index)
    assert (draft.signature.name, draft.signature.deputy) == ("", False)
    editor.set_current_step(6)
    assert not _step(editor).deputy.isChecked()


def test_the_document_of_a_deputy_reads_gez_i_v(
    qtbot: Any,
    deputy_workspace: Workspace,
    reference_draft: Draft,
    read_docx: Callable[[Path], list[str]],
    tmp_path: Path,
) -> None:
    editor = _deputy_editor(qtbot, deputy_workspace, reference_draft)
    step = _step(editor)
    step.signatory.setCurrentIndex(1)
    step.signatory.activated.emit(1)
    target = tmp_path / "stellungnahme.docx"
    with qtbot.waitSignal(editor.export_done, timeout=20_000):
        editor.export_step.write(target, draft_mode=False)
    paragraphs = read_docx(target)
    assert "gez. i. V. Max Muster" in paragraphs
    assert "gez. Anke Hofmann-Domke" not in paragraphs
    assert "Unterschrift Beigeordneter" in paragraphs, "the form's label stays"
