"""The words of a text as a spell-checker sees them, with their places in the text.

:func:`words` finds every word a German writer would expect to be checked and leaves out
what is no word: e-mail and web addresses, anything with a digit (numbers, dates, Drucksache
numbers such as ``0661/24``, ``§ 5``-style references, ``3-fach``). A word keeps what belongs
to it in German: inner hyphens (``E-Mail-Adresse``), the hyphen of a shortened compound
(``Sozial-`` in „Sozial- und Jugendamt“, ``-akteure`` in „Fachakteurinnen und -akteure“),
apostrophes (``geht’s``), inner periods (``z.B.``), the gender star, colon or underscore
(``Bürger*innen``); a period right after it is noted (``bzw.``, ``Nr.``), since whether it
belongs to the word (an abbreviation) or ends the sentence only the dictionary can tell.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

#: Web addresses with a scheme or ``www.``, and bare domains of the usual endings.
_WEB_ADDRESS = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"„“”«»]+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:de|com|org|net|eu|info|gov|int|edu|at|ch)\b(?:/[^\s<>\"„“”«»]*)?",
    re.IGNORECASE,
)
_EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: Runs of characters that can belong to one word; everything else separates words.
_CHUNK = re.compile(r"[\w\u0300-\u036f'’\-.*:]+")  # with combining accents (text from a Mac)
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Word:
    """One word of a text: ``text[start:end]`` is ``word``; ``period`` if a period follows."""

    start: int
    end: int
    word: str
    period: bool = False

    @property
    def key(self) -> str:
        """What the spell-checker decides on: the word, with its period if one follows."""
        return f"{self.word}." if self.period else self.word


def words(text: str) -> Iterator[Word]:
    """The words of ``text`` in order (see the module docstring for what counts)."""
    skipped = _address_spans(text)
    for match in _CHUNK.finditer(text):
        start, end = match.span()
        if any(s < end and start < e for s, e in skipped):
            continue
        word = _word_of_chunk(text, start, end)
        if word is not None:
            yield word


def _address_spans(text: str) -> list[tuple[int, int]]:
    if "@" not in text and "." not in text and "://" not in text:
        return []
    spans = [m.span() for m in _EMAIL_ADDRESS.finditer(text)]
    for match in _WEB_ADDRESS.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in ".,;:!?)]»“”'\"":
            end -= 1
        spans.append((start, end))
    return spans


def _word_of_chunk(text: str, start: int, end: int) -> Word | None:
    chunk = text[start:end]
    if _DIGIT.search(chunk):
        return None
    lead = 0 if chunk[0].isalpha() else _first_letter(chunk)
    if lead < 0:
        return None
    last = len(chunk) - 1
    while not (chunk[last].isalpha() or unicodedata.category(chunk[last]).startswith("M")):
        last -= 1  # a combining mark (decomposed „é“) belongs to its letter
    tail = chunk[last + 1 :]
    # A hyphen right before the first letter marks the tail of a shortened compound.
    if lead and chunk[lead - 1] == "-" and (lead == 1 or not chunk[lead - 2].isalpha()):
        lead -= 1
    word_end = last + 1
    period = False
    if tail.startswith("-"):
        word_end += 1  # the head of a shortened compound: „Sozial- und Jugendamt“
    elif tail.startswith(".") and not tail.startswith(".."):
        period = True
    return Word(start + lead, start + word_end, chunk[lead:word_end], period)


def _first_letter(chunk: str) -> int:
    found = _LETTER.search(chunk)
    return found.start() if found is not None else -1
