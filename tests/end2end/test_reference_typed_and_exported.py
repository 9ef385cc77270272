"""End to end: the reference Stellungnahme 0661/24 built by typing and clicking, then exported.

Starting from an empty draft, the test walks the eight steps as a clerk would – clicking
into fields, typing every text key by key, clicking radio buttons and "Weiter" – and saves
the final Word document through the file dialog. The draft must equal the reference, and the
document must read exactly like the export of the reference JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget

from stellungnahme_app import exchange, export
from stellungnahme_app.model import Draft
from stellungnahme_app.ui.editor import DraftEditor
from stellungnahme_app.ui.editor.step_aemter import AemterStep, ContributionEditor
from stellungnahme_app.ui.editor.step_beschlusspunkte import BeschlusspunkteStep, PointEditor
from stellungnahme_app.ui.editor.step_drucksache import DrucksacheStep
from stellungnahme_app.ui.editor.step_fazit import FazitStep
from stellungnahme_app.ui.editor.step_pruefung import PruefungStep
from stellungnahme_app.ui.editor.step_unterzeichnung import UnterzeichnungStep

TypeText = Callable[[QWidget, str], None]


def _click(qtbot: Any, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _click_into(qtbot: Any, widget: QWidget) -> None:
    """Click into a text field as a user would, then check it has the keyboard focus."""
    target = widget.viewport() if hasattr(widget, "viewport") else widget
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(widget.hasFocus)


def test_build_the_reference_by_typing_and_clicking_then_export(
    qtbot: Any,
    make_editor: Callable[..., DraftEditor],
    reference_draft: Draft,
    reference_json_path: Path,
    type_text: TypeText,
    read_docx: Callable[[Path], list[str]],
    tmp_path: Path,
) -> None:
    editor = make_editor(Draft())
    reference = reference_draft

    # 1 – Drucksache
    step1 = editor.steps[0]
    assert isinstance(step1, DrucksacheStep)
    _click_into(qtbot, step1.number)
    type_text(step1.number, reference.document_number)
    _click_into(qtbot, step1.title_field)
    type_text(step1.title_field, reference.document_title)
    qtbot.keyClick(step1.title_field, Qt.Key.Key_Tab)
    assert step1.department.hasFocus()
    while step1.department.currentData() != reference.department:
        assert step1.department.currentIndex() < step1.department.count() - 1
        qtbot.keyClick(step1.department, Qt.Key.Key_Down)
    _click(qtbot, step1.public_yes)
    _click_into(qtbot, step1.city)
    type_text(step1.city, reference.city)
    _click(qtbot, editor.next_button)

    # 2 – Prüfung
    step2 = editor.steps[1]
    assert isinstance(step2, PruefungStep)
    for key in ("legal", "resources", "financial"):
        question = step2.questions[key]  # type: ignore[index]
        _click(qtbot, question.yes if reference.assessments.get(key) else question.no)  # type: ignore[arg-type]
    _click(qtbot, editor.next_button)

    # 3 – Beschlusspunkte
    step3 = editor.steps[2]
    assert isinstance(step3, BeschlusspunkteStep)
    for index, point in enumerate(reference.resolution_points):
        _click(qtbot, step3.add_button)
        point_editor = step3.points.detail(index)
        assert isinstance(point_editor, PointEditor)
        assert point_editor.number.text() == point.number, "numbered 01, 02, 03 on its own"
        qtbot.waitUntil(point_editor.text.hasFocus)
        type_text(point_editor.text, point.text)
    _click(qtbot, editor.next_button)

    # 4 – Stellungnahmen der Ämter
    step4 = editor.steps[3]
    assert isinstance(step4, AemterStep)
    office_line = step4.office_choice.lineEdit()
    assert isinstance(office_line, QLineEdit)
    for index, contribution in enumerate(reference.contributions):
        _click_into(qtbot, office_line)
        type_text(office_line, contribution.office)
        _click(qtbot, step4.add_button)
        contribution_editor = step4.contributions.detail(index)
        assert isinstance(contribution_editor, ContributionEditor)
        assert contribution_editor.heading.text() == contribution.heading
        qtbot.waitUntil(contribution_editor.text.hasFocus)
        type_text(contribution_editor.text, contribution.text)
    _click(qtbot, editor.next_button)

    # 5 – Fazit
    step5 = editor.steps[4]
    assert isinstance(step5, FazitStep)
    qtbot.waitUntil(step5.conclusion.hasFocus)
    type_text(step5.conclusion, reference.conclusion)
    _click(qtbot, editor.next_button)

    # 6 – Änderungen und Anlagen: nothing for this Stellungnahme
    _click(qtbot, editor.next_button)

    # 7 – Unterzeichnung: the Dezernat brought the signatory; the date is typed over today's
    step7 = editor.steps[6]
    assert isinstance(step7, UnterzeichnungStep)
    assert step7.signatory.currentText() == reference.signature.name
    _click_into(qtbot, step7.date.line)
    qtbot.keyClick(step7.date.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(step7.date.line, "30.04.2024")
    _click(qtbot, editor.next_button)

    # 8 – Prüfen und exportieren
    assert editor.current_step() == 7
    assert editor.draft() == reference
    step8 = editor.export_step
    assert step8.final_docx.isEnabled()
    _click(qtbot, step8.final_docx)
    dialog = step8.findChild(QFileDialog, "dateiauswahl")
    assert dialog is not None
    name_field = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name_field is not None, "Qt's own file dialog (offscreen)"
    target = tmp_path / "0661-24.docx"
    qtbot.keyClick(name_field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(name_field, str(target))
    with qtbot.waitSignal(editor.export_done, timeout=30_000):
        # The first Return may only close the file name completion, as for a clerk.
        for _ in range(3):
            if not dialog.isVisible():
                break
            qtbot.keyClick(name_field, Qt.Key.Key_Return)
        assert not dialog.isVisible()

    expected = export.export_document(
        exchange.read_file(reference_json_path), tmp_path / "aus-json.docx"
    )
    assert read_docx(target) == read_docx(expected)
    assert editor.draft() == reference
