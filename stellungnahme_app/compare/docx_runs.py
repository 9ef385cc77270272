"""Revision marks inside a paragraph of a Word document: what Word calls ``w:ins`` and
``w:del``, each with its author and date.

A paragraph whose text changed is rebuilt from the new paragraph's runs: kept words in the
new formatting, deleted words (:class:`.WordDiff`) in the old formatting inside ``w:del``
(their text as ``w:delText``), inserted words inside ``w:ins``. Only paragraphs of plain runs
(text, tabs, line breaks) are rebuilt word by word; any other paragraph that changed keeps
its old content as deleted and its new content as inserted, whole. A paragraph that was
added or removed has all its runs marked, and so has its paragraph mark
(``w:pPr/w:rPr/w:ins``), so that accepting or rejecting it in Word also adds or removes
the paragraph itself.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import datetime
from typing import Literal

from lxml import etree

from stellungnahme_app.compare.word_diff import Change, word_diff

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

Mark = Literal["ins", "del"]
#: Paragraph children that hold runs (Word nests runs in links, fields, content controls).
_RUN_HOLDERS = {W + "p", W + "hyperlink", W + "smartTag", W + "sdtContent", W + "fldSimple",
                W + "customXml", W + "dir", W + "bdo"}  # fmt: skip
#: What a copied old paragraph cannot take along: it points to parts of the old document.
_DETACHED = {W + "bookmarkStart", W + "bookmarkEnd", W + "commentRangeStart",
             W + "commentRangeEnd", W + "commentReference", W + "footnoteReference",
             W + "endnoteReference", W + "drawing", W + "pict", W + "object"}  # fmt: skip
_IGNORED_IN_TEXT = {W + "rPr", W + "lastRenderedPageBreak", W + "proofErr"}


class Marks:
    """Makes the revision elements of one document: numbered, with author and date."""

    def __init__(self, author: str, date: datetime, first_id: int) -> None:
        self.author = author or "Stellungnahme"
        self.date = date.astimezone().replace(microsecond=0, tzinfo=None)
        self._next_id = first_id
        self.count = 0

    def element(self, mark: Mark) -> etree._Element:
        node = etree.Element(W + mark)
        node.set(W + "id", str(self._next_id))
        node.set(W + "author", self.author)
        node.set(W + "date", _word_date(self.date))
        self._next_id += 1
        self.count += 1
        return node


def _word_date(moment: datetime) -> str:
    """``2026-11-24T14:32:00Z``: the local time, as Word itself writes it – Word and
    LibreOffice show the stamp as it stands, so a UTC time would be an hour or two off."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------------- reading


def paragraph_text(paragraph: etree._Element) -> str:
    """The text Word shows of a paragraph: text, tabs as ``\\t``, line breaks as ``\\n``."""
    parts: list[str] = []
    for node in paragraph.iter(W + "t", W + "tab", W + "br", W + "cr"):
        if node.tag == W + "t":
            parts.append(node.text or "")
        elif node.tag == W + "tab" and _parent_tag(node) == W + "r":
            parts.append("\t")
        elif node.tag in (W + "br", W + "cr") and _parent_tag(node) == W + "r":
            parts.append("\n")
    return "".join(parts)


def _parent_tag(node: etree._Element) -> str:
    parent = node.getparent()
    return "" if parent is None else parent.tag


def style_of(element: etree._Element) -> str:
    """The paragraph or table style's id, empty if none."""
    for tag in (W + "pPr", W + "tblPr"):
        properties = element.find(tag)
        if properties is not None:
            style = properties.find(W + ("pStyle" if tag == W + "pPr" else "tblStyle"))
            if style is not None:
                return style.get(W + "val", "")
    return ""


Piece = tuple[str, etree._Element | None]


def plain_pieces(paragraph: etree._Element) -> list[Piece] | None:
    """The paragraph as (text, run properties) pieces; ``None`` if it holds anything but
    plain runs of text, tabs and line breaks (then it is only ever marked as a whole)."""
    pieces: list[Piece] = []
    for child in paragraph:
        if child.tag in (W + "pPr", W + "proofErr"):
            continue
        if child.tag != W + "r":
            return None
        properties = child.find(W + "rPr")
        for item in child:
            if item.tag in _IGNORED_IN_TEXT:
                continue
            if item.tag == W + "t":
                pieces.append((item.text or "", properties))
            elif item.tag == W + "tab":
                pieces.append(("\t", properties))
            elif item.tag == W + "cr" or (
                item.tag == W + "br" and item.get(W + "type", "textWrapping") == "textWrapping"
            ):
                pieces.append(("\n", properties))
            else:
                return None
    return pieces


# ---------------------------------------------------------------------- marking whole


def mark_content(paragraph: etree._Element, mark: Mark, marks: Marks) -> None:
    """Every run of ``paragraph`` (also inside links and fields) inside ``w:ins``/``w:del``."""
    for holder in [paragraph, *paragraph.iter(*_RUN_HOLDERS)]:
        if holder is not paragraph and holder.tag == W + "p":
            continue
        _wrap_runs(holder, mark, marks)


def _wrap_runs(holder: etree._Element, mark: Mark, marks: Marks) -> None:
    """Wrap each stretch of consecutive runs directly in ``holder``."""
    wrapper: etree._Element | None = None
    for child in list(holder):
        if child.tag != W + "r":
            wrapper = None
            continue
        if mark == "del":
            _as_deleted_text(child)
        if wrapper is None:
            wrapper = marks.element(mark)
            child.addprevious(wrapper)
        wrapper.append(child)


def _as_deleted_text(run: etree._Element) -> None:
    for node in run:
        if node.tag == W + "t":
            node.tag = W + "delText"
        elif node.tag == W + "instrText":
            node.tag = W + "delInstrText"


def mark_end(paragraph: etree._Element, mark: Mark | None, marks: Marks) -> None:
    """Mark the paragraph mark itself as inserted or deleted (``None``: as it is)."""
    properties = paragraph.find(W + "pPr")
    if properties is None:
        if mark is None:
            return
        properties = etree.Element(W + "pPr")
        paragraph.insert(0, properties)
    run_properties = properties.find(W + "rPr")
    if run_properties is not None:
        for old in run_properties.findall(W + "ins") + run_properties.findall(W + "del"):
            run_properties.remove(old)
    if mark is None:
        return
    if run_properties is None:
        run_properties = etree.Element(W + "rPr")
        after = properties.find(W + "sectPr")
        if after is None:
            after = properties.find(W + "pPrChange")
        if after is not None:
            after.addprevious(run_properties)
        else:
            properties.append(run_properties)
    run_properties.insert(0, marks.element(mark))


def end_mark(paragraph: etree._Element) -> Mark | None:
    """How the paragraph mark is marked (for reading back)."""
    run_properties = paragraph.find(f"{W}pPr/{W}rPr")
    if run_properties is None:
        return None
    if run_properties.find(W + "ins") is not None:
        return "ins"
    return "del" if run_properties.find(W + "del") is not None else None


def detached(element: etree._Element) -> etree._Element:
    """A copy of an element of the old document that fits into the new one: nothing that
    points into the old document's parts (bookmarks, comments, pictures, link targets)."""
    result = copy.deepcopy(element)
    for node in list(result.iter(*_DETACHED)):
        parent = node.getparent()
        if parent is not None:
            parent.remove(node)
    for node in result.iter():
        for attribute in list(node.attrib):
            if attribute.startswith("{" + R_NS + "}") or attribute.startswith("{" + W14_NS + "}"):
                del node.attrib[attribute]
    return result


def marked_whole(paragraph: etree._Element, mark: Mark, marks: Marks) -> etree._Element:
    """A copy of an added (or removed) paragraph with all its runs marked."""
    paragraph = detached(paragraph) if mark == "del" else copy.deepcopy(paragraph)
    mark_content(paragraph, mark, marks)
    return paragraph


# ---------------------------------------------------------------------- changed paragraphs


def changed_paragraph(old: etree._Element, new: etree._Element, marks: Marks) -> etree._Element:
    """``new`` with its changes against ``old`` marked: word by word where both hold plain
    runs, else the old content deleted and the new inserted, whole."""
    old_pieces, new_pieces = plain_pieces(old), plain_pieces(new)
    if old_pieces is None or new_pieces is None:
        return replaced_paragraph(old, new, marks)
    result = etree.Element(new.tag, dict(new.attrib))
    properties = new.find(W + "pPr")
    if properties is not None:
        result.append(copy.deepcopy(properties))
    old_text = "".join(text for text, _ in old_pieces)
    new_text = "".join(text for text, _ in new_pieces)
    old_at = new_at = 0
    for segment in word_diff(old_text, new_text).segments:
        size = len(segment.text)
        if segment.change is Change.KEPT:
            result.extend(_runs(new_pieces, new_at, new_at + size, None))
            old_at, new_at = old_at + size, new_at + size
        elif segment.change is Change.DELETED:
            wrapper = marks.element("del")
            wrapper.extend(_runs(old_pieces, old_at, old_at + size, "del"))
            result.append(wrapper)
            old_at += size
        else:
            wrapper = marks.element("ins")
            wrapper.extend(_runs(new_pieces, new_at, new_at + size, None))
            result.append(wrapper)
            new_at += size
    return result


def replaced_paragraph(old: etree._Element, new: etree._Element, marks: Marks) -> etree._Element:
    """``new`` with all its content inserted, preceded by all of ``old``'s deleted."""
    result = copy.deepcopy(new)
    mark_content(result, "ins", marks)
    carrier = detached(old)
    mark_content(carrier, "del", marks)
    taken = [child for child in carrier if child.tag != W + "pPr"]
    properties = result.find(W + "pPr")
    position = 0 if properties is None else result.index(properties) + 1
    for offset, child in enumerate(taken):
        result.insert(position + offset, child)
    return result


def _runs(pieces: list[Piece], start: int, end: int, mark: Mark | None) -> Iterator[etree._Element]:
    """Runs holding the characters ``start``–``end`` of ``pieces``, each piece's formatting
    kept (``mark="del"``: as deleted text)."""
    position = 0
    for piece_text, properties in pieces:
        piece_end = position + len(piece_text)
        low, high = max(start, position), min(end, piece_end)
        if low < high:
            yield _run(piece_text[low - position : high - position], properties, mark)
        position = piece_end
        if position >= end:
            return


def _run(content: str, properties: etree._Element | None, mark: Mark | None) -> etree._Element:
    run = etree.Element(W + "r")
    if properties is not None:
        run.append(copy.deepcopy(properties))
    text_tag = W + ("delText" if mark == "del" else "t")
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            node = etree.SubElement(run, text_tag)
            node.text = "".join(buffer)
            node.set(XML_SPACE, "preserve")
            buffer.clear()

    for character in content:
        if character in "\t\n":
            flush()
            etree.SubElement(run, W + ("tab" if character == "\t" else "br"))
        else:
            buffer.append(character)
    flush()
    return run
