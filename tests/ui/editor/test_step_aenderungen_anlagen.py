"""Step 6 – Änderungen und Anlagen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from stellungnahme_app.model import Draft
from stellungnahme_app.ui.editor import DraftEditor
from stellungnahme_app.ui.editor.step_aenderungen_anlagen import AenderungenAnlagenStep

TypeText = Callable[[Any, str], None]


def _step(editor: DraftEditor) -> AenderungenAnlagenStep:
    step = editor.steps[5]
    assert isinstance(step, AenderungenAnlagenStep)
    return step


def test_amended_points_are_typed(qtbot: Any, editor: DraftEditor, type_text: TypeText) -> None:
    editor.jump_to("amended_resolution_points")
    type_text(_step(editor).amendments, "01 Der Oberbürgermeister prüft …")
    assert editor.draft().amended_resolution_points == "01 Der Oberbürgermeister prüft …"


def test_attachments_are_added_typed_moved_and_removed(
    qtbot: Any, editor: DraftEditor, type_text: TypeText
) -> None:
    step = _step(editor)
    editor.set_current_step(5)
    assert step.no_attachments.isVisible()
    for name in ("Lageplan", "Kostenschätzung", "Stellungnahme des Ortsteilrats"):
        qtbot.mouseClick(step.add_button, Qt.MouseButton.LeftButton)
        field = step.rows[-1].field
        qtbot.waitUntil(field.hasFocus)
        type_text(field, name)
    assert editor.draft().attachments == [
        "Lageplan",
        "Kostenschätzung",
        "Stellungnahme des Ortsteilrats",
    ]
    assert not step.no_attachments.isVisible()
    assert [row.label.text() for row in step.rows] == ["Anlage 1:", "Anlage 2:", "Anlage 3:"]
    assert not step.rows[0].up.isEnabled()
    assert not step.rows[2].down.isEnabled()

    qtbot.mouseClick(step.rows[2].up, Qt.MouseButton.LeftButton)
    assert editor.draft().attachments == [
        "Lageplan",
        "Stellungnahme des Ortsteilrats",
        "Kostenschätzung",
    ]
    assert [row.field.text() for row in step.rows] == editor.draft().attachments

    qtbot.mouseClick(step.rows[0].remove, Qt.MouseButton.LeftButton)
    assert editor.draft().attachments == ["Stellungnahme des Ortsteilrats", "Kostenschätzung"]
    assert [row.field.text() for row in step.rows] == editor.draft().attachments
    assert step.rows[0].field.accessibleName() == "Anlage 1"


def test_jump_to_an_attachment(make_editor: Callable[..., DraftEditor], qtbot: Any) -> None:
    editor = make_editor(Draft(attachments=["A", "B"]))
    editor.jump_to("attachments[1]")
    qtbot.waitUntil(_step(editor).rows[1].field.hasFocus)


def _three_attachments(qtbot: Any, editor: DraftEditor, type_text: TypeText) -> None:
    step = _step(editor)
    editor.set_current_step(5)
    for name in ("Lageplan", "Kostenschätzung", "Ortsteilrat"):
        qtbot.mouseClick(step.add_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(step.rows[-1].field.hasFocus)
        type_text(step.rows[-1].field, name)


def test_ctrl_z_after_removing_a_row_brings_it_back_and_wipes_no_other_field(
    qtbot: Any, editor: DraftEditor, type_text: TypeText
) -> None:
    step = _step(editor)
    _three_attachments(qtbot, editor, type_text)
    step.rows[2].remove.setFocus()
    qtbot.keyClick(step.rows[2].remove, Qt.Key.Key_Space)
    assert editor.draft().attachments == ["Lageplan", "Kostenschätzung"]
    qtbot.waitUntil(step.rows[1].field.hasFocus)
    assert "Strg+Z" in step.removal_note.text()
    qtbot.keyClick(step.rows[1].field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.draft().attachments == ["Lageplan", "Kostenschätzung", "Ortsteilrat"]
    assert [row.field.text() for row in step.rows] == editor.draft().attachments
    assert [row.label.text() for row in step.rows] == ["Anlage 1:", "Anlage 2:", "Anlage 3:"]
    assert step.rows[2].field.hasFocus()
    # Ctrl+Y removes it again, as on Windows.
    qtbot.keyClick(step.rows[2].field, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert editor.draft().attachments == ["Lageplan", "Kostenschätzung"]


def test_a_removed_middle_row_comes_back_at_its_place(
    qtbot: Any, editor: DraftEditor, type_text: TypeText
) -> None:
    step = _step(editor)
    _three_attachments(qtbot, editor, type_text)
    qtbot.mouseClick(step.rows[1].remove, Qt.MouseButton.LeftButton)
    assert editor.draft().attachments == ["Lageplan", "Ortsteilrat"]
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.draft().attachments == ["Lageplan", "Kostenschätzung", "Ortsteilrat"]
    assert [row.field.text() for row in step.rows] == editor.draft().attachments


def test_after_another_edit_ctrl_z_is_the_fields_own_undo_again(
    qtbot: Any, editor: DraftEditor, type_text: TypeText
) -> None:
    step = _step(editor)
    _three_attachments(qtbot, editor, type_text)
    kept = step.rows[2].field
    qtbot.mouseClick(step.rows[0].remove, Qt.MouseButton.LeftButton)
    assert step.rows[1].field is kept, "every row keeps its own field and its undo history"
    kept.setFocus()
    type_text(kept, " (Stand Mai)")
    assert editor.draft().attachments == ["Kostenschätzung", "Ortsteilrat (Stand Mai)"]
    assert not step.removal_note.isVisible()
    qtbot.keyClick(kept, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.draft().attachments == ["Kostenschätzung", "Ortsteilrat"]


def test_moving_keeps_each_field_with_its_text(
    qtbot: Any, editor: DraftEditor, type_text: TypeText
) -> None:
    step = _step(editor)
    _three_attachments(qtbot, editor, type_text)
    fields = [row.field for row in step.rows]
    qtbot.mouseClick(step.rows[2].up, Qt.MouseButton.LeftButton)
    assert [row.field for row in step.rows] == [fields[0], fields[2], fields[1]]
    assert [row.field.text() for row in step.rows] == editor.draft().attachments
    assert step.rows[1].field.accessibleName() == "Anlage 2"
