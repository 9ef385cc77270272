"""The text of a Word motion (.docx), paragraph by paragraph, as Word shows it.

The body is read in document order, paragraphs and tables alike (a table row becomes one
line, its cells separated by a tab: "Vorlage-Nr.: ⇥ 1023/25"). A paragraph's text is what
Word prints: tracked insertions are in, deletions, hidden text and field codes out; a manual
line break starts a new line of the same paragraph. A paragraph with automatic numbering
starts with the number Word shows (:mod:`.docx_numbering`). The page headers and footers
are kept apart: the Drucksache number may stand only there.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from stellungnahme_app.fileio import FileReadError, read_bytes
from stellungnahme_app.motion.docx_numbering import ListCounter
from stellungnahme_app.motion.errors import DamagedFile, not_a_docx
from stellungnahme_app.motion.lines import SourceLine

MAX_DOCX_BYTES = 100 * 1024 * 1024
#: Paragraph styles (names and ids, without spaces, casefolded) of a document's heading.
_HEADING_STYLES = frozenset({"title", "titel", "heading1", "überschrift1", "berschrift1"})
#: Elements whose text Word does not print (deleted, hidden by design, or not text).
_SKIPPED = frozenset(
    qn(tag)
    for tag in (
        "w:del",
        "w:delText",
        "w:instrText",
        "w:pPr",
        "w:rPr",
        "w:txbxContent",
        "w:footnoteReference",
        "w:endnoteReference",
        "w:commentReference",
    )
)
_TEXT = qn("w:t")
_TAB = qn("w:tab")
_BREAKS = frozenset({qn("w:br"), qn("w:cr")})
_NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
_SYMBOL = qn("w:sym")
_RUN = qn("w:r")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SUFFIXES = {"tab": "\t", "space": " ", "nothing": ""}


class DocxText:
    """The body lines and the header/footer lines of a Word file."""

    def __init__(self, lines: list[SourceLine], margin_lines: list[SourceLine]) -> None:
        self.lines = lines
        self.margin_lines = margin_lines


def _hidden(run: etree._Element) -> bool:
    properties = run.find(qn("w:rPr"))
    if properties is None:
        return False
    vanish = properties.find(qn("w:vanish"))
    return vanish is not None and vanish.get(qn("w:val"), "true") not in ("0", "false")


def _text_of(element: etree._Element) -> str:
    """What Word prints of ``element`` (a paragraph or part of it); see the module docstring."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        for child in node:
            tag = child.tag
            if tag in _SKIPPED or tag == _FALLBACK:
                continue
            if tag == _RUN and _hidden(child):
                continue
            if tag == _TEXT:
                parts.append(child.text or "")
            elif tag == _TAB:
                parts.append("\t")
            elif tag in _BREAKS:
                parts.append("\n")
            elif tag == _NO_BREAK_HYPHEN:
                parts.append("-")
            elif tag == _SYMBOL:
                parts.append(_symbol(child))
            else:
                walk(child)

    walk(element)
    return "".join(parts)


def _symbol(element: etree._Element) -> str:
    code = element.get(qn("w:char")) or ""
    try:
        char = chr(int(code, 16))
    except ValueError:
        return ""
    return "•" if "\ue000" <= char <= "\uf8ff" else char


def open_docx(path: Path):
    """The Word document, or a German error: missing, too large, not a .docx."""
    try:
        data = read_bytes(path, max_bytes=MAX_DOCX_BYTES, subject=f"Die Datei „{path.name}“")
    except FileReadError as error:
        raise DamagedFile(error.message, path=path) from None
    try:
        return Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError):
        raise not_a_docx(path) from None


def _is_heading(style_id: str | None, style_names: dict[str, str]) -> bool:
    if not style_id:
        return False
    names = (style_id, style_names.get(style_id, ""))
    return any(name.casefold().replace(" ", "") in _HEADING_STYLES for name in names)


def _all_bold(paragraph: etree._Element) -> bool:
    runs = [run for run in paragraph.iter(_RUN) if _text_of(run).strip()]
    if not runs:
        return False
    for run in runs:
        properties = run.find(qn("w:rPr"))
        bold = properties.find(qn("w:b")) if properties is not None else None
        if bold is None or bold.get(qn("w:val"), "true") in ("0", "false"):
            return False
    return True


def read_docx_lines(path: Path) -> DocxText:
    """Read the Word file at ``path``; see the module docstring."""
    document = open_docx(path)
    part = document.part
    try:
        numbering = part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering = None
    styles_element = part.styles.element if part.styles is not None else None
    counter = ListCounter(numbering, styles_element)
    style_names = {}
    if styles_element is not None:
        for style in styles_element.iter(qn("w:style")):
            name = style.find(qn("w:name"))
            if name is not None and style.get(qn("w:styleId")):
                style_names[style.get(qn("w:styleId"))] = name.get(qn("w:val"), "")
    lines: list[SourceLine] = []
    for block in document.element.body:
        if block.tag == qn("w:p"):
            lines += _paragraph_lines(block, counter, style_names)
        elif block.tag == qn("w:tbl"):
            lines += _table_lines(block)
    margins: list[SourceLine] = []
    for section in document.sections:
        for part_of_page in (section.header, section.footer):
            if part_of_page.is_linked_to_previous and margins:
                continue
            for paragraph in part_of_page._element.iter(qn("w:p")):
                text = _text_of(paragraph)
                if text.strip():
                    margins.append(SourceLine(text, starts_paragraph=True))
    return DocxText(lines, margins)


def _paragraph_lines(
    paragraph: etree._Element, counter: ListCounter, style_names: dict[str, str]
) -> list[SourceLine]:
    text = _text_of(paragraph)
    label = counter.label(paragraph)
    if label is not None and text.strip():
        number, suffix = label
        text = number + _SUFFIXES.get(suffix, "\t") + text
    heading = _is_heading(counter.paragraph_style(paragraph), style_names)
    bold = _all_bold(paragraph)
    pieces = text.split("\n")
    return [
        SourceLine(piece, heading=heading, bold=bold, starts_paragraph=index == 0)
        for index, piece in enumerate(pieces)
    ]


def _table_lines(table: etree._Element) -> list[SourceLine]:
    """One line per row (cells joined by a tab) when each cell holds one paragraph."""
    lines: list[SourceLine] = []
    for row in table.iter(qn("w:tr")):
        cells = [cell for cell in row if cell.tag == qn("w:tc")]
        texts = [[_text_of(p) for p in cell.iter(qn("w:p"))] for cell in cells]
        if all(len([t for t in cell_texts if t.strip()]) <= 1 for cell_texts in texts):
            joined = "\t".join(" ".join(t for t in cell_texts if t.strip()) for cell_texts in texts)
            if joined.strip():
                lines.append(SourceLine(joined, starts_paragraph=True))
            continue
        for cell_texts in texts:
            lines += [SourceLine(t, starts_paragraph=True) for t in cell_texts if t.strip()]
    return lines
