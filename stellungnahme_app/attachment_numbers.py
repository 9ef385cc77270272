"""Attachments are numbered by the program: "Anlage 1 – Kostenaufstellung", in the rows' order.

The draft holds each attachment's title as typed. The document prints the non-blank ones as
``Anlage <n> – <title>``, numbered in the order of the editor's rows; a title typed with its
own "Anlage 2 – " (or "Anlage 2:") prefix loses that prefix, so the number is never doubled
and always agrees with the row. The editor's row labels come from :func:`row_labels`, the
rules' references from :func:`count`, so screen, document and findings say the same.
"""

from __future__ import annotations

import re

from stellungnahme_app.text import clean

WORD = "Anlage"
SEPARATOR = " – "
#: The label of a blank row with filled rows after it (it is not printed).
BLANK_ROW_LABEL = "Leere Zeile"

_TYPED_NUMBER_RE = re.compile(r"Anlage\s*(\d{1,3})(?!\d)\s*(?:[–—\-:.,)]\s*)?", re.IGNORECASE)


def _one_line(text: str) -> str:
    return clean(text).strip()


def label(number: int) -> str:
    """``Anlage 3`` for the attachment numbered 3."""
    return f"{WORD} {number}"


def typed_number(title: str) -> int | None:
    """The number of a title typed with its own prefix (``Anlage 2 – Karte`` → 2)."""
    match = _TYPED_NUMBER_RE.match(_one_line(title))
    return int(match.group(1)) if match else None


def title_without_number(title: str) -> str:
    """The title as printed after the program's number: cleaned, without a typed prefix."""
    line = _one_line(title)
    match = _TYPED_NUMBER_RE.match(line)
    return line[match.end() :].strip() if match else line


def printed(titles: list[str]) -> list[str]:
    """The lines of the document's Anlagenverzeichnis (blank rows are left out)."""
    lines = []
    for title in titles:
        if not _one_line(title):
            continue
        rest = title_without_number(title)
        number = label(len(lines) + 1)
        lines.append(number + SEPARATOR + rest if rest else number)
    return lines


def count(titles: list[str]) -> int:
    """How many attachments the document lists."""
    return sum(1 for title in titles if _one_line(title))


def row_labels(titles: list[str]) -> list[str]:
    """The editor's label of each row: the number the document gives it.

    A blank row is not printed; while filled rows follow it, it is a "Leere Zeile" (so no
    two rows share a number); the blank rows at the end carry the next numbers, ready to be
    filled in.
    """
    labels: list[str] = []
    printed_so_far = 0
    last_filled = max((i for i, t in enumerate(titles) if _one_line(t)), default=-1)
    waiting = 0
    for index, title in enumerate(titles):
        if _one_line(title):
            printed_so_far += 1
            labels.append(label(printed_so_far))
        elif index < last_filled:
            labels.append(BLANK_ROW_LABEL)
        else:
            waiting += 1
            labels.append(label(printed_so_far + waiting))
    return labels
