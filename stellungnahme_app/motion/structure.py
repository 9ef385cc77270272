"""Finding number, title and resolution points in the lines of a motion.

* **Number**: a token matching the configured form of the Drucksache number (``0661/24``),
  preferably labelled ("Drucksache", "DS", "Vorlage-Nr.", "Antrag", "Nr.") or standing
  alone on a line, before the resolution points; else in the page header or footer. Numbers
  after the points (the Begründung quotes other papers) are never taken.
* **Title**: the text after "Titel:" or "Betreff:" (with its continuation lines), else the
  motion's heading (the largest type on the first page, a Word heading style, a bold line).
* **Resolution points**: the section that opens with "Beschlussvorschlag", "Der Stadtrat
  beschließt:", "… möge beschließen:" and ends before "Begründung", "Sachverhalt",
  "Anlagen" or the signature ("gez.", "Erfurt, 14.05.2025"); split at its numbers
  (:func:`motion_text.point_starts`: ``01``, ``1.``, ``1)``, also on a line of their own),
  the number kept as written, the lines joined by :func:`.lines.join_lines`.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace

from stellungnahme_app.motion.errors import NoResolutionPoints
from stellungnahme_app.motion.lines import SourceLine, join_lines
from stellungnahme_app.motion.motion_reading import Origin, PageBox, ReadPoint
from stellungnahme_app.motion_text import point_starts
from stellungnahme_app.rules import number_matches

_START_WORD = re.compile(
    r"(?:Beschlussvorschlag|Beschlussvorlage|Beschlusstext|Beschlussempfehlung|Beschluss"
    r"|Antragstext)\s*(?:[:.]\s*(?P<rest>.*))?",
    re.IGNORECASE,
)
_START_SENTENCE = re.compile(
    r"(?P<head>.{0,120}\b(?:beschließt|beschließen|wolle beschließen)\b[^:]{0,40}):\s*(?P<rest>.*)",
    re.IGNORECASE,
)
_END_HEADING = re.compile(
    r"(?:Begründung|Sachverhalt|Sachdarstellung|Problembeschreibung|Erläuterungen?"
    r"|Anlagen?|Anlagenverzeichnis|Finanzielle Auswirkungen)"
    r"(?:\s+(?:zum Antrag|des Antrags|des Antrages|zur Vorlage|der Vorlage"
    r"|zu den Beschlusspunkten))?\s*(?::.*)?",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(
    r"(?:gez\.|i\.\s?A\.|Mit freundlichen Grüßen|\(?Unterschrift"
    r"|[A-ZÄÖÜ][\w.\- ]{1,40},\s*(?:den\s+)?\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}$)"
)
_TITLE_LABEL = re.compile(
    r"(?:Titel|Betreff|Thema|Gegenstand|Bezeichnung)\s*:\s*(?P<rest>.*)", re.IGNORECASE
)
_NUMBER_LABEL = re.compile(
    r"(?:Drucksachen?|DS|Vorlagen?|Antrag|Antrags|Beschlussvorlage)"
    r"(?:-?\s*(?:Nr\.?|Nummer)|nummer)?\s*:?|Nr\.\s*:?",
    re.IGNORECASE,
)
#: "Einreicher:", "Vorlage-Nr.:": a line of its own kind, never the continuation of a title.
_ANY_LABEL = re.compile(r"[A-ZÄÖÜ][\w.\- ]{1,30}:(?:\s|$)")
_TOKEN = re.compile(r"[^\s,;()\[\]„“”\"'«»]+")
#: Lines that say what kind of paper it is, not what it is about (never the title).
_NOT_A_TITLE = re.compile(
    r"(?:Antrag|Änderungsantrag|Anfrage|Drucksache|Vorlage|Beschlussvorlage|Information"
    r"|öffentlich|nichtöffentlich|nicht öffentlich|Einreicher|Stadtrat)\b",
    re.IGNORECASE,
)

LOOKED_FOR = (
    "Gesucht wurde ein Abschnitt, der mit „Beschlussvorschlag“, „Der Stadtrat beschließt:“ "
    "oder „… möge beschließen:“ beginnt und vor „Begründung“, „Sachverhalt“ oder der "
    "Unterschrift endet."
)


@dataclass(frozen=True)
class Section:
    """Where the resolution points stand among the lines: ``lines[start:end]``."""

    opening: str
    #: Index of the opening line ("Der Stadtrat beschließt:"); the points follow from ``start``.
    opening_line: int
    start: int
    end: int
    #: Text of the opening line after its colon ("Der Stadtrat beschließt: Die Satzung …").
    rest: SourceLine | None = None


@dataclass(frozen=True)
class FoundText:
    text: str
    lines: tuple[SourceLine, ...]


def origin_of(lines: Sequence[SourceLine]) -> Origin:
    """The excerpt, pages and page regions of ``lines``."""
    boxes: dict[int, PageBox] = {}
    for line in lines:
        if line.page is None or line.box is None:
            continue
        known = boxes.get(line.page)
        box = line.box if known is None else known.box.union(line.box)
        boxes[line.page] = PageBox(line.page, box)
    pages = tuple(sorted({line.page for line in lines if line.page is not None}))
    excerpt = "\n".join(
        " ".join(line.text.replace("\ufffe", "-").replace("\u00ad", "").split()) for line in lines
    )
    return Origin(excerpt=excerpt, pages=pages, boxes=tuple(boxes[page] for page in sorted(boxes)))


# ------------------------------------------------------------------------------ section


def find_section(lines: Sequence[SourceLine]) -> Section | None:
    """The resolution points' section, or ``None`` when no opening line is found."""
    for index, line in enumerate(lines):
        text = line.plain
        opening = _START_WORD.fullmatch(text) or _START_SENTENCE.fullmatch(text)
        if opening is None:
            continue
        rest_text = opening["rest"] or ""
        opening_text = text[: len(text) - len(rest_text)].strip()
        start = index + 1
        while start < len(lines) and not rest_text and _is_opening(lines[start].plain):
            opening_text += " " + lines[start].plain  # "Beschlussvorschlag" + "Der … beschließt:"
            start += 1
        end = start
        while end < len(lines) and not _ends_section(lines[end].plain):
            end += 1
        rest = replace(line, text=rest_text, starts_paragraph=False) if rest_text else None
        return Section(opening_text, opening_line=index, start=start, end=end, rest=rest)
    return None


def _is_opening(text: str) -> bool:
    match = _START_SENTENCE.fullmatch(text)
    return match is not None and not match["rest"]


def _ends_section(text: str) -> bool:
    return bool(_END_HEADING.fullmatch(text) or _SIGNATURE.match(text))


def find_points(
    lines: Sequence[SourceLine], section: Section, source_name: str
) -> tuple[str, list[ReadPoint], list[str]]:
    """Preamble, points and notes of the section; :class:`NoResolutionPoints` if empty."""
    body = list(lines[section.start : section.end])
    if section.rest is not None:
        body.insert(0, section.rest)
    starts = point_starts([line.text for line in body])
    if not starts:
        text = join_lines(body)
        if not text:
            raise NoResolutionPoints(
                f"In „{source_name}“ folgt auf „{section.opening}“ kein Beschlusspunkt. "
                + LOOKED_FOR
            )
        note = (
            "Die Beschlusspunkte sind nicht nummeriert; der ganze Beschlusstext wurde als ein "
            "Punkt gelesen. Bitte prüfen Sie ihn und tragen Sie die Nummer ein."
        )
        return "", [ReadPoint("", text, origin_of(body))], [note]
    preamble = join_lines(body[: starts[0].line_index])
    points = []
    for position, start in enumerate(starts):
        end = starts[position + 1].line_index if position + 1 < len(starts) else len(body)
        first = replace(body[start.line_index], text=start.rest, starts_paragraph=False)
        point_lines = [first, *body[start.line_index + 1 : end]]
        origin = origin_of(body[start.line_index : end])
        points.append(ReadPoint(start.number, join_lines(point_lines), origin))
    return preamble, points, []


# ------------------------------------------------------------------------------ number


def _candidates(text: str) -> list[tuple[int, str]]:
    """(position, text) of each token, and of each run of up to three tokens joined by a
    space: the configured form may hold one ("DS 0661/24")."""
    tokens = [(m.start(), m.group().rstrip(".:")) for m in _TOKEN.finditer(text)]
    runs = []
    for index, (position, _token) in enumerate(tokens):
        for length in (1, 2, 3):
            if index + length <= len(tokens):
                joined = " ".join(token for _p, token in tokens[index : index + length])
                runs.append((position, joined))
    return runs


def _numbers_in(line: SourceLine, pattern: str, label_above: bool) -> list[tuple[int, str]]:
    """(rank, number) for each candidate of ``line`` in the configured form; lower is better."""
    text = line.plain
    found = []
    for position, candidate in _candidates(text):
        if not number_matches(candidate, pattern):
            continue
        before = text[:position].strip()
        labelled = bool(before) and _NUMBER_LABEL.search(before.split()[-1]) is not None
        labelled = labelled or (not before and label_above)
        alone = text.strip().rstrip(".:") == candidate
        found.append((0 if labelled else 1 if alone else 2, candidate))
    return found


def find_number(
    lines: Sequence[SourceLine], margins: Sequence[SourceLine], pattern: str
) -> tuple[str, SourceLine | None]:
    """The Drucksache number and the line it stands on (``""``, ``None``: not found)."""
    best: tuple[int, int, str, SourceLine] | None = None
    unique_margins = list({line.plain: line for line in margins}.values())  # once, not per page
    for group, candidates in ((0, lines), (3, unique_margins)):
        if best is not None:
            break  # a number in the text before the points beats every header and footer
        previous = ""
        for order, line in enumerate(candidates):
            label_above = _NUMBER_LABEL.fullmatch(previous.strip()) is not None
            for rank, number in _numbers_in(line, pattern, label_above):
                key = (group + rank, order)
                if best is None or key < best[:2]:
                    best = (*key, number, line)
            previous = line.plain
    if best is None:
        return "", None
    return best[2], best[3]


# ------------------------------------------------------------------------------ title


def _continuation(lines: Sequence[SourceLine], start: int, stop: int) -> list[SourceLine]:
    """Lines after ``start`` that continue its paragraph (a title wrapped in a PDF)."""
    taken = []
    for line in lines[start + 1 : stop]:
        if line.starts_paragraph or line.page is None or _ANY_LABEL.match(line.plain):
            break
        taken.append(line)
    return taken


def find_title(
    lines: Sequence[SourceLine], stop: int, number_line: SourceLine | None
) -> FoundText | None:
    """The title among ``lines[:stop]`` (before the resolution points)."""
    head = list(lines[:stop])
    for index, line in enumerate(head):
        label = _TITLE_LABEL.match(line.plain)
        if label is None:
            continue
        rest = label["rest"].strip()
        if rest:
            first = replace(line, text=rest)
            taken = [first, *_continuation(head, index, stop)]
            return FoundText(join_lines(taken), (line, *taken[1:]))
        if index + 1 < len(head):
            taken = [head[index + 1], *_continuation(head, index + 1, stop)]
            return FoundText(join_lines(taken), (line, *taken))
    return _heading(head, number_line)


def _heading(head: list[SourceLine], number_line: SourceLine | None) -> FoundText | None:
    candidates = [
        (index, line)
        for index, line in enumerate(head)
        if line is not number_line and line.plain and not _NOT_A_TITLE.match(line.plain)
    ]
    if not candidates:
        return None
    for _index, line in candidates:
        if line.heading:
            return FoundText(line.plain, (line,))
    sizes = [line.font_size for line in head if line.font_size]
    body_size = statistics.median(sizes) if sizes else 0.0
    largest = max((line.font_size for _i, line in candidates), default=0.0)
    if body_size and largest >= body_size * 1.15:
        for index, line in candidates:
            if line.font_size == largest:
                taken = [line]
                taken += [
                    follower
                    for follower in _continuation(head, index, len(head))
                    if follower.font_size == largest
                ]
                return FoundText(join_lines(taken), tuple(taken))
    first_page = head[0].page if head else None
    for _index, line in candidates:
        if line.bold and line.page == first_page and not line.plain.endswith(":"):
            return FoundText(line.plain, (line,))
    return None
