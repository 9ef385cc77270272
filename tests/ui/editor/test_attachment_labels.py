"""Step 6: the attachments' labels agree with the document's numbers, however rows change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt

from stellungnahme_app.export.context import build_context
from stellungnahme_app.model import Draft
from stellungnahme_app.ui.editor import DraftEditor
from stellungnahme_app.ui.editor.step_aenderungen_anlagen import AenderungenAnlagenStep


def _step(editor: DraftEditor) -> AenderungenAnlagenStep:
    step = editor.steps[5]
    assert isinstance(step, AenderungenAnlagenStep)
    return step


def labels_and_document(editor: DraftEditor) -> tuple[list[str], list[str]]:
    """The labels of the filled rows, and the numbers the document prints, in order."""
    step = _step(editor)
    labels = [row.label.text().rstrip(":") for row in step.rows if row.field.text().strip()]
    printed = [line.split(" – ")[0] for line in build_context(editor.draft())["attachments"]]
    return labels, printed


def test_labels_and_document_agree_after_moving_and_removing(
    qtbot: Any, make_editor: Callable[..., DraftEditor]
) -> None:
    editor = make_editor(Draft(attachments=["Anlage 2 – Karte", "Kosten", "Fotos"]))
    editor.set_current_step(5)
    step = _step(editor)
    labels, printed = labels_and_document(editor)
    assert labels == printed == ["Anlage 1", "Anlage 2", "Anlage 3"]
    assert build_context(editor.draft())["attachments"][0] == "Anlage 1 – Karte"

    qtbot.mouseClick(step.rows[0].down, Qt.MouseButton.LeftButton)
    assert build_context(editor.draft())["attachments"][:2] == [
        "Anlage 1 – Kosten",
        "Anlage 2 – Karte",
    ]
    labels, printed = labels_and_document(editor)
    assert labels == printed

    qtbot.mouseClick(step.rows[0].remove, Qt.MouseButton.LeftButton)
    labels, printed = labels_and_document(editor)
    assert labels == printed == ["Anlage 1", "Anlage 2"]
    assert step.rows[1].field.accessibleName() == "Anlage 2"


def test_a_blank_row_between_others_is_no_number_until_it_is_filled(
    qtbot: Any, make_editor: Callable[..., DraftEditor], type_text: Callable[[Any, str], None]
) -> None:
    editor = make_editor(Draft(attachments=["Kosten", "", "Fotos"]))
    editor.set_current_step(5)
    step = _step(editor)
    assert [row.label.text() for row in step.rows] == ["Anlage 1:", "Leere Zeile:", "Anlage 2:"]
    step.rows[1].field.setFocus()
    qtbot.waitUntil(step.rows[1].field.hasFocus)
    type_text(step.rows[1].field, "Plan")
    assert [row.label.text() for row in step.rows] == ["Anlage 1:", "Anlage 2:", "Anlage 3:"]
    labels, printed = labels_and_document(editor)
    assert labels == printed


def test_a_new_row_carries_the_next_number(
    qtbot: Any, make_editor: Callable[..., DraftEditor]
) -> None:
    editor = make_editor(Draft(attachments=["Kosten"]))
    editor.set_current_step(5)
    step = _step(editor)
    qtbot.mouseClick(step.add_button, Qt.MouseButton.LeftButton)
    assert step.rows[-1].label.text() == "Anlage 2:"
