"""Step 3 – Beschlusspunkte: paste-and-split from the clipboard, add, remove, move."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fixtures.motions import corpus
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from stellungnahme_app.model import Draft, ResolutionPoint
from stellungnahme_app.ui.editor import DraftEditor
from stellungnahme_app.ui.editor.step_beschlusspunkte import BeschlusspunkteStep, PointEditor
from stellungnahme_app.ui.editor.step_drucksache import DrucksacheStep
from stellungnahme_app.ui.motion_import_dialog import MotionImportDialog

MOTION = (
    "Der Stadtrat möge beschließen:\r\n"
    "01\tDer Oberbürgermeister beruft einen Arbeitskreis ein.\r\n"
    "02\tDer Arbeitskreis tagt\vzweimal im Jahr.\r\n"
    "03\tEr berichtet dem Stadtrat.\x00"
)


def _step(editor: DraftEditor) -> BeschlusspunkteStep:
    step = editor.steps[2]
    assert isinstance(step, BeschlusspunkteStep)
    return step


def _point_editor(step: BeschlusspunkteStep, index: int) -> PointEditor:
    editor = step.points.detail(index)
    assert isinstance(editor, PointEditor)
    return editor


def test_paste_splits_the_motion_into_points(qtbot: Any, editor: DraftEditor) -> None:
    step = _step(editor)
    editor.set_current_step(2)
    QGuiApplication.clipboard().setText(MOTION)
    with qtbot.waitSignal(editor.changed):
        qtbot.mouseClick(step.paste_button, Qt.MouseButton.LeftButton)
    assert editor.draft().resolution_points == [
        ResolutionPoint("01", "Der Oberbürgermeister beruft einen Arbeitskreis ein."),
        ResolutionPoint("02", "Der Arbeitskreis tagt\nzweimal im Jahr."),
        ResolutionPoint("03", "Er berichtet dem Stadtrat."),
    ]
    assert step.points.count() == 3
    assert step.points.list.item(1).text().startswith("02 – Der Arbeitskreis tagt zweimal")
    assert _point_editor(step, 2).text.toPlainText() == "Er berichtet dem Stadtrat."
    assert "3 Beschlusspunkte aus der Zwischenablage übernommen" in step.feedback.text()
    assert "„Der Stadtrat möge beschließen:“ wurde nicht übernommen" in step.feedback.text()


def test_the_reference_points_as_published(
    qtbot: Any, editor: DraftEditor, reference_draft: Draft
) -> None:
    published = "\n\n".join(f"{p.number}\n\n{p.text}" for p in reference_draft.resolution_points)
    QGuiApplication.clipboard().setText(published)
    qtbot.mouseClick(_step(editor).paste_button, Qt.MouseButton.LeftButton)
    assert editor.draft().resolution_points == reference_draft.resolution_points


def test_paste_with_existing_points_asks_to_replace_or_append(
    qtbot: Any, reference_editor: DraftEditor, answer_message_box: Callable[[str], None]
) -> None:
    step = _step(reference_editor)
    QGuiApplication.clipboard().setText("1. Neu eins.\n2. Neu zwei.")
    answer_message_box("Anhängen")
    qtbot.mouseClick(step.paste_button, Qt.MouseButton.LeftButton)
    numbers = [p.number for p in reference_editor.draft().resolution_points]
    assert numbers == ["01", "02", "03", "1", "2"]

    answer_message_box("Ersetzen")
    qtbot.mouseClick(step.paste_button, Qt.MouseButton.LeftButton)
    assert [p.text for p in reference_editor.draft().resolution_points] == [
        "Neu eins.",
        "Neu zwei.",
    ]

    answer_message_box("Abbrechen")
    QGuiApplication.clipboard().setText("1. Anderes.")
    qtbot.mouseClick(step.paste_button, Qt.MouseButton.LeftButton)
    assert len(reference_editor.draft().resolution_points) == 2


def test_empty_clipboard_says_so(qtbot: Any, editor: DraftEditor) -> None:
    QGuiApplication.clipboard().setText("  \n ")
    step = _step(editor)
    editor.set_current_step(2)
    with qtbot.assertNotEmitted(editor.changed):
        qtbot.mouseClick(step.paste_button, Qt.MouseButton.LeftButton)
    assert "keinen Text" in step.feedback.text()
    assert editor.draft().resolution_points == []


def test_add_continues_the_numbering_and_focuses_the_text(
    qtbot: Any, reference_editor: DraftEditor, type_text: Callable[[Any, str], None]
) -> None:
    step = _step(reference_editor)
    reference_editor.set_current_step(2)
    qtbot.mouseClick(step.add_button, Qt.MouseButton.LeftButton)
    point_editor = _point_editor(step, 3)
    assert point_editor.number.text() == "04"
    qtbot.waitUntil(point_editor.text.hasFocus)
    type_text(point_editor.text, "Vierter Punkt.")
    assert reference_editor.draft().resolution_points[3] == ResolutionPoint("04", "Vierter Punkt.")
    assert step.points.list.item(3).text() == "04 – Vierter Punkt."


def test_move_and_remove(
    qtbot: Any, reference_editor: DraftEditor, answer_message_box: Callable[[str], None]
) -> None:
    step = _step(reference_editor)
    reference_editor.set_current_step(2)
    step.points.set_current(2)
    qtbot.mouseClick(step.points.up_button, Qt.MouseButton.LeftButton)
    draft = reference_editor.draft()
    assert [p.number for p in draft.resolution_points] == ["01", "03", "02"]
    assert step.points.current() == 1
    assert _point_editor(step, 1).point is draft.resolution_points[1]

    answer_message_box("Nein")
    qtbot.mouseClick(step.points.remove_button, Qt.MouseButton.LeftButton)
    assert len(draft.resolution_points) == 3

    answer_message_box("Ja")
    qtbot.mouseClick(step.points.remove_button, Qt.MouseButton.LeftButton)
    assert [p.number for p in draft.resolution_points] == ["01", "02"]
    assert step.points.count() == 2
    assert _point_editor(step, 1).point is draft.resolution_points[1]


def test_a_point_keeps_its_undo_history_while_switching(
    qtbot: Any, reference_editor: DraftEditor, type_text: Callable[[Any, str], None]
) -> None:
    step = _step(reference_editor)
    reference_editor.jump_to("resolution_points[0].text")
    first = _point_editor(step, 0)
    first.text.moveCursor(first.text.textCursor().MoveOperation.End)
    type_text(first.text, " Ergänzt.")
    reference_editor.jump_to("resolution_points[1].text")
    reference_editor.jump_to("resolution_points[0].text")
    first.text.undo()
    assert reference_editor.draft().resolution_points[0].text.endswith("in Erfurt ein.")


def test_labels_and_field_names_follow_the_place_after_move_and_remove(
    qtbot: Any, reference_editor: DraftEditor, answer_message_box: Callable[[str], None]
) -> None:
    step = _step(reference_editor)
    reference_editor.set_current_step(2)
    third = _point_editor(step, 2)
    assert third.text.accessibleName() == "Text des 3. Beschlusspunkts"
    step.points.set_current(2)
    qtbot.mouseClick(step.points.up_button, Qt.MouseButton.LeftButton)
    assert third.text.accessibleName() == "Text des 2. Beschlusspunkts"
    assert step.points.list.item(1).text().startswith("03 – ")
    assert step.points.list.item(1).toolTip() == step.points.list.item(1).text()

    step.points.set_current(0)
    answer_message_box("Ja")
    qtbot.mouseClick(step.points.remove_button, Qt.MouseButton.LeftButton)
    assert third.number.accessibleName() == "Nummer des 1. Beschlusspunkts"
    assert [step.points.list.item(i).text()[:2] for i in range(2)] == ["03", "02"]


MOTIONS = Path(__file__).parents[2] / "fixtures" / "motions"


def _take_over_motion(qtbot: Any, step: BeschlusspunkteStep, path: Path) -> MotionImportDialog:
    qtbot.mouseClick(step.motion_button, Qt.MouseButton.LeftButton)
    dialog = step.findChild(QFileDialog, "dateiauswahl")
    assert dialog is not None and dialog.isVisible()
    dialog.selectFile(str(path))
    dialog.accept()
    qtbot.waitUntil(lambda: step.findChild(MotionImportDialog) is not None, timeout=10_000)
    return step.findChild(MotionImportDialog)


def test_points_number_and_title_from_the_motion(qtbot: Any, editor: DraftEditor) -> None:
    step = _step(editor)
    editor.set_current_step(2)
    preview = _take_over_motion(qtbot, step, MOTIONS / "antrag-radverkehr.docx")
    assert not preview.replace_button.isVisible()  # nothing to replace yet
    with qtbot.waitSignal(editor.changed):
        preview.ok_button.click()
    draft = editor.draft()
    assert (draft.document_number, draft.document_title) == ("1023/25", corpus.RADVERKEHR.title)
    assert [(p.number, p.text) for p in draft.resolution_points] == (
        corpus.RADVERKEHR.expected_points
    )
    assert step.points.count() == 3
    drucksache = editor.steps[0]
    assert isinstance(drucksache, DrucksacheStep)
    assert drucksache.number.text() == "1023/25"  # step 1 shows it too
    assert editor.current_step() == 2
    assert step.feedback.text() == (
        "3 Beschlusspunkte aus „antrag-radverkehr.docx“ übernommen. Nummer und Titel der "
        "Drucksache wurden ebenfalls übernommen."
    )


def test_points_from_the_motion_appended_keep_the_drafts_number(
    qtbot: Any, make_editor: Callable[..., DraftEditor]
) -> None:
    draft = Draft(
        document_number="0661/24",
        document_title="Eigene",
        resolution_points=[ResolutionPoint("01", "Bisher.")],
    )
    editor = make_editor(draft)
    step = _step(editor)
    editor.set_current_step(2)
    preview = _take_over_motion(qtbot, step, MOTIONS / "antrag-schulwege.pdf")
    assert preview.mismatch.isVisible() and not preview.number_and_title.isChecked()
    preview.append_button.setChecked(True)
    preview.ok_button.click()
    assert [p.number for p in editor.draft().resolution_points] == ["01", "01", "02", "03", "04"]
    assert editor.draft().document_number == "0661/24"
    assert step.points.list.currentRow() == 1  # the first point taken over
    assert step.feedback.text() == "4 Beschlusspunkte aus „antrag-schulwege.pdf“ angehängt."
    versions = editor.context.workspace.versions(editor.context.opened.id)
    assert [v.what_happened for v in versions] == [
        "Antrag übernommen aus „antrag-schulwege.pdf“",
        "Bearbeitet",
    ]


def test_cancelling_the_motion_preview_changes_nothing(
    qtbot: Any, reference_editor: DraftEditor, reference_draft: Draft
) -> None:
    step = _step(reference_editor)
    preview = _take_over_motion(qtbot, step, MOTIONS / "antrag-schulwege.pdf")
    preview.reject()
    assert reference_editor.draft() == reference_draft


def test_tab_goes_from_the_list_through_the_points_in_their_order(
    reference_editor: DraftEditor,
) -> None:
    step = _step(reference_editor)
    assert step.points.count() >= 3
    chain: list[object] = []
    widget = step.points.list.nextInFocusChain()
    while widget is not step.points.list and len(chain) < 10_000:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    fields = []
    for index in range(step.points.count()):
        point = _point_editor(step, index)
        fields += [point.number, point.text]
    positions = [chain.index(field) for field in fields]
    assert positions == sorted(positions)
    assert chain.index(step.points.remove_button) < positions[0]
