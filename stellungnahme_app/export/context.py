"""What the Word template may print: the placeholder names and their values for a draft.

The exporter never hands the template a :class:`~stellungnahme_app.model.Draft`; it prepares
plain strings and lists here, already cleaned (:func:`stellungnahme_app.text.clean`) and split
into paragraphs. :data:`PLACEHOLDERS` is the one list of names a template may use;
``template-check`` compares templates against it, and :func:`document_text` (the GUI's preview)
is built from the same values in the order of the bundled template.

Text rules: a one-line field (title, number, office heading, signatory, attachment) prints as
typed without surrounding white space; a text field (resolution point, contribution, Fazit,
amendments) is split into paragraphs at blank lines. Inside both, a single newline becomes a
line break and a tab stays a tab.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from stellungnahme_app import form, text
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
    Placeholder("attachments", "Anlagenverzeichnis (Liste)", True),
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
            {"number": one_line(point.number), "paragraphs": text.paragraphs(point.text)}
            for point in draft.resolution_points
        ],
        "contributions": [
            {
                "office": one_line(contribution.office),
                "heading": one_line(contribution.heading),
                "paragraphs": text.paragraphs(contribution.text),
            }
            for contribution in draft.contributions
        ],
        "conclusion_paragraphs": text.paragraphs(draft.conclusion),
        "amendment_paragraphs": text.paragraphs(draft.amended_resolution_points),
        "attachments": [line for line in map(one_line, draft.attachments) if line],
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


def document_text(draft: Draft) -> list[str]:
    """The body's paragraphs as the bundled template prints them, in order.

    Table cells count as paragraphs in reading order (row by row, cell by cell); empty
    paragraphs are left out. Line breaks are ``\\n``, tabs ``\\t`` — exactly what
    python-docx reads back from the exported document.
    """
    c = build_context(draft)
    labels = c["labels"]
    lines: list[str] = [c["department"], c["heading"]]
    lines += [labels["document_title"], c["title"], labels["public_status"], c["public_status"]]
    lines.append(labels["instruction"])
    for row in c["answers"]:
        lines += [row["question"], row["answer"]]
    lines.append(labels["statement"])
    for point in c["points"]:
        lines += [point["number"], *point["paragraphs"]]
    for contribution in c["contributions"]:
        lines += [contribution["heading"], *contribution["paragraphs"]]
    lines += [labels["conclusion"], *c["conclusion_paragraphs"]]
    lines += [labels["amendments"], *c["amendment_paragraphs"]]
    lines += [labels["attachments"], *c["attachments"]]
    lines += [c["signature_line"], c["signature_date"], labels["signature"], labels["date"]]
    return [line for line in lines if line]


def properties_title(draft: Draft) -> str:
    """The document property "Titel", e.g. ``Stellungnahme zur Drucksache 0661/24 – …``."""
    number = " ".join(one_line(draft.document_number).split())
    title = " ".join(one_line(draft.document_title).split())
    result = f"Stellungnahme zur Drucksache {number}" if number else "Stellungnahme"
    return f"{result} – {title}" if title else result
