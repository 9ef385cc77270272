"""Lists, labelled items and tables in the filled document, made by the program, not the template.

The template prints a text field paragraph by paragraph (``{%p for paragraph in … %}``). A
block that is more than a paragraph (:mod:`stellungnahme_app.text_blocks`) reaches it as a
:class:`StructuredText`: a string whose value is the block's plain text, so that any template
can print it. Printed as it is, it is framed by two markers that carry a number chosen at
random for each export – no text a clerk types can contain them. After docxtpl has filled
the template, :func:`lay_out` replaces every paragraph that holds exactly one framed block
with the block as Word structures, built from the template paragraph's own properties:

* a bullet list: one paragraph per item in the list style (:data:`LIST_STYLE`, which holds
  the template's bullet numbering, ``w:numPr``), the marker does not print;
* a labelled item: label, tab, text in :data:`LABELLED_STYLE` (hanging indent);
* a table in :data:`DATA_TABLE_STYLE`: the first row a repeated header row (``w:tblHeader``,
  bold), columns as wide as their content needs, numbers right-aligned.

Where the template lacks a style, the structure is formatted directly so it still prints
correctly (a "•" and an indent, lines around the cells, bold header) and ``template-check``
says which style is missing. A framed block that shares its paragraph with other text, or
stands in a header, keeps its plain text; the markers are removed everywhere.

Text goes into the XML as element text (lxml escapes it): user text is data, never markup.
"""

from __future__ import annotations

import copy
import functools
import re
import secrets
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from docx.document import Document as DocumentObject
from docx.opc.part import XmlPart
from docx.oxml.ns import qn
from docx.oxml.parser import oxml_parser, parse_xml
from lxml import etree

from stellungnahme_app import text_blocks
from stellungnahme_app.text_blocks import Block, BulletList, LabelledItem, Paragraph, Table

LIST_STYLE = "Stn Aufzählung"
LABELLED_STYLE = "Stn Absatz nummeriert"
DATA_TABLE_STYLE = "Stn Tabelle Daten"
TABLE_HEADER_STYLE = "Stn Tabelle Kopf"
TABLE_CELL_STYLE = "Stn Tabelle Zelle"
#: The styles the export looks for, with what each is for (``template-check`` names them).
STRUCTURE_STYLES: dict[str, str] = {
    LIST_STYLE: "Aufzählungen (Zeilen mit „- “)",
    LABELLED_STYLE: "Absätze mit eigener Nummer („1.“, „a)“) und hängendem Einzug",
    DATA_TABLE_STYLE: "Tabellen (Zeilen mit Tabulatoren, z. B. aus Excel)",
    TABLE_HEADER_STYLE: "Kopfzeile dieser Tabellen",
    TABLE_CELL_STYLE: "Zellen dieser Tabellen",
}
#: How the export prints a structure whose style is missing.
FALLBACKS: dict[str, str] = {
    LIST_STYLE: "mit „•“ und Einzug im Format des Absatzes",
    LABELLED_STYLE: "mit hängendem Einzug im Format des Absatzes",
    DATA_TABLE_STYLE: "mit einfachen grauen Linien",
    TABLE_HEADER_STYLE: "fett im Format des Absatzes",
    TABLE_CELL_STYLE: "im Format des Absatzes",
}

_W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_QUOTE = {'"': "&quot;"}
_OPEN = "\ue000"
_OPEN_END = "\ue001"
_CLOSE = "\ue002"
_CLOSE_END = "\ue003"

# Direct formatting where the template has no style (twips: 1 mm ≈ 56.7).
_FALLBACK_BULLET_INDENT = 340
_FALLBACK_LABEL_INDENT = 567
_CELL_MARGIN = 85
_DEFAULT_TEXT_WIDTH = 9355  # 165 mm, the bundled template's text width
_TABLE_FONT_POINTS = 10.0

_PARAGRAPH_ORDER_NAMES = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap",
    "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
    "cnfStyle", "rPr", "sectPr", "pPrChange",
)  # fmt: skip


# --------------------------------------------------------------------------- values


class StructuredText(str):
    """A block for the template: its plain text, and the block behind it for :func:`lay_out`."""

    _block: Block
    _nonce: str
    _opening: str
    _closing: str

    def __new__(cls, block: Block, nonce: str, index: int) -> StructuredText:
        value = super().__new__(cls, text_blocks.plain_text(block))
        value._block = block
        value._nonce = nonce
        value._opening = f"{_OPEN}{nonce}.{index}{_OPEN_END}"
        value._closing = f"{_CLOSE}{nonce}{_CLOSE_END}"
        return value

    @property
    def block(self) -> Block:
        return self._block

    def framed(self, escaped: str) -> str:
        """``escaped`` (this value as XML text) between this export's markers."""
        return f"{self._opening}{escaped}{self._closing}"


class Numbering:
    """Hands out the markers of one export: a random number, then one index per block."""

    def __init__(self) -> None:
        self.nonce = secrets.token_hex(8)
        self.count = 0

    def paragraph_values(self, field_text: str) -> list[str]:
        """A text field as the template's list of paragraphs (blocks as StructuredText)."""
        values: list[str] = []
        for block in text_blocks.blocks(field_text):
            if isinstance(block, Paragraph):
                values.append(block.text)
            else:
                self.count += 1
                values.append(StructuredText(block, self.nonce, self.count))
        return values


def structured_values(value: Any) -> Iterator[StructuredText]:
    """Every :class:`StructuredText` in a context, in no particular order."""
    if isinstance(value, StructuredText):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from structured_values(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from structured_values(item)


# --------------------------------------------------------------------------- laying out


@dataclass(frozen=True)
class _Styles:
    """The style IDs of the filled document for each structure, ``None`` where missing."""

    bullet: str | None
    labelled: str | None
    table: str | None
    header: str | None
    cell: str | None


def style_ids(document: DocumentObject) -> dict[str, str]:
    """Style name → style ID for every style of ``document``."""
    found: dict[str, str] = {}
    for style in document.styles.element.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        style_id = style.get(qn("w:styleId"))
        if name is not None and style_id:
            found[name.get(qn("w:val"), "")] = style_id
    return found


def _has_numbering(document: DocumentObject, style_id: str) -> bool:
    """True when the style (or a style it is based on) gives its paragraphs a list number."""
    styles = {s.get(qn("w:styleId")): s for s in document.styles.element.findall(qn("w:style"))}
    numbers = {
        num.get(qn("w:numId"))
        for part in document.part.package.iter_parts()
        if isinstance(part, XmlPart) and part.element.tag == qn("w:numbering")
        for num in part.element.findall(qn("w:num"))
    }
    seen: set[str] = set()
    current: str | None = style_id
    while current is not None and current not in seen and current in styles:
        seen.add(current)
        style = styles[current]
        number = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if number is not None:
            return number.get(qn("w:val")) in numbers
        based_on = style.find(qn("w:basedOn"))
        current = based_on.get(qn("w:val")) if based_on is not None else None
    return False


@dataclass(frozen=True)
class StyleProblem:
    """A structure style the template lacks (or that cannot do its job), and what follows."""

    name: str
    purpose: str
    problem: str


def style_problems(document: DocumentObject) -> list[StyleProblem]:
    """What the export's structures miss in ``document``; each is printed directly instead."""
    present = style_ids(document)
    problems = [
        StyleProblem(name, purpose, "fehlt")
        for name, purpose in STRUCTURE_STYLES.items()
        if name not in present
    ]
    if LIST_STYLE in present and not _has_numbering(document, present[LIST_STYLE]):
        problems.insert(
            0,
            StyleProblem(LIST_STYLE, STRUCTURE_STYLES[LIST_STYLE], "hat keine Aufzählungszeichen"),
        )
    return problems


def _usable_styles(document: DocumentObject) -> _Styles:
    ids = style_ids(document)
    missing = {problem.name for problem in style_problems(document)}
    return _Styles(*(None if name in missing else ids.get(name) for name in STRUCTURE_STYLES))


def lay_out(document: DocumentObject, context: dict[str, Any]) -> None:
    """Replace the framed blocks of the filled ``document`` by Word structures."""
    values = list(structured_values(context))
    if not values:
        return
    closing = values[0]._closing
    by_opening = {value._opening: value for value in values}
    styles = _usable_styles(document)
    text_width = _body_text_width(document)
    body = document.element.body
    for paragraph in list(body.iter(qn("w:p"))):
        value = _framed_value(paragraph, by_opening, closing)
        if value is not None:
            _replace(paragraph, value.block, styles, text_width)
    nonce = re.escape(values[0]._nonce)
    marker_re = re.compile(f"{_OPEN}{nonce}\\.\\d+{_OPEN_END}|{_CLOSE}{nonce}{_CLOSE_END}")
    for part in document.part.package.iter_parts():
        if isinstance(part, XmlPart):
            for text in part.element.iter(qn("w:t")):
                if text.text and (_OPEN in text.text or _CLOSE in text.text):
                    text.text = marker_re.sub("", text.text)


def _framed_value(
    paragraph: etree._Element, by_opening: dict[str, StructuredText], closing: str
) -> StructuredText | None:
    texts = [node.text or "" for node in paragraph.iter(qn("w:t"))]
    joined = "".join(texts).strip()
    if not joined.startswith(_OPEN) or not joined.endswith(closing):
        return None
    opening = joined[: joined.find(_OPEN_END) + 1]
    return by_opening.get(opening)


def _replace(paragraph: etree._Element, block: Block, styles: _Styles, text_width: int) -> None:
    template_properties = paragraph.find(qn("w:pPr"))
    first_run = paragraph.find(qn("w:r"))
    run_properties = first_run.find(qn("w:rPr")) if first_run is not None else None
    made: list[etree._Element] = []
    if isinstance(block, BulletList):
        for item in block.items:
            made.append(_bullet_paragraph(item, template_properties, run_properties, styles.bullet))
    elif isinstance(block, LabelledItem):
        made.append(_labelled_paragraph(block, template_properties, run_properties, styles))
    elif isinstance(block, Table):
        width = _available_width(paragraph, text_width)
        made.append(_table(block, styles, width, template_properties))
        made.append(_spacer(template_properties))
    parent = paragraph.getparent()
    index = parent.index(paragraph)
    parent.remove(paragraph)
    for offset, element in enumerate(made):
        parent.insert(index + offset, element)


# --------------------------------------------------------------------------- paragraphs


def _positions(order: Sequence[str]) -> dict[str, int]:
    return {_clark(f"w:{name}"): index for index, name in enumerate(order)}


def _set_child(parent: etree._Element, child: etree._Element, order: dict[str, int]) -> None:
    """Put ``child`` in its place in ``order`` (see :func:`_positions`), replacing one of its
    tag; Word refuses properties out of the schema's order."""
    for old in parent.findall(child.tag):
        parent.remove(old)
    place = order.get(child.tag)
    if place is not None:
        for position, sibling in enumerate(parent):
            if order.get(sibling.tag, -1) > place:
                parent.insert(position, child)
                return
    parent.append(child)


@functools.cache
def _clark(tag: str) -> str:
    return qn(tag)


def _element(tag: str, **attributes: str) -> etree._Element:
    """A WordprocessingML element; built by python-docx's parser, so it has its classes."""
    return oxml_parser.makeelement(
        _clark(tag), {_clark(f"w:{name}"): value for name, value in attributes.items()}
    )


_PARAGRAPH_ORDER = _positions(_PARAGRAPH_ORDER_NAMES)


def _properties(template: etree._Element | None, style_id: str | None) -> etree._Element:
    """A copy of the template paragraph's properties, in ``style_id`` where there is one."""
    properties = copy.deepcopy(template) if template is not None else _element("w:pPr")
    for tag in ("w:numPr", "w:ind", "w:tabs", "w:outlineLvl"):
        for node in properties.findall(qn(tag)):
            properties.remove(node)
    if style_id is not None:
        _set_child(properties, _element("w:pStyle", val=style_id), _PARAGRAPH_ORDER)
    return properties


def _hanging_indent(properties: etree._Element, indent: int) -> None:
    tabs = _element("w:tabs")
    tabs.append(_element("w:tab", val="left", pos=str(indent)))
    _set_child(properties, tabs, _PARAGRAPH_ORDER)
    _set_child(
        properties, _element("w:ind", left=str(indent), hanging=str(indent)), _PARAGRAPH_ORDER
    )


def _run(text: str, run_properties: etree._Element | None) -> etree._Element:
    """A run of ``text``: ``\\n`` a line break, ``\\t`` a tab, everything else literal."""
    run = _element("w:r")
    if run_properties is not None:
        run.append(copy.deepcopy(run_properties))
    for line_number, line in enumerate(text.split("\n")):
        if line_number:
            run.append(_element("w:br"))
        for piece_number, piece in enumerate(line.split("\t")):
            if piece_number:
                run.append(_element("w:tab"))
            if piece:
                node = _element("w:t")
                node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                node.text = piece
                run.append(node)
    return run


def _paragraph(properties: etree._Element, runs: list[etree._Element]) -> etree._Element:
    paragraph = _element("w:p")
    paragraph.append(properties)
    for run in runs:
        paragraph.append(run)
    return paragraph


def _bullet_paragraph(
    item: str,
    template: etree._Element | None,
    run_properties: etree._Element | None,
    style_id: str | None,
) -> etree._Element:
    properties = _properties(template, style_id)
    if style_id is not None:
        return _paragraph(properties, [_run(item, run_properties)])
    _hanging_indent(properties, _FALLBACK_BULLET_INDENT)
    return _paragraph(properties, [_run("•\t" + item, run_properties)])


def _labelled_paragraph(
    item: LabelledItem,
    template: etree._Element | None,
    run_properties: etree._Element | None,
    styles: _Styles,
) -> etree._Element:
    properties = _properties(template, styles.labelled)
    if styles.labelled is None:
        _hanging_indent(properties, _FALLBACK_LABEL_INDENT)
    return _paragraph(properties, [_run(f"{item.label}\t{item.text}", run_properties)])


def _spacer(template: etree._Element | None) -> etree._Element:
    """A small empty paragraph after a table: space before the text, and Word needs it in a
    table cell (a cell ends with a paragraph) and between two tables (else they merge)."""
    properties = _properties(template, None)
    _set_child(properties, _element("w:spacing", before="0", after="0"), _PARAGRAPH_ORDER)
    mark = _element("w:rPr")
    mark.append(_element("w:sz", val="12"))
    mark.append(_element("w:szCs", val="12"))
    _set_child(properties, mark, _PARAGRAPH_ORDER)
    return _paragraph(properties, [])


# --------------------------------------------------------------------------- tables


def _body_text_width(document: DocumentObject) -> int:
    section = document.element.body.find(qn("w:sectPr"))
    if section is None:
        return _DEFAULT_TEXT_WIDTH
    size = section.find(qn("w:pgSz"))
    margins = section.find(qn("w:pgMar"))
    try:
        width = int(size.get(qn("w:w")))
        width -= int(margins.get(qn("w:left"))) + int(margins.get(qn("w:right")))
    except (AttributeError, TypeError, ValueError):
        return _DEFAULT_TEXT_WIDTH
    return width if width > 1000 else _DEFAULT_TEXT_WIDTH


def _available_width(paragraph: etree._Element, text_width: int) -> int:
    """The width a table in place of ``paragraph`` may take: its cell's, or the text's."""
    for ancestor in paragraph.iterancestors(qn("w:tc")):
        width = ancestor.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
        if width is not None and width.get(qn("w:type")) == "dxa":
            try:
                return max(1000, int(width.get(qn("w:w"))) - 2 * _CELL_MARGIN)
            except (TypeError, ValueError):
                break
        break
    return text_width


# Widths of Arial's characters in em, roughly: enough to size columns to their content.
_NARROW = set("il.,;:!|'`") | {" "}
_SMALL = set("fjtrI()[]-/")
_WIDE = set("mwMW%@")


def _text_width(text: str, *, bold: bool = False) -> int:
    """The printed width of ``text`` in twips at the table's font size."""
    ems = 0.0
    for char in text:
        if char in _NARROW:
            ems += 0.28
        elif char in _SMALL:
            ems += 0.34
        elif char in _WIDE:
            ems += 0.86
        elif char.isupper():
            ems += 0.68
        else:
            ems += 0.56
    return round(ems * _TABLE_FONT_POINTS * 20 * (1.07 if bold else 1.0))


def column_widths(table: Table, available: int) -> list[int]:
    """Each column as wide as its longest cell, shrunk towards its longest word if needed."""
    natural: list[int] = []
    smallest: list[int] = []
    for index in range(table.column_count):
        cells = table.column(index)
        widths = [_text_width(cell, bold=row == 0) for row, cell in enumerate(cells)]
        words = [
            _text_width(word, bold=row == 0)
            for row, cell in enumerate(cells)
            for word in cell.split()
        ]
        natural.append(max(widths, default=0) + 2 * _CELL_MARGIN + 20)
        smallest.append(max(words, default=0) + 2 * _CELL_MARGIN + 20)
    if sum(natural) <= available:
        return natural
    if sum(smallest) >= available:
        return [max(200, available * width // sum(smallest)) for width in smallest]
    spare = available - sum(smallest)
    extra = [n - s for n, s in zip(natural, smallest, strict=True)]
    return [s + spare * e // max(1, sum(extra)) for s, e in zip(smallest, extra, strict=True)]


def numeric_columns(table: Table) -> list[bool]:
    """Columns whose filled body cells are all numbers (a dash counts as an empty one)."""
    result = []
    for index in range(table.column_count):
        filled = [c for c in table.column(index)[1:] if c.strip() not in ("", "-", "–", "—")]
        result.append(bool(filled) and all(text_blocks.looks_like_number(c) for c in filled))
    return result


def _table(
    block: Table, styles: _Styles, available: int, template: etree._Element | None
) -> etree._Element:
    """The table as WordprocessingML, written as text and parsed once (a pasted table has
    thousands of elements; made one by one they cost a millisecond per row)."""
    widths = column_widths(block, available)
    right = numeric_columns(block)
    xml = [f'<w:tbl xmlns:w="{_W_NAMESPACE}"><w:tblPr>']
    if styles.table is not None:
        xml.append(f'<w:tblStyle w:val="{escape(styles.table, _QUOTE)}"/>')
    xml.append(f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>')
    if styles.table is None:
        xml.append("<w:tblBorders>")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            xml.append(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>')
        xml.append("</w:tblBorders>")
    xml.append('<w:tblLayout w:type="fixed"/>')
    if styles.table is None:
        xml.append(
            f'<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="{_CELL_MARGIN}" '
            f'w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="{_CELL_MARGIN}" '
            'w:type="dxa"/></w:tblCellMar>'
        )
    xml.append(
        '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>'
    )
    xml += [f'<w:gridCol w:w="{width}"/>' for width in widths]
    xml.append("</w:tblGrid>")
    paragraph_properties = {
        (header, numeric): _cell_properties(header, numeric, styles, template)
        for header in (True, False)
        for numeric in (True, False)
    }
    run_properties = {header: _cell_run_properties(header, styles) for header in (True, False)}
    for row_number, row in enumerate(block.rows):
        header = row_number == 0
        xml.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else ""))
        xml.append("</w:trPr>")
        for text, width, numeric in zip(row, widths, right, strict=True):
            run = (
                f'<w:r>{run_properties[header]}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
                if text
                else ""
            )
            xml.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                f"<w:p>{paragraph_properties[header, numeric]}{run}</w:p></w:tc>"
            )
        xml.append("</w:tr>")
    xml.append("</w:tbl>")
    return parse_xml("".join(xml))


def _cell_properties(
    header: bool, numeric: bool, styles: _Styles, template: etree._Element | None
) -> str:
    """A cell paragraph's properties as XML: its style, or the text's without its spacing."""
    style_id = styles.header if header else styles.cell
    if style_id is not None:
        properties = _element("w:pPr")
        properties.append(_element("w:pStyle", val=style_id))
    else:
        properties = _properties(template, None)
        for tag in ("w:keepNext", "w:spacing", "w:jc"):
            for node in properties.findall(qn(tag)):
                properties.remove(node)
        _set_child(properties, _element("w:spacing", before="0", after="0"), _PARAGRAPH_ORDER)
    if numeric:
        _set_child(properties, _element("w:jc", val="right"), _PARAGRAPH_ORDER)
    return etree.tostring(properties, encoding="unicode")


def _cell_run_properties(header: bool, styles: _Styles) -> str:
    """Without the cell styles: bold in the header, and the size the columns were measured
    for (the text's own size would break the measured cells' words)."""
    if (styles.header if header else styles.cell) is not None:
        return ""
    size = round(_TABLE_FONT_POINTS * 2)
    bold = "<w:b/>" if header else ""
    return f'<w:rPr>{bold}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
