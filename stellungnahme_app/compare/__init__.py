"""Comparing versions of a Stellungnahme, Qt-free.

* :func:`word_diff` – two texts in whole units (German words, numbers, punctuation):
  "dritten" → "vierten", "06" → "09"; applied to the old text it gives the new one;
* :func:`compare_drafts` – two drafts field by field in the form's order, by field path,
  unchanged paragraphs collapsed (:class:`DraftComparison`);
* :func:`markup` (``[-alt-]{+neu+}``) and :func:`spoken` („gelöscht: …, eingefügt: …“) –
  a change as text for the terminal and for screen readers;
* :func:`tracked_changes_docx` – the Word document of the new version with its changes
  against the old one as Word's revision marks (:mod:`.tracked_document`).
"""

from typing import TYPE_CHECKING, Any

from stellungnahme_app.compare.drafts import (
    DraftComparison,
    Entry,
    FieldChange,
    FieldKind,
    ParagraphChange,
    UnchangedParagraphs,
    compare_drafts,
    compare_texts,
)
from stellungnahme_app.compare.presentation import markup, place, spoken, spoken_paragraph
from stellungnahme_app.compare.word_diff import Change, Segment, WordDiff, word_diff

if TYPE_CHECKING:
    from stellungnahme_app.compare.tracked_document import tracked_changes_docx


def __getattr__(name: str) -> Any:
    """Load the Word part (and lxml) only when it is first used: the window starts faster."""
    if name != "tracked_changes_docx":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from stellungnahme_app.compare.tracked_document import tracked_changes_docx

    return tracked_changes_docx


__all__ = [
    "Change",
    "DraftComparison",
    "Entry",
    "FieldChange",
    "FieldKind",
    "ParagraphChange",
    "Segment",
    "UnchangedParagraphs",
    "WordDiff",
    "compare_drafts",
    "compare_texts",
    "markup",
    "place",
    "spoken",
    "spoken_paragraph",
    "tracked_changes_docx",
    "word_diff",
]
