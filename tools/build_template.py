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
from collections.abc import Iterable
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = PROJECT / "templates" / "stellungnahme.docx"

FONT = "Arial"
TEXT_COLOR = RGBColor(0x00, 0x00, 0x00)
MUTED_COLOR = RGBColor(0x59, 0x59, 0x59)
DRAFT_COLOR = RGBColor(0xC0, 0x00, 0x00)
RULE_COLOR = "808080"

# A4 portrait with DIN 5008 margins; the text is 165 mm wide.
PAGE_WIDTH_MM = 210
MARGIN_LEFT_MM = 25
MARGIN_RIGHT_MM = 20
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM

# Styles of the default python-docx package that the template keeps (the rest is dropped
# so that the administrator sees only what the document uses).
KEPT_BUILTIN_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "TableGrid"}
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


# --------------------------------------------------------------------------- XML helpers


def twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def element(tag: str, **attributes: str) -> OxmlElement:
    node = OxmlElement(tag)
    for name, value in attributes.items():
        node.set(qn(name.replace("_", ":", 1)), value)
    return node


# Word refuses a document whose property elements are out of the schema's order; these are
# the sequences (ECMA-376, part 1) of the elements this script adds children to.
RUN_PROPERTIES_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]
TABLE_PROPERTIES_ORDER = [
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
]


def replace_child(parent: OxmlElement, child: OxmlElement, order: Iterable[str] = ()) -> None:
    """Put ``child`` into ``parent`` in its place in ``order``, replacing one of the same tag."""
    for old in parent.findall(child.tag):
        parent.remove(old)
    names = [qn(f"w:{name}") for name in order]
    if child.tag in names:
        later = set(names[names.index(child.tag) + 1 :])
        for index, sibling in enumerate(parent):
            if sibling.tag in later:
                parent.insert(index, child)
                return
    parent.append(child)


def border_set(tag: str, sides: Iterable[str], size: int = 4, color: str = RULE_COLOR):
    borders = element(tag)
    for side in sides:
        borders.append(
            element(f"w:{side}", w_val="single", w_sz=str(size), w_space="0", w_color=color)
        )
    return borders


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


# --------------------------------------------------------------------------- styles


def prune_styles(document: DocumentObject) -> None:
    styles = document.styles.element
    for style in list(styles.findall(qn("w:style"))):
        if style.get(qn("w:styleId")) not in KEPT_BUILTIN_STYLES:
            styles.remove(style)


def set_document_defaults(document: DocumentObject) -> None:
    styles = document.styles.element
    run_defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    replace_child(
        run_defaults,
        element("w:rFonts", w_ascii=FONT, w_hAnsi=FONT, w_eastAsia=FONT, w_cs=FONT),
        RUN_PROPERTIES_ORDER,
    )
    replace_child(
        run_defaults,
        element("w:lang", w_val="de-DE", w_eastAsia="de-DE", w_bidi="ar-SA"),
        RUN_PROPERTIES_ORDER,
    )
    paragraph_defaults = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    replace_child(
        paragraph_defaults, element("w:spacing", w_after="0", w_line="240", w_lineRule="auto")
    )

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.font.color.rgb = TEXT_COLOR
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    normal.paragraph_format.widow_control = True
    for fonts_node in styles.iter(qn("w:rFonts")):
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts_node.attrib.pop(qn(attribute), None)


def paragraph_style(
    document: DocumentObject,
    name: str,
    style_id: str,
    *,
    size: float = 11,
    bold: bool = False,
    italic: bool = False,
    color: RGBColor | None = None,
    before: float = 0,
    after: float = 0,
    line: float = 1.0,
    keep_with_next: bool = False,
    keep_together: bool = False,
    alignment: WD_ALIGN_PARAGRAPH | None = None,
    base: str = "Normal",
) -> BaseStyle:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = style_id
    style.base_style = document.styles[base]
    style.quick_style = True
    font = style.font
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    if color is not None:
        font.color.rgb = color
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = line
    fmt.keep_with_next = keep_with_next
    fmt.keep_together = keep_together
    fmt.widow_control = True
    if alignment is not None:
        fmt.alignment = alignment
    return style


def paragraph_border(style: BaseStyle, side: str, *, space_pt: int = 4, size: int = 6) -> None:
    properties = style.element.get_or_add_pPr()
    borders = border_set("w:pBdr", [side], size=size)
    borders[0].set(qn("w:space"), str(space_pt))
    # pBdr must come before spacing/ind/jc inside pPr.
    properties.insert(0, borders)
    keep = [qn("w:keepNext"), qn("w:keepLines"), qn("w:widowControl")]
    for tag in reversed(keep):
        node = properties.find(tag)
        if node is not None:
            properties.remove(node)
            properties.insert(0, node)


def table_style(
    document: DocumentObject, name: str, style_id: str, *, grid: bool, cell_margin_mm: float
) -> BaseStyle:
    """A table style: the place where an administrator changes lines and cell spacing."""
    style = document.styles.add_style(name, WD_STYLE_TYPE.TABLE)
    style.style_id = style_id
    style.base_style = document.styles["Normal Table"]
    node = style.element
    paragraph_properties = element("w:pPr")
    paragraph_properties.append(element("w:spacing", w_before="0", w_after="0"))
    node.append(paragraph_properties)
    table_properties = element("w:tblPr")
    table_properties.append(element("w:tblInd", w_w="0", w_type="dxa"))
    sides = ["top", "left", "bottom", "right", "insideH", "insideV"]
    if grid:
        table_properties.append(border_set("w:tblBorders", sides))
    else:
        borders = element("w:tblBorders")
        for side in sides:
            borders.append(element(f"w:{side}", w_val="nil"))
        table_properties.append(borders)
    margins = element("w:tblCellMar")
    vertical = str(twips(1.2 if grid else 0))
    horizontal = str(twips(cell_margin_mm))
    margins.append(element("w:top", w_w=vertical, w_type="dxa"))
    margins.append(element("w:left", w_w=horizontal, w_type="dxa"))
    margins.append(element("w:bottom", w_w=vertical, w_type="dxa"))
    margins.append(element("w:right", w_w=horizontal, w_type="dxa"))
    table_properties.append(margins)
    node.append(table_properties)
    return style


def define_styles(document: DocumentObject) -> None:
    left = WD_ALIGN_PARAGRAPH.LEFT
    letterhead = paragraph_style(
        document,
        "Stn Briefkopf",
        "StnBriefkopf",
        size=11,
        bold=True,
        after=24,
        keep_with_next=True,
    )
    paragraph_border(letterhead, "bottom", space_pt=4, size=6)
    paragraph_style(
        document,
        "Stn Titel",
        "StnTitel",
        size=14,
        bold=True,
        after=12,
        line=1.05,
        keep_with_next=True,
        keep_together=True,
    )
    paragraph_style(
        document,
        "Stn Label",
        "StnLabel",
        bold=True,
        before=12,
        after=3,
        keep_with_next=True,
        keep_together=True,
    )
    paragraph_style(document, "Stn Text", "StnText", after=6, line=1.15, alignment=left)
    paragraph_style(
        document,
        "Stn Hinweis",
        "StnHinweis",
        size=10,
        italic=True,
        color=MUTED_COLOR,
        before=12,
        after=6,
        keep_with_next=True,
    )
    paragraph_style(
        document,
        "Stn Überschrift Amt",
        "StnUeberschriftAmt",
        bold=True,
        before=12,
        after=6,
        line=1.15,
        keep_with_next=True,
        keep_together=True,
    )
    paragraph_style(document, "Stn Tabelle", "StnTabelle", line=1.15, keep_with_next=True)
    paragraph_style(
        document,
        "Stn Tabelle Label",
        "StnTabelleLabel",
        bold=True,
        line=1.15,
        keep_with_next=True,
    )
    paragraph_style(
        document,
        "Stn Tabelle Text",
        "StnTabelleText",
        after=6,
        line=1.15,
        keep_with_next=True,
    )
    paragraph_style(
        document,
        "Stn Tabelle Antwort",
        "StnTabelleAntwort",
        bold=True,
        line=1.15,
        keep_with_next=True,
    )
    paragraph_style(
        document,
        "Stn Beschlusspunkt Nummer",
        "StnBeschlusspunktNummer",
        line=1.15,
        after=6,
    )
    paragraph_style(
        document,
        "Stn Beschlusspunkt Text",
        "StnBeschlusspunktText",
        line=1.15,
        after=6,
    )
    paragraph_style(
        document,
        "Stn Unterschrift",
        "StnUnterschrift",
        before=36,
        after=2,
        keep_with_next=True,
        keep_together=True,
    )
    signature_caption = paragraph_style(
        document,
        "Stn Unterschrift Beschriftung",
        "StnUnterschriftBeschriftung",
        size=9,
        color=MUTED_COLOR,
        before=0,
        keep_together=True,
    )
    paragraph_border(signature_caption, "top", space_pt=2, size=4)
    signature_caption.paragraph_format.right_indent = Mm(12)
    paragraph_style(document, "Stn Kopfzeile", "StnKopfzeile", size=10, bold=True)
    paragraph_style(
        document,
        "Stn Fußzeile",
        "StnFusszeile",
        size=9,
        color=MUTED_COLOR,
        alignment=WD_ALIGN_PARAGRAPH.RIGHT,
    )
    paragraph_style(document, "Stn Schluss", "StnSchluss", size=2, line=1.0)

    draft_mark = document.styles.add_style("Stn Entwurf", WD_STYLE_TYPE.CHARACTER)
    draft_mark.style_id = "StnEntwurf"
    draft_mark.font.size = Pt(16)
    draft_mark.font.bold = True
    draft_mark.font.color.rgb = DRAFT_COLOR
    spacing = element("w:spacing", w_val=str(60))
    replace_child(draft_mark.element.get_or_add_rPr(), spacing, RUN_PROPERTIES_ORDER)

    table_style(document, "Stn Tabelle Formular", "StnTabelleFormular", grid=True, cell_margin_mm=2)
    table_style(
        document, "Stn Tabelle ohne Linien", "StnTabelleOhneLinien", grid=False, cell_margin_mm=0
    )


# --------------------------------------------------------------------------- lists and tables

# The structures the program makes from the plain text (stellungnahme_app/text_blocks.py)
# and where Word shows the form's structure: these names are what the export looks for.
LIST_STYLE = "Stn Aufzählung"
LABELLED_STYLE = "Stn Absatz nummeriert"
DATA_TABLE_STYLE = "Stn Tabelle Daten"
BULLET_NUMBERING_ID = "1"
BULLET_TEXT_MM = 6
LABEL_TEXT_MM = 10
# Heading levels (0 = Überschrift 1): Word's navigation pane and the PDF's tags show them.
OUTLINE_LEVELS = {
    "Stn Titel": 0,
    "Stn Label": 1,
    "Stn Tabelle Label": 1,
    "Stn Überschrift Amt": 2,
}
PARAGRAPH_PROPERTIES_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap",
    "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
    "cnfStyle", "rPr", "sectPr", "pPrChange",
)  # fmt: skip
W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BULLET_NUMBERING = f"""<w:numbering xmlns:w="{W_NAMESPACE}">
<w:abstractNum w:abstractNumId="1"><w:nsid w:val="5374AB01"/>
<w:multiLevelType w:val="singleLevel"/><w:name w:val="Stn Aufzählungszeichen"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>
<w:pStyle w:val="StnAufzaehlung"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/>
<w:pPr><w:tabs><w:tab w:val="num" w:pos="{twips(BULLET_TEXT_MM)}"/></w:tabs>
<w:ind w:left="{twips(BULLET_TEXT_MM)}" w:hanging="{twips(BULLET_TEXT_MM)}"/></w:pPr>
<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:hint="default"/></w:rPr>
</w:lvl></w:abstractNum>
<w:num w:numId="{BULLET_NUMBERING_ID}"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""


def set_paragraph_property(style: BaseStyle, child: OxmlElement) -> None:
    replace_child(style.element.get_or_add_pPr(), child, PARAGRAPH_PROPERTIES_ORDER)


def define_bullet_numbering(document: DocumentObject) -> None:
    """The one list definition of the template: a bullet, linked to the list style."""
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(BULLET_NUMBERING.replace("\n", "")):
        numbering.append(child)


def define_list_and_table_styles(document: DocumentObject) -> None:
    """Bullet list, labelled paragraph ("1." as typed, hanging indent) and data table."""
    define_bullet_numbering(document)
    bullets = paragraph_style(document, LIST_STYLE, "StnAufzaehlung", after=6, line=1.15)
    numbering = element("w:numPr")
    numbering.append(element("w:ilvl", w_val="0"))
    numbering.append(element("w:numId", w_val=BULLET_NUMBERING_ID))
    set_paragraph_property(bullets, numbering)
    # No space between the items of a list, the text's space after the last one.
    set_paragraph_property(bullets, element("w:contextualSpacing"))

    labelled = paragraph_style(document, LABELLED_STYLE, "StnAbsatzNummeriert", after=6, line=1.15)
    tabs = element("w:tabs")
    tabs.append(element("w:tab", w_val="left", w_pos=str(twips(LABEL_TEXT_MM))))
    set_paragraph_property(labelled, tabs)
    indent = element("w:ind", w_left=str(twips(LABEL_TEXT_MM)), w_hanging=str(twips(LABEL_TEXT_MM)))
    set_paragraph_property(labelled, indent)

    table_style(document, DATA_TABLE_STYLE, "StnTabelleDaten", grid=True, cell_margin_mm=1.5)
    paragraph_style(document, "Stn Tabelle Kopf", "StnTabelleKopf", size=10, bold=True)
    paragraph_style(document, "Stn Tabelle Zelle", "StnTabelleZelle", size=10)


def mark_heading_levels(document: DocumentObject) -> None:
    for name, level in OUTLINE_LEVELS.items():
        set_paragraph_property(document.styles[name], element("w:outlineLvl", w_val=str(level)))


# --------------------------------------------------------------------------- page layout


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
