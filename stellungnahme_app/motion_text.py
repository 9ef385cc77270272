"""Splitting a pasted motion text into its numbered resolution points (Beschlusspunkte).

Clerks copy the resolution points out of the council paper (Word, PDF or e-mail) and paste
them at once. The points are numbered at the start of a line: ``01``, ``02`` …, ``1.``,
``2.`` …, ``1)``, ``2)`` …, either followed by the text on the same line or standing on a
line of their own with the text below. A point's text runs until the next number and may span
several lines and paragraphs.

Only numbers that continue the count (1, 2, 3 … in the style of the first point) start a new
point, so a line that happens to begin with a number ("2 Stellen …", "15. Mai 2024 …") stays
part of the text. Text before the first number (such as "Der Stadtrat beschließt:") is
returned separately as the preamble. Nothing here raises on odd input: any text gives a
result, and no visible character is lost except the number markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from stellungnahme_app.model import ResolutionPoint
from stellungnahme_app.text import clean

# A number at the start of a line: up to three digits, an optional "." or ")" (or ".)"),
# then whitespace or the end of the line. "1.1" and "2024-05-15" do not match.
_NUMBERED_LINE = re.compile(r"[ \t\u00a0]*(?P<digits>[0-9]{1,3})(?P<mark>\.\)|\.|\))?(?=\s|$)")
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
# How many possible starts of the count are tried; bounds the work on pathological input.
_MAX_STARTS = 20


@dataclass(frozen=True)
class NumberedLine:
    """A line that starts a resolution point: where it is, its number, the text after it."""

    line_index: int
    value: int
    digits: str
    #: What follows the digits: "", "." or ")" (or ".)").
    mark: str
    rest: str

    @property
    def number(self) -> str:
        """The number as written, mark included: ``01``, ``1.``, ``1)``."""
        return self.digits + self.mark


@dataclass
class MotionSplit:
    """The result of splitting: the text before the first number, and the points."""

    preamble: str = ""
    points: list[ResolutionPoint] = field(default_factory=list)


def split_resolution_points(text: str) -> list[ResolutionPoint]:
    """The numbered points of ``text``; see :func:`split_motion` for the rules.

    The number is kept as written without its mark ("01" stays "01", "1." becomes "1").
    Text without any numbered line gives one point without number, blank text none at all.
    The preamble before the first number is left out; use :func:`split_motion` to show it.
    """
    return split_motion(text).points


def split_motion(text: str) -> MotionSplit:
    """Split ``text`` into the preamble and the numbered resolution points."""
    lines = clean(text).split("\n")
    chain = point_starts(lines)
    if not chain:
        body = _tidy("\n".join(lines))
        return MotionSplit(points=[ResolutionPoint(number="", text=body)] if body else [])
    preamble = _tidy("\n".join(lines[: chain[0].line_index]))
    points = []
    for position, start in enumerate(chain):
        end = chain[position + 1].line_index if position + 1 < len(chain) else len(lines)
        body_lines = [start.rest, *lines[start.line_index + 1 : end]]
        points.append(ResolutionPoint(number=start.digits, text=_tidy("\n".join(body_lines))))
    return MotionSplit(preamble=preamble, points=points)


def point_starts(lines: list[str]) -> list[NumberedLine]:
    """The lines of ``lines`` that start resolution points (the count, see the module)."""
    return _numbering_chain(_candidates(lines))


def _candidates(lines: list[str]) -> list[NumberedLine]:
    found = []
    for index, line in enumerate(lines):
        match = _NUMBERED_LINE.match(line)
        if match is None:
            continue
        found.append(
            NumberedLine(
                line_index=index,
                value=int(match["digits"]),
                digits=match["digits"],
                mark=match["mark"] or "",
                rest=line[match.end() :],
            )
        )
    return found


def _numbering_chain(candidates: list[NumberedLine]) -> list[NumberedLine]:
    """The numbered lines that start points: 1 (or 0), 2, 3 … in one style, in order.

    Every line numbered 0 or 1 may start the count (the first numbered line too, for a pasted
    excerpt starting at point 4); the longest count wins, the earliest on a tie. Where two
    starts share the same continuation, the later one wins, since it stands next to the rest
    of the count: a date like "1. Juli" in the preamble does not swallow the real first point.
    """
    starts = [c for c in candidates if c.value <= 1][:_MAX_STARTS]
    if candidates and candidates[0] not in starts:
        starts.insert(0, candidates[0])
    best: list[NumberedLine] = []
    for start in starts:
        chain = _chain_from(start, candidates)
        longer = len(chain) > len(best)
        closer = len(chain) == len(best) > 1 and chain[1] is best[1]
        if longer or closer:
            best = chain
    return best


def _chain_from(start: NumberedLine, candidates: list[NumberedLine]) -> list[NumberedLine]:
    chain = [start]
    for candidate in candidates:
        if candidate.line_index <= start.line_index:
            continue
        if candidate.value == chain[-1].value + 1 and _same_style(candidate, start):
            chain.append(candidate)
    return chain


def _same_style(candidate: NumberedLine, first: NumberedLine) -> bool:
    """Same mark ("", ".", ")"), and zero-padded like the first ("01" → "02", not "2")."""
    if candidate.mark != first.mark:
        return False
    padded = len(first.digits) > 1 and first.digits.startswith("0")
    if padded:
        return len(candidate.digits) >= len(first.digits)
    return not candidate.digits.startswith("0")


def _tidy(text: str) -> str:
    """Strip the ends, trailing spaces of lines, and runs of blank lines down to one."""
    text = _TRAILING_SPACE.sub("", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip("\n \t\u00a0")


def next_point_number(numbers: list[str]) -> str:
    """The number for a point added after ``numbers``, continuing their style.

    ``["01", "02"]`` gives ``"03"``, ``["1"]`` gives ``"2"``; the first point is ``"01"``
    as in the council's papers. A last number that is not a number gives ``""``.
    """
    for number in reversed(numbers):
        number = number.strip()
        if not number:
            continue
        digits = number.rstrip(".)")
        if not digits.isascii() or not digits.isdigit():
            return ""
        following = str(int(digits) + 1)
        if digits.startswith("0"):
            following = following.zfill(len(digits))
        return following + number[len(digits) :]
    return "01"
