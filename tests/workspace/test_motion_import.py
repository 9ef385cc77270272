"""Reading a motion in and making or filling drafts with it (the application layer)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures.motions import corpus

from stellungnahme_app.model import Draft, ResolutionPoint
from stellungnahme_app.motion import NoResolutionPoints, NoTextLayer
from stellungnahme_app.store import VersionReason
from stellungnahme_app.workspace import (
    MotionTakeOver,
    MotionTooLarge,
    Workspace,
    load_configuration,
    motion_draft,
    number_differs,
    read_motion_file,
    read_motion_files,
    read_pasted_motion,
    take_over_into,
)

MOTIONS = Path(__file__).parents[1] / "fixtures" / "motions"
SCHULWEGE = MOTIONS / "antrag-schulwege.pdf"


def test_a_new_draft_from_a_motion_has_the_defaults_and_a_motion_version(
    workspace: Workspace,
) -> None:
    reading = read_motion_file(SCHULWEGE, workspace.settings)
    opened = workspace.create_draft_from_motion(MotionTakeOver.of(reading))
    stored = workspace.open_draft(opened.id)
    assert stored.draft.document_number == "0815/25"
    assert stored.draft.document_title == corpus.SCHULWEGE.title
    assert [(p.number, p.text) for p in stored.draft.resolution_points] == (
        corpus.SCHULWEGE.expected_points
    )
    assert stored.draft.city == workspace.settings.city
    assert stored.draft.department == workspace.settings.default_department
    assert stored.draft.signature.name == workspace.settings.default_signatory
    assert stored.draft.contributions == [] and stored.draft.conclusion == ""
    [version] = workspace.versions(opened.id)
    assert version.reason is VersionReason.MOTION
    assert version.what_happened == "Antrag übernommen aus „antrag-schulwege.pdf“"
    assert not opened.is_new  # it holds the motion: never discarded as unused


def test_the_clerks_edits_are_what_is_stored(workspace: Workspace) -> None:
    take_over = MotionTakeOver(
        number="0815/25",
        title="Sichere Schulwege",
        points=[ResolutionPoint("1", "Korrigiert.")],
        source_name="antrag.pdf",
    )
    opened = workspace.create_draft_from_motion(take_over)
    assert workspace.open_draft(opened.id).draft.resolution_points == [
        ResolutionPoint("1", "Korrigiert.")
    ]


def test_motions_go_into_the_store_all_or_nothing(workspace: Workspace) -> None:
    files = [SCHULWEGE, MOTIONS / "antrag-radverkehr.docx", MOTIONS / corpus.SCAN_FILE]
    readings = read_motion_files(files, workspace.settings)
    assert [type(r.error) for r in readings] == [type(None), type(None), NoTextLayer]
    report = workspace.add_motions(readings)
    assert report.added == [] and [path for path, _e in report.failures] == [files[2]]
    assert workspace.list_drafts() == []

    report = workspace.add_motions(read_motion_files(files[:2], workspace.settings))
    assert [(item.path, item.title) for item in report.added] == [
        (SCHULWEGE, f"0815/25 – {corpus.SCHULWEGE.title}"),
        (files[1], "1023/25 – Radverkehrsnetz zügig ausbauen"),
    ]
    assert len(workspace.list_drafts()) == 2


def test_an_oparl_record_with_its_main_file_given(workspace: Workspace) -> None:
    (item,) = read_motion_files(
        [MOTIONS / corpus.OPARL_RADVERKEHR_FILE],
        workspace.settings,
        main_file=MOTIONS / "antrag-radverkehr.docx",
    )
    assert item.reading is not None and item.reading.number == "1023/25"


def test_the_configured_number_form_is_used(admin_file: Callable[[str], Path]) -> None:
    admin_file('number_pattern = "^DS [0-9]{4}/[0-9]{2}$"\nnumber_example = "DS 0661/24"\n')
    settings = load_configuration().settings
    assert read_motion_file(MOTIONS / "antrag-spielplaetze.docx", settings).number == ("DS 0444/25")
    reading = read_motion_file(SCHULWEGE, settings)
    assert reading.number == ""
    assert reading.notes == [
        "Die Nummer der Drucksache (Form DS 0661/24) wurde nicht gefunden; bitte tragen Sie "
        "sie ein."
    ]


def test_pasted_text_and_its_size_limit(workspace: Workspace) -> None:
    reading = read_pasted_motion("Der Stadtrat beschließt:\n1. Eins\n2. Zwei", workspace.settings)
    assert [p.number for p in reading.points] == ["1.", "2."]
    too_many = "\n".join(f"{n}. Punkt" for n in range(1, 400))
    with pytest.raises(MotionTooLarge, match="399 Beschlusspunkte; eine Stellungnahme kann"):
        read_pasted_motion(too_many, workspace.settings)
    with pytest.raises(NoResolutionPoints):
        read_pasted_motion("", workspace.settings)


def test_taking_over_replaces_or_appends_the_points() -> None:
    draft = Draft(
        document_number="0815/25",
        document_title="Alt",
        resolution_points=[ResolutionPoint("01", "Bisher.")],
    )
    new = [ResolutionPoint("1.", "Neu eins."), ResolutionPoint("2.", "Neu zwei.")]
    take_over = MotionTakeOver("0815/25", "Neu", new, replace_points=False, number_and_title=False)
    assert take_over_into(draft, take_over) == 1
    assert [p.number for p in draft.resolution_points] == ["01", "1.", "2."]
    assert draft.document_title == "Alt"

    take_over = MotionTakeOver("0999/25", "Neu", new)
    assert take_over_into(draft, take_over) == 0
    assert draft.resolution_points == new
    assert (draft.document_number, draft.document_title) == ("0999/25", "Neu")
    assert draft.resolution_points[0] is not new[0]  # the draft owns its points


def test_appending_beyond_the_limit_changes_nothing() -> None:
    points = [ResolutionPoint(str(n), "x") for n in range(200)]
    draft = Draft(resolution_points=list(points))
    take_over = MotionTakeOver("", "", points, replace_points=False, source_name="a.pdf")
    with pytest.raises(MotionTooLarge, match="hätte die Stellungnahme 400 Beschlusspunkte"):
        take_over_into(draft, take_over)
    assert draft.resolution_points == points


def test_an_exchange_draft_holds_only_what_the_motion_says() -> None:
    reading = read_motion_file(MOTIONS / "antrag-radverkehr.pdf", load_configuration().settings)
    draft = motion_draft(MotionTakeOver.of(reading))
    assert draft == Draft(
        document_number="1023/25",
        document_title="Radverkehrsnetz zügig ausbauen",
        resolution_points=[ResolutionPoint(*p) for p in corpus.RADVERKEHR.expected_points],
    )


def test_number_differs_only_when_both_are_given(workspace: Workspace) -> None:
    reading = read_motion_file(SCHULWEGE, workspace.settings)
    assert number_differs(Draft(document_number="0661/24"), reading)
    assert not number_differs(Draft(document_number=" 0815/25 "), reading)
    assert not number_differs(Draft(), reading)
