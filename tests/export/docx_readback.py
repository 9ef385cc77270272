"""Reading an exported .docx back with python-docx, the way a reader meets it.

Shared by the export tests: the body in document order (paragraphs, and table cells row by
row), and the form's fields located by the named styles of the bundled template.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

ARTEFACT_LINE = "Top Anka Hafraana Damka\t20.04.2024"


def open_docx(source: bytes | Path) -> DocumentObject:
    if isinstance(source, bytes):
        return Document(io.BytesIO(source))
    return Document(str(source))


@dataclass
class Block:
    """A body paragraph, or a table as rows of cells of paragraphs."""

    paragraph: Paragraph | None = None
    table: Table | None = None

    @property
    def style(self) -> str:
        if self.paragraph is not None:
            return self.paragraph.style.name
        return self.table.style.name if self.table is not None else ""

    @property
    def text(self) -> str:
        return self.paragraph.text if self.paragraph is not None else ""


def blocks(document: DocumentObject) -> list[Block]:
    result = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            result.append(Block(paragraph=Paragraph(child, document)))
        elif child.tag == qn("w:tbl"):
            result.append(Block(table=Table(child, document)))
    return result


# The form's own tables; any other table is one of the draft's text (a pasted table).
FORM_TABLE_STYLES = ("Stn Tabelle Formular", "Stn Tabelle ohne Linien")
# The styles a text field's paragraphs print in (text, list item, labelled item).
TEXT_STYLES = ("Stn Text", "Stn Aufzählung", "Stn Absatz nummeriert")


def cell_texts(cell: _Cell) -> list[str]:
    """A cell's non-empty paragraphs in reading order, those of tables in it included."""
    texts: list[str] = []
    for child in cell._tc.iterchildren():
        if child.tag == qn("w:p"):
            text = Paragraph(child, cell).text
            if text:
                texts.append(text)
        elif child.tag == qn("w:tbl"):
            texts.extend(table_texts(Table(child, cell)))
    return texts


def table_texts(table: Table) -> list[str]:
    """Every non-empty paragraph of a table, row by row, cell by cell."""
    return [text for row in table_cells(table) for cell in row for text in cell]


def table_cells(table: Table) -> list[list[list[str]]]:
    """rows → cells → paragraph texts (empty paragraphs left out, nested tables read)."""
    return [[cell_texts(cell) for cell in row.cells] for row in table.rows]


def body_texts(document: DocumentObject) -> list[str]:
    """Every non-empty paragraph of the body in reading order, table cells included."""
    texts: list[str] = []
    for block in blocks(document):
        if block.paragraph is not None:
            if block.paragraph.text:
                texts.append(block.paragraph.text)
        else:
            for row in table_cells(block.table):
                for cell in row:
                    texts.extend(cell)
    return texts


def tokens(lines: list[str]) -> list[str]:
    return " ".join(lines).split()


def reference_tokens(reference_text: str) -> list[str]:
    """The reference document's words, without the scanned signature's extraction artefact."""
    lines = [line for line in reference_text.splitlines() if line != ARTEFACT_LINE]
    return tokens(lines)


def header_text(document: DocumentObject) -> str:
    return "\n".join(p.text for p in document.sections[0].header.paragraphs)


def footer_xml(document: DocumentObject) -> str:
    return document.sections[0].footer._element.xml


@dataclass
class Fields:
    """The form's fields as printed, located by the bundled template's styles."""

    department: str = ""
    heading: str = ""
    title: str = ""
    public_status: str = ""
    answers: list[list[str]] = field(default_factory=list)
    points: list[tuple[str, list[str]]] = field(default_factory=list)
    # ("heading" | "text", text) in order; a heading starts a contribution.
    contributions: list[tuple[str, str]] = field(default_factory=list)
    conclusion: list[str] = field(default_factory=list)
    amendments: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    signature_labels: list[str] = field(default_factory=list)


def read_fields(document: DocumentObject) -> Fields:
    found = Fields()
    items = blocks(document)
    labels = [i for i, b in enumerate(items) if b.style == "Stn Label"]
    assert len(labels) == 4, [b.style for b in items]
    title_label, public_label, statement_label, conclusion_label = labels
    found.department = items[0].text
    assert items[0].style == "Stn Briefkopf"
    assert items[1].style == "Stn Titel"
    found.heading = items[1].text
    found.title = items[title_label + 1].text
    found.public_status = items[public_label + 1].text
    questions = items[public_label + 3].table
    found.answers = [[cell.text for cell in row.cells] for row in questions.rows]

    position = statement_label + 1
    if items[position].table is not None and items[position].style in FORM_TABLE_STYLES:
        for row in items[position].table.rows:
            number, text_cell = row.cells
            found.points.append((number.text, cell_texts(text_cell)))
        position += 1
    for block in items[position:conclusion_label]:
        if block.table is not None:
            assert block.style not in FORM_TABLE_STYLES, block.style
            found.contributions += [("text", t) for t in table_texts(block.table)]
            continue
        if not block.text:
            continue  # the small paragraph after a table
        kind = "heading" if block.style == "Stn Überschrift Amt" else "text"
        assert block.style in ("Stn Überschrift Amt", *TEXT_STYLES), block.style
        found.contributions.append((kind, block.text))

    rest = items[conclusion_label + 1 :]
    tables = [b.table for b in rest if b.table is not None and b.style in FORM_TABLE_STYLES]
    assert len(tables) == 2
    for block in rest:
        if block.table is not None and block.style in FORM_TABLE_STYLES:
            break
        if block.table is not None:
            found.conclusion += table_texts(block.table)
        elif block.text:
            found.conclusion.append(block.text)
    closing, signature = tables
    found.amendments = cell_texts(closing.rows[0].cells[1])
    found.attachments = cell_texts(closing.rows[1].cells[1])
    found.signature = [cell.text for cell in signature.rows[0].cells]
    found.signature_labels = [cell.text for cell in signature.rows[1].cells]
    return found
