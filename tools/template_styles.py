"""Styles and OOXML helpers of the Word template that ``tools/build_template.py`` writes.

The look of the Stellungnahme lives in named styles ("Stn Titel", "Stn Label", "Stn Text",
the list and table styles …) so that an administrator restyles one style in Word and every
place that uses it changes. This module defines them and the small XML helpers they need;
``build_template.py`` lays out the page, header, footer and body with them.
"""

from __future__ import annotations

from collections.abc import Iterable

from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle

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
