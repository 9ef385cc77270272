"""The DraftEditor as the shell uses it: the contract, navigation, jumps, step states."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QRadioButton, QWidget

from stellungnahme_app.form_steps import STEPS, StepState
from stellungnahme_app.model import Draft
from stellungnahme_app.store import Status
from stellungnahme_app.ui.editor import DraftEditor
from stellungnahme_app.ui.editor.step_aemter import AemterStep, ContributionEditor
from stellungnahme_app.ui.editor.step_beschlusspunkte import BeschlusspunkteStep, PointEditor
from stellungnahme_app.ui.editor.step_drucksache import DrucksacheStep
from stellungnahme_app.ui.editor.step_pruefung import PruefungStep
from stellungnahme_app.workspace import OpenDraft, Workspace

TypeText = Callable[[Any, str], None]
OpenIn = Callable[..., OpenDraft]


def test_set_draft_shows_it_and_edits_change_it_in_place(
    qtbot: Any, reference_editor: DraftEditor, reference_draft: Draft, type_text: TypeText
) -> None:
    draft = reference_editor.draft()
    assert draft == reference_draft
    step = reference_editor.steps[0]
    assert isinstance(step, DrucksacheStep)
    assert step.title_field.text() == "Arbeitskreis Segregation"

    reference_editor.jump_to("document_title")
    with qtbot.waitSignal(reference_editor.changed):
        type_text(step.title_field, " Erfurt")
    assert reference_editor.draft() is draft, "the live model, not a copy"
    assert draft.document_title == "Arbeitskreis Segregation Erfurt"


def test_set_draft_leaves_no_undo_history_and_emits_nothing(
    qtbot: Any, reference_editor: DraftEditor, reference_draft: Draft, open_in_store: OpenIn
) -> None:
    opened = open_in_store(reference_draft.copy())
    with qtbot.assertNotEmitted(reference_editor.changed, wait=50):
        reference_editor.set_draft(opened)
    drucksache = reference_editor.steps[0]
    fazit = reference_editor.steps[4]
    assert isinstance(drucksache, DrucksacheStep)
    assert not drucksache.title_field.isUndoAvailable()
    assert not fazit.conclusion.document().isUndoAvailable()  # type: ignore[attr-defined]


def test_a_new_draft_gets_today_as_signature_date_and_says_so(
    qtbot: Any, make_editor: Callable[..., DraftEditor], open_in_store: OpenIn
) -> None:
    opened = open_in_store(Draft())
    editor = make_editor(Draft(document_title="anderer"))
    with qtbot.waitSignal(editor.changed):
        editor.set_draft(opened)
    assert opened.draft.signature.date == dt.date.today()


def test_a_draft_with_a_date_keeps_it(
    qtbot: Any, make_editor: Callable[..., DraftEditor], reference_draft: Draft
) -> None:
    editor = make_editor(reference_draft)
    assert editor.draft().signature.date == dt.date(2024, 4, 30)


def test_status_and_deadline_are_edited_on_step_one(
    qtbot: Any, make_editor: Callable[..., DraftEditor], type_text: TypeText
) -> None:
    editor = make_editor(Draft(), status=Status.IN_REVIEW, deadline=dt.date(2024, 5, 3))
    opened = editor.open_draft()
    step = editor.steps[0]
    assert isinstance(step, DrucksacheStep)
    assert step.status.currentText() == Status.IN_REVIEW.label
    assert step.deadline.line.text() == "03.05.2024"

    editor.jump_to("deadline")
    qtbot.keyClick(step.deadline.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(step.deadline.line, "10.05.2024")
    step.status.setFocus()
    qtbot.keyClick(step.status, Qt.Key.Key_Down)
    assert editor.open_draft() is opened, "edited in place"
    assert opened.deadline == dt.date(2024, 5, 10)
    assert opened.status is Status.FOR_SIGNATURE


def test_weiter_zurueck_and_alt_arrows_walk_the_form(qtbot: Any, editor: DraftEditor) -> None:
    assert editor.current_step() == 0
    assert not editor.back_button.isEnabled()
    qtbot.mouseClick(editor.next_button, Qt.MouseButton.LeftButton)
    assert editor.current_step() == 1
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert editor.current_step() == 2
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert editor.current_step() == 1
    qtbot.mouseClick(editor.back_button, Qt.MouseButton.LeftButton)
    assert editor.current_step() == 0
    for _ in STEPS:
        editor.next_step()
    assert editor.current_step() == len(STEPS) - 1
    assert not editor.next_button.isEnabled()


def test_any_step_opens_from_the_step_list(qtbot: Any, editor: DraftEditor) -> None:
    rect = editor.step_list.visualItemRect(editor.step_list.item(4))
    qtbot.mouseClick(editor.step_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.current_step() == 4
    assert editor.step_title.text() == "Schritt 5 von 8: Fazit"
    editor.set_current_step(6)
    assert editor.step_list.currentRow() == 6
    editor.show_export_step()
    assert editor.current_step() == 7


@pytest.mark.parametrize(
    ("path", "step", "widget"),
    [
        ("document_number", 0, lambda e: e.steps[0].number),
        ("document_title", 0, lambda e: e.steps[0].title_field),
        ("department", 0, lambda e: e.steps[0].department),
        ("public", 0, lambda e: e.steps[0].public_yes),
        ("city", 0, lambda e: e.steps[0].city),
        ("assessments.resources", 1, lambda e: e.steps[1].questions["resources"].no),
        ("assessments.legal", 1, lambda e: e.steps[1].questions["legal"].yes),
        ("resolution_points[2].text", 2, lambda e: e.steps[2].points.detail(2).text),
        ("resolution_points[1].number", 2, lambda e: e.steps[2].points.detail(1).number),
        ("contributions[1].text", 3, lambda e: e.steps[3].contributions.detail(1).text),
        ("contributions[0].heading", 3, lambda e: e.steps[3].contributions.detail(0).heading),
        ("conclusion", 4, lambda e: e.steps[4].conclusion),
        ("amended_resolution_points", 5, lambda e: e.steps[5].amendments),
        ("attachments", 5, lambda e: e.steps[5].add_button),
        ("signature.name", 6, lambda e: e.steps[6].signatory),
        ("signature.date", 6, lambda e: e.steps[6].date.line),
    ],
)
def test_jump_to_opens_the_step_and_focuses_the_field(
    qtbot: Any,
    reference_editor: DraftEditor,
    path: str,
    step: int,
    widget: Callable[[DraftEditor], Any],
) -> None:
    reference_editor.jump_to(path)
    assert reference_editor.current_step() == step
    target = widget(reference_editor)
    qtbot.waitUntil(lambda: target.hasFocus())
    assert target.isVisible()


def test_jump_to_the_second_contribution_selects_it(reference_editor: DraftEditor) -> None:
    reference_editor.jump_to("contributions[1].text")
    step = reference_editor.steps[3]
    assert isinstance(step, AemterStep)
    assert step.contributions.current() == 1
    editor = step.contributions.detail(1)
    assert isinstance(editor, ContributionEditor)
    assert editor.text.toPlainText().startswith("Aus Sicht des Amtes für Stadtentwicklung")


def test_jump_to_an_unknown_field_does_nothing(reference_editor: DraftEditor) -> None:
    reference_editor.set_current_step(2)
    reference_editor.jump_to("gibt_es_nicht")
    reference_editor.jump_to("resolution_points[99].text")
    assert reference_editor.current_step() == 2


def test_step_states_follow_the_draft_after_a_pause(qtbot: Any, editor: DraftEditor) -> None:
    assert editor.step_list.state(1) is StepState.NOT_STARTED
    step = editor.steps[1]
    assert isinstance(step, PruefungStep)
    editor.set_current_step(1)
    qtbot.mouseClick(step.questions["legal"].yes, Qt.MouseButton.LeftButton)
    assert editor.step_list.state(1) is StepState.NOT_STARTED, "not re-checked on every edit"
    qtbot.waitUntil(lambda: editor.step_list.state(1) is StepState.PROBLEMS)
    assert "2 offen" in editor.step_list.item(1).text()  # the two questions not got to yet
    for key in ("resources", "financial"):
        qtbot.mouseClick(step.questions[key].yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.step_list.state(1) is StepState.COMPLETE)
    assert editor.step_list.item(1).text() == "2. Prüfung\nvollständig"


def test_flush_commits_a_date_typed_without_leaving_the_field(
    qtbot: Any, editor: DraftEditor, type_text: TypeText
) -> None:
    editor.jump_to("signature.date")
    field = editor.steps[6].date.line  # type: ignore[attr-defined]
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(field, "1.4.2024")
    editor.flush_pending_edits()
    assert editor.draft().signature.date == dt.date(2024, 4, 1)


def test_points_and_contributions_have_own_editors(reference_editor: DraftEditor) -> None:
    points = reference_editor.steps[2]
    assert isinstance(points, BeschlusspunkteStep)
    assert all(isinstance(points.points.detail(i), PointEditor) for i in range(3))
    assert isinstance(reference_editor.steps[1].questions["legal"].yes, QRadioButton)  # type: ignore[attr-defined]


def test_typing_in_a_huge_paragraph_updates_the_draft_and_checks_after_a_pause(
    qtbot: Any, make_editor: Callable[..., DraftEditor], reference_draft: Draft, type_text: TypeText
) -> None:
    huge = "Die Verwaltung prüft den Antrag sorgfältig und berichtet dem Stadtrat. " * 2000
    reference_draft.contributions[1].text = huge
    editor = make_editor(reference_draft)
    editor.jump_to("contributions[1].text")
    field = editor.steps[3].contributions.detail(1).text  # type: ignore[attr-defined]
    field.moveCursor(field.textCursor().MoveOperation.End)
    assert editor.step_list.item(5).text().endswith("optional")
    type_text(field, "Siehe Anlage.")
    assert reference_draft.contributions[1].text == huge + "Siehe Anlage."
    assert editor.step_list.item(5).text().endswith("optional"), "no check per keystroke"
    qtbot.waitUntil(lambda: editor.step_list.item(5).text().endswith("optional – 1 Hinweis"))


def test_building_the_editor_flashes_no_window(
    qtbot: Any, workspace: Workspace, open_in_store: OpenIn
) -> None:
    opened = open_in_store(Draft())
    before = {w for w in QApplication.topLevelWidgets() if w.isVisible()}
    shown: list[str] = []

    class Watcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            showing = event.type() == QEvent.Type.Show and isinstance(watched, QWidget)
            if showing and watched.isWindow() and watched not in before:  # type: ignore[union-attr]
                shown.append(type(watched).__name__)
            return False

    watcher = Watcher()
    QApplication.instance().installEventFilter(watcher)  # type: ignore[union-attr]
    try:
        editor = DraftEditor(workspace)
        qtbot.addWidget(editor)
        editor.set_draft(opened)
    finally:
        QApplication.instance().removeEventFilter(watcher)  # type: ignore[union-attr]
    assert shown == []


def test_a_new_editor_reports_no_change_of_its_placeholder(
    qtbot: Any, workspace: Workspace
) -> None:
    editor = DraftEditor(workspace)
    qtbot.addWidget(editor)
    with qtbot.assertNotEmitted(editor.changed, wait=50):
        pass
    assert editor.draft() == Draft()


def _listed(editor: DraftEditor) -> list[str]:
    findings = editor.step_findings
    return [findings.item(row).text() for row in range(findings.count())]


def test_each_step_lists_its_findings_in_the_order_of_its_fields(
    qtbot: Any, editor: DraftEditor
) -> None:
    assert editor.step_findings.isVisible()
    assert _listed(editor) == [
        "Offen: Die Nummer der Drucksache fehlt.",
        "Offen: Der Titel der Drucksache fehlt.",
        "Offen: Das Dezernat fehlt.",
        "Offen: Der Öffentlichkeitsstatus ist nicht gewählt (öffentlich oder nichtöffentlich).",
        "Offen: Die Stadt fehlt.",
    ]
    step = editor.steps[0]
    assert isinstance(step, DrucksacheStep)
    editor.step_findings.setFocus()
    editor.step_findings.setCurrentRow(1)
    qtbot.keyClick(editor.step_findings, Qt.Key.Key_Return)
    qtbot.waitUntil(step.title_field.hasFocus)
    editor.set_current_step(7)
    assert not editor.step_findings.isVisible(), "the export step has its own list"


def test_an_error_reads_offen_until_the_author_leaves_the_field(
    qtbot: Any, editor: DraftEditor, type_text: TypeText
) -> None:
    step = editor.steps[0]
    assert isinstance(step, DrucksacheStep)
    editor.jump_to("document_number")
    type_text(step.number, "661/24")
    editor.recheck_now()
    assert _listed(editor)[0].startswith("Offen: Die Nummer der Drucksache „661/24“")
    qtbot.keyClick(step.number, Qt.Key.Key_Tab)  # leaves the field
    qtbot.waitUntil(lambda: _listed(editor)[0].startswith("Fehler: Die Nummer"))
    assert _listed(editor)[1] == "Offen: Der Titel der Drucksache fehlt."
    assert editor.step_list.item(0).text().endswith("1 Fehler, 4 offen")


def test_moving_past_a_step_or_asking_to_check_turns_offen_into_fehler(
    qtbot: Any, editor: DraftEditor
) -> None:
    editor.next_step()
    editor.set_current_step(0)
    assert all(line.startswith("Fehler: ") for line in _listed(editor))
    editor.set_current_step(4)
    assert _listed(editor) == ["Offen: Das Fazit fehlt."]
    editor.show_export_step()
    editor.set_current_step(4)
    assert _listed(editor) == ["Fehler: Das Fazit fehlt."]


def test_findings_never_push_the_form_down_while_typing(
    qtbot: Any, editor: DraftEditor, type_text: TypeText
) -> None:
    step = editor.steps[0]
    assert isinstance(step, DrucksacheStep)
    page = editor.scroll_areas[0]
    before = page.geometry()
    editor.jump_to("document_number")
    type_text(step.number, "0661/24")
    editor.jump_to("document_title")
    type_text(step.title_field, "Arbeitskreis")
    editor.recheck_now()
    assert len(_listed(editor)) == 3
    assert page.geometry() == before


def test_a_complete_step_says_nothing_is_open(reference_editor: DraftEditor) -> None:
    assert _listed(reference_editor) == ["Nichts offen in diesem Schritt."]
    item = reference_editor.step_findings.item(0)
    assert not item.flags() & Qt.ItemFlag.ItemIsEnabled


def test_a_step_that_got_shorter_while_hidden_drops_its_scroll_bar(
    make_editor: Callable[..., DraftEditor], reference_draft: Draft, open_in_store: OpenIn
) -> None:
    reference_draft.assessments.legal = False  # its Textbausteine make step 2 taller
    editor = make_editor()
    step, area = editor.steps[1], editor.scroll_areas[1]
    for draft in (reference_draft, Draft(city="Erfurt")):
        editor.set_draft(open_in_store(draft))
        QApplication.processEvents()
        editor.set_current_step(1)
        QApplication.processEvents()
        if draft is reference_draft:
            assert area.verticalScrollBar().isVisible(), "Voraussetzung: Schritt 2 ist zu hoch"
    assert step.heightForWidth(area.viewport().width()) < area.viewport().height()
    assert not area.verticalScrollBar().isVisible(), "eine Bildlaufleiste ohne Not"


@pytest.mark.parametrize("filled", [True, False], ids=["voll", "leer"])
def test_no_step_scrolls_sideways_in_a_window_800_pixels_wide(
    make_editor: Callable[..., DraftEditor], reference_draft: Draft, filled: bool
) -> None:
    editor = make_editor(reference_draft if filled else Draft(city="Erfurt"))
    editor.resize(800, editor.height())
    for index, area in enumerate(editor.scroll_areas):
        editor.set_current_step(index)
        QApplication.processEvents()
        assert not area.horizontalScrollBar().isVisible(), f"Schritt {index + 1}"


def test_what_is_only_open_is_not_marked_in_the_red_of_an_error(editor: DraftEditor) -> None:
    def last_icon() -> Any:
        return editor.step_list.item(7).icon().pixmap(32).toImage()

    only_open = last_icon()
    assert editor.step_list.item(7).text().endswith("offen")
    editor.show_export_step()  # asking to check: now they are errors
    assert editor.step_list.item(7).text().endswith("Fehler")
    assert last_icon() != only_open
