"""The rules that decide whether a draft may go out for signature."""

from __future__ import annotations

import datetime as dt

import pytest

from stellungnahme_app import rules
from stellungnahme_app.model import Contribution, Draft, ResolutionPoint
from stellungnahme_app.rules import Severity

TODAY = dt.date(2024, 5, 2)


def _fields(findings: list[rules.Finding], severity: Severity) -> list[str]:
    return [f.field for f in findings if f.severity is severity]


def test_reference_has_no_errors(reference_draft: Draft) -> None:
    findings = rules.check(reference_draft, today=TODAY)
    assert not rules.has_errors(findings)
    # The published document answers "finanzielle Voraussetzungen" with Nein and never says why.
    assert _fields(findings, Severity.WARNING) == ["assessments.financial"]


def test_empty_draft_lists_every_error_in_form_order() -> None:
    findings = rules.check(Draft(), today=TODAY)
    assert _fields(findings, Severity.ERROR) == [
        "city",
        "department",
        "document_number",
        "document_title",
        "public",
        "assessments.legal",
        "assessments.resources",
        "assessments.financial",
        "resolution_points",
        "contributions",
        "conclusion",
        "signature.name",
        "signature.date",
    ]
    assert all(f.message.endswith(".") for f in findings)


@pytest.mark.parametrize("number", ["661/24", "0661/2024", "0661-24", "abc", "0661/24 x"])
def test_number_must_match_the_pattern(reference_draft: Draft, number: str) -> None:
    reference_draft.document_number = number
    findings = rules.check(reference_draft, today=TODAY)
    assert "document_number" in _fields(findings, Severity.ERROR)
    assert "0661/24" in next(f.message for f in findings if f.field == "document_number")


def test_number_pattern_is_configurable(reference_draft: Draft) -> None:
    reference_draft.document_number = "DS-2024-0661"
    pattern = r"^DS-\d{4}-\d{4}$"
    assert not rules.has_errors(rules.check(reference_draft, number_pattern=pattern, today=TODAY))
    assert rules.has_errors(rules.check(reference_draft, today=TODAY))


def test_invalid_pattern_does_not_raise() -> None:
    assert not rules.number_matches("0661/24", "([")


def test_unanswered_assessment_is_an_error(reference_draft: Draft) -> None:
    reference_draft.assessments.resources = None
    findings = rules.check(reference_draft, today=TODAY)
    assert _fields(findings, Severity.ERROR) == ["assessments.resources"]


def test_resolution_points_need_text_and_unique_numbers(reference_draft: Draft) -> None:
    reference_draft.resolution_points += [
        ResolutionPoint("02", "doppelt"),
        ResolutionPoint("04", "  "),
        ResolutionPoint("", "ohne Nummer"),
    ]
    findings = rules.check(reference_draft, today=TODAY)
    assert _fields(findings, Severity.ERROR) == [
        "resolution_points[3].number",
        "resolution_points[4].text",
        "resolution_points[5].number",
    ]
    assert "Stelle 2 und 4" in rules.errors(findings)[0].message


def test_contributions_need_heading_and_text(reference_draft: Draft) -> None:
    reference_draft.contributions.append(Contribution(office="Jugendamt"))
    findings = rules.check(reference_draft, today=TODAY)
    assert _fields(findings, Severity.ERROR) == [
        "contributions[2].heading",
        "contributions[2].text",
    ]
    assert "Jugendamt" in rules.errors(findings)[0].message


def test_no_contribution_is_an_error(reference_draft: Draft) -> None:
    reference_draft.contributions = []
    findings = rules.check(reference_draft, today=TODAY)
    assert "contributions" in _fields(findings, Severity.ERROR)


@pytest.mark.parametrize(
    ("key", "sentence"),
    [
        ("legal", "Der Antrag ist rechtlich nicht zulässig."),
        ("resources", "Dafür fehlen Personalkapazitäten."),
        ("financial", "Im Haushalt stehen keine Mittel bereit."),
        ("financial", "Die Kosten sind nicht gedeckt."),
    ],
)
def test_nein_answer_needs_a_reference_in_the_text(
    reference_draft: Draft, key: str, sentence: str
) -> None:
    reference_draft.assessments.set(key, False)
    reference_draft.contributions = [Contribution("Amt", "Stellungnahme des Amts", "Nichts.")]
    reference_draft.conclusion = "Zustimmung."
    assert f"assessments.{key}" in _fields(
        rules.check(reference_draft, today=TODAY), Severity.WARNING
    )
    reference_draft.conclusion = sentence
    assert f"assessments.{key}" not in _fields(
        rules.check(reference_draft, today=TODAY), Severity.WARNING
    )


def test_signature_date_in_the_future_is_a_warning(reference_draft: Draft) -> None:
    reference_draft.signature.date = TODAY + dt.timedelta(days=1)
    findings = rules.check(reference_draft, today=TODAY)
    assert "signature.date" in _fields(findings, Severity.WARNING)
    assert not rules.has_errors(findings)


def test_mentioned_attachment_without_list_is_a_warning(reference_draft: Draft) -> None:
    reference_draft.conclusion += " Die Kostenschätzung liegt als Anlage 1 bei."
    assert "attachments" in _fields(rules.check(reference_draft, today=TODAY), Severity.WARNING)
    reference_draft.attachments = ["Anlage 1: Kostenschätzung"]
    assert "attachments" not in _fields(rules.check(reference_draft, today=TODAY), Severity.WARNING)


def _messages(findings: list[rules.Finding], field: str) -> list[str]:
    return [f.message for f in findings if f.field == field and f.severity is Severity.WARNING]


def test_a_reference_beyond_the_attachments_is_a_warning_at_the_text(
    reference_draft: Draft,
) -> None:
    reference_draft.attachments = ["Kostenschätzung", "Lageplan"]
    reference_draft.contributions[1].text += "\n\nDie Fotos liegen als Anlage 3 bei."
    findings = rules.check(reference_draft, today=TODAY)
    [message] = _messages(findings, "contributions[1].text")
    assert "Anlage 3" in message and "2 Anlagen" in message
    reference_draft.attachments.append("Fotos")
    assert _messages(rules.check(reference_draft, today=TODAY), "contributions[1].text") == []


def test_references_in_ranges_and_lists_count_their_highest_number(reference_draft: Draft) -> None:
    reference_draft.attachments = ["A", "B"]
    for text, expected in (
        ("siehe Anlagen 1 bis 4", "Anlage 4"),
        ("siehe Anlage 1, 2 und 5", "Anlage 5"),
        ("siehe Anlage 2", None),
        ("siehe die Anlagen", None),
    ):
        reference_draft.conclusion = text
        found = _messages(rules.check(reference_draft, today=TODAY), "conclusion")
        if expected is None:
            assert found == [], text
        else:
            [message] = found
            assert expected in message, text


def test_a_typed_number_that_differs_from_the_row_is_a_warning(reference_draft: Draft) -> None:
    reference_draft.attachments = ["Anlage 2 – Karte", "Anlage 2 – Plan"]
    findings = rules.check(reference_draft, today=TODAY)
    [message] = _messages(findings, "attachments[0]")
    assert "Anlage 1" in message and "„Anlage 2 – Karte“" in message
    assert _messages(findings, "attachments[1]") == []


def test_a_blank_row_between_attachments_is_a_warning(reference_draft: Draft) -> None:
    reference_draft.attachments = ["A", " ", "C", ""]
    findings = rules.check(reference_draft, today=TODAY)
    [message] = _messages(findings, "attachments[1]")
    assert "leer" in message
    assert _messages(findings, "attachments[3]") == []


def test_the_nein_hint_names_the_words_that_count_as_a_reference(reference_draft: Draft) -> None:
    [hint] = [
        f for f in rules.check(reference_draft, today=TODAY) if f.field == "assessments.financial"
    ]
    assert "„Haushalt“, „Mittel“, „Finanz“ oder „Kosten“" in hint.message
    reference_draft.assessments.legal = False
    [legal] = [
        f for f in rules.check(reference_draft, today=TODAY) if f.field == "assessments.legal"
    ]
    assert "„rechtlich“, „zulässig“ oder „zuständig“" in legal.message
    assert "auch als Teil eines Wortes" in legal.message
