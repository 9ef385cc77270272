"""The rendered .docx, read back with python-docx: content, layout, header/footer, properties."""

from __future__ import annotations

import datetime as dt

import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx_readback import (
    blocks,
    body_texts,
    footer_xml,
    header_text,
    open_docx,
    read_fields,
    reference_tokens,
    table_cells,
    tokens,
)

from stellungnahme_app import form
from stellungnahme_app.export import document_text, render_docx_bytes
from stellungnahme_app.model import Draft


@pytest.fixture
def reference_docx(reference_draft: Draft):
    return open_docx(render_docx_bytes(reference_draft))


# --------------------------------------------------------------------------- content


def test_reference_body_reproduces_the_published_text_token_for_token(
    reference_docx, reference_text: str
) -> None:
    assert tokens(body_texts(reference_docx)) == reference_tokens(reference_text)


def test_reference_has_nothing_in_the_page_header(reference_docx) -> None:
    assert header_text(reference_docx).strip() == ""


def test_document_text_agrees_with_the_docx(reference_draft: Draft, reference_docx) -> None:
    assert document_text(reference_draft) == body_texts(reference_docx)


def test_document_text_agrees_for_a_nonpublic_draft_with_amendments_and_attachments(
    reference_draft: Draft,
) -> None:
    reference_draft.public = False
    reference_draft.amended_resolution_points = "Neu 01\n\nNeu 02 mit\nUmbruch"
    reference_draft.attachments = ["Anlage 1: Karte", "  ", "Anlage 2"]
    reference_draft.contributions[1].heading = ""
    document = open_docx(render_docx_bytes(reference_draft, draft_mode=True))
    assert document_text(reference_draft) == body_texts(document)


def test_reference_fields_are_printed_in_their_places(reference_docx) -> None:
    fields = read_fields(reference_docx)
    assert fields.department == "Dezernat für Soziales, Bildung, Jugend und Gesundheit"
    assert fields.heading == "Stellungnahme der Stadtverwaltung Erfurt zur Drucksache 0661/24"
    assert fields.title == "Arbeitskreis Segregation"
    assert fields.public_status == "öffentlich"
    assert fields.answers == [
        [form.ASSESSMENT_QUESTIONS["legal"], "Ja."],
        [form.ASSESSMENT_QUESTIONS["resources"], "Nein."],
        [form.ASSESSMENT_QUESTIONS["financial"], "Nein."],
    ]
    assert [number for number, _ in fields.points] == ["01", "02", "03"]
    headings = [text for kind, text in fields.contributions if kind == "heading"]
    assert headings == [
        "Stellungnahme des Amts für Soziales",
        "Stellungnahme des Amts für Stadtentwicklung und Stadtplanung",
    ]
    assert len(fields.contributions) == 2 + 4 + 4
    assert fields.conclusion[0].startswith("Aus Sicht der Stadtverwaltung sollte")
    assert fields.amendments == []
    assert fields.attachments == []
    assert fields.signature == ["gez. Anke Hofmann-Domke", "30.04.2024"]
    assert fields.signature_labels == ["Unterschrift Beigeordneter", "Datum"]


def test_empty_amendments_and_attachments_print_only_their_labels(reference_docx) -> None:
    closing = [b.table for b in blocks(reference_docx) if b.table is not None][2]
    assert table_cells(closing) == [[[form.LABEL_AMENDMENTS], []], [[form.LABEL_ATTACHMENTS], []]]


def test_amendments_and_attachments_print_beside_their_labels(reference_draft: Draft) -> None:
    reference_draft.amended_resolution_points = "01 neu: Text.\n\n02 entfällt."
    reference_draft.attachments = ["Anlage 1 – Lageplan", "Anlage 2 – Kostenübersicht"]
    fields = read_fields(open_docx(render_docx_bytes(reference_draft)))
    assert fields.amendments == ["01 neu: Text.", "02 entfällt."]
    assert fields.attachments == ["Anlage 1 – Lageplan", "Anlage 2 – Kostenübersicht"]


def test_an_empty_draft_renders_in_draft_mode() -> None:
    document = open_docx(render_docx_bytes(Draft(), draft_mode=True))
    fields = read_fields(document)
    assert fields.heading == "Stellungnahme der Stadtverwaltung … zur Drucksache …"
    assert fields.points == []
    assert fields.contributions == []
    assert fields.signature == ["", ""]
    assert fields.answers == [[q, ""] for q in form.ASSESSMENT_QUESTIONS.values()]
    assert "ENTWURF" in header_text(document)


# --------------------------------------------------------------------------- layout


def test_page_is_a4_portrait_with_din_5008_margins(reference_docx) -> None:
    assert len(reference_docx.sections) == 1
    section = reference_docx.sections[0]
    tolerance = Mm(0.1)
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert abs(section.page_width - Mm(210)) < tolerance
    assert abs(section.page_height - Mm(297)) < tolerance
    assert abs(section.left_margin - Mm(25)) < tolerance
    assert abs(section.right_margin - Mm(20)) < tolerance
    assert section.top_margin >= Mm(20) - tolerance
    assert section.bottom_margin >= Mm(20) - tolerance


def test_text_is_arial_11_pt(reference_docx) -> None:
    normal = reference_docx.styles["Normal"]
    assert normal.font.name == "Arial"
    assert normal.font.size == Pt(11)
    defaults = reference_docx.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Arial"}
    text_style = reference_docx.styles["Stn Text"]
    assert text_style.font.name == "Arial"
    assert text_style.font.size == Pt(11)


def test_title_is_bold_and_larger(reference_docx) -> None:
    title = blocks(reference_docx)[1].paragraph
    assert title.style.name == "Stn Titel"
    assert title.style.font.bold
    assert title.style.font.size > Pt(11)


@pytest.mark.parametrize(
    "label",
    [
        form.LABEL_DOCUMENT_TITLE,
        form.LABEL_PUBLIC_STATUS,
        form.LABEL_STATEMENT,
        form.LABEL_CONCLUSION,
    ],
)
def test_labels_are_bold_and_kept_with_the_next_paragraph(reference_docx, label: str) -> None:
    paragraph = next(b.paragraph for b in blocks(reference_docx) if b.text == label)
    assert paragraph.style.name == "Stn Label"
    assert paragraph.style.font.bold
    assert paragraph.style.paragraph_format.keep_with_next


def test_office_headings_are_bold_and_kept_with_their_text(reference_docx) -> None:
    headings = [b.paragraph for b in blocks(reference_docx) if b.style == "Stn Überschrift Amt"]
    assert [h.text for h in headings] == [
        "Stellungnahme des Amts für Soziales",
        "Stellungnahme des Amts für Stadtentwicklung und Stadtplanung",
    ]
    for heading in headings:
        assert heading.style.font.bold
        assert heading.style.paragraph_format.keep_with_next
        assert heading.style.paragraph_format.widow_control


def test_labels_in_the_closing_table_are_bold(reference_docx) -> None:
    closing = [b.table for b in blocks(reference_docx) if b.table is not None][2]
    for row in closing.rows:
        label = row.cells[0].paragraphs[0]
        assert label.style.font.bold


def test_tables_questions_points_closing_and_signature(reference_docx) -> None:
    tables = [b.table for b in blocks(reference_docx) if b.table is not None]
    assert len(tables) == 4
    questions, points, closing, signature = tables
    assert [len(t.columns) for t in tables] == [2, 2, 2, 2]
    assert table_cells(questions) == [
        [[form.ASSESSMENT_QUESTIONS["legal"]], ["Ja."]],
        [[form.ASSESSMENT_QUESTIONS["resources"]], ["Nein."]],
        [[form.ASSESSMENT_QUESTIONS["financial"]], ["Nein."]],
    ]
    assert [row[0] for row in table_cells(points)] == [["01"], ["02"], ["03"]]
    assert len(closing.rows) == 2
    assert table_cells(signature) == [
        [["gez. Anke Hofmann-Domke"], ["30.04.2024"]],
        [["Unterschrift Beigeordneter"], ["Datum"]],
    ]
    # The number stands beside its text: a narrow first column.
    assert points.columns[0].width < points.columns[1].width / 5


def test_signature_block_is_kept_together_with_what_precedes_it(reference_docx) -> None:
    tables = [b.table for b in blocks(reference_docx) if b.table is not None]
    closing, signature = tables[2], tables[3]
    for table in (closing,):
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    assert paragraph.paragraph_format.keep_with_next
    for cell in signature.rows[0].cells:
        assert cell.paragraphs[0].paragraph_format.keep_with_next
    assert signature.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_footer_has_page_x_of_y_as_word_fields(reference_docx) -> None:
    xml = footer_xml(reference_docx)
    instructions = [
        node.text.split()[0]
        for node in reference_docx.sections[0].footer._element.iter(qn("w:instrText"))
    ]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert xml.count('w:fldCharType="begin"') == 2
    assert xml.count('w:fldCharType="end"') == 2
    text = "".join(p.text for p in reference_docx.sections[0].footer.paragraphs)
    assert text.startswith("Seite ") and " von " in text


def test_header_is_the_same_on_every_page(reference_docx) -> None:
    section = reference_docx.sections[0]
    assert not section.different_first_page_header_footer
    assert reference_docx.settings.element.find(qn("w:evenAndOddHeaders")) is None
    assert not section.header.is_linked_to_previous


@pytest.mark.parametrize(
    ("public", "draft_mode", "expected"),
    [
        (True, False, set()),
        (True, True, {"ENTWURF"}),
        (False, False, {"Nichtöffentlich"}),
        (False, True, {"ENTWURF", "Nichtöffentlich"}),
    ],
)
def test_header_marks_drafts_and_nonpublic_documents(
    reference_draft: Draft, public: bool, draft_mode: bool, expected: set[str]
) -> None:
    reference_draft.public = public
    document = open_docx(render_docx_bytes(reference_draft, draft_mode=draft_mode))
    assert set(header_text(document).split()) == expected
    fields = read_fields(document)
    assert fields.public_status == ("öffentlich" if public else "nichtöffentlich")


def test_named_styles_are_used_throughout(reference_docx) -> None:
    styles = {b.style for b in blocks(reference_docx)}
    assert {"Stn Briefkopf", "Stn Titel", "Stn Label", "Stn Text", "Stn Hinweis"} <= styles
    assert "Normal" not in styles


# --------------------------------------------------------------------------- properties


def test_document_properties(reference_draft: Draft) -> None:
    created = dt.datetime(2024, 4, 30, 9, 15, tzinfo=dt.UTC)
    document = open_docx(render_docx_bytes(reference_draft, created=created))
    properties = document.core_properties
    assert properties.title == "Stellungnahme zur Drucksache 0661/24 – Arbeitskreis Segregation"
    assert properties.author == "Anke Hofmann-Domke"
    assert properties.created == created
    assert properties.language == "de-DE"


def test_author_is_the_department_without_a_signatory(reference_draft: Draft) -> None:
    reference_draft.signature.name = ""
    document = open_docx(render_docx_bytes(reference_draft, draft_mode=True))
    assert document.core_properties.author == reference_draft.department


def test_created_defaults_to_now(reference_draft: Draft) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    document = open_docx(render_docx_bytes(reference_draft))
    after = dt.datetime.now(dt.UTC)
    assert before <= document.core_properties.created <= after


def test_properties_of_hostile_and_huge_titles_are_valid(reference_draft: Draft) -> None:
    reference_draft.document_title = "{{ x }} <&>\x00\n" + "Satz. " * 2000
    document = open_docx(render_docx_bytes(reference_draft))
    title = document.core_properties.title
    assert title.startswith("Stellungnahme zur Drucksache 0661/24 – {{ x }} <&> Satz.")
    assert len(title) <= 255
