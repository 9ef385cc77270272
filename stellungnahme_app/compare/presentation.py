"""A comparison as text: for the terminal in the style of ``git diff --word-diff``, and for
screen readers in words.

``[-dritten-]{+vierten+}`` marks what was deleted and inserted (:func:`markup`); a screen
reader hears „… im gelöscht: „dritten“, eingefügt: „vierten“ Quartal …“ (:func:`spoken`),
since strike-through and underline alone say nothing to it.
"""

from __future__ import annotations

import re

from stellungnahme_app.compare.drafts import FieldChange, FieldKind, ParagraphChange
from stellungnahme_app.compare.word_diff import Change, WordDiff

_SPACE_BEFORE_PUNCTUATION = re.compile(r" ([.,;:!?)])")


def markup(diff: WordDiff) -> str:
    """``Der Rat [-tagt-]{+berät+} heute``: deletions in ``[-…-]``, insertions in ``{+…+}``."""
    parts = []
    for segment in diff.segments:
        if segment.change is Change.DELETED:
            parts.append(f"[-{segment.text}-]")
        elif segment.change is Change.INSERTED:
            parts.append(f"{{+{segment.text}+}}")
        else:
            parts.append(segment.text)
    return "".join(parts)


def spoken(diff: WordDiff) -> str:
    """The paragraph as a screen reader should say it: each change named in words."""
    parts: list[str] = []
    pending: list[str] = []
    for segment in diff.segments:
        if segment.change is Change.KEPT:
            if pending:
                parts.append(f" {', '.join(pending)} ")
                pending = []
            parts.append(segment.text)
        else:
            what = "gelöscht" if segment.change is Change.DELETED else "eingefügt"
            pending.append(f"{what}: „{' '.join(segment.text.split())}“")
    if pending:
        parts.append(f" {', '.join(pending)}")
    said = " ".join("".join(parts).split())
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", said)


def place(field: FieldChange, paragraph: ParagraphChange) -> str:
    """``Absatz 2`` (``Absatz 2 (entfernt)``, ``Absatz 3 (neu)``) within a field of several
    paragraphs; empty for a field of one paragraph and for one added or removed whole."""
    if paragraph.new_number is None and paragraph.old_number is None:
        return ""
    if field.kind is not FieldKind.CHANGED:
        return ""
    if len(field.old_paragraphs) <= 1 and len(field.new_paragraphs) <= 1:
        return ""
    if paragraph.new_number is None:
        return f"Absatz {paragraph.old_number} (entfernt)"
    if paragraph.old_number is None:
        return f"Absatz {paragraph.new_number} (neu)"
    return f"Absatz {paragraph.new_number}"


def spoken_paragraph(field: FieldChange, paragraph: ParagraphChange) -> str:
    """``Fazit, Absatz 2: … gelöscht: „x“, eingefügt: „y“ …`` for a screen reader."""
    where = ", ".join(p for p in (field.label, place(field, paragraph)) if p)
    return f"{where}: {spoken(paragraph.diff)}"
