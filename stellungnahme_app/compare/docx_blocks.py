"""Revision marks across the blocks of a Word document: paragraphs, tables, rows, cells.

Old and new document come from the same template, so their structure is the same except
where a list grew or shrank (a resolution point more, a contribution less, an attachment,
a paragraph) or a text changed. :func:`merge_container` aligns the paragraphs and tables of
one container (the body, a table cell, a header) of both documents (:func:`.align`): what
is in both stays (a changed paragraph gets its words marked), what is only in the new one
is marked inserted, and a copy of what is only in the old one is put in its place, marked
deleted. Tables pair row by row the same way; a row added or removed is marked as such
(``w:trPr/w:ins``), so that Word adds or removes the whole row.

Paragraph marks follow Word's rules: rejecting an inserted paragraph mark (accepting a
deleted one) joins the paragraph with the next. So the last paragraph before a table or at
the end of a container always keeps its mark, and the mark of the paragraph before it
carries the change instead – accepting all gives the new document's paragraphs, rejecting
all the old one's, exactly.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from lxml import etree

from stellungnahme_app.compare.alignment import align, text_likeness
from stellungnahme_app.compare.docx_runs import (
    Mark,
    Marks,
    W,
    changed_paragraph,
    detached,
    mark_content,
    mark_end,
    marked_whole,
    paragraph_text,
    replaced_paragraph,
    style_of,
)
from stellungnahme_app.compare.words import words_of

P, TBL, TR, TC = W + "p", W + "tbl", W + "tr", W + "tc"
_BLOCKS = (P, TBL)
#: Where a row's revision mark goes: after these in ``w:trPr`` (ECMA-376 CT_TrPr).
_ROW_MARK_BEFORE = (W + "trPrChange",)


@dataclass
class _Placed:
    """A block of the merged container and how it came there."""

    element: etree._Element
    status: str  # "both", "ins", "del"
    old: etree._Element | None = None
    new: etree._Element | None = None


# ---------------------------------------------------------------------- keys


def _block_text(element: etree._Element) -> str:
    if element.tag == P:
        return paragraph_text(element)
    return "\n".join(paragraph_text(p) for p in element.iter(P))


def _identity(element: etree._Element) -> Hashable:
    if element.tag == TBL:
        return ("tbl", style_of(element), _column_count(element), _block_text(element))
    return (element.tag, style_of(element), _block_text(element))


def _column_count(table: etree._Element) -> int:
    grid = table.find(W + "tblGrid")
    return 0 if grid is None else len(grid.findall(W + "gridCol"))


def _likeness(old: etree._Element, new: etree._Element) -> float:
    if old.tag != new.tag:
        return 0.0
    alike = text_likeness(_block_text(old), _block_text(new))
    same_style = style_of(old) == style_of(new)
    if old.tag == TBL:
        if _column_count(old) != _column_count(new) or not same_style:
            return 0.2 * alike
        return 0.4 + 0.6 * alike
    return alike if same_style else 0.8 * alike


def _row_cells(row: etree._Element) -> list[etree._Element]:
    return row.findall(TC)


def _row_identity(row: etree._Element) -> Hashable:
    return tuple(_block_text(cell) for cell in _row_cells(row))


def _row_likeness(old: etree._Element, new: etree._Element) -> float:
    """Rows of the same build (cells, their styles) are alike; beyond that their text, each
    cell weighed by its words: a point's text counts, not its number."""
    old_cells, new_cells = _row_cells(old), _row_cells(new)
    if len(old_cells) != len(new_cells) or not old_cells:
        return 0.0
    same_build = sum(
        _cell_style(a) == _cell_style(b) for a, b in zip(old_cells, new_cells, strict=True)
    ) / len(old_cells)
    weighed = total = 0.0
    for a, b in zip(old_cells, new_cells, strict=True):
        old_text, new_text = _block_text(a), _block_text(b)
        weight = max(len(words_of(old_text)), len(words_of(new_text)))
        weighed += weight * text_likeness(old_text, new_text)
        total += weight
    return 0.3 * same_build + 0.7 * (weighed / total if total else 1.0)


def _cell_style(cell: etree._Element) -> str:
    first = cell.find(P)
    return "" if first is None else style_of(first)


# ---------------------------------------------------------------------- containers


def merge_container(old: etree._Element, new: etree._Element, marks: Marks) -> None:
    """Put the changes from ``old`` to ``new`` into ``new`` (body, cell, header, footer)."""
    old_blocks = [child for child in old if child.tag in _BLOCKS]
    new_children = list(new)
    new_blocks = [child for child in new_children if child.tag in _BLOCKS]
    placed: list[_Placed] = []
    pairs = align(old_blocks, new_blocks, identity=_identity, likeness=_likeness)
    for old_index, new_index in pairs:
        before = old_blocks[old_index] if old_index is not None else None
        after = new_blocks[new_index] if new_index is not None else None
        placed.append(_placed(before, after, marks))
    _settle_paragraph_marks(placed, marks)
    # The new container's other children keep their places: those before the first block
    # (cell properties) stay first, the others (bookmarks, section properties) stay before
    # the block they stood before, or last.
    first_block = new_blocks[0] if new_blocks else None
    leading: dict[int, list[etree._Element]] = {}
    waiting: list[etree._Element] = []
    for child in new_children:
        if child.tag in _BLOCKS:
            leading[id(child)] = waiting
            waiting = []
        else:
            waiting.append(child)
    for child in new_children:
        new.remove(child)
    if first_block is not None:
        new.extend(leading.pop(id(first_block)))
    for item in placed:
        if item.new is not None:
            new.extend(leading.pop(id(item.new), []))
        new.append(item.element)
    new.extend(waiting)


def _placed(old: etree._Element | None, new: etree._Element | None, marks: Marks) -> _Placed:
    if old is None:
        assert new is not None
        if new.tag == TBL:
            _mark_table(new, "ins", marks)
            return _Placed(new, "ins", new=new)
        return _Placed(marked_whole(new, "ins", marks), "ins", new=new)
    if new is None:
        if old.tag == TBL:
            copied = detached(old)
            _mark_table(copied, "del", marks)
            return _Placed(copied, "del", old=old)
        return _Placed(marked_whole(old, "del", marks), "del", old=old)
    if new.tag == TBL:
        _merge_table(old, new, marks)
        return _Placed(new, "both", old, new)
    if paragraph_text(old) == paragraph_text(new):
        return _Placed(new, "both", old, new)
    return _Placed(changed_paragraph(old, new, marks), "both", old, new)


def _settle_paragraph_marks(placed: list[_Placed], marks: Marks) -> None:
    """Mark the paragraph marks so that accepting and rejecting give exact paragraphs
    (see the module docstring); a table ends a stretch of paragraphs."""
    stretches: list[list[int]] = [[]]
    for index, item in enumerate(placed):
        if item.element.tag == P:
            stretches[-1].append(index)
        elif stretches[-1]:
            stretches.append([])
    # From the end: settling a stretch may join two of its items into one.
    for stretch in reversed(stretches):
        if stretch:
            _settle_stretch(placed, stretch, marks)


def _settle_stretch(placed: list[_Placed], stretch: list[int], marks: Marks) -> None:
    for index in stretch:
        status = placed[index].status
        if status != "both":
            mark_end(placed[index].element, "ins" if status == "ins" else "del", marks)
    tail: list[int] = []
    for index in reversed(stretch):
        if placed[index].status == "both":
            break
        tail.insert(0, index)
    if not tail:
        return
    deleted = [i for i in tail if placed[i].status == "del"]
    inserted = [i for i in tail if placed[i].status == "ins"]
    if deleted and inserted:
        # The last removed and the last added paragraph become one changed paragraph at
        # the end, with an unmarked paragraph mark; the others keep their marks.
        last_old = placed[deleted[-1]].old
        last_new = placed[inserted[-1]].new
        assert last_old is not None and last_new is not None
        combined = _Placed(
            replaced_paragraph(last_old, last_new, marks), "both", last_old, last_new
        )
        others = [placed[i] for i in deleted[:-1]] + [placed[i] for i in inserted[:-1]]
        placed[tail[0] : tail[-1] + 1] = [*others, combined]
        return
    mark: Mark = "ins" if inserted else "del"
    last = placed[tail[-1]].element
    mark_end(last, None, marks)
    before = tail[0] - 1
    if before >= stretch[0]:
        # The change moves to the paragraph before: its mark is added or removed instead.
        mark_end(placed[before].element, mark, marks)


# ---------------------------------------------------------------------- tables


def _merge_table(old: etree._Element, new: etree._Element, marks: Marks) -> None:
    old_rows = old.findall(TR)
    new_rows = new.findall(TR)
    pairs = align(old_rows, new_rows, identity=_row_identity, likeness=_row_likeness)
    merged: list[etree._Element] = []
    for old_index, new_index in pairs:
        if new_index is None:
            assert old_index is not None
            copied = detached(old_rows[old_index])
            _mark_row(copied, "del", marks)
            merged.append(copied)
            continue
        row = new_rows[new_index]
        if old_index is None:
            _mark_row(row, "ins", marks)
        elif _row_identity(old_rows[old_index]) != _row_identity(row):
            old_cells = _row_cells(old_rows[old_index])
            for old_cell, new_cell in zip(old_cells, _row_cells(row), strict=True):
                merge_container(old_cell, new_cell, marks)
        merged.append(row)
    first_row = new_rows[0] if new_rows else None
    position = new.index(first_row) if first_row is not None else len(new)
    for row in new_rows:
        new.remove(row)
    for offset, row in enumerate(merged):
        new.insert(position + offset, row)


def _mark_table(table: etree._Element, mark: Mark, marks: Marks) -> None:
    for row in table.findall(TR):
        _mark_row(row, mark, marks)


def _mark_row(row: etree._Element, mark: Mark, marks: Marks) -> None:
    """A whole row added or removed: the row, its paragraphs and their runs marked."""
    properties = row.find(W + "trPr")
    if properties is None:
        properties = etree.Element(W + "trPr")
        exceptions = row.find(W + "tblPrEx")
        row.insert(0 if exceptions is None else row.index(exceptions) + 1, properties)
    change = properties.find(_ROW_MARK_BEFORE[0])
    if change is not None:
        change.addprevious(marks.element(mark))
    else:
        properties.append(marks.element(mark))
    for cell in _row_cells(row):
        _mark_cell(cell, mark, marks)


def _mark_cell(cell: etree._Element, mark: Mark, marks: Marks) -> None:
    blocks = [child for child in cell if child.tag in _BLOCKS]
    for index, block in enumerate(blocks):
        if block.tag == TBL:
            _mark_table(block, mark, marks)
            continue
        mark_content(block, mark, marks)
        last_in_cell = index == len(blocks) - 1
        next_is_table = not last_in_cell and blocks[index + 1].tag == TBL
        mark_end(block, None if last_in_cell or next_is_table else mark, marks)
