"""Step 4 – Stellungnahmen der Ämter: offices from the catalogue, import of contributions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from stellungnahme_app import exchange
from stellungnahme_app.model import Contribution, Draft
from stellungnahme_app.ui.editor import DraftEditor
from stellungnahme_app.ui.editor.contribution_import_dialog import ContributionImportDialog
from stellungnahme_app.ui.editor.step_aemter import AemterStep, ContributionEditor

TypeText = Callable[[Any, str], None]


def _step(editor: DraftEditor) -> AemterStep:
    step = editor.steps[3]
    assert isinstance(step, AemterStep)
    return step


def _editor_of(step: AemterStep, index: int) -> ContributionEditor:
    editor = step.contributions.detail(index)
    assert isinstance(editor, ContributionEditor)
    return editor


def test_office_from_the_catalogue_brings_its_heading(
    qtbot: Any, editor: DraftEditor, type_text: TypeText
) -> None:
    step = _step(editor)
    editor.set_current_step(3)
    offices = [step.office_choice.itemText(i) for i in range(step.office_choice.count())]
    assert "Amt für Soziales" in offices
    step.office_choice.setFocus()
    type_text(step.office_choice.lineEdit(), "Amt für Soziales")
    qtbot.mouseClick(step.add_button, Qt.MouseButton.LeftButton)
    assert editor.draft().contributions == [
        Contribution("Amt für Soziales", "Stellungnahme des Amts für Soziales", "")
    ]
    contribution_editor = _editor_of(step, 0)
    qtbot.waitUntil(contribution_editor.text.hasFocus)
    type_text(contribution_editor.text, "Text des Amtes.")
    assert editor.draft().contributions[0].text == "Text des Amtes."
    assert step.office_choice.currentText() == ""


def test_the_office_picker_finds_a_word_anywhere_in_the_name(
    qtbot: Any, editor: DraftEditor, type_text: TypeText
) -> None:
    step = _step(editor)
    editor.set_current_step(3)
    step.office_choice.setFocus()
    type_text(step.office_choice.lineEdit(), "bildung")
    completer = step.office_choice.completer()
    qtbot.waitUntil(completer.popup().isVisible)
    offered = [
        completer.completionModel().index(row, 0).data()
        for row in range(completer.completionCount())
    ]
    assert offered == ["Amt für Bildung"]
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Down)
    assert step.office_choice.currentText() == "Amt für Bildung"
    qtbot.keyClick(completer.popup(), Qt.Key.Key_Return)  # chooses it and adds the contribution
    qtbot.waitUntil(lambda: len(editor.draft().contributions) == 1)
    assert editor.draft().contributions[0].office == "Amt für Bildung"
    assert step.office_choice.currentText() == ""


def test_the_empty_list_names_the_button_as_it_is_labelled(editor: DraftEditor) -> None:
    step = _step(editor)
    button = step.add_button.text().replace("&", "")
    assert f"„{button}“" in step.contributions.empty.text()


def test_an_office_not_in_the_catalogue_gets_a_derived_heading(
    qtbot: Any, editor: DraftEditor, type_text: TypeText
) -> None:
    step = _step(editor)
    editor.set_current_step(3)
    step.office_choice.setFocus()
    type_text(step.office_choice.lineEdit(), "Amt für Hafenwirtschaft\n")
    qtbot.waitUntil(lambda: len(editor.draft().contributions) == 1)
    contribution = editor.draft().contributions[0]
    assert contribution.office == "Amt für Hafenwirtschaft"
    assert contribution.heading == "Stellungnahme des Amts für Hafenwirtschaft"


def test_renaming_the_office_updates_a_derived_heading_only(
    qtbot: Any, make_editor: Callable[..., DraftEditor], type_text: TypeText
) -> None:
    editor = make_editor(
        Draft(contributions=[Contribution("Jugendamt", "Stellungnahme des Jugendamts", "")])
    )
    step = _step(editor)
    editor.jump_to("contributions[0].office")
    office = _editor_of(step, 0).office
    qtbot.keyClick(office, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(office, "Amt für Soziales")
    assert editor.draft().contributions[0].heading == "Stellungnahme des Amts für Soziales"
    assert _editor_of(step, 0).heading.text() == "Stellungnahme des Amts für Soziales"

    editor.jump_to("contributions[0].heading")
    type_text(_editor_of(step, 0).heading, " (Sozialplanung)")
    type_text(office, "x")
    assert editor.draft().contributions[0].heading.endswith("(Sozialplanung)")


def test_contributions_are_reordered(qtbot: Any, reference_editor: DraftEditor) -> None:
    step = _step(reference_editor)
    reference_editor.set_current_step(3)
    step.contributions.set_current(0)
    qtbot.mouseClick(step.contributions.down_button, Qt.MouseButton.LeftButton)
    assert [c.office for c in reference_editor.draft().contributions] == [
        "Amt für Stadtentwicklung und Stadtplanung",
        "Amt für Soziales",
    ]
    assert step.contributions.list.item(1).text() == "Stellungnahme des Amts für Soziales"


def _choose_file(qtbot: Any, step: AemterStep, path: Path) -> None:
    qtbot.mouseClick(step.import_button, Qt.MouseButton.LeftButton)
    dialog = step.findChild(QFileDialog, "dateiauswahl")
    assert dialog is not None
    assert dialog.isVisible()
    dialog.selectFile(str(path))
    dialog.accept()


def test_import_shows_what_is_added_and_replaced_then_applies(
    qtbot: Any, make_editor: Callable[..., DraftEditor], reference_draft: Draft, tmp_path: Path
) -> None:
    own = reference_draft.copy()
    own.contributions = [
        Contribution("Amt für Soziales", "Stellungnahme des Amts für Soziales", "Alter Text.")
    ]
    editor = make_editor(own)
    step = _step(editor)
    editor.set_current_step(3)
    sent = tmp_path / "beitrag-stadtplanung.json"
    exchange.write_file(reference_draft, sent)

    _choose_file(qtbot, step, sent)
    dialog = step.findChild(ContributionImportDialog)
    assert dialog is not None
    assert dialog.isVisible()
    rows = [dialog.items.item(i).text() for i in range(dialog.items.count())]
    assert rows == [
        "Amt für Soziales – ersetzt den vorhandenen Beitrag",
        "Amt für Stadtentwicklung und Stadtplanung – wird hinzugefügt",
    ]
    assert dialog.current_text.toPlainText() == "Alter Text."
    assert dialog.incoming_text.toPlainText().startswith("Mit der Drucksache 2811/23")
    assert not dialog.warning.isVisible()
    assert editor.draft().contributions[0].text == "Alter Text.", "nothing changes before OK"

    with qtbot.waitSignal(editor.changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert editor.draft().contributions == reference_draft.contributions
    assert step.contributions.count() == 2
    assert _editor_of(step, 1).text.toPlainText().startswith("Aus Sicht des Amtes")
    versions = editor.context.workspace.versions(editor.context.opened.id)
    assert [v.what_happened for v in versions] == [
        "Beiträge des Amts für Soziales und des Amts für Stadtentwicklung und Stadtplanung "
        "übernommen",
        "Bearbeitet",
    ]
    before = editor.context.workspace.load_version(versions[1].id)
    assert before.contributions[0].text == "Alter Text.", "der ersetzte Beitrag bleibt erhalten"


def test_import_of_only_some_contributions(
    qtbot: Any, reference_editor: DraftEditor, tmp_path: Path
) -> None:
    incoming = Draft(
        document_number="0700/24",
        contributions=[
            Contribution("Amt für Soziales", "Stellungnahme des Amts für Soziales", "Neu."),
            Contribution("Jugendamt", "Stellungnahme des Jugendamts", "Jugend."),
        ],
    )
    sent = tmp_path / "beitrag.json"
    exchange.write_file(incoming, sent)
    step = _step(reference_editor)
    reference_editor.set_current_step(3)
    _choose_file(qtbot, step, sent)
    dialog = step.findChild(ContributionImportDialog)
    assert dialog is not None
    assert dialog.warning.isVisible()
    assert "0700/24" in dialog.warning.text()
    dialog.items.item(0).setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    contributions = reference_editor.draft().contributions
    assert [c.office for c in contributions] == [
        "Amt für Soziales",
        "Amt für Stadtentwicklung und Stadtplanung",
        "Jugendamt",
    ]
    assert contributions[0].text.startswith("Mit der Drucksache")


def test_import_cancelled_changes_nothing(
    qtbot: Any, reference_editor: DraftEditor, reference_draft: Draft, tmp_path: Path
) -> None:
    sent = tmp_path / "beitrag.json"
    exchange.write_file(Draft(contributions=[Contribution("Jugendamt", "", "x")]), sent)
    step = _step(reference_editor)
    _choose_file(qtbot, step, sent)
    dialog = step.findChild(ContributionImportDialog)
    assert dialog is not None
    dialog.reject()
    assert reference_editor.draft() == reference_draft


def test_a_damaged_file_gives_a_german_message(
    qtbot: Any,
    reference_editor: DraftEditor,
    reference_draft: Draft,
    tmp_path: Path,
    error_messages: Callable[[], list[str]],
) -> None:
    sent = tmp_path / "kaputt.json"
    sent.write_text('{"format": "stellungnahme/1", "contributions": [', encoding="utf-8")
    _choose_file(qtbot, _step(reference_editor), sent)
    messages = error_messages()
    assert len(messages) == 1
    assert messages[0].startswith("Der Beitrag konnte nicht importiert werden.")
    assert "kein gültiges JSON" in messages[0]
    assert reference_editor.draft() == reference_draft


def test_a_file_without_contributions_says_so(
    qtbot: Any, reference_editor: DraftEditor, tmp_path: Path
) -> None:
    sent = tmp_path / "leer.json"
    exchange.write_file(Draft(document_number="0661/24"), sent)
    step = _step(reference_editor)
    _choose_file(qtbot, step, sent)
    box = step.findChild(QMessageBox, "kein_beitrag")
    assert box is not None
    assert "enthält keinen Beitrag" in box.text()
    box.close()


def test_import_dialog_summary_is_good_german(reference_draft: Draft, qtbot: Any) -> None:
    from stellungnahme_app.contribution_import import plan_contribution_import

    one = ContributionImportDialog(
        plan_contribution_import(Draft(), Draft(contributions=[reference_draft.contributions[0]])),
        "a.json",
    )
    two = ContributionImportDialog(plan_contribution_import(Draft(), reference_draft), "b.json")
    qtbot.addWidget(one)
    qtbot.addWidget(two)
    texts = [label.text() for dialog in (one, two) for label in dialog.findChildren(QLabel)]
    assert (
        "„a.json“ enthält 1 Beitrag von Ämtern (1 neu). Wählen Sie aus, was übernommen werden soll."
        in texts
    )
    assert any(t.startswith("„b.json“ enthält 2 Beiträge von Ämtern (2 neu).") for t in texts)
