"""Which parts of a text the spell-check reads as words, and where they are."""

from __future__ import annotations

import pytest

from stellungnahme_app.spelling.words import Word, words


def keys(text: str) -> list[str]:
    return [word.key for word in words(text)]


def test_words_know_their_place_in_the_text() -> None:
    text = "Das Amt prüft jhrlich."
    found = list(words(text))
    assert [w.word for w in found] == ["Das", "Amt", "prüft", "jhrlich"]
    assert all(text[w.start : w.end] == w.word for w in found)
    assert found[-1] == Word(14, 21, "jhrlich", period=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Drucksache 0661/24 vom 30.04.2024", ["Drucksache", "vom"]),
        ("§ 26 Abs. 2 ThürKO", ["Abs.", "ThürKO"]),
        ("die 3-fache Menge, A4-Blätter", ["die", "Menge"]),
        (
            "Schreiben Sie an amt51@erfurt.de oder info@erfurt.de.",
            ["Schreiben", "Sie", "an", "oder"],
        ),
        (
            "Siehe https://www.erfurt.de/ef/de/rathaus/index.html und www.erfurt.de.",
            ["Siehe", "und"],
        ),
        ("Das Portal erfurt.de/service hilft.", ["Das", "Portal", "hilft."]),
    ],
)
def test_numbers_addresses_and_drucksache_numbers_are_no_words(
    text: str, expected: list[str]
) -> None:
    assert keys(text) == expected


def test_hyphens_of_compounds_belong_to_the_word() -> None:
    assert keys("Sozial- und Jugendamt") == ["Sozial-", "und", "Jugendamt"]
    assert keys("Fachakteurinnen und -akteure") == ["Fachakteurinnen", "und", "-akteure"]
    assert keys("die E-Mail-Adresse – bitte") == ["die", "E-Mail-Adresse", "bitte"]


def test_a_following_period_is_noted_for_abbreviations() -> None:
    assert keys("bzw. z.B. Drucksachen-Nr. u.a.,") == ["bzw.", "z.B.", "Drucksachen-Nr.", "u.a."]
    assert [w.word for w in words("bzw. Nr.")] == ["bzw", "Nr"]
    assert keys("Ende ... weiter") == ["Ende", "weiter"]


def test_punctuation_and_quotes_around_words_are_not_part_of_them() -> None:
    assert keys("„Rechtschreibung“ (ISEK), [Anlage]; geht’s? Ja!") == [
        "Rechtschreibung",
        "ISEK",
        "Anlage",
        "geht’s",
        "Ja",
    ]
    assert keys("Hinweis: und/oder") == ["Hinweis", "und", "oder"]


def test_gender_forms_stay_one_word() -> None:
    assert keys("Bürger*innen, Mitarbeiter:innen, Kolleg_innen") == [
        "Bürger*innen",
        "Mitarbeiter:innen",
        "Kolleg_innen",
    ]


def test_text_without_words() -> None:
    assert keys("") == []
    assert keys("– 12, 3.5 % … -- ()") == []


def test_a_decomposed_accent_stays_with_its_word() -> None:
    assert keys("Ein Cafe\u0301 und Gru\u0308nde.") == ["Ein", "Cafe\u0301", "und", "Gru\u0308nde."]
