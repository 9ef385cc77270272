"""What a draft still needs before it can go out for signature.

:func:`check` returns findings in the order of the form. Each names the field it concerns as
a path in the exchange format's terms (``document_number``, ``assessments.legal``,
``contributions[1].text``, …) so the editor can jump there. Errors block the final export,
warnings only advise.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from stellungnahme_app import attachment_numbers, form
from stellungnahme_app.german_dates import format_date
from stellungnahme_app.model import ASSESSMENT_KEYS, AssessmentKey, Draft
from stellungnahme_app.text import is_blank

DEFAULT_NUMBER_PATTERN = r"^\d{4}/\d{2}$"
DEFAULT_NUMBER_EXAMPLE = "0661/24"

# Words that show a contribution or the Fazit takes up an assessment answered "Nein" (also
# as part of a word, whatever the case); the hint names them as written here.
REFERENCE_WORDS: dict[AssessmentKey, tuple[str, ...]] = {
    "legal": ("rechtlich", "zulässig", "zuständig"),
    "resources": ("Personal", "personell", "Ressourcen", "Stellen", "sächlich"),
    "financial": ("Haushalt", "Mittel", "Finanz", "Kosten"),
}
REFERENCE_STEMS: dict[AssessmentKey, tuple[str, ...]] = {
    key: tuple(word.casefold() for word in words) for key, words in REFERENCE_WORDS.items()
}

_ATTACHMENT_MENTION = re.compile(r"\bAnlage")
# "Anlage 3", "Anlagen 1 bis 4", "Anlage 1, 2 und 5": the numbers a text refers to.
_ATTACHMENT_REFERENCE = re.compile(
    r"\bAnlagen?\s+\d{1,3}(?:\s*(?:,|und|bis|sowie|oder|–|-)\s*\d{1,3}(?!\d))*"
)


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "Fehler" if self is Severity.ERROR else "Hinweis"


@dataclass(frozen=True)
class Finding:
    """One thing to fix (error) or to look at (warning), tied to a field of the form."""

    field: str
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.severity.label}: {self.message}"


def check(
    draft: Draft,
    *,
    number_pattern: str = DEFAULT_NUMBER_PATTERN,
    number_example: str = DEFAULT_NUMBER_EXAMPLE,
    today: dt.date | None = None,
) -> list[Finding]:
    """All findings for ``draft``, in the order of the form."""
    today = today or dt.date.today()
    return [
        *_check_header(draft, number_pattern, number_example),
        *_check_assessments(draft),
        *_check_resolution_points(draft),
        *_check_contributions(draft),
        *_check_conclusion(draft),
        *_check_attachments(draft),
        *_check_signature(draft, today),
    ]


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding blocks the final export."""
    return any(f.severity is Severity.ERROR for f in findings)


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]


def _error(field: str, message: str) -> Finding:
    return Finding(field, Severity.ERROR, message)


def _warning(field: str, message: str) -> Finding:
    return Finding(field, Severity.WARNING, message)


def number_matches(number: str, pattern: str = DEFAULT_NUMBER_PATTERN) -> bool:
    """True when ``number`` has the configured form, e.g. ``0661/24``."""
    try:
        return re.fullmatch(pattern, number.strip()) is not None
    except re.error:
        return False


def _check_header(draft: Draft, pattern: str, example: str) -> Iterator[Finding]:
    if is_blank(draft.city):
        yield _error("city", "Die Stadt fehlt.")
    if is_blank(draft.department):
        yield _error("department", "Das Dezernat fehlt.")
    number = draft.document_number.strip()
    if not number:
        yield _error("document_number", "Die Nummer der Drucksache fehlt.")
    elif not number_matches(number, pattern):
        yield _error(
            "document_number",
            f"Die Nummer der Drucksache „{number}“ hat nicht die vorgeschriebene Form "
            f"(Beispiel: {example}).",
        )
    if is_blank(draft.document_title):
        yield _error("document_title", "Der Titel der Drucksache fehlt.")
    if draft.public is None:
        yield _error(
            "public",
            "Der Öffentlichkeitsstatus ist nicht gewählt (öffentlich oder nichtöffentlich).",
        )


def _check_assessments(draft: Draft) -> Iterator[Finding]:
    referring_text = " ".join(
        [c.heading + " " + c.text for c in draft.contributions] + [draft.conclusion]
    ).casefold()
    for key in ASSESSMENT_KEYS:
        question = form.ASSESSMENT_QUESTIONS[key]
        answer = draft.assessments.get(key)
        if answer is None:
            yield _error(
                f"assessments.{key}",
                f"Die Frage „{question}“ ist nicht mit Ja oder Nein beantwortet.",
            )
        elif answer is False and not any(stem in referring_text for stem in REFERENCE_STEMS[key]):
            words = [f"„{word}“" for word in REFERENCE_WORDS[key]]
            yield _warning(
                f"assessments.{key}",
                f"„{question}“ ist mit Nein beantwortet, aber weder ein Beitrag der Ämter noch "
                "das Fazit nimmt darauf Bezug. Das Formular verlangt eine Begründung. Als Bezug "
                f"zählt ein Text mit {', '.join(words[:-1])} oder {words[-1]} (auch als Teil "
                "eines Wortes).",
            )


def _check_resolution_points(draft: Draft) -> Iterator[Finding]:
    points = draft.resolution_points
    if not points:
        yield _error("resolution_points", "Es ist kein Beschlusspunkt erfasst.")
        return
    first_index: dict[str, int] = {}
    for index, point in enumerate(points):
        number = point.number.strip()
        name = f"Beschlusspunkt {number}" if number else f"Der {index + 1}. Beschlusspunkt"
        if not number:
            yield _error(f"resolution_points[{index}].number", f"{name} hat keine Nummer.")
        elif number in first_index:
            yield _error(
                f"resolution_points[{index}].number",
                f"Die Nummer {number} ist mehrfach vergeben "
                f"(Beschlusspunkte an Stelle {first_index[number] + 1} und {index + 1}).",
            )
        else:
            first_index[number] = index
        if is_blank(point.text):
            yield _error(f"resolution_points[{index}].text", f"{name} hat keinen Text.")


def _check_contributions(draft: Draft) -> Iterator[Finding]:
    if not draft.contributions:
        yield _error("contributions", "Es ist keine Stellungnahme eines Amtes erfasst.")
        return
    for index, contribution in enumerate(draft.contributions):
        name = (
            f"Der Beitrag „{contribution.heading.strip()}“"
            if not is_blank(contribution.heading)
            else f"Der {index + 1}. Beitrag"
            + (f" ({contribution.office.strip()})" if not is_blank(contribution.office) else "")
        )
        if is_blank(contribution.heading):
            yield _error(f"contributions[{index}].heading", f"{name} hat keine Überschrift.")
        if is_blank(contribution.text):
            yield _error(f"contributions[{index}].text", f"{name} hat keinen Text.")


def _check_conclusion(draft: Draft) -> Iterator[Finding]:
    if is_blank(draft.conclusion):
        yield _error("conclusion", "Das Fazit fehlt.")


def _check_attachments(draft: Draft) -> Iterator[Finding]:
    texts = [(f"contributions[{i}].text", c.text) for i, c in enumerate(draft.contributions)]
    texts += [
        ("conclusion", draft.conclusion),
        ("amended_resolution_points", draft.amended_resolution_points),
    ]
    count = attachment_numbers.count(draft.attachments)
    if not count:
        if any(_ATTACHMENT_MENTION.search(t) for _field, t in texts):
            yield _warning(
                "attachments",
                "Der Text erwähnt eine Anlage, das Anlagenverzeichnis ist aber leer.",
            )
        return
    for field, text in texts:
        beyond = [
            number
            for mention in _ATTACHMENT_REFERENCE.finditer(text)
            for number in map(int, re.findall(r"\d+", mention.group(0)))
            if number > count
        ]
        if beyond:
            how_many = "eine Anlage" if count == 1 else f"{count} Anlagen"
            yield _warning(
                field,
                f"Der Text verweist auf {attachment_numbers.label(max(beyond))}, das "
                f"Anlagenverzeichnis hat aber nur {how_many}.",
            )
    labels = attachment_numbers.row_labels(draft.attachments)
    for index, (title, label) in enumerate(zip(draft.attachments, labels, strict=True)):
        typed = attachment_numbers.typed_number(title)
        if label == attachment_numbers.BLANK_ROW_LABEL:
            yield _warning(
                f"attachments[{index}]",
                f"Die {index + 1}. Zeile des Anlagenverzeichnisses ist leer; sie wird nicht "
                "gedruckt und die Anlagen darunter rücken im Dokument eine Nummer auf.",
            )
        elif typed is not None and attachment_numbers.label(typed) != label:
            yield _warning(
                f"attachments[{index}]",
                f"„{title.strip()}“ steht im Dokument als {label}: Das Programm nummeriert "
                "die Anlagen in der Reihenfolge des Verzeichnisses.",
            )


def _check_signature(draft: Draft, today: dt.date) -> Iterator[Finding]:
    if is_blank(draft.signature.name):
        yield _error("signature.name", "Der Name der unterzeichnenden Person fehlt.")
    date = draft.signature.date
    if date is None:
        yield _error("signature.date", "Das Datum der Unterschrift fehlt.")
    elif date > today:
        yield _warning(
            "signature.date",
            f"Das Datum der Unterschrift ({format_date(date)}) liegt in der Zukunft.",
        )
