"""The values the template gets: prepared from the draft as plain, cleaned text."""

from __future__ import annotations

import datetime as dt

import pytest

from stellungnahme_app import form
from stellungnahme_app.export import PLACEHOLDERS, document_text
from stellungnahme_app.export.context import (
    build_context,
    format_date,
    one_line,
    properties_title,
)
from stellungnahme_app.model import Assessments, Contribution, Draft, ResolutionPoint, Signature


def test_values_are_plain_data(reference_draft: Draft) -> None:
    def plain(value: object) -> bool:
        if isinstance(value, str | bool):
            return True
        if isinstance(value, list):
            return all(plain(v) for v in value)
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        return False

    context = build_context(reference_draft)
    assert all(plain(value) for value in context.values())


def test_required_placeholders_cover_every_part_of_the_form() -> None:
    required = {p.name for p in PLACEHOLDERS if p.required}
    assert required == {
        "department",
        "heading",
        "title",
        "public_status",
        "answers",
        "points",
        "contributions",
        "conclusion_paragraphs",
        "amendment_paragraphs",
        "attachments",
        "signature_line",
        "signature_date",
        "draft_mark",
        "not_public_mark",
    }


def test_form_wording_comes_from_form_module(reference_draft: Draft) -> None:
    context = build_context(reference_draft)
    assert context["labels"]["amendments"] == form.LABEL_AMENDMENTS
    assert [row["question"] for row in context["answers"]] == list(
        form.ASSESSMENT_QUESTIONS.values()
    )
    assert [row["answer"] for row in context["answers"]] == ["Ja.", "Nein.", "Nein."]
    assert context["heading"] == form.document_heading("Erfurt", "0661/24")


@pytest.mark.parametrize(
    ("public", "draft_mode", "status", "marks"),
    [
        (True, False, "öffentlich", ("", "")),
        (False, False, "nichtöffentlich", ("", "Nichtöffentlich")),
        (None, True, "", ("ENTWURF", "")),
    ],
)
def test_status_and_marks(public: bool | None, draft_mode: bool, status: str, marks) -> None:
    context = build_context(Draft(public=public), draft_mode=draft_mode)
    assert context["public_status"] == status
    assert (context["draft_mark"], context["not_public_mark"]) == marks


def test_a_deputy_signs_with_i_v_and_the_forms_label_stays() -> None:
    deputy = build_context(Draft(signature=Signature("Max Muster", deputy=True)))
    assert deputy["signature_line"] == "gez. i. V. Max Muster"
    assert deputy["signature_deputy"] == "i. V."
    assert deputy["signature_name"] == "Max Muster"
    assert deputy["labels"]["signature"] == form.LABEL_SIGNATURE == "Unterschrift Beigeordneter"
    assert build_context(Draft(signature=Signature("Anke Hofmann-Domke")))["signature_deputy"] == ""
    assert "gez. i. V. Max Muster" in document_text(
        Draft(signature=Signature("Max Muster", deputy=True))
    )


def test_signature_line_only_with_a_name() -> None:
    assert build_context(Draft())["signature_line"] == ""
    named = build_context(Draft(signature=Signature(" Anke Hofmann-Domke ")))
    assert named["signature_line"] == "gez. Anke Hofmann-Domke"
    assert named["signature_name"] == "Anke Hofmann-Domke"


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (dt.date(2024, 4, 30), "30.04.2024"),
        (dt.date(2025, 1, 2), "02.01.2025"),
        (dt.date(999, 12, 31), "31.12.0999"),
        (None, ""),
    ],
)
def test_date_is_dd_mm_yyyy(date: dt.date | None, expected: str) -> None:
    assert format_date(date) == expected


def test_one_line_fields_are_cleaned_and_trimmed() -> None:
    assert one_line("  0661/24\x00 \n") == "0661/24"
    assert one_line("a\fb") == "a\nb"


def test_blank_attachments_and_headings_are_left_out() -> None:
    draft = Draft(
        attachments=["Anlage 1", "   ", "\n", "Anlage 2 "],
        contributions=[Contribution("Amt", "  ", "Text")],
    )
    context = build_context(draft)
    assert context["attachments"] == ["Anlage 1", "Anlage 2"]
    assert context["contributions"][0]["heading"] == ""
    assert document_text(draft)[-5:-2] == [form.LABEL_ATTACHMENTS, "Anlage 1", "Anlage 2"]


def test_attachments_are_numbered_once_in_the_order_of_the_rows() -> None:
    draft = Draft(attachments=["Kostenaufstellung", "Anlage 1 – Lageplan", "Anlage 3: Fotos"])
    assert build_context(draft)["attachments"] == [
        "Anlage 1 – Kostenaufstellung",
        "Anlage 2 – Lageplan",
        "Anlage 3 – Fotos",
    ]


def test_document_text_in_the_order_of_the_form() -> None:
    draft = Draft(
        city="Erfurt",
        department="Dezernat 05",
        document_number="0001/24",
        document_title="Titel",
        public=False,
        assessments=Assessments(True, None, False),
        resolution_points=[ResolutionPoint("1", "Punkt\n\nzweiter Absatz")],
        contributions=[Contribution("Amt", "Überschrift", "Text")],
        conclusion="Fazit-Text",
        amended_resolution_points="Neu",
        attachments=["A"],
        signature=Signature("Name", dt.date(2024, 1, 2)),
    )
    assert document_text(draft) == [
        "Dezernat 05",
        "Stellungnahme der Stadtverwaltung Erfurt zur Drucksache 0001/24",
        form.LABEL_DOCUMENT_TITLE,
        "Titel",
        form.LABEL_PUBLIC_STATUS,
        "nichtöffentlich",
        form.ASSESSMENT_INSTRUCTION,
        form.ASSESSMENT_QUESTIONS["legal"],
        "Ja.",
        form.ASSESSMENT_QUESTIONS["resources"],
        form.ASSESSMENT_QUESTIONS["financial"],
        "Nein.",
        form.LABEL_STATEMENT,
        "1",
        "Punkt",
        "zweiter Absatz",
        "Überschrift",
        "Text",
        form.LABEL_CONCLUSION,
        "Fazit-Text",
        form.LABEL_AMENDMENTS,
        "Neu",
        form.LABEL_ATTACHMENTS,
        "Anlage 1 – A",
        "gez. Name",
        "02.01.2024",
        form.LABEL_SIGNATURE,
        form.LABEL_DATE,
    ]


@pytest.mark.parametrize(
    ("number", "title", "expected"),
    [
        (
            "0661/24",
            "Arbeitskreis Segregation",
            "Stellungnahme zur Drucksache 0661/24 – Arbeitskreis Segregation",
        ),
        ("0661/24", "", "Stellungnahme zur Drucksache 0661/24"),
        ("", "Titel\nzweite Zeile", "Stellungnahme – Titel zweite Zeile"),
        ("", "", "Stellungnahme"),
    ],
)
def test_properties_title(number: str, title: str, expected: str) -> None:
    assert properties_title(Draft(document_number=number, document_title=title)) == expected
