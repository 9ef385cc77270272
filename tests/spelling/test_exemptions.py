"""Words never flagged for their form: abbreviations in capitals, single letters."""

from __future__ import annotations

import pytest

from stellungnahme_app.spelling.exemptions import is_exempt


@pytest.mark.parametrize(
    "word", ["ISEK", "ISRP", "LIGA", "ISEKs", "ThürKO", "BauGB", "KiTa", "a", "E"]
)
def test_capitals_and_single_letters_are_exempt(word: str) -> None:
    assert is_exempt(word)


@pytest.mark.parametrize("word", ["jhrlich", "Jugendamt", "Segregation", "ISEK-Prozess", "Ab"])
def test_ordinary_words_are_not_exempt(word: str) -> None:
    assert not is_exempt(word)
