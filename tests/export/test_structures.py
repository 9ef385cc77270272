"""Lists, labelled items and tables of the draft's text as real Word structures, read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx_readback import body_texts, open_docx, read_fields
from test_word_validity import assert_valid

from stellungnahme_app.export import bundled_template, document_text, render_docx_bytes
from stellungnahme_app.export.structures import (
    LABELLED_STYLE,
    LIST_STYLE,
    STRUCTURE_STYLES,
    column_widths,
)
from stellungnahme_app.model import Contribution, Draft, ResolutionPoint, Signature
from stellungnahme_app.text_blocks import Table

COSTS = (
    "Posten\tAnzahl\tBetrag\n"
    "Dachsanierung\t1\t120.000,00 €\n"
    "Fenster (Austausch, doppelt verglast)\t48\t86.400,00 €\n"
    "Summe\t\t206.400,00 €"
)
STEPS = "Wir schlagen vor:\n- Fördermittel prüfen\n– Fenster verschieben\n• Bericht\n  bis Juni"


def draft_with_text(text: str, **fields: object) -> Draft:
    draft = Draft(
        city="Erfurt",
        department="Dezernat 02",
        document_number="0815/24",
        document_title="Turnhalle",
        public=True,
        resolution_points=[ResolutionPoint("01", "Punkt")],
        contributions=[Contribution("Kämmerei", "Stellungnahme der Kämmerei", text)],
        conclusion="Fazit",
        signature=Signature("Name", dt.date(2024, 4, 30)),
    )
    for name, value in fields.items():
        setattr(draft, name, value)
    return draft


def rendered(draft: Draft, template: Path | None = None) -> DocumentObject:
    return open_docx(render_docx_bytes(draft, draft_mode=True, template=template))


def body_paragraphs(document: DocumentObject, style: str) -> list[Paragraph]:
    return [p for p in document.paragraphs if p.style.name == style]


def data_tables(document: DocumentObject) -> list:
    return [
        t for t in document.element.body.iter(qn("w:tbl")) if _table_style(t) == "StnTabelleDaten"
    ]


def _table_style(table) -> str:
    style = table.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
    return style.get(qn("w:val")) if style is not None else ""


def numbering_of_style(document: DocumentObject, name: str) -> str | None:
    properties = document.styles[name].element.pPr
    found = properties.find(f"{qn('w:numPr')}/{qn('w:numId')}") if properties is not None else None
    return found.get(qn("w:val")) if found is not None else None


# --------------------------------------------------------------------------- lists


def test_bullet_items_are_list_paragraphs_without_their_marker() -> None:
    document = rendered(draft_with_text(STEPS))
    items = body_paragraphs(document, LIST_STYLE)
    assert [p.text for p in items] == [
        "Fördermittel prüfen",
        "Fenster verschieben",
        "Bericht\nbis Juni",
    ]
    number = numbering_of_style(document, LIST_STYLE)
    assert number is not None
    level = document.part.numbering_part.element.xpath(
        f'//w:abstractNum[@w:abstractNumId=//w:num[@w:numId="{number}"]/w:abstractNumId/@w:val]'
        '/w:lvl[@w:ilvl="0"]'
    )[0]
    assert level.find(qn("w:numFmt")).get(qn("w:val")) == "bullet"
    assert "Wir schlagen vor:" in [p.text for p in body_paragraphs(document, "Stn Text")]


def test_labelled_items_keep_their_label_with_a_hanging_indent() -> None:
    document = rendered(draft_with_text("3. Drei zuerst\n1) Dann eins\na) Buchstabe"))
    items = body_paragraphs(document, LABELLED_STYLE)
    assert [p.text for p in items] == ["3.\tDrei zuerst", "1)\tDann eins", "a)\tBuchstabe"]
    indent = document.styles[LABELLED_STYLE].paragraph_format
    assert indent.first_line_indent < 0 < indent.left_indent
    assert all(p._p.pPr.numPr is None for p in items)


def test_a_list_in_a_table_cell_keeps_the_cells_own_properties() -> None:
    draft = draft_with_text("Text", amended_resolution_points="Neu:\n- eins\n- zwei")
    document = rendered(draft)
    assert read_fields(document).amendments == ["Neu:", "eins", "zwei"]
    items = [
        Paragraph(p, None)
        for p in document.element.body.iter(qn("w:p"))
        if Paragraph(p, None).text in ("eins", "zwei")
    ]
    for item in items:
        assert item._p.pPr.pStyle.val == "StnAufzaehlung"
        assert item._p.pPr.keepNext is not None  # as the template's cell paragraph


# --------------------------------------------------------------------------- tables


def test_a_tab_block_is_a_table_with_header_row_and_right_aligned_numbers() -> None:
    document = rendered(draft_with_text("Die Kosten:\n\n" + COSTS + "\n\nSoweit die Kosten."))
    [table] = data_tables(document)
    rows = table.findall(qn("w:tr"))
    cells = [
        [Paragraph(tc.find(qn("w:p")), None).text for tc in tr.findall(qn("w:tc"))] for tr in rows
    ]
    assert cells == [line.split("\t") for line in COSTS.split("\n")]
    assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert all(r.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None for r in rows[1:])
    header_styles = {
        tc.find(f".//{qn('w:pStyle')}").get(qn("w:val")) for tc in rows[0].findall(qn("w:tc"))
    }
    assert header_styles == {"StnTabelleKopf"}
    assert document.styles["Stn Tabelle Kopf"].font.bold is True

    def alignment(row: int, column: int) -> str | None:
        cell = rows[row].findall(qn("w:tc"))[column]
        jc = cell.find(f".//{qn('w:jc')}")
        return jc.get(qn("w:val")) if jc is not None else None

    assert [alignment(1, c) for c in range(3)] == [None, "right", "right"]
    assert alignment(0, 2) == "right"
    text = body_texts(document)
    assert text.index("Die Kosten:") < text.index("Posten") < text.index("Soweit die Kosten.")


def test_columns_are_sized_to_their_content_within_the_text_width() -> None:
    table = Table((("Posten", "Betrag"), ("Fenster (Austausch, doppelt verglast)", "86.400,00 €")))
    narrow = column_widths(Table((("a", "b"), ("c", "d"))), 9355)
    wide = column_widths(table, 9355)
    assert sum(narrow) < sum(wide) <= 9355
    assert wide[0] > 2 * wide[1]
    huge = Table((("Kopf " * 50, "x"), ("Wort " * 80, "y")))
    assert sum(column_widths(huge, 9355)) <= 9355


def column_widths_in(document: DocumentObject) -> list[int]:
    [table] = data_tables(document)
    return [int(col.get(qn("w:w"))) for col in table.find(qn("w:tblGrid"))]


def test_a_table_in_a_resolution_point_fits_its_cell() -> None:
    wide_table = "\t".join(["Spalte mit viel Text"] * 6) + "\n" + "\t".join(["1.000"] * 6)
    draft = draft_with_text("Text")
    draft.resolution_points = [ResolutionPoint("01", "Kosten:\n\n" + wide_table)]
    document = rendered(draft)
    assert sum(column_widths_in(document)) <= 9355 - 794  # the text column of the points
    assert read_fields(document).points == [
        ("01", ["Kosten:", *(["Spalte mit viel Text"] * 6), *(["1.000"] * 6)])
    ]
    assert_valid(render_docx_bytes(draft, draft_mode=True))


def test_two_tables_in_a_row_stay_two_and_every_document_is_valid_for_word() -> None:
    text = f"{COSTS}\n\n{COSTS}\n\n{STEPS}\n\n1. eins\n2. zwei"
    draft = draft_with_text(text, conclusion=text, amended_resolution_points=text)
    draft.resolution_points[0].text = text
    data = render_docx_bytes(draft, draft_mode=True)
    assert_valid(data)
    assert len(data_tables(open_docx(data))) == 8
    assert document_text(draft) == body_texts(open_docx(data))


# --------------------------------------------------------------------------- user text is data

HOSTILE = "<b>fett</b> & {{ 7*7 }} {%p if x %} {_{ y }_} \x07\x1b\ufffe}}"


def test_hostile_text_in_items_and_cells_prints_literally() -> None:
    text = f"- {HOSTILE}\n- zwei\n\n1. {HOSTILE}\n\nKopf {HOSTILE}\tB\n{HOSTILE}\t2"
    document = rendered(draft_with_text(text))
    literal = "<b>fett</b> & {{ 7*7 }} {%p if x %} {_{ y }_} }}"
    texts = [t for kind, t in read_fields(document).contributions if kind == "text"]
    assert texts == [literal, "zwei", f"1.\t{literal}", f"Kopf {literal}", "B", literal, "2"]


def test_no_marker_of_the_layout_is_left_in_any_part() -> None:
    data = render_docx_bytes(draft_with_text(f"{STEPS}\n\n{COSTS}"), draft_mode=True)
    for root in __import__("test_word_validity").word_parts(data).values():
        assert not any(ch in "".join(root.itertext()) for ch in "\ue000\ue001\ue002\ue003")


def test_text_shaped_like_the_markers_stays_text() -> None:
    lookalike = "\ue000deadbeefdeadbeef.1\ue001x\ue002deadbeefdeadbeef\ue003"
    document = rendered(draft_with_text(f"- {lookalike}\n\n{lookalike}"))
    texts = [t for kind, t in read_fields(document).contributions if kind == "text"]
    assert texts == [lookalike, lookalike]


# --------------------------------------------------------------------------- other templates


def template_without(tmp_path: Path, *names: str) -> Path:
    document = Document(str(bundled_template()))
    styles = document.styles.element
    for style in list(styles.findall(qn("w:style"))):
        name = style.find(qn("w:name"))
        if name is not None and name.get(qn("w:val")) in names:
            styles.remove(style)
    path = tmp_path / "ohne.docx"
    document.save(str(path))
    return path


def test_without_the_styles_lists_and_tables_still_print_correctly(tmp_path: Path) -> None:
    template = template_without(tmp_path, *STRUCTURE_STYLES)
    document = rendered(draft_with_text(f"{STEPS}\n\n1. eins\n\n{COSTS}"), template)
    texts = [t for kind, t in read_fields(document).contributions if kind == "text"]
    assert texts[:6] == [
        "Wir schlagen vor:",
        "•\tFördermittel prüfen",
        "•\tFenster verschieben",
        "•\tBericht\nbis Juni",
        "1.\teins",
        "Posten",
    ]
    bullet = next(p for p in document.paragraphs if p.text.startswith("•"))
    assert bullet.paragraph_format.first_line_indent < 0 < bullet.paragraph_format.left_indent
    table = document.element.body.find(f".//{qn('w:tbl')}/{qn('w:tblPr')}/{qn('w:tblBorders')}")
    assert table is not None
    header = next(
        t
        for t in document.element.body.iter(qn("w:tbl"))
        if t.find(f".//{qn('w:tblHeader')}") is not None
    )
    assert header.find(f".//{qn('w:tr')}//{qn('w:b')}") is not None
    # set in the size the columns were measured for, so no word of a cell breaks
    sizes = {node.get(qn("w:val")) for node in header.iter(qn("w:sz"))}
    assert sizes == {"20"}
    assert_valid(render_docx_bytes(draft_with_text(COSTS), draft_mode=True, template=template))


def test_a_template_that_prints_a_block_inside_other_text_prints_its_plain_text(
    tmp_path: Path,
) -> None:
    from test_template_check import template_with

    template = template_with(tmp_path, {"{{ paragraph }}": "» {{ paragraph }}"})
    document = rendered(draft_with_text("- eins\n- zwei", conclusion="a\tb\nc\td"), template)
    texts = body_texts(document)
    assert "» – eins\n– zwei" in texts
    assert "» a\tb\nc\td" in texts


@pytest.mark.parametrize("field", ["conclusion", "amended_resolution_points"])
def test_attachments_numbered_once_next_to_any_text(field: str) -> None:
    draft = draft_with_text("Text", attachments=["Anlage 1 – Kosten", "Lageplan"])
    setattr(draft, field, "- Punkt")
    assert read_fields(rendered(draft)).attachments == ["Anlage 1 – Kosten", "Anlage 2 – Lageplan"]


# --------------------------------------------------------------------------- the form's structure


def test_the_form_s_headings_and_labels_are_outline_levels_and_the_language_is_german(
    reference_draft: Draft,
) -> None:
    document = open_docx(render_docx_bytes(reference_draft))

    def level(style: str) -> int | None:
        found = document.styles[style].element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        return int(found.get(qn("w:val"))) if found is not None else None

    assert level("Stn Titel") == 0
    assert level("Stn Label") == level("Stn Tabelle Label") == 1
    assert level("Stn Überschrift Amt") == 2
    assert level("Stn Text") is None and level(LIST_STYLE) is None
    headings = [p.text for p in document.paragraphs if p.style.name == "Stn Überschrift Amt"]
    assert headings == [c.heading for c in reference_draft.contributions]
    defaults = document.styles.element.find(f"{qn('w:docDefaults')}//{qn('w:lang')}")
    assert defaults.get(qn("w:val")) == "de-DE"
    assert document.core_properties.language == "de-DE"
    assert document.core_properties.title.startswith("Stellungnahme zur Drucksache 0661/24")
