"""User text is data: whatever a clerk types or pastes prints exactly as typed, in every field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from docx_readback import Fields, body_texts, header_text, open_docx, read_fields
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stellungnahme_app import attachment_numbers, form, text, text_blocks
from stellungnahme_app.export import document_text, render_docx_bytes
from stellungnahme_app.model import Contribution, Draft, ResolutionPoint, Signature

HOSTILE = {
    "markup": "A & B < C > D \"E\" 'F' </w:t></w:r></w:p> <![CDATA[x]]> &amp;",
    "jinja": "{{ 7*7 }} {% if true %}wahr{% endif %} {# Kommentar #} {%p for x in y %}",
    "docxtpl_escapes": "{_{ a }_} {_% b %_} {{r x }} {%tr y %}",
    "breaks_and_tabs": "Zeile 1\nZeile 2\tnach Tab\n\tTab am Anfang",
    "control_characters": "a\x00b\x07c\x0bd\x0ce\x1bf\x1fg\ufffeh\ud800i\r\nj\u2028k",
    "unicode": "Straße – „Zitat“ … 😀 \u00a0geschützt Ωμέγα",
}


def one_line(value: str) -> str:
    """What a one-line field prints: the cleaned text without surrounding white space."""
    return text.clean(value).strip()


def printed(value: str) -> list[str]:
    """What a text field prints: its paragraphs, list items without marker, cells one by one."""
    return [line for b in text_blocks.blocks(value) for line in text_blocks.printed_lines(b)]


def draft_with(field_setter: Callable[[Draft, str], None], value: str) -> Draft:
    draft = Draft(
        city="Erfurt",
        department="Dezernat 05",
        document_number="0661/24",
        document_title="Titel",
        public=True,
        resolution_points=[ResolutionPoint("01", "Punkt")],
        contributions=[Contribution("Amt", "Stellungnahme des Amts", "Text")],
        conclusion="Fazit",
        attachments=["Anlage"],
        signature=Signature("Name", dt.date(2024, 4, 30)),
    )
    field_setter(draft, value)
    return draft


def _set_point_number(d: Draft, v: str) -> None:
    d.resolution_points[0].number = v


def _set_point_text(d: Draft, v: str) -> None:
    d.resolution_points[0].text = v


def _set_heading(d: Draft, v: str) -> None:
    d.contributions[0].heading = v


def _set_contribution(d: Draft, v: str) -> None:
    d.contributions[0].text = v


def _set_attachment(d: Draft, v: str) -> None:
    d.attachments[0] = v


def _set_name(d: Draft, v: str) -> None:
    d.signature.name = v


# field name → (how to set it, how to read it back, what it must read)
FIELDS: dict[str, tuple[Callable[[Draft, str], None], Callable[[Fields], object], Callable]] = {
    "department": (
        lambda d, v: setattr(d, "department", v),
        lambda f: f.department,
        one_line,
    ),
    "city": (
        lambda d, v: setattr(d, "city", v),
        lambda f: f.heading,
        lambda v: form.document_heading(one_line(v) or "…", "0661/24"),
    ),
    "document_number": (
        lambda d, v: setattr(d, "document_number", v),
        lambda f: f.heading,
        lambda v: form.document_heading("Erfurt", one_line(v) or "…"),
    ),
    "document_title": (
        lambda d, v: setattr(d, "document_title", v),
        lambda f: f.title,
        one_line,
    ),
    "point_number": (_set_point_number, lambda f: f.points[0][0], one_line),
    "point_text": (_set_point_text, lambda f: f.points[0][1], printed),
    "contribution_heading": (
        _set_heading,
        lambda f: [t for k, t in f.contributions if k == "heading"],
        lambda v: [one_line(v)] if one_line(v) else [],
    ),
    "contribution_text": (
        _set_contribution,
        lambda f: [t for k, t in f.contributions if k == "text"],
        printed,
    ),
    "conclusion": (
        lambda d, v: setattr(d, "conclusion", v),
        lambda f: f.conclusion,
        printed,
    ),
    "amendments": (
        lambda d, v: setattr(d, "amended_resolution_points", v),
        lambda f: f.amendments,
        printed,
    ),
    "attachment": (
        _set_attachment,
        lambda f: f.attachments,
        lambda v: attachment_numbers.printed([v]),
    ),
    "signatory": (
        _set_name,
        lambda f: f.signature[0],
        lambda v: form.SIGNATURE_PREFIX + one_line(v) if one_line(v) else "",
    ),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
@pytest.mark.parametrize("field", sorted(FIELDS))
def test_hostile_text_prints_as_typed(field: str, kind: str) -> None:
    setter, reader, expected = FIELDS[field]
    value = HOSTILE[kind]
    document = open_docx(render_docx_bytes(draft_with(setter, value), draft_mode=True))
    assert reader(read_fields(document)) == expected(value)


def test_markup_and_template_code_print_literally() -> None:
    value = "{{ 7*7 }} & <b> {_{ x }_}"
    draft = draft_with(lambda d, v: setattr(d, "document_title", v), value)
    fields = read_fields(open_docx(render_docx_bytes(draft)))
    assert fields.title == "{{ 7*7 }} & <b> {_{ x }_}"


def test_single_newline_is_a_line_break_and_blank_line_a_new_paragraph() -> None:
    draft = draft_with(_set_contribution, "Absatz eins\nzweite Zeile\n\n\n  \nAbsatz zwei\tmit Tab")
    document = open_docx(render_docx_bytes(draft))
    paragraphs = [t for k, t in read_fields(document).contributions if k == "text"]
    assert paragraphs == ["Absatz eins\nzweite Zeile", "Absatz zwei\tmit Tab"]
    body_xml = document.element.body.xml
    assert "<w:br/>" in body_xml
    assert "<w:tab/>" in body_xml


def test_form_feed_and_vertical_tab_become_line_breaks_not_page_breaks() -> None:
    draft = draft_with(lambda d, v: setattr(d, "conclusion", v), "Seite\fumbruch\vZeile\a!")
    document = open_docx(render_docx_bytes(draft))
    assert read_fields(document).conclusion == ["Seite\numbruch\nZeile!"]
    assert 'w:type="page"' not in document.element.body.xml


def test_a_paragraph_of_2000_sentences() -> None:
    sentence = "Dies ist ein Satz mit „Anführungszeichen“ & Sonderzeichen <…>. "
    long_paragraph = sentence * 2000
    draft = draft_with(_set_contribution, long_paragraph)
    fields = read_fields(open_docx(render_docx_bytes(draft)))
    assert [t for k, t in fields.contributions if k == "text"] == [long_paragraph.strip("\n")]


def test_user_text_cannot_mark_a_page_as_draft_or_nonpublic() -> None:
    draft = draft_with(lambda d, v: setattr(d, "document_title", v), "{{ draft_mark }}")
    document = open_docx(render_docx_bytes(draft))
    assert header_text(document).strip() == ""


# --------------------------------------------------------------------------- property


TRICKY = st.sampled_from(
    [
        "\n",
        "\n\n",
        "\t",
        "\r\n",
        "\r",
        "\v",
        "\f",
        "\x00",
        "\x07",
        "\ud800",
        "\ufffe",
        "\u2028",
        "\u2029",
        "{{",
        "}}",
        "{%",
        "%}",
        "{#",
        "{_{",
        "&",
        "<",
        ">",
        '"',
        "'",
        " ",
        "\u00a0",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=8), TRICKY), max_size=12).map("".join)


@st.composite
def drafts(draw: st.DrawFn) -> Draft:
    return Draft(
        city=draw(TEXT),
        department=draw(TEXT),
        document_number=draw(TEXT),
        document_title=draw(TEXT),
        public=draw(st.sampled_from([True, False, None])),
        resolution_points=draw(
            st.lists(st.builds(ResolutionPoint, number=TEXT, text=TEXT), max_size=3)
        ),
        contributions=draw(
            st.lists(st.builds(Contribution, office=TEXT, heading=TEXT, text=TEXT), max_size=3)
        ),
        conclusion=draw(TEXT),
        amended_resolution_points=draw(TEXT),
        attachments=draw(st.lists(TEXT, max_size=3)),
        signature=Signature(draw(TEXT), draw(st.none() | st.dates())),
    )


def expected_contributions(draft: Draft) -> list[tuple[str, str]]:
    result: list[tuple[str, str]] = []
    for contribution in draft.contributions:
        if one_line(contribution.heading):
            result.append(("heading", one_line(contribution.heading)))
        result += [("text", p) for p in printed(contribution.text)]
    return result


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(draft=drafts())
def test_any_draft_renders_and_reads_back_as_cleaned_input(draft: Draft) -> None:
    document = open_docx(render_docx_bytes(draft, draft_mode=True))
    fields = read_fields(document)
    assert fields.department == one_line(draft.department)
    assert fields.heading == form.document_heading(
        one_line(draft.city) or "…", one_line(draft.document_number) or "…"
    )
    assert fields.title == one_line(draft.document_title)
    assert (
        fields.public_status
        == {True: "öffentlich", False: "nichtöffentlich", None: ""}[draft.public]
    )
    assert fields.points == [(one_line(p.number), printed(p.text)) for p in draft.resolution_points]
    assert fields.contributions == expected_contributions(draft)
    assert fields.conclusion == printed(draft.conclusion)
    assert fields.amendments == printed(draft.amended_resolution_points)
    assert fields.attachments == attachment_numbers.printed(draft.attachments)
    name = one_line(draft.signature.name)
    date = draft.signature.date
    assert fields.signature == [
        form.SIGNATURE_PREFIX + name if name else "",
        f"{date.day:02d}.{date.month:02d}.{date.year:04d}" if date else "",
    ]
    assert document_text(draft) == body_texts(document)
    marks = set(header_text(document).split())
    assert marks == {"ENTWURF"} | ({"Nichtöffentlich"} if draft.public is False else set())
