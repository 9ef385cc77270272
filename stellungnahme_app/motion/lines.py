"""The lines of a motion as read from its file, and joining them the way a careful typist would.

Every reader (PDF, Word, pasted text) turns its file into :class:`SourceLine` objects: the
text of one printed line (PDF) or one paragraph line (Word), where it stands, and whether a
new paragraph starts with it. :func:`join_lines` makes the text of a resolution point from
its lines:

* a line-end hyphenation is joined ("Grund-/schulen" → "Grundschulen"), while real hyphens
  stay ("Tempo-30-Zonen", "E-Mail", "Sozial- und Jugendamt", "2026/27");
* other line breaks inside a paragraph become a space;
* a sub-point (``a)``, ``b)``, ``aa)``, ``–``, ``•``) starts a line of its own;
* a new paragraph starts after a blank line (``\\n\\n``), as in the form's text fields.

PDFium marks a hyphen it found at a line end with U+FFFE and drops the line break itself;
:func:`join_lines` treats that mark like a hyphen at the end of a line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: PDFium's mark for a hyphen at a line end (older versions: U+0002).
LINE_END_HYPHEN_MARKS = "\ufffe\x02"
SOFT_HYPHEN = "\u00ad"

#: A sub-point's marker at the start of a line: a) b) aa) (1) i) – • -
SUBPOINT = re.compile(
    r"[ \t\u00a0]*(?:\(?[a-zäöü]{1,2}\)|\(?[ivx]{1,4}\)|\(\d{1,2}\)|[–—•▪◦·*-](?=\s))"
)
#: Words after which a hyphen at a line end is a real one ("Sozial- und Jugendamt").
CONJUNCTIONS = frozenset({"und", "oder", "bzw.", "bzw", "sowie", "bis", "noch", "als", "wie"})

_SPACES = re.compile(r"[ \t]+")
_FLAGGED_HYPHEN = re.compile(r"[\ufffe\x02]\s*")


@dataclass(frozen=True)
class Box:
    """Where text stands on a PDF page, in PDF units (1/72 inch, origin bottom left)."""

    left: float
    bottom: float
    right: float
    top: float

    def union(self, other: Box) -> Box:
        return Box(
            min(self.left, other.left),
            min(self.bottom, other.bottom),
            max(self.right, other.right),
            max(self.top, other.top),
        )


@dataclass(frozen=True)
class SourceLine:
    """One line of the motion as its file holds it."""

    text: str
    #: The PDF page (from 1); ``None`` for Word files and pasted text.
    page: int | None = None
    box: Box | None = None
    #: Font size in points of the line's first character (0: unknown).
    font_size: float = 0.0
    bold: bool = False
    #: A heading by its paragraph style (Word: "Titel", "Überschrift 1").
    heading: bool = False
    #: A new paragraph starts here (Word: every paragraph; PDF: a larger gap above).
    starts_paragraph: bool = False
    #: The first line of the body text of its page (the page before ended above it).
    starts_page: bool = False

    @property
    def plain(self) -> str:
        """The text with hyphen marks resolved and runs of spaces made one (for matching)."""
        return " ".join(join_lines([self]).split())


def collapse_spaces(text: str) -> str:
    """Runs of spaces and tabs → one space; soft hyphens (invisible) dropped; ends stripped."""
    return _SPACES.sub(" ", text.replace(SOFT_HYPHEN, "")).strip(" ")


def _first_word(text: str) -> str:
    return text.split(" ", 1)[0] if text else ""


def join_hyphenated(left: str, right: str) -> str:
    """``left`` ended in a hyphen at a line end (mark removed), ``right`` continues: join them.

    Before a lowercase word the hyphen was a hyphenation and goes ("Grund" + "schulen"),
    unless that word is a conjunction ("Sozial- und"); before a capital, a digit or anything
    else it is part of the text ("E-Mail", "Tempo-30").
    """
    if not right:
        return left + "-"
    first = right[0]
    if first.islower():
        if _first_word(right).rstrip(",;:") in CONJUNCTIONS:
            return f"{left}- {right}"
        return left + right
    return f"{left}-{right}"


def _resolve_marks(text: str) -> str:
    """Hyphen marks PDFium left inside a line ("Grund\\ufffeschulen")."""
    if not any(mark in text for mark in LINE_END_HYPHEN_MARKS):
        return text
    pieces = _FLAGGED_HYPHEN.split(text)
    joined = pieces[0]
    for piece in pieces[1:]:
        joined = join_hyphenated(joined, piece)
    return joined


def join_two(left: str, right: str, *, left_had_space: bool = False) -> str:
    """Join the text of one line to the next one of the same paragraph."""
    if not left:
        return right
    if not right:
        return left
    if left_had_space:
        return f"{left} {right}"
    if left[-1] in LINE_END_HYPHEN_MARKS:
        return join_hyphenated(left[:-1], right)
    if left.endswith("-") and len(left) >= 2:
        before = left[-2]
        if before.isalpha():  # a hyphen PDFium did not mark (at a page break)
            return join_hyphenated(left[:-1], right)
        if before.isdigit() or before in ")/":  # "Tempo-30-" + "Zonen", "3-" + "fach"
            return left + right
    if left.endswith("/"):  # "2026/" + "27", "und/" + "oder"
        return left + right
    return f"{left} {right}"


def join_lines(lines: Iterable[SourceLine | str]) -> str:
    """The text of consecutive lines as one point's text (see the module docstring)."""
    text = ""
    pending_paragraph = False
    previous_had_space = False
    for line in lines:
        raw = line.text if isinstance(line, SourceLine) else line
        starts_paragraph = isinstance(line, SourceLine) and line.starts_paragraph
        piece = collapse_spaces(raw)
        if not piece:
            pending_paragraph = pending_paragraph or bool(text)
            continue
        if not text:
            text = piece
        elif SUBPOINT.match(piece):
            text = f"{text}\n{piece}"
        elif starts_paragraph or pending_paragraph:
            text = f"{text}\n\n{piece}"
        else:
            text = join_two(text, piece, left_had_space=previous_had_space)
        previous_had_space = raw[-1:] in (" ", "\t", "\u00a0")
        pending_paragraph = False
    return "\n".join(_resolve_marks(part) for part in text.split("\n")).strip()


def texts(lines: Sequence[SourceLine]) -> list[str]:
    return [line.text for line in lines]
