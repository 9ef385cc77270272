"""Cleaning pasted text and splitting it into paragraphs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from stellungnahme_app.text import clean, is_blank, paragraphs

XML_INVALID = [chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)] + ["\ufffe", "\uffff"]


def test_word_line_and_page_breaks_become_line_breaks() -> None:
    assert clean("a\vb\fc\r\nd\re") == "a\nb\nc\nd\ne"


def test_tabs_and_ordinary_text_stay() -> None:
    text = "Spalte 1\tSpalte 2 – „Zitat“ & <Tag> 'x' \"y\" {{ z }}"
    assert clean(text) == text


def test_characters_xml_cannot_hold_are_dropped() -> None:
    assert clean("a\x00b\x07c\x1bd\ud800e\ufffe") == "abcde"


@given(st.text())
def test_clean_output_is_always_valid_xml_text(text: str) -> None:
    cleaned = clean(text)
    assert not any(ch in XML_INVALID or "\ud800" <= ch <= "\udfff" for ch in cleaned)
    assert "\r" not in cleaned


def test_blank_lines_separate_paragraphs_single_newlines_stay() -> None:
    text = "\n\nErster Absatz\nmit Zeilenumbruch.\n\n  \n\nZweiter\tAbsatz.\n\n"
    assert paragraphs(text) == ["Erster Absatz\nmit Zeilenumbruch.", "Zweiter\tAbsatz."]


def test_form_feed_between_paragraphs() -> None:
    assert paragraphs("Eins\f\fZwei") == ["Eins", "Zwei"]


def test_empty_and_blank() -> None:
    assert paragraphs("") == []
    assert paragraphs(" \n \t\n") == []
    assert is_blank(None) and is_blank(" \t") and not is_blank("x")


def test_a_very_long_paragraph_stays_one_paragraph() -> None:
    text = " ".join(f"Dies ist Satz Nummer {i}." for i in range(2000))
    assert paragraphs(text) == [text]
