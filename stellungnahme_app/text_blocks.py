"""The conventions on the plain text of a field: paragraphs, bullet lists, labelled items, tables.

A draft's text fields stay plain text (the exchange format does not change); the export
reads these conventions and prints real Word structures:

* a line that starts with ``- ``, ``– `` or ``• `` is a **bullet item**; consecutive items
  form one :class:`BulletList` (the marker itself does not print);
* a line that starts with a label ``1.``, ``2)`` or ``a)`` and a space is a
  :class:`LabelledItem`: the label prints as typed (never renumbered) with a hanging indent;
* after an item, a line that starts with a space continues that item (a line break in it);
* a block between blank lines of two or more lines that all hold the same number (≥ 1) of
  tabs is a :class:`Table` (what Excel, LibreOffice Calc or a Word table put on the
  clipboard); its first row is the header. A block whose every line is an item stays a list
  even with tabs (Word puts "•<tab>Text" and "1.<tab>Text" on the clipboard);
* everything else is a :class:`Paragraph` exactly as before: a blank line separates
  paragraphs, a single newline is a line break, a tab stays a tab.

:func:`toggle_bullets` is the editor's "Aufzählung" action on the same conventions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from stellungnahme_app.text import clean

#: The marker the editor writes; ``–`` and ``•`` are read as well.
BULLET = "- "
BULLET_MARKERS = ("-", "–", "•")

# Blank lines, as text.paragraphs splits at them (kept, so the text can be put together again).
_SEPARATOR_RE = re.compile(r"(\n[ \t\u00a0]*\n(?:[ \t\u00a0]*\n)*)")
_BULLET_RE = re.compile(r"([-–•])[ \t]+(?=\S)")
# What the editor's toggle takes for a marker: also one with nothing typed after it yet.
_MARKER_RE = re.compile(r"([-–•])[ \t]+")
_LABEL_RE = re.compile(r"(\d{1,3}[.)]|[A-Za-z]\))[ \t]+(?=\S)")
_NUMBER_RE = re.compile(
    r"[+\-−–]?\s?(?:€|EUR)?\s?\(?\d[\d.,\u00a0\u202f ']*\)?\s?(?:%|‰|€|EUR|T€|Tsd\.? ?€|Mio\.? ?€)?"
)
_DIGIT_RE = re.compile(r"\d")


@dataclass(frozen=True)
class Paragraph:
    """Ordinary text; ``text`` may hold line breaks (``\\n``) and tabs."""

    text: str


@dataclass(frozen=True)
class BulletList:
    """Consecutive bullet items, each without its marker; an item may hold line breaks."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class LabelledItem:
    """A line with its own label (``1.``, ``2)``, ``a)``) as typed, and the text after it."""

    label: str
    text: str


@dataclass(frozen=True)
class Table:
    """Rows of cells (tab-separated lines); the first row is the header."""

    rows: tuple[tuple[str, ...], ...]

    @property
    def column_count(self) -> int:
        return len(self.rows[0])

    def column(self, index: int) -> list[str]:
        return [row[index] for row in self.rows]


Block = Paragraph | BulletList | LabelledItem | Table


def blocks(text: str) -> list[Block]:
    """The blocks of a text field in order (cleaned first: see :func:`text.clean`)."""
    result: list[Block] = []
    for chunk in _chunks(text):
        result.extend(_chunk_blocks(chunk))
    return result


def _chunks(text: str) -> list[str]:
    """The text between blank lines, as :func:`text.paragraphs` splits it – except that a
    line of nothing but tabs between two blocks of table rows with as many tabs is an empty
    row of that table (Excel copies an empty row so), not the end of the table."""
    parts = _SEPARATOR_RE.split(clean(text))
    merged = [parts[0]]
    for separator, chunk in zip(parts[1::2], parts[2::2], strict=True):
        if _empty_rows_between(merged[-1], separator, chunk):
            merged[-1] += separator + chunk
        else:
            merged.append(chunk)
    return [c.strip("\n") for c in merged if c.strip(" \t\n\u00a0")]


def _empty_rows_between(before: str, separator: str, after: str) -> bool:
    rows = before.strip("\n").split("\n")
    tabs = rows[0].count("\t")
    if tabs < 1 or any(row.count("\t") != tabs for row in rows):
        return False
    following = after.strip("\n").split("\n")
    empty_rows = separator.split("\n")[1:-1]
    return all(row.count("\t") == tabs for row in following + empty_rows)


def is_bullet_line(line: str) -> bool:
    return _BULLET_RE.match(line) is not None


def is_labelled_line(line: str) -> bool:
    return _LABEL_RE.match(line) is not None


def is_item_line(line: str) -> bool:
    return is_bullet_line(line) or is_labelled_line(line)


def looks_like_number(cell: str) -> bool:
    """True for amounts and counts such as ``1.234,50 €``, ``-12``, ``12,5 %``, ``(300)``."""
    cell = cell.strip()
    return _DIGIT_RE.search(cell) is not None and _NUMBER_RE.fullmatch(cell) is not None


def plain_text(block: Block) -> str:
    """The block's text without structure: items and rows as lines, cells separated by tabs.

    What a template that does not let the program lay the block out prints instead.
    """
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, BulletList):
        return "\n".join(f"– {item}" for item in block.items)
    if isinstance(block, LabelledItem):
        return f"{block.label}\t{block.text}"
    return "\n".join("\t".join(row) for row in block.rows)


def printed_lines(block: Block) -> list[str]:
    """The paragraphs a reader of the document meets, in order (table cells row by row)."""
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, BulletList):
        return list(block.items)
    if isinstance(block, LabelledItem):
        return [f"{block.label}\t{block.text}"]
    return [cell for row in block.rows for cell in row if cell]


# --------------------------------------------------------------------------- reading


def _is_table(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    tabs = lines[0].count("\t")
    if tabs < 1 or any(line.count("\t") != tabs for line in lines):
        return False
    return not all(is_item_line(line) for line in lines)


def _chunk_blocks(chunk: str) -> Iterator[Block]:
    lines = chunk.split("\n")
    if _is_table(lines):
        yield Table(tuple(tuple(cell.strip() for cell in line.split("\t")) for line in lines))
        return
    if not any(is_item_line(line) for line in lines):
        yield Paragraph(chunk)  # exactly as before
        return
    plain: list[str] = []
    bullets: list[str] = []
    labelled: tuple[str, str] | None = None

    def flush() -> Iterator[Block]:
        nonlocal labelled
        if plain:
            yield Paragraph("\n".join(plain))
            plain.clear()
        if bullets:
            yield BulletList(tuple(bullets))
            bullets.clear()
        if labelled is not None:
            yield LabelledItem(*labelled)
            labelled = None

    for line in lines:
        bullet = _BULLET_RE.match(line)
        label = _LABEL_RE.match(line)
        if bullet is not None:
            if not bullets:
                yield from flush()
            bullets.append(line[bullet.end() :].rstrip())
        elif label is not None:
            yield from flush()
            labelled = (label.group(1), line[label.end() :].rstrip())
        elif line[:1] == " " and line.strip() and (bullets or labelled is not None):
            continuation = line.strip()
            if bullets:
                bullets[-1] += "\n" + continuation
            else:
                assert labelled is not None
                labelled = (labelled[0], labelled[1] + "\n" + continuation)
        else:
            if bullets or labelled is not None:
                yield from flush()
            plain.append(line)
    yield from flush()


# --------------------------------------------------------------------------- editing


@dataclass(frozen=True)
class Edit:
    """A text after an edit, with the selection to show (``anchor`` and ``position``)."""

    text: str
    anchor: int
    position: int


def toggle_bullets(text: str, start: int, end: int) -> Edit:
    """Add or remove the bullet marker on the lines from ``start`` to ``end``.

    When every non-blank line there already is a bullet item, the markers go; otherwise each
    non-blank line that is not one gets ``- ``. A selection ending at the very start of a
    line leaves that line alone. Without a selection the cursor stays on its text; with one,
    the changed lines end up selected.
    """
    start, end = sorted((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    first = text.rfind("\n", 0, start) + 1
    last_end = end - 1 if end > start and text[end - 1 : end] == "\n" else end
    last = text.find("\n", max(last_end, first))
    last = len(text) if last < 0 else last
    lines = text[first:last].split("\n")
    filled = [line for line in lines if line.strip()]
    remove = bool(filled) and all(_MARKER_RE.match(line) for line in filled)
    changed: list[str] = []
    for line in lines:
        marker = _MARKER_RE.match(line)
        if remove and marker is not None:
            changed.append(line[marker.end() :])
        elif not remove and (line.strip() or not filled) and marker is None:
            changed.append(BULLET + line)
        else:
            changed.append(line)
    new_block = "\n".join(changed)
    new_text = text[:first] + new_block + text[last:]
    if start == end:
        line_shift = len(changed[0]) - len(lines[0])
        position = max(first, start + line_shift)
        return Edit(new_text, position, position)
    return Edit(new_text, first, first + len(new_block))
