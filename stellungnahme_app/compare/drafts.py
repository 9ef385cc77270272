"""Two versions of a Stellungnahme compared field by field, in the order of the form.

:func:`compare_drafts` names each field that reads differently, by its field path
(``resolution_points[0].text``, ``contributions[1].heading``, ``attachments[2]``, see
``docs/ARCHITECTURE.md``) and a German label, with its paragraphs: the changed ones as a
:class:`.WordDiff`, runs of unchanged ones collapsed into :class:`UnchangedParagraphs`.
Fields compare as the document prints them (pasted characters cleaned, one-line fields
without surrounding space, text fields by paragraph), so a comparison shows what a reader
of the document would find changed – nothing else.

Lists (resolution points, contributions, attachments) are aligned (:func:`.align`): an item
added in front does not make every later one "changed". A paired item is reported by its
new position, an added one as :attr:`FieldKind.ADDED`, a removed one by its old position as
:attr:`FieldKind.REMOVED`.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from stellungnahme_app import form, text
from stellungnahme_app.compare.alignment import align, text_likeness
from stellungnahme_app.compare.word_diff import Change, Segment, WordDiff, word_diff
from stellungnahme_app.german_dates import format_date
from stellungnahme_app.model import ASSESSMENT_KEYS, Contribution, Draft, ResolutionPoint


class FieldKind(enum.Enum):
    CHANGED = "geändert"
    ADDED = "neu"
    REMOVED = "entfernt"


@dataclass(frozen=True)
class ParagraphChange:
    """A paragraph that reads differently: its place (1-based; ``None`` on the side that
    lacks it, or for a one-line field) and its words."""

    old_number: int | None
    new_number: int | None
    diff: WordDiff


@dataclass(frozen=True)
class UnchangedParagraphs:
    """Paragraphs between changes that stayed as they were (shown collapsed)."""

    texts: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.texts)


Entry = ParagraphChange | UnchangedParagraphs


@dataclass(frozen=True)
class FieldChange:
    """One field that reads differently, with its paragraphs in order."""

    path: str
    label: str
    kind: FieldKind
    entries: tuple[Entry, ...]

    @property
    def changed_paragraphs(self) -> list[ParagraphChange]:
        return [e for e in self.entries if isinstance(e, ParagraphChange)]

    @property
    def old_paragraphs(self) -> list[str]:
        """The field's paragraphs in the old version, rebuilt from the entries."""
        return paragraphs_of(self.entries, old=True)

    @property
    def new_paragraphs(self) -> list[str]:
        """The field's paragraphs in the new version, rebuilt from the entries."""
        return paragraphs_of(self.entries, old=False)


def paragraphs_of(entries: Sequence[Entry], *, old: bool) -> list[str]:
    """The paragraphs of one side (``old`` or new) that ``entries`` were made from."""
    result: list[str] = []
    for entry in entries:
        if isinstance(entry, UnchangedParagraphs):
            result += entry.texts
            continue
        number = entry.old_number if old else entry.new_number
        one_line = entry.old_number is None and entry.new_number is None
        if number is not None or one_line:
            result.append(entry.diff.old_text if old else entry.diff.new_text)
    return result


@dataclass(frozen=True)
class DraftComparison:
    """Every field that reads differently between two versions, in the form's order."""

    fields: tuple[FieldChange, ...]

    @property
    def unchanged(self) -> bool:
        return not self.fields

    @property
    def changed_paragraph_count(self) -> int:
        return sum(len(f.changed_paragraphs) for f in self.fields)

    def summary(self) -> str:
        """``Keine Unterschiede.`` or ``3 Absätze in 2 Feldern geändert: Fazit, …``."""
        if self.unchanged:
            return "Keine Unterschiede: Beide Fassungen lesen sich gleich."
        paragraphs = self.changed_paragraph_count
        fields = len(self.fields)
        what = "1 Stelle" if paragraphs == 1 else f"{paragraphs} Stellen"
        where = "1 Feld" if fields == 1 else f"{fields} Feldern"
        names = ", ".join(f.label for f in self.fields[:4])
        more = f" und {fields - 4} weitere" if fields > 4 else ""
        return f"{what} in {where} geändert: {names}{more}."


# ---------------------------------------------------------------------- comparing


def compare_drafts(old: Draft, new: Draft) -> DraftComparison:
    """What reads differently in ``new`` than in ``old``, field by field in form order."""
    fields: list[FieldChange] = []
    one_line = (
        ("department", "Dezernat", old.department, new.department),
        ("city", "Stadt", old.city, new.city),
        ("document_number", "Nummer der Drucksache", old.document_number, new.document_number),
        ("document_title", "Titel der Drucksache", old.document_title, new.document_title),
        ("public", "Öffentlichkeitsstatus", _public(old.public), _public(new.public)),
    )
    for path, label, old_value, new_value in one_line:
        fields += _one_line_field(path, label, old_value, new_value)
    for key in ASSESSMENT_KEYS:
        old_answer = _answer(old.assessments.get(key))
        new_answer = _answer(new.assessments.get(key))
        label = form.ASSESSMENT_SHORT_NAMES[key]
        fields += _one_line_field(f"assessments.{key}", label, old_answer, new_answer)
    fields += _points(old.resolution_points, new.resolution_points)
    fields += _contributions(old.contributions, new.contributions)
    fields += _text_field("conclusion", "Fazit", old.conclusion, new.conclusion)
    fields += _text_field(
        "amended_resolution_points",
        "Änderung der Beschlusspunkte",
        old.amended_resolution_points,
        new.amended_resolution_points,
    )
    fields += _attachments(old.attachments, new.attachments)
    fields += _one_line_field(
        "signature.name", "Unterschrift: Name", old.signature.name, new.signature.name
    )
    fields += _one_line_field(
        "signature.deputy",
        "Unterschrift: in Vertretung",
        _deputy(old.signature.deputy),
        _deputy(new.signature.deputy),
    )
    fields += _one_line_field(
        "signature.date",
        "Unterschrift: Datum",
        format_date(old.signature.date),
        format_date(new.signature.date),
    )
    return DraftComparison(tuple(fields))


def compare_texts(old: str, new: str) -> tuple[Entry, ...]:
    """The paragraphs of two texts compared (unchanged runs collapsed)."""
    old_paragraphs, new_paragraphs = text.paragraphs(old), text.paragraphs(new)
    pairs = align(old_paragraphs, new_paragraphs, identity=lambda p: p, likeness=text_likeness)
    entries: list[Entry] = []
    unchanged: list[str] = []
    for old_index, new_index in pairs:
        old_text = old_paragraphs[old_index] if old_index is not None else None
        new_text = new_paragraphs[new_index] if new_index is not None else None
        if old_text is not None and old_text == new_text:
            unchanged.append(old_text)
            continue
        if unchanged:
            entries.append(UnchangedParagraphs(tuple(unchanged)))
            unchanged = []
        entries.append(
            ParagraphChange(
                None if old_index is None else old_index + 1,
                None if new_index is None else new_index + 1,
                _diff(old_text, new_text),
            )
        )
    if unchanged:
        entries.append(UnchangedParagraphs(tuple(unchanged)))
    return tuple(entries)


def _diff(old: str | None, new: str | None) -> WordDiff:
    if old is None:
        return WordDiff((Segment(Change.INSERTED, new),) if new else ())
    if new is None:
        return WordDiff((Segment(Change.DELETED, old),) if old else ())
    return word_diff(old, new)


def _clean_line(value: str) -> str:
    return text.clean(value).strip()


def _public(value: bool | None) -> str:
    return {True: form.PUBLIC, False: form.NOT_PUBLIC, None: ""}[value]


def _deputy(value: bool) -> str:
    return "i. V." if value else ""


def _answer(value: bool | None) -> str:
    return form.answer_text(value)


def _one_line_field(path: str, label: str, old: str, new: str) -> list[FieldChange]:
    old, new = _clean_line(old), _clean_line(new)
    if old == new:
        return []
    entry = ParagraphChange(None, None, word_diff(old, new))
    return [FieldChange(path, label, FieldKind.CHANGED, (entry,))]


def _text_field(path: str, label: str, old: str, new: str) -> list[FieldChange]:
    entries = compare_texts(old, new)
    if all(isinstance(entry, UnchangedParagraphs) for entry in entries):
        return []
    return [FieldChange(path, label, FieldKind.CHANGED, entries)]


def _whole(path: str, label: str, kind: FieldKind, paragraphs: Sequence[str]) -> FieldChange:
    """An item that was added or removed as a whole: every paragraph inserted or deleted."""
    added = kind is FieldKind.ADDED
    change = Change.INSERTED if added else Change.DELETED
    entries = tuple(
        ParagraphChange(
            None if added else number,
            number if added else None,
            WordDiff((Segment(change, paragraph),)),
        )
        for number, paragraph in enumerate((p for p in paragraphs if p), start=1)
    )
    return FieldChange(path, f"{label} ({kind.value})", kind, entries)


# ---------------------------------------------------------------------- the lists


def _point_label(point: ResolutionPoint, index: int) -> str:
    number = _clean_line(point.number)
    return f"Beschlusspunkt {number}" if number else f"Beschlusspunkt Nr. {index + 1}"


def _points(old: list[ResolutionPoint], new: list[ResolutionPoint]) -> list[FieldChange]:
    def identity(point: ResolutionPoint) -> Hashable:
        return (_clean_line(point.number), tuple(text.paragraphs(point.text)))

    def likeness(a: ResolutionPoint, b: ResolutionPoint) -> float:
        alike = text_likeness(a.text, b.text)
        same_number = _clean_line(a.number) == _clean_line(b.number) != ""
        return 0.5 + 0.5 * alike if same_number else alike

    fields: list[FieldChange] = []
    for old_index, new_index in align(old, new, identity=identity, likeness=likeness):
        if new_index is None:
            assert old_index is not None
            point = old[old_index]
            label = _point_label(point, old_index)
            paragraphs = text.paragraphs(point.text)
            fields.append(
                _whole(f"resolution_points[{old_index}]", label, FieldKind.REMOVED, paragraphs)
            )
            continue
        point = new[new_index]
        label = _point_label(point, new_index)
        path = f"resolution_points[{new_index}]"
        if old_index is None:
            fields.append(_whole(path, label, FieldKind.ADDED, text.paragraphs(point.text)))
            continue
        before = old[old_index]
        fields += _one_line_field(f"{path}.number", f"{label}: Nummer", before.number, point.number)
        fields += _text_field(f"{path}.text", label, before.text, point.text)
    return fields


def _contribution_label(contribution: Contribution, index: int) -> str:
    office = " ".join(_clean_line(contribution.office).split())
    return f"Beitrag {index + 1}" + (f" – {office}" if office else "")


def _contributions(old: list[Contribution], new: list[Contribution]) -> list[FieldChange]:
    def identity(c: Contribution) -> Hashable:
        return (_clean_line(c.office), _clean_line(c.heading), tuple(text.paragraphs(c.text)))

    def office(c: Contribution) -> str:
        return " ".join(_clean_line(c.office).split()).casefold()

    def likeness(a: Contribution, b: Contribution) -> float:
        if office(a) and office(a) == office(b):
            return 1.0
        return 0.9 * text_likeness(a.text, b.text)

    fields: list[FieldChange] = []
    for old_index, new_index in align(old, new, identity=identity, likeness=likeness):
        if new_index is None:
            assert old_index is not None
            gone = old[old_index]
            paragraphs = [_clean_line(gone.heading), *text.paragraphs(gone.text)]
            label = _contribution_label(gone, old_index)
            fields.append(
                _whole(f"contributions[{old_index}]", label, FieldKind.REMOVED, paragraphs)
            )
            continue
        item = new[new_index]
        label = _contribution_label(item, new_index)
        path = f"contributions[{new_index}]"
        if old_index is None:
            paragraphs = [_clean_line(item.heading), *text.paragraphs(item.text)]
            fields.append(_whole(path, label, FieldKind.ADDED, paragraphs))
            continue
        before = old[old_index]
        fields += _one_line_field(f"{path}.office", f"{label}: Amt", before.office, item.office)
        fields += _one_line_field(
            f"{path}.heading", f"{label}: Überschrift", before.heading, item.heading
        )
        fields += _text_field(f"{path}.text", label, before.text, item.text)
    return fields


def _attachments(old: list[str], new: list[str]) -> list[FieldChange]:
    fields: list[FieldChange] = []
    for old_index, new_index in align(old, new, identity=_clean_line, likeness=text_likeness):
        if new_index is None:
            assert old_index is not None
            line = _clean_line(old[old_index])
            if line:
                label = f"Anlage {old_index + 1}"
                fields.append(_whole(f"attachments[{old_index}]", label, FieldKind.REMOVED, [line]))
            continue
        line = _clean_line(new[new_index])
        path, label = f"attachments[{new_index}]", f"Anlage {new_index + 1}"
        if old_index is None:
            if line:
                fields.append(_whole(path, label, FieldKind.ADDED, [line]))
            continue
        fields += _one_line_field(path, label, old[old_index], line)
    return fields
