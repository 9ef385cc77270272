"""The unknown words of a draft, field by field, named by their field paths.

Only fields of free text are checked: the title, the resolution points' texts, each office's
name, heading and text, the Fazit, the amended resolution points and the attachments. Names of
people (the signature), the city, the Dezernat (chosen from the catalogue), numbers and dates
are not. The paths are those of the findings and the editor (``contributions[0].text``; see
``docs/ARCHITECTURE.md``, "Field paths").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from stellungnahme_app.model import Draft
from stellungnahme_app.spelling.words import Word, words


@dataclass(frozen=True)
class UnknownWord:
    """A word the spell-checker flags, at ``path``; ``word.start``/``word.end`` in its text."""

    path: str
    word: Word


def checked_texts(draft: Draft) -> Iterator[tuple[str, str]]:
    """``(field path, text)`` of every field the spell-check reads, in the form's order."""
    yield "document_title", draft.document_title
    for index, point in enumerate(draft.resolution_points):
        yield f"resolution_points[{index}].text", point.text
    for index, contribution in enumerate(draft.contributions):
        yield f"contributions[{index}].office", contribution.office
        yield f"contributions[{index}].heading", contribution.heading
        yield f"contributions[{index}].text", contribution.text
    yield "conclusion", draft.conclusion
    yield "amended_resolution_points", draft.amended_resolution_points
    for index, attachment in enumerate(draft.attachments):
        yield f"attachments[{index}]", attachment


def is_checked_path(path: str, draft: Draft) -> bool:
    """Whether the spell-check reads the field at ``path``."""
    return any(checked == path for checked, _ in checked_texts(draft))


def unknown_words(draft: Draft, misspelt: Callable[[Word], bool]) -> list[UnknownWord]:
    """Every flagged word of ``draft`` in the form's order (``misspelt`` decides)."""
    return [
        UnknownWord(path, word)
        for path, text in checked_texts(draft)
        for word in words(text)
        if misspelt(word)
    ]
