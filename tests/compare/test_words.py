"""The units of a comparison: German words, numbers and punctuation, spaces kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from stellungnahme_app.compare.words import units, words_of


def test_words_numbers_and_punctuation_are_units_of_their_own() -> None:
    assert units("im dritten Quartal 2024, Punkt 06.") == [
        "im", " ", "dritten", " ", "Quartal", " ", "2024", ",", " ", "Punkt", " ", "06", ".",
    ]  # fmt: skip


def test_dates_amounts_and_times_are_one_number() -> None:
    assert words_of("am 15.05.2024 um 14:30 Uhr 1.000,50 €") == [
        "am", "15.05.2024", "um", "14:30", "Uhr", "1.000,50", "€",
    ]  # fmt: skip


def test_umlauts_sharp_s_apostrophes_and_combining_marks_stay_inside_the_word() -> None:
    assert words_of("Größe geht’s Mu\u0308ller") == ["Größe", "geht’s", "Mu\u0308ller"]


def test_the_parts_of_a_drucksache_number_and_a_compound_with_digits() -> None:
    assert words_of("0661/24 Tempo-30-Zone") == ["0661", "/", "24", "Tempo", "-", "30", "-", "Zone"]


def test_line_breaks_and_tabs_are_kept_as_space() -> None:
    assert units("a\n\tb") == ["a", "\n\t", "b"]


@given(st.text())
def test_the_units_joined_are_the_text(text: str) -> None:
    assert "".join(units(text)) == text
