"""Properties of the lists and tables in the export: any plain text prints, word for word.

Whatever a clerk types, the export never fails, and the document's text – markers removed,
cells read one after the other – is the input's words in their order.
"""

from __future__ import annotations

import datetime as dt
import functools

from docx_readback import open_docx, read_fields
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stellungnahme_app import text
from stellungnahme_app.export import render_docx_bytes
from stellungnahme_app.export.structures import LABELLED_STYLE, LIST_STYLE
from stellungnahme_app.model import Contribution, Draft, ResolutionPoint, Signature

WORD = st.from_regex(r"[A-Za-zÄÖÜäöüß][A-Za-zäöüß0-9&<>{}%'\"€.,;:()]{0,7}", fullmatch=True)
WORDS = st.lists(WORD, min_size=1, max_size=5)
CELL = st.one_of(
    st.just(""), WORDS.map(" ".join), st.from_regex(r"-?\d{1,3}(\.\d{3})*,\d\d €?", fullmatch=True)
)
MARKER = st.sampled_from(["- ", "– ", "• "])
LABEL = st.sampled_from(["1.", "2)", "a)", "10.", "B)"])


@st.composite
def blocks_of_text(draw: st.DrawFn) -> tuple[str, list[str], int, int, int]:
    """(text, its words as printed, bullet items, labelled items, tables)."""
    chunks: list[str] = []
    words: list[str] = []
    bullets = labelled = tables = 0
    for kind in draw(st.lists(st.sampled_from("pblt"), min_size=1, max_size=5)):
        if kind == "p":
            lines = draw(st.lists(WORDS, min_size=1, max_size=3))
            chunks.append("\n".join(" ".join(line) for line in lines))
            words += [w for line in lines for w in line]
        elif kind == "b":
            items = draw(st.lists(WORDS, min_size=1, max_size=4))
            chunks.append("\n".join(draw(MARKER) + " ".join(item) for item in items))
            words += [w for item in items for w in item]
            bullets += len(items)
        elif kind == "l":
            label, item = draw(LABEL), draw(WORDS)
            chunks.append(f"{label} {' '.join(item)}")
            words += [label, *item]
            labelled += 1
        else:
            columns = draw(st.integers(2, 5))
            rows = draw(
                st.lists(st.lists(CELL, min_size=columns, max_size=columns), min_size=2, max_size=5)
            )
            # An empty first or last row would count as a blank line around the table.
            rows[0][0] = rows[0][0] or draw(WORD)
            rows[-1][0] = rows[-1][0] or draw(WORD)
            chunks.append("\n".join("\t".join(row) for row in rows))
            words += [w for row in rows for cell in row for w in cell.split()]
            tables += 1
    return "\n\n".join(chunks), words, bullets, labelled, tables


def draft_with(value: str) -> Draft:
    return Draft(
        city="Erfurt",
        department="Dezernat 02",
        document_number="0815/24",
        document_title="Titel",
        public=True,
        resolution_points=[ResolutionPoint("01", value)],
        contributions=[Contribution("Amt", "Stellungnahme des Amts", value)],
        conclusion="Fazit",
        amended_resolution_points=value,
        signature=Signature("Name", dt.date(2024, 4, 30)),
    )


def printed_words(paragraphs: list[str]) -> list[str]:
    return " ".join(paragraphs).split()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks_of_text())
def test_structured_text_prints_its_words_in_order_in_real_structures(
    case: tuple[str, list[str], int, int, int],
) -> None:
    value, words, bullets, labelled, tables = case
    document = open_docx(render_docx_bytes(draft_with(value), draft_mode=True))
    fields = read_fields(document)
    contribution = [t for kind, t in fields.contributions if kind == "text"]
    assert printed_words(contribution) == words
    assert printed_words(fields.amendments) == words
    assert printed_words(fields.points[0][1]) == words
    styles = [p.style.name for p in document.paragraphs]
    assert styles.count(LIST_STYLE) == bullets
    assert styles.count(LABELLED_STYLE) == labelled
    data_tables = [t for t in document.tables if t.style.name == "Stn Tabelle Daten"]
    assert len(data_tables) == tables


TRICKY = st.sampled_from(
    ["\n", "\n\n", "\t", "\r\n", "- ", "– ", "• ", "1. ", "a) ", "  ", "{{", "}}", "{%p", "<w:p>",
     "&", "\x07", "\ufffe", "\u2028", "\ue000", "\ue003", "-", "•\t"]
)  # fmt: skip
ANY_TEXT = st.lists(st.one_of(st.text(max_size=6), TRICKY), max_size=20).map("".join)
MARKERS = frozenset({"-", "–", "•"})


def may_drop(tokens_by_line: list[list[str]]) -> list[tuple[str, bool]]:
    """Every token of the input with whether the export may leave it out (a line's marker)."""
    return [
        (token, position == 0 and token in MARKERS)
        for line in tokens_by_line
        for position, token in enumerate(line)
    ]


def printed_by_dropping_markers(source: list[tuple[str, bool]], printed: list[str]) -> bool:
    """True when ``printed`` is ``source`` with some of the droppable markers left out."""

    @functools.cache
    def fits(i: int, j: int) -> bool:
        if i == len(source):
            return j == len(printed)
        token, droppable = source[i]
        if j < len(printed) and token == printed[j] and fits(i + 1, j + 1):
            return True
        return droppable and fits(i + 1, j)

    return fits(0, 0)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_any_plain_text_exports_and_keeps_its_words_in_order(value: str) -> None:
    document = open_docx(render_docx_bytes(draft_with(value), draft_mode=True))
    fields = read_fields(document)
    source = may_drop([line.split() for line in text.clean(value).split("\n")])
    for printed in (
        [t for kind, t in fields.contributions if kind == "text"],
        fields.amendments,
        fields.points[0][1],
    ):
        assert printed_by_dropping_markers(source, printed_words(printed)), printed
