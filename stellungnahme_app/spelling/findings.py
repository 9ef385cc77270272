"""Unknown words as findings: Hinweise of step 8, never errors, each a link to the word.

One finding per word and field („Rechtschreibung: „jhrlich“ – Vorschläge: jährlich“) points
at the word's first place in the field; the export never waits for them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from stellungnahme_app.rules import Finding, Severity
from stellungnahme_app.spelling.draft_words import UnknownWord

SPELLING_PREFIX = "Rechtschreibung"


@dataclass(frozen=True)
class SpellingFinding(Finding):
    """A :class:`~stellungnahme_app.rules.Finding` about one unknown word."""

    word: str = ""
    #: Where the word first stands in the field's text.
    start: int = 0
    end: int = 0
    suggestions: tuple[str, ...] = ()


def spelling_message(word: str, suggestions: Sequence[str]) -> str:
    """``Rechtschreibung: „jhrlich“ – Vorschläge: jährlich, ehrlich`` (German, for the list)."""
    offered = f"Vorschläge: {', '.join(suggestions)}" if suggestions else "keine Vorschläge"
    return f"{SPELLING_PREFIX}: „{word}“ – {offered}"


def distinct(unknown: Sequence[UnknownWord]) -> list[UnknownWord]:
    """The first place of each word in each field, in order."""
    seen: set[tuple[str, str]] = set()
    first = []
    for item in unknown:
        key = (item.path, item.word.word)
        if key not in seen:
            seen.add(key)
            first.append(item)
    return first


def spelling_findings(
    unknown: Sequence[UnknownWord], suggest: Callable[[str], Sequence[str]]
) -> list[SpellingFinding]:
    """A Hinweis for each word of ``unknown`` (once per field), with ``suggest``'s proposals."""
    found = []
    for item in distinct(unknown):
        suggestions = tuple(suggest(item.word.word))
        found.append(
            SpellingFinding(
                field=item.path,
                severity=Severity.WARNING,
                message=spelling_message(item.word.word, suggestions),
                word=item.word.word,
                start=item.word.start,
                end=item.word.end,
                suggestions=suggestions,
            )
        )
    return found
