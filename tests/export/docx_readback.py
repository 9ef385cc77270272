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
from docx.table import Table
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


def table_cells(table: Table) -> list[list[list[str]]]:
    """rows → cells → paragraph texts (empty paragraphs left out)."""
    return [
        [[p.text for p in cell.paragraphs if p.text] for cell in row.cells] for row in table.rows
    ]


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
    if items[position].table is not None:
        for row in items[position].table.rows:
            number, text_cell = row.cells
            paragraphs = [p.text for p in text_cell.paragraphs if p.text]
            found.points.append((number.text, paragraphs))
        position += 1
    for block in items[position:conclusion_label]:
        kind = "heading" if block.style == "Stn Überschrift Amt" else "text"
        assert block.style in ("Stn Überschrift Amt", "Stn Text"), block.style
        found.contributions.append((kind, block.text))

    rest = items[conclusion_label + 1 :]
    tables = [b.table for b in rest if b.table is not None]
    assert len(tables) == 2
    for block in rest:
        if block.table is not None:
            break
        if block.text:
            found.conclusion.append(block.text)
    closing, signature = tables
    found.amendments = [p.text for p in closing.rows[0].cells[1].paragraphs if p.text]
    found.attachments = [p.text for p in closing.rows[1].cells[1].paragraphs if p.text]
    found.signature = [cell.text for cell in signature.rows[0].cells]
    found.signature_labels = [cell.text for cell in signature.rows[1].cells]
    return found
