"""The eight steps of the editor: which fields they hold and what state they are in."""

from __future__ import annotations

import datetime as dt

import pytest

from stellungnahme_app import rules
from stellungnahme_app.form_steps import (
    STEPS,
    Attention,
    FieldPath,
    StepKey,
    StepState,
    StepSummary,
    form_order,
    parse_field_path,
    step_index_for_field,
    step_started,
    step_summaries,
)
from stellungnahme_app.model import Contribution, Draft, ResolutionPoint


@pytest.mark.parametrize(
    ("path", "parsed"),
    [
        ("document_number", FieldPath("document_number")),
        ("assessments.legal", FieldPath("assessments", None, "legal")),
        ("resolution_points[0].number", FieldPath("resolution_points", 0, "number")),
        ("contributions[12].text", FieldPath("contributions", 12, "text")),
        ("attachments[2]", FieldPath("attachments", 2)),
        ("signature.date", FieldPath("signature", None, "date")),
    ],
)
def test_parses_field_paths(path: str, parsed: FieldPath) -> None:
    assert parse_field_path(path) == parsed


@pytest.mark.parametrize("path", ["", "contributions[x].text", "a.b.c", "Titel", "x[1"])
def test_rejects_what_is_not_a_field_path(path: str) -> None:
    assert parse_field_path(path) is None


def test_every_field_of_the_rules_belongs_to_a_step(reference_draft: Draft) -> None:
    empty = Draft(resolution_points=[ResolutionPoint()], contributions=[Contribution()])
    fields = {f.field for f in rules.check(empty)} | {f.field for f in rules.check(Draft())}
    assert fields, "the empty drafts have findings"
    for field in fields:
        assert step_index_for_field(field) is not None, field


@pytest.mark.parametrize(
    ("path", "step"),
    [
        ("city", StepKey.DRUCKSACHE),
        ("status", StepKey.DRUCKSACHE),
        ("deadline", StepKey.DRUCKSACHE),
        ("assessments.financial", StepKey.PRUEFUNG),
        ("resolution_points", StepKey.BESCHLUSSPUNKTE),
        ("contributions[1].heading", StepKey.AEMTER),
        ("conclusion", StepKey.FAZIT),
        ("attachments[0]", StepKey.AENDERUNGEN_ANLAGEN),
        ("amended_resolution_points", StepKey.AENDERUNGEN_ANLAGEN),
        ("signature.name", StepKey.UNTERZEICHNUNG),
    ],
)
def test_field_to_step(path: str, step: StepKey) -> None:
    index = step_index_for_field(path)
    assert index is not None
    assert STEPS[index].key is step


def test_unknown_field_has_no_step() -> None:
    assert step_index_for_field("unbekannt") is None


def test_steps_are_in_the_order_of_the_form() -> None:
    assert [s.title for s in STEPS] == [
        "Drucksache",
        "Prüfung",
        "Beschlusspunkte",
        "Stellungnahmen der Ämter",
        "Fazit",
        "Änderungen und Anlagen",
        "Unterzeichnung",
        "Prüfen und exportieren",
    ]


def test_new_draft_with_defaults_has_nothing_started() -> None:
    draft = Draft(city="Erfurt", department="Dezernat für Bau und Verkehr")
    draft.signature.date = dt.date(2024, 4, 30)
    assert not any(step_started(draft, s.key) for s in STEPS[:-2] if not s.optional)
    states = [s.state for s in step_summaries(draft, rules.check(draft))]
    assert states == [
        StepState.NOT_STARTED,
        StepState.NOT_STARTED,
        StepState.NOT_STARTED,
        StepState.NOT_STARTED,
        StepState.NOT_STARTED,
        StepState.COMPLETE,  # optional and empty
        StepState.NOT_STARTED,
        StepState.PROBLEMS,  # errors remain somewhere
    ]


def test_reference_draft_is_complete_everywhere(reference_draft: Draft) -> None:
    findings = rules.check(reference_draft)
    assert {s.state for s in step_summaries(reference_draft, findings)} == {StepState.COMPLETE}


def test_a_started_step_with_an_error_has_problems(reference_draft: Draft) -> None:
    reference_draft.contributions[1].text = ""
    reference_draft.assessments.legal = None
    summaries = step_summaries(reference_draft, rules.check(reference_draft))
    # The second office took up the missing resources; without its text that is a warning.
    assert summaries[1] == StepSummary(StepState.PROBLEMS, 1, 1)
    assert summaries[3].state is StepState.PROBLEMS
    assert summaries[3].errors == 1
    assert summaries[7] == StepSummary(StepState.PROBLEMS, 2, 1)
    assert summaries[3].description == "unvollständig – 1 Fehler"


def test_descriptions() -> None:
    assert StepSummary(StepState.NOT_STARTED, 3).description == "noch nicht begonnen"
    assert StepSummary(StepState.COMPLETE).description == "vollständig"
    assert StepSummary(StepState.COMPLETE, 0, 1).description == "vollständig – 1 Hinweis"
    assert (
        StepSummary(StepState.PROBLEMS, 2, 3).description == "unvollständig – 2 Fehler, 3 Hinweise"
    )


def test_findings_sort_into_the_order_of_the_fields_on_screen() -> None:
    draft = Draft(resolution_points=[ResolutionPoint(), ResolutionPoint("01", "Text")])
    draft.contributions = [Contribution(), Contribution("Jugendamt")]
    fields = sorted((f.field for f in rules.check(draft)), key=form_order)
    assert fields == [
        "document_number",
        "document_title",
        "department",
        "public",
        "city",
        "assessments.legal",
        "assessments.resources",
        "assessments.financial",
        "resolution_points[0].number",
        "resolution_points[0].text",
        "contributions[0].heading",
        "contributions[0].text",
        "contributions[1].heading",
        "contributions[1].text",
        "conclusion",
        "signature.name",
        "signature.date",
    ]
    assert form_order("resolution_points") < form_order("resolution_points[0].number")
    assert form_order("unbekannt") > form_order("signature.date")


def test_an_error_reads_offen_until_the_author_attended_to_its_field() -> None:
    draft = Draft(city="Erfurt")
    missing_number = next(f for f in rules.check(draft) if f.field == "document_number")
    attention = Attention()
    assert attention.label(missing_number) == "offen"
    attention.left_field("document_number")
    assert attention.label(missing_number) == "Fehler"
    title = next(f for f in rules.check(draft) if f.field == "document_title")
    assert attention.label(title) == "offen"
    attention.passed_step(0)  # moved on past step 1
    assert attention.label(title) == "Fehler"
    conclusion = next(f for f in rules.check(draft) if f.field == "conclusion")
    assert attention.label(conclusion) == "offen"
    attention.checked = True  # asked to check everything
    assert attention.label(conclusion) == "Fehler"


def test_a_hint_is_a_hint_even_before_the_author_got_there(reference_draft: Draft) -> None:
    reference_draft.attachments = []
    reference_draft.conclusion += " Siehe Anlage 1."
    [hint] = [f for f in rules.check(reference_draft) if f.field == "attachments"]
    assert Attention().label(hint) == "Hinweis"


def test_the_step_list_counts_untouched_errors_as_open(reference_draft: Draft) -> None:
    reference_draft.document_title = ""
    reference_draft.public = None
    findings = rules.check(reference_draft)
    attention = Attention()
    summary = step_summaries(reference_draft, findings, attention=attention)[0]
    assert summary.description == "unvollständig – 2 offen"
    attention.left_field("document_title")
    summary = step_summaries(reference_draft, findings, attention=attention)[0]
    assert summary.description == "unvollständig – 1 Fehler, 1 offen"
    assert step_summaries(reference_draft, findings)[0].description == "unvollständig – 2 Fehler"


def _new_draft_with_defaults() -> Draft:
    draft = Draft(city="Erfurt", department="Dezernat für Soziales, Bildung, Jugend und Gesundheit")
    draft.signature.name = "Anke Hofmann-Domke"
    draft.signature.date = dt.date(2024, 4, 30)
    return draft


def test_a_step_the_program_filled_in_reads_prefilled_until_the_author_looked_at_it() -> None:
    draft = _new_draft_with_defaults()
    attention = Attention(prefilled={"city", "department", "signature.name", "signature.date"})
    signing = STEPS.index(next(s for s in STEPS if s.key is StepKey.UNTERZEICHNUNG))
    summary = step_summaries(draft, rules.check(draft), attention=attention)[signing]
    assert summary.state is StepState.PREFILLED
    assert summary.description == "vorausgefüllt – bitte prüfen"
    attention.visited_step(signing)
    summary = step_summaries(draft, rules.check(draft), attention=attention)[signing]
    assert summary.state is StepState.COMPLETE


def test_a_name_the_author_chose_is_no_longer_prefilled() -> None:
    draft = _new_draft_with_defaults()
    attention = Attention(prefilled={"signature.name", "signature.date"})
    attention.edited_field("signature.name")
    states = [s.state for s in step_summaries(draft, rules.check(draft), attention=attention)]
    assert states[6] is StepState.COMPLETE


def test_an_optional_step_never_opened_reads_optional() -> None:
    draft = _new_draft_with_defaults()
    attention = Attention()
    summary = step_summaries(draft, rules.check(draft), attention=attention)[5]
    assert (summary.state, summary.description) == (StepState.OPTIONAL, "optional")
    attention.visited_step(5)
    assert step_summaries(draft, rules.check(draft), attention=attention)[5].state is (
        StepState.COMPLETE
    )
    draft.attachments = ["Lageplan"]
    assert step_summaries(draft, rules.check(draft), attention=Attention())[5].state is (
        StepState.COMPLETE
    )


def test_the_last_step_counts_what_is_still_open_until_the_author_asks_to_check() -> None:
    draft = Draft(city="Erfurt")
    attention = Attention()
    last = step_summaries(draft, rules.check(draft), attention=attention)[-1]
    assert last.state is StepState.PROBLEMS
    assert last.description == f"unvollständig – {last.open} offen"
    attention.checked = True
    last = step_summaries(draft, rules.check(draft), attention=attention)[-1]
    assert last.description == f"unvollständig – {last.errors} Fehler"
