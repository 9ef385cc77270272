"""What the Word template may print: the placeholder names and their values for a draft.

The exporter never hands the template a :class:`~stellungnahme_app.model.Draft`; it prepares
plain strings and lists here, already cleaned (:func:`stellungnahme_app.text.clean`) and split
into paragraphs. :data:`PLACEHOLDERS` is the one list of names a template may use;
``template-check`` compares templates against it, and :func:`document_text` (the GUI's preview)
is built from the same values in the order of the bundled template.

Text rules: a one-line field (title, number, office heading, signatory) prints as typed
without surrounding white space; a text field (resolution point, contribution, Fazit,
amendments) is split into paragraphs at blank lines. Inside both, a single newline becomes a
line break and a tab stays a tab. In a text field, bullet items, labelled items and tab
tables (:mod:`stellungnahme_app.text_blocks`) are items of their own in the list of
paragraphs (:class:`~.structures.StructuredText`), which the export lays out as Word lists
and tables. Attachments are numbered by the program (:mod:`stellungnahme_app.attachment_numbers`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from stellungnahme_app import attachment_numbers, form, text, text_blocks
from stellungnahme_app.export.structures import Numbering, StructuredText
from stellungnahme_app.model import ASSESSMENT_KEYS, Draft

# Printed where the heading needs a value the draft does not have yet (draft export only).
GAP = "…"

LABEL_KEYS: dict[str, str] = {
    "document_title": form.LABEL_DOCUMENT_TITLE,
    "public_status": form.LABEL_PUBLIC_STATUS,
    "instruction": form.ASSESSMENT_INSTRUCTION,
    "statement": form.LABEL_STATEMENT,
    "conclusion": form.LABEL_CONCLUSION,
    "amendments": form.LABEL_AMENDMENTS,
    "attachments": form.LABEL_ATTACHMENTS,
    "signature": form.LABEL_SIGNATURE,
    "date": form.LABEL_DATE,
}


@dataclass(frozen=True)
class Placeholder:
    """A name the template may use.

    ``keys`` are the attributes of the value (for ``labels``) or of each list item (for
    ``answers``, ``points``, ``contributions``). A required placeholder must appear in every
    template, or one of its ``alternatives`` must, else a part of the Stellungnahme would be
    silently missing from the document.
    """

    name: str
    description: str
    required: bool
    keys: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()


PLACEHOLDERS: tuple[Placeholder, ...] = (
    Placeholder("department", "Dezernat (Briefkopf)", True),
    Placeholder(
        "heading", "Titelzeile „Stellungnahme der Stadtverwaltung … zur Drucksache …“", True
    ),
    Placeholder("title", "Titel der Drucksache", True),
    Placeholder("public_status", "„öffentlich“ oder „nichtöffentlich“", True),
    Placeholder(
        "answers",
        "die drei Fragen mit ihrer Antwort „Ja.“/„Nein.“ (Liste)",
        True,
        keys=("key", "question", "answer"),
    ),
    Placeholder(
        "points",
        "Beschlusspunkte mit Nummer und Absätzen (Liste)",
        True,
        keys=("number", "paragraphs"),
    ),
    Placeholder(
        "contributions",
        "Stellungnahmen der Ämter mit Überschrift und Absätzen (Liste)",
        True,
        keys=("office", "heading", "paragraphs"),
    ),
    Placeholder("conclusion_paragraphs", "Absätze des Fazits", True),
    Placeholder("amendment_paragraphs", "Absätze der Änderung der Beschlusspunkte", True),
    Placeholder("attachments", "Anlagenverzeichnis, nummeriert „Anlage 1 – …“ (Liste)", True),
    Placeholder(
        "signature_line",
        "„gez. Name“ der unterzeichnenden Person",
        True,
        alternatives=("signature_name",),
    ),
    Placeholder(
        "signature_deputy",
        "„i. V.“ bei einer Vertretung, sonst leer (signature_line hat es: „gez. i. V. Name“)",
        False,
    ),
    Placeholder("signature_name", "Name der unterzeichnenden Person (ohne „gez.“)", False),
    Placeholder("signature_date", "Datum der Unterschrift (TT.MM.JJJJ)", True),
    Placeholder("draft_mark", "„ENTWURF“ bei einer Entwurfsausgabe, sonst leer", True),
    Placeholder("not_public_mark", "„Nichtöffentlich“ bei nichtöffentlichen, sonst leer", True),
    Placeholder("labels", "feste Beschriftungen des Formulars", False, keys=tuple(LABEL_KEYS)),
    Placeholder("city", "Stadt", False),
    Placeholder("number", "Nummer der Drucksache", False),
)

PLACEHOLDER_NAMES: frozenset[str] = frozenset(p.name for p in PLACEHOLDERS)
PLACEHOLDERS_BY_NAME: dict[str, Placeholder] = {p.name: p for p in PLACEHOLDERS}


def one_line(value: str) -> str:
    """A one-line field as printed: cleaned, without surrounding white space."""
    return text.clean(value).strip()


def format_date(date: dt.date | None) -> str:
    """``TT.MM.JJJJ`` (zero-padded for every year), or empty."""
    if date is None:
        return ""
    return f"{date.day:02d}.{date.month:02d}.{date.year:04d}"


def build_context(draft: Draft, *, draft_mode: bool = False) -> dict[str, Any]:
    """The values for every name in :data:`PLACEHOLDERS`, prepared from ``draft``."""
    city = one_line(draft.city)
    number = one_line(draft.document_number)
    name = one_line(draft.signature.name)
    deputy_mark = form.DEPUTY_MARK if draft.signature.deputy and name else ""
    public_status = {True: form.PUBLIC, False: form.NOT_PUBLIC, None: ""}[draft.public]
    numbering = Numbering()
    context: dict[str, Any] = {
        "department": one_line(draft.department),
        "heading": form.document_heading(city or GAP, number or GAP),
        "title": one_line(draft.document_title),
        "public_status": public_status,
        "answers": [
            {
                "key": key,
                "question": form.ASSESSMENT_QUESTIONS[key],
                "answer": form.answer_text(draft.assessments.get(key)),
            }
            for key in ASSESSMENT_KEYS
        ],
        "points": [
            {"number": one_line(point.number), "paragraphs": numbering.paragraph_values(point.text)}
            for point in draft.resolution_points
        ],
        "contributions": [
            {
                "office": one_line(contribution.office),
                "heading": one_line(contribution.heading),
                "paragraphs": numbering.paragraph_values(contribution.text),
            }
            for contribution in draft.contributions
        ],
        "conclusion_paragraphs": numbering.paragraph_values(draft.conclusion),
        "amendment_paragraphs": numbering.paragraph_values(draft.amended_resolution_points),
        "attachments": attachment_numbers.printed(draft.attachments),
        "signature_line": form.SIGNATURE_PREFIX + deputy_mark + name if name else "",
        "signature_deputy": deputy_mark.strip(),
        "signature_name": name,
        "signature_date": format_date(draft.signature.date),
        "draft_mark": form.DRAFT_MARK if draft_mode else "",
        "not_public_mark": form.NOT_PUBLIC_MARK if draft.public is False else "",
        "labels": dict(LABEL_KEYS),
        "city": city,
        "number": number,
    }
    assert set(context) == PLACEHOLDER_NAMES
    return context


@dataclass(frozen=True)
class PrintedBlock:
    """A part of the document as the bundled template prints it, for the preview.

    ``role`` says what the form makes of it: ``department``, ``heading`` (the title line),
    ``label`` (a label or heading of the form), ``note`` (the instruction), ``question``,
    ``answer``, ``number`` (of a resolution point), ``office_heading``, ``text`` (the user's
    text: any :mod:`~stellungnahme_app.text_blocks` block), ``attachment``, ``signature`` or
    ``caption`` (under the signature line).
    """

    role: str
    block: text_blocks.Block


def _text_blocks(values: list[str]) -> list[PrintedBlock]:
    return [
        PrintedBlock(
            "text",
            value.block if isinstance(value, StructuredText) else text_blocks.Paragraph(value),
        )
        for value in values
        if value
    ]


def document_blocks(draft: Draft) -> list[PrintedBlock]:
    """The body as the bundled template prints it, block by block, empty ones left out."""
    c = build_context(draft)
    labels = c["labels"]

    def line(role: str, value: str) -> list[PrintedBlock]:
        return [PrintedBlock(role, text_blocks.Paragraph(value))] if value else []

    result = line("department", c["department"]) + line("heading", c["heading"])
    result += line("label", labels["document_title"]) + line("text", c["title"])
    result += line("label", labels["public_status"]) + line("text", c["public_status"])
    result += line("note", labels["instruction"])
    for row in c["answers"]:
        result += line("question", row["question"]) + line("answer", row["answer"])
    result += line("label", labels["statement"])
    for point in c["points"]:
        result += line("number", point["number"]) + _text_blocks(point["paragraphs"])
    for contribution in c["contributions"]:
        result += line("office_heading", contribution["heading"])
        result += _text_blocks(contribution["paragraphs"])
    result += line("label", labels["conclusion"]) + _text_blocks(c["conclusion_paragraphs"])
    result += line("label", labels["amendments"]) + _text_blocks(c["amendment_paragraphs"])
    result += line("label", labels["attachments"])
    for attachment in c["attachments"]:
        result += line("attachment", attachment)
    result += line("signature", c["signature_line"]) + line("signature", c["signature_date"])
    result += line("caption", labels["signature"]) + line("caption", labels["date"])
    return result


def document_text(draft: Draft) -> list[str]:
    """The body's paragraphs as the bundled template prints them, in order.

    Table cells count as paragraphs in reading order (row by row, cell by cell); empty
    paragraphs are left out; list items are paragraphs without their marker, a labelled
    item is label, tab, text. Line breaks are ``\\n``, tabs ``\\t`` — exactly what
    python-docx reads back from the exported document.
    """
    return [
        line
        for printed in document_blocks(draft)
        for line in text_blocks.printed_lines(printed.block)
        if line
    ]


def properties_title(draft: Draft) -> str:
    """The document property "Titel", e.g. ``Stellungnahme zur Drucksache 0661/24 – …``."""
    number = " ".join(one_line(draft.document_number).split())
    title = " ".join(one_line(draft.document_title).split())
    result = f"Stellungnahme zur Drucksache {number}" if number else "Stellungnahme"
    return f"{result} – {title}" if title else result
