"""The difference of two texts in whole units (:mod:`.words`): what stays, what goes, what
comes.

A :class:`WordDiff` is a sequence of :class:`Segment` s. The kept and deleted segments
joined give the old text, the kept and inserted ones the new text – always, whatever the
texts (a property the tests check with hypothesis). Changes are grouped as a reader
expects: one deletion followed by one insertion, and the spaces between two changed words
belong to the change ("[-drei Mal-]{+zweimal+}", not a change per word).

The units are compared with :func:`.sequences.opcodes`, fast on long texts; spaces never
anchor the comparison.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from stellungnahme_app.compare.sequences import opcodes
from stellungnahme_app.compare.words import units


class Change(enum.Enum):
    """What happened to a segment of text."""

    KEPT = "kept"
    DELETED = "deleted"
    INSERTED = "inserted"


@dataclass(frozen=True)
class Segment:
    change: Change
    text: str


@dataclass(frozen=True)
class WordDiff:
    """The segments that turn one text into another (see the module docstring)."""

    segments: tuple[Segment, ...]

    @property
    def old_text(self) -> str:
        return "".join(s.text for s in self.segments if s.change is not Change.INSERTED)

    @property
    def new_text(self) -> str:
        return "".join(s.text for s in self.segments if s.change is not Change.DELETED)

    @property
    def unchanged(self) -> bool:
        return all(s.change is Change.KEPT for s in self.segments)

    @property
    def deleted(self) -> list[str]:
        return [s.text for s in self.segments if s.change is Change.DELETED]

    @property
    def inserted(self) -> list[str]:
        return [s.text for s in self.segments if s.change is Change.INSERTED]


def word_diff(old: str, new: str) -> WordDiff:
    """The difference of ``old`` and ``new`` in whole units."""
    return diff_units(units(old), units(new))


def kept(text: str) -> WordDiff:
    """``text`` unchanged."""
    return WordDiff((Segment(Change.KEPT, text),) if text else ())


def replaced(old: str, new: str) -> WordDiff:
    """``old`` deleted as a whole and ``new`` inserted."""
    return _grouped([(Change.DELETED, old), (Change.INSERTED, new)])


def diff_units(old: Sequence[str], new: Sequence[str]) -> WordDiff:
    """The difference of two sequences of units (each a piece of text)."""
    pieces: list[tuple[Change, str]] = []
    for tag, old_start, old_end, new_start, new_end in opcodes(old, new, may_anchor=_not_space):
        if tag == "equal":
            pieces.append((Change.KEPT, "".join(old[old_start:old_end])))
            continue
        pieces.append((Change.DELETED, "".join(old[old_start:old_end])))
        pieces.append((Change.INSERTED, "".join(new[new_start:new_end])))
    return _grouped(_spaces_joined(pieces))


# ---------------------------------------------------------------------- grouping


def _spaces_joined(pieces: list[tuple[Change, str]]) -> list[tuple[Change, str]]:
    """Kept white space between two changes becomes part of both sides of the change."""
    result: list[tuple[Change, str]] = []
    for index, (change, text) in enumerate(pieces):
        between_changes = (
            change is Change.KEPT
            and text.isspace()
            and _is_change_at(pieces, index - 1, -1)
            and _is_change_at(pieces, index + 1, 1)
        )
        if between_changes:
            result += [(Change.DELETED, text), (Change.INSERTED, text)]
        else:
            result.append((change, text))
    return result


def _is_change_at(pieces: list[tuple[Change, str]], index: int, step: int) -> bool:
    """True if the nearest non-empty piece from ``index`` on (walking by ``step``) changes."""
    while 0 <= index < len(pieces):
        change, text = pieces[index]
        if text:
            return change is not Change.KEPT
        index += step
    return False


def _grouped(pieces: list[tuple[Change, str]]) -> WordDiff:
    """Empty pieces dropped, kept ones merged, each run of changes as one deletion followed
    by one insertion."""
    segments: list[Segment] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush_change() -> None:
        if deleted and "".join(deleted):
            segments.append(Segment(Change.DELETED, "".join(deleted)))
        if inserted and "".join(inserted):
            segments.append(Segment(Change.INSERTED, "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for change, text in pieces:
        if not text:
            continue
        if change is Change.DELETED:
            deleted.append(text)
        elif change is Change.INSERTED:
            inserted.append(text)
        else:
            flush_change()
            if segments and segments[-1].change is Change.KEPT:
                segments[-1] = Segment(Change.KEPT, segments[-1].text + text)
            else:
                segments.append(Segment(Change.KEPT, text))
    flush_change()
    return WordDiff(tuple(segments))


def _not_space(unit: Hashable) -> bool:
    return not (isinstance(unit, str) and unit.isspace())
