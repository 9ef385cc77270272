"""Generate the Word template ``templates/stellungnahme.docx`` for the export.

The template is an ordinary Word document: an administrator may open it in Word and change
fonts, spacing, margins, header and footer (or add a logo) without touching code. It holds
docxtpl/Jinja placeholders (``{{ title }}``, ``{%p for … %}``, ``{%tr for … %}``); the names
it may use are listed in ``stellungnahme_app/export/context.py``. Layout comes from named
styles ("Stn Titel", "Stn Label", "Stn Text", …) so that restyling one style changes every
place that uses it.

Run ``python tools/build_template.py`` after changing this script, look at the result
(``stellungnahme export … --draft`` and LibreOffice) and commit the generated file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

# The styles live beside this script; it runs as ``python tools/build_template.py`` and is
# loaded by file name in the tests, so its own folder is put on the path for them.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from template_styles import (
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    PAGE_WIDTH_MM,
    TABLE_PROPERTIES_ORDER,
    TEXT_WIDTH_MM,
    define_list_and_table_styles,
    define_styles,
    element,
    mark_heading_levels,
    prune_styles,
    replace_child,
    set_document_defaults,
    twips,
)

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = PROJECT / "templates" / "stellungnahme.docx"

STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


# --------------------------------------------------------------------------- package


def drop_unused_parts(document: DocumentObject) -> None:
    """Remove the sample thumbnail, custom XML and the duplicate style part."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel_id)
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML, STYLES_WITH_EFFECTS):
            document.part.rels.pop(rel_id)


def set_german_settings(document: DocumentObject) -> None:
    settings = document.settings.element
    for compat in settings.iter(qn("w:compatSetting")):
        if compat.get(qn("w:name")) == "compatibilityMode":
            compat.set(qn("w:val"), "15")
    for lang in settings.iter(qn("w:themeFontLang")):
        lang.set(qn("w:val"), "de-DE")
    for tag in ("w:decimalSymbol", "w:listSeparator"):
        for node in settings.iter(qn(tag)):
            node.set(qn("w:val"), "," if tag == "w:decimalSymbol" else ";")
    for node in settings.iter(qn("w:defaultTabStop")):
        node.set(qn("w:val"), str(twips(12.5)))


APP_PROPERTIES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Template>Normal.dotm</Template><Application>Stellungnahme</Application>"
    b"<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    b"<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def set_properties(document: DocumentObject) -> None:
    for part in document.part.package.parts:
        if str(part.partname) == "/docProps/app.xml":
            part._blob = APP_PROPERTIES  # python-docx keeps this part as plain bytes
    properties = document.core_properties
    properties.title = "Stellungnahme der Stadtverwaltung zu einer Drucksache"
    properties.subject = "Vorlage"
    properties.author = "Stadtverwaltung"
    properties.last_modified_by = "Stadtverwaltung"
    properties.comments = (
        "Vorlage für das Programm Stellungnahme. Platzhalter in {{ … }} und {% … %} "
        "nicht verändern; Formatvorlagen (Stn …), Ränder, Kopf- und Fußzeile dürfen "
        "angepasst werden."
    )
    properties.keywords = "Stellungnahme; Vorlage"
    properties.category = "Vorlage"
    properties.language = "de-DE"
    properties.revision = 1
    stamp = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    properties.created = stamp
    properties.modified = stamp


def set_page_layout(document: DocumentObject) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(297)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    section.top_margin = Mm(25)
    section.bottom_margin = Mm(22)
    section.header_distance = Mm(12)
    section.footer_distance = Mm(10)
    section.gutter = Mm(0)


def add_field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice update when they lay out."""
    parts: list[OxmlElement] = [
        element("w:fldChar", w_fldCharType="begin"),
        element("w:instrText"),
        element("w:fldChar", w_fldCharType="separate"),
        element("w:t"),
        element("w:fldChar", w_fldCharType="end"),
    ]
    parts[1].set(qn("xml:space"), "preserve")
    parts[1].text = f" {instruction} \\* MERGEFORMAT "
    parts[3].text = placeholder
    for part in parts:
        run = paragraph.add_run()
        run._r.append(part)


def build_header_and_footer(document: DocumentObject) -> None:
    section = document.sections[0]
    section.different_first_page_header_footer = False
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.style = document.styles["Stn Kopfzeile"]
    paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run("{{ not_public_mark }}")
    paragraph.add_run("\t")
    paragraph.add_run("{{ draft_mark }}", style=document.styles["Stn Entwurf"])

    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = document.styles["Stn Fußzeile"]
    paragraph.add_run("Seite ")
    add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" von ")
    add_field(paragraph, "NUMPAGES", "1")


# --------------------------------------------------------------------------- tables


def layout_table(table: Table, widths_mm: list[float], style: str) -> None:
    table.style = table.part.document.styles[style]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    properties = table._tbl.tblPr
    width = element("w:tblW", w_w=str(twips(sum(widths_mm))), w_type="dxa")
    replace_child(properties, width, TABLE_PROPERTIES_ORDER)
    replace_child(properties, element("w:tblLayout", w_type="fixed"), TABLE_PROPERTIES_ORDER)
    # No conditional formatting (header row, banded rows): the style decides everything.
    replace_child(
        properties,
        element(
            "w:tblLook",
            w_val="0000",
            w_firstRow="0",
            w_lastRow="0",
            w_firstColumn="0",
            w_lastColumn="0",
            w_noHBand="1",
            w_noVBand="1",
        ),
        TABLE_PROPERTIES_ORDER,
    )
    for grid_column, width in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
        grid_column.w = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def row_cannot_split(table: Table, index: int) -> None:
    properties = table.rows[index]._tr.get_or_add_trPr()
    properties.append(element("w:cantSplit"))


def set_cell(cell: _Cell, texts: list[tuple[str, str]], *, keep_with_next: bool = False) -> None:
    """Fill a cell with paragraphs of (style, text); the first reuses the cell's paragraph.

    ``keep_with_next`` is set directly on the paragraphs (not only through the style):
    LibreOffice keeps a table with what follows only when every paragraph says so directly.
    """
    first = True
    for style, text in texts:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.style = cell.part.document.styles[style]
        if keep_with_next:
            paragraph.paragraph_format.keep_with_next = True
        if text:
            paragraph.add_run(text)


def add_paragraph(document: DocumentObject, text: str, style: str) -> Paragraph:
    return document.add_paragraph(text, style=document.styles[style])


def loop_rows(table: Table, start: str, end: str) -> None:
    """Turn the first and last rows into docxtpl's row-loop markers."""
    set_cell(table.rows[0].cells[0], [("Stn Tabelle", start)])
    set_cell(table.rows[-1].cells[0], [("Stn Tabelle", end)])


# --------------------------------------------------------------------------- body


def build_body(document: DocumentObject) -> None:
    add_paragraph(document, "{{ department }}", "Stn Briefkopf")
    add_paragraph(document, "{{ heading }}", "Stn Titel")
    add_paragraph(document, "{{ labels.document_title }}", "Stn Label")
    add_paragraph(document, "{{ title }}", "Stn Text")
    add_paragraph(document, "{{ labels.public_status }}", "Stn Label")
    add_paragraph(document, "{{ public_status }}", "Stn Text")
    add_paragraph(document, "{{ labels.instruction }}", "Stn Hinweis")

    answer_width = 30
    questions = document.add_table(rows=3, cols=2)
    layout_table(questions, [TEXT_WIDTH_MM - answer_width, answer_width], "Stn Tabelle Formular")
    loop_rows(questions, "{%tr for row in answers %}", "{%tr endfor %}")
    set_cell(
        questions.rows[1].cells[0], [("Stn Tabelle", "{{ row.question }}")], keep_with_next=True
    )
    set_cell(
        questions.rows[1].cells[1],
        [("Stn Tabelle Antwort", "{{ row.answer }}")],
        keep_with_next=True,
    )
    row_cannot_split(questions, 1)

    add_paragraph(document, "{{ labels.statement }}", "Stn Label")
    add_paragraph(document, "{%p if points %}", "Stn Text")
    number_width = 14
    points = document.add_table(rows=3, cols=2)
    layout_table(points, [number_width, TEXT_WIDTH_MM - number_width], "Stn Tabelle ohne Linien")
    loop_rows(points, "{%tr for point in points %}", "{%tr endfor %}")
    set_cell(points.rows[1].cells[0], [("Stn Beschlusspunkt Nummer", "{{ point.number }}")])
    set_cell(
        points.rows[1].cells[1],
        [
            ("Stn Beschlusspunkt Text", "{%p for paragraph in point.paragraphs %}"),
            ("Stn Beschlusspunkt Text", "{{ paragraph }}"),
            ("Stn Beschlusspunkt Text", "{%p endfor %}"),
        ],
    )
    add_paragraph(document, "{%p endif %}", "Stn Text")

    add_paragraph(document, "{%p for contribution in contributions %}", "Stn Text")
    add_paragraph(document, "{%p if contribution.heading %}", "Stn Text")
    add_paragraph(document, "{{ contribution.heading }}", "Stn Überschrift Amt")
    add_paragraph(document, "{%p endif %}", "Stn Text")
    add_paragraph(document, "{%p for paragraph in contribution.paragraphs %}", "Stn Text")
    add_paragraph(document, "{{ paragraph }}", "Stn Text")
    add_paragraph(document, "{%p endfor %}", "Stn Text")
    add_paragraph(document, "{%p endfor %}", "Stn Text")

    add_paragraph(document, "{{ labels.conclusion }}", "Stn Label")
    add_paragraph(document, "{%p for paragraph in conclusion_paragraphs %}", "Stn Text")
    add_paragraph(document, "{{ paragraph }}", "Stn Text")
    add_paragraph(document, "{%p endfor %}", "Stn Text")

    spacer = add_paragraph(document, "", "Stn Text")
    spacer.paragraph_format.keep_with_next = True

    label_width = 70
    closing = document.add_table(rows=2, cols=2)
    layout_table(closing, [label_width, TEXT_WIDTH_MM - label_width], "Stn Tabelle Formular")
    set_cell(
        closing.rows[0].cells[0],
        [("Stn Tabelle Label", "{{ labels.amendments }}")],
        keep_with_next=True,
    )
    set_cell(
        closing.rows[0].cells[1],
        [
            ("Stn Tabelle", "{%p for paragraph in amendment_paragraphs %}"),
            ("Stn Tabelle Text", "{{ paragraph }}"),
            ("Stn Tabelle", "{%p else %}"),
            ("Stn Tabelle Text", ""),
            ("Stn Tabelle", "{%p endfor %}"),
        ],
        keep_with_next=True,
    )
    set_cell(
        closing.rows[1].cells[0],
        [("Stn Tabelle Label", "{{ labels.attachments }}")],
        keep_with_next=True,
    )
    set_cell(
        closing.rows[1].cells[1],
        [
            ("Stn Tabelle", "{%p for attachment in attachments %}"),
            ("Stn Tabelle Text", "{{ attachment }}"),
            ("Stn Tabelle", "{%p else %}"),
            ("Stn Tabelle Text", ""),
            ("Stn Tabelle", "{%p endfor %}"),
        ],
        keep_with_next=True,
    )

    signature_width = 105
    signature = document.add_table(rows=2, cols=2)
    layout_table(
        signature, [signature_width, TEXT_WIDTH_MM - signature_width], "Stn Tabelle ohne Linien"
    )
    set_cell(
        signature.rows[0].cells[0],
        [("Stn Unterschrift", "{{ signature_line }}")],
        keep_with_next=True,
    )
    set_cell(
        signature.rows[0].cells[1],
        [("Stn Unterschrift", "{{ signature_date }}")],
        keep_with_next=True,
    )
    set_cell(
        signature.rows[1].cells[0], [("Stn Unterschrift Beschriftung", "{{ labels.signature }}")]
    )
    set_cell(signature.rows[1].cells[1], [("Stn Unterschrift Beschriftung", "{{ labels.date }}")])
    row_cannot_split(signature, 0)
    row_cannot_split(signature, 1)
    # Word needs a paragraph after a final table; keep it tiny so it never adds a page.
    add_paragraph(document, "", "Stn Schluss")


def build(target: Path) -> Path:
    document = Document()
    drop_unused_parts(document)
    prune_styles(document)
    set_document_defaults(document)
    define_styles(document)
    define_list_and_table_styles(document)
    mark_heading_levels(document)
    set_german_settings(document)
    set_page_layout(document)
    build_header_and_footer(document)
    build_body(document)
    set_properties(document)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Die Word-Vorlage für die Ausgabe erzeugen.")
    parser.add_argument(
        "target", nargs="?", type=Path, default=DEFAULT_OUTPUT, help="Zieldatei (.docx)"
    )
    args = parser.parse_args(argv)
    path = build(args.target)
    print(f"Vorlage geschrieben: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
