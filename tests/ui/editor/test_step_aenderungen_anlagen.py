"""Step 6 – Änderungen und Anlagen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt

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
