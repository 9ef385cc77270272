"""The conventions on plain text: paragraphs, bullet lists, labelled items, tab tables."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from stellungnahme_app import text
from stellungnahme_app.text_blocks import (
    BulletList,
    LabelledItem,
    Paragraph,
    Table,
    blocks,
    looks_like_number,
    printed_lines,
    toggle_bullets,
)


def test_plain_paragraphs_stay_exactly_as_before() -> None:
    source = "Erster Absatz\nmit Umbruch.\n\nZweiter\tAbsatz mit Tab.\n\n\n  Eingerückt."
    assert blocks(source) == [Paragraph(p) for p in text.paragraphs(source)]


def test_consecutive_bullet_lines_form_one_list_with_every_marker() -> None:
    source = "Folgende Schritte:\n- Antrag prüfen\n– Kosten schätzen\n• Bericht\nDanach weiter."
    assert blocks(source) == [
        Paragraph("Folgende Schritte:"),
        BulletList(("Antrag prüfen", "Kosten schätzen", "Bericht")),
        Paragraph("Danach weiter."),
    ]


def test_lists_separated_by_a_blank_line_are_two_lists() -> None:
    assert blocks("- a\n- b\n\n- c") == [BulletList(("a", "b")), BulletList(("c",))]


def test_a_hyphen_without_space_or_text_is_no_bullet() -> None:
    source = "-5 Grad\n-\n- \n--- Trenner"
    assert blocks(source) == [Paragraph(source)]


def test_an_indented_line_continues_the_item() -> None:
    assert blocks("- erster Punkt\n  geht weiter\n- zweiter") == [
        BulletList(("erster Punkt\ngeht weiter", "zweiter"))
    ]
    assert blocks("1. Punkt\n   weiter") == [LabelledItem("1.", "Punkt\nweiter")]


def test_labels_are_kept_as_typed_and_never_renumbered() -> None:
    assert blocks("3. Drei\n1) Eins\na) Buchstabe\nB) Groß") == [
        LabelledItem("3.", "Drei"),
        LabelledItem("1)", "Eins"),
        LabelledItem("a)", "Buchstabe"),
        LabelledItem("B)", "Groß"),
    ]


def test_numbers_that_are_no_labels() -> None:
    source = "1.000 Euro wurden bewilligt.\n10.15 Uhr\n2024 begann es.\nz. B. so"
    assert blocks(source) == [Paragraph(source)]


def test_a_block_of_lines_with_equal_tabs_is_a_table_with_trimmed_cells() -> None:
    source = "Posten\tBetrag\nPersonal\t 12.000,00 €\nSachmittel\t3.500,00 €"
    assert blocks(source) == [
        Table((("Posten", "Betrag"), ("Personal", "12.000,00 €"), ("Sachmittel", "3.500,00 €")))
    ]


def test_an_empty_row_inside_a_pasted_table_stays_a_row() -> None:
    assert blocks("a\tb\n\t\n\t\nc\td\n\nWeiter") == [
        Table((("a", "b"), ("", ""), ("", ""), ("c", "d"))),
        Paragraph("Weiter"),
    ]
    # A tab-only line between text that is no table still separates paragraphs.
    assert blocks("a\tb\n\t\nc") == [Paragraph("a\tb"), Paragraph("c")]
    assert blocks("Eins\n\t\nZwei") == [Paragraph("Eins"), Paragraph("Zwei")]


@given(st.text(alphabet="ab \t\n\r\u00a0\u2029\v", max_size=30))
def test_text_without_items_or_tables_is_the_paragraphs_of_before(source: str) -> None:
    found = blocks(source)
    if not any(isinstance(b, Table) for b in found):
        assert found == [Paragraph(p) for p in text.paragraphs(source)]


def test_empty_cells_are_kept() -> None:
    assert blocks("a\t\tc\n\tb\t") == [Table((("a", "", "c"), ("", "b", "")))]


def test_no_table_from_one_line_unequal_tabs_or_a_paragraph_around_it() -> None:
    for source in ("a\tb", "a\tb\nc\td\te", "Kosten:\na\tb\nc\td"):
        assert not any(isinstance(b, Table) for b in blocks(source)), source


def test_word_lists_pasted_as_text_stay_lists_despite_their_tabs() -> None:
    assert blocks("•\tEins\n•\tZwei") == [BulletList(("Eins", "Zwei"))]
    assert blocks("1.\tEins\n2.\tZwei") == [LabelledItem("1.", "Eins"), LabelledItem("2.", "Zwei")]


def test_numbers_in_cells() -> None:
    for cell in ("12", "-12", "1.234,56 €", "12,5 %", "€ 100", "(300)", "1 000", "3.5"):
        assert looks_like_number(cell), cell
    for cell in ("", "Personal", "Q1 2024", "ca. 5", "-", "5 Stellen"):
        assert not looks_like_number(cell), cell


def test_printed_lines_leave_out_markers_and_join_cells() -> None:
    found = [line for b in blocks("x\n- a\n- b\n\n1. c\n\nk\tl\n\tm") for line in printed_lines(b)]
    assert found == ["x", "a", "b", "1.\tc", "k", "l", "m"]


# --------------------------------------------------------------------------- toggling


def test_toggle_adds_the_marker_to_every_selected_line_and_selects_them() -> None:
    source = "Intro\nEins\n\nZwei\nEnde"
    start = source.index("Eins")
    end = source.index("Zwei") + 2
    edit = toggle_bullets(source, start, end)
    assert edit.text == "Intro\n- Eins\n\n- Zwei\nEnde"
    assert edit.text[edit.anchor : edit.position] == "- Eins\n\n- Zwei"


def test_toggle_removes_markers_when_every_line_has_one() -> None:
    source = "- Eins\n– Zwei\n• Drei"
    edit = toggle_bullets(source, 0, len(source))
    assert edit.text == "Eins\nZwei\nDrei"


def test_toggle_adds_where_only_some_lines_are_items() -> None:
    edit = toggle_bullets("- Eins\nZwei", 0, 11)
    assert edit.text == "- Eins\n- Zwei"


def test_toggle_without_selection_works_on_the_cursor_line_and_keeps_the_cursor() -> None:
    source = "Eins\nZwei\nDrei"
    cursor = source.index("wei")
    edit = toggle_bullets(source, cursor, cursor)
    assert edit.text == "Eins\n- Zwei\nDrei"
    assert edit.text[edit.position :].startswith("wei")
    back = toggle_bullets(edit.text, edit.position, edit.position)
    assert back.text == source and back.position == cursor


def test_toggle_on_an_empty_line_starts_an_item() -> None:
    edit = toggle_bullets("Eins\n", 5, 5)
    assert edit.text == "Eins\n- " and edit.position == 7


def test_a_selection_ending_at_a_line_start_leaves_that_line() -> None:
    source = "Eins\nZwei\n"
    edit = toggle_bullets(source, 0, 5)
    assert edit.text == "- Eins\nZwei\n"


@given(st.text(alphabet="ab -–•\t\n1.)", max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_toggling_twice_gives_back_the_text_on_lines_without_markers(
    source: str, start: int, end: int
) -> None:
    source = "\n".join(line.lstrip("-–•1.) \t") for line in source.split("\n"))
    once = toggle_bullets(source, start, end)
    twice = toggle_bullets(once.text, once.anchor, once.position)
    assert twice.text == source
