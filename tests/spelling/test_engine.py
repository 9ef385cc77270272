"""The spell-checker on the real German dictionary: what it flags, what it suggests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from stellungnahme_app.spelling import PersonalWords, SpellChecker, words
from stellungnahme_app.spelling.dictionary_files import DictionaryFiles
from stellungnahme_app.spelling.engine import DictionaryUnusable, SpellingSetup


def flagged(checker: SpellChecker, text: str, personal: PersonalWords | None = None) -> list[str]:
    return [w.key for w in words(text) if checker.misspelt(w, personal)]


def test_a_typo_is_flagged_and_corrected(checker: SpellChecker) -> None:
    assert flagged(checker, "Der Bericht erscheint jhrlich.") == ["jhrlich."]
    assert checker.suggestions("jhrlich")[0] == "jährlich"


def test_correct_german_is_not_flagged(checker: SpellChecker) -> None:
    text = (
        "Die Stadtverwaltung prüft den Antrag der Fraktion. Über die Ergebnisse wird der "
        "Stadtrat im nächsten Jahr unterrichtet; die Kosten trägt das Fachamt."
    )
    assert flagged(checker, text) == []


def test_words_in_capitals_and_with_capitals_inside_are_not_flagged(checker: SpellChecker) -> None:
    assert flagged(checker, "Das ISEK und das ISRP nach ThürKO und BauGB, ISEKs und LIGA.") == []


def test_words_with_digits_and_numbers_are_not_flagged(checker: SpellChecker) -> None:
    assert flagged(checker, "Am 30.04.2024 um 9:30 Uhr, 3-fach, 12,5 %, TOP 7a, Raum 2b.") == []


def test_drucksache_numbers_are_not_flagged(checker: SpellChecker) -> None:
    assert (
        flagged(checker, "Zur Drucksache 0661/24 und DS 1234/23 (Drucksachen-Nr. 0815/24).") == []
    )


def test_email_and_web_addresses_are_not_flagged(checker: SpellChecker) -> None:
    text = "Fragen an sozialplanung@erfurt.de oder https://www.erfurt.de/ef/de/leben/soziales/"
    assert flagged(checker, text) == []


def test_abbreviations_with_a_period(checker: SpellChecker) -> None:
    assert flagged(checker, "bzw. z. B. ggf. u.a. vgl. Abs. Nr. i.V.m. d.h.") == []
    assert flagged(checker, "Das ist gut bzw") == ["bzw"]


def test_closed_compounds_are_the_dictionary_s(checker: SpellChecker) -> None:
    assert flagged(checker, "Kindertageseinrichtungen Jugendhilfeausschuss Haushaltsstelle") == []
    assert flagged(checker, "Kindertageseinrichtugnen") == ["Kindertageseinrichtugnen"]


def test_hyphenated_compounds_are_checked_part_by_part(checker: SpellChecker) -> None:
    assert flagged(checker, "ISEK-Prozess, E-Mail-Adresse, Sozialraum-Planung, Kita-Plätze") == []
    assert flagged(checker, "Sozialraum-Planugn") == ["Sozialraum-Planugn"]
    assert checker.suggestions("Sozialraum-Planugn")[0] == "Sozialraum-Planung"


def test_shortened_compounds_as_german_writers_write_them(checker: SpellChecker) -> None:
    text = "Sozial- und Jugendamt, Verwaltungs- und Finanzausschuss, Fachakteurinnen und -akteure"
    assert flagged(checker, text) == []
    assert flagged(checker, "Soizal- und Jugendamt") == ["Soizal-"]
    assert "Sozial-" in checker.suggestions("Soizal-")[:3]


def test_gender_forms_count_when_the_long_form_is_right(checker: SpellChecker) -> None:
    assert flagged(checker, "Bürger*innen, Mitarbeiter:innen, Einwohner_innen") == []
    assert flagged(checker, "Bürgre*innen") == ["Bürgre*innen"]


def test_typographic_apostrophe(checker: SpellChecker) -> None:
    assert flagged(checker, "Wie geht’s? Wie geht's?") == []


def test_the_administration_s_words(
    checker: SpellChecker, make_checker: Callable[..., SpellChecker]
) -> None:
    text = "überplanmäßig haushaltsrechtlich Drucksachen-Nr. Segregation Daseinsvorsorge"
    assert flagged(make_checker(), text) != []
    assert flagged(checker, text) == []


def test_a_word_list_s_model_word_lends_its_forms(
    make_checker: Callable[..., SpellChecker], tmp_path: Path
) -> None:
    word_list = tmp_path / "liste.txt"
    word_list.write_text("# Liste\npartizipativ/kooperativ\nQuartiersarbeit\n", encoding="utf-8")
    checker = make_checker(word_list)
    assert flagged(checker, "partizipativ partizipativen Partizipativ Quartiersarbeit") == []
    assert flagged(make_checker(), "partizipativen Quartiersarbeit") == [
        "partizipativen",
        "Quartiersarbeit",
    ]


def test_office_and_dezernat_names_are_not_flagged(
    make_checker: Callable[..., SpellChecker],
) -> None:
    text = "Das Ordnungsamtl und die Bürgerfrgen"
    plain = make_checker()
    assert flagged(plain, text) == ["Ordnungsamtl", "Bürgerfrgen"]
    named = make_checker(names=frozenset({"Ordnungsamtl", "bürgerfrgen"}))
    assert flagged(named, text) == []


def test_personal_words_count_as_written_and_capitalised(checker: SpellChecker) -> None:
    personal = PersonalWords({"Hofmann-Domke", "quartiersnah"})
    assert flagged(checker, "Hofmann-Domke quartiersnah Quartiersnah", personal) == []
    assert flagged(checker, "hofmann-domke", personal) == ["hofmann-domke"]


def test_suggestions_are_at_most_five_and_remembered(checker: SpellChecker) -> None:
    first = checker.suggestions("Verwaltng")
    assert 0 < len(first) <= 5 and first[0] == "Verwaltung"
    assert checker.suggestions("Verwaltng") is first or checker.suggestions("Verwaltng") == first
    assert len(checker.suggestions("Verwaltng", limit=2)) <= 2


def test_answers_are_remembered(checker: SpellChecker) -> None:
    assert checker.known_answer("Jugendamt") is None
    assert checker.is_correct("Jugendamt")
    assert checker.known_answer("Jugendamt") is True


def test_a_missing_dictionary_is_a_german_error(tmp_path: Path) -> None:
    with pytest.raises(DictionaryUnusable, match="kann nicht geladen werden"):
        SpellChecker(SpellingSetup(DictionaryFiles(tmp_path, "de_DE")))


def test_the_tail_of_a_shortened_compound_is_corrected_as_the_noun_it_is(
    checker: SpellChecker,
) -> None:
    assert flagged(checker, "Fachakteurinnen und -aktuere") == ["-aktuere"]
    assert "-akteure" in checker.suggestions("-aktuere")[:3]


def test_decomposed_umlauts_are_checked_as_the_letters_they_are(checker: SpellChecker) -> None:
    assert flagged(checker, "Aus diesen Gru\u0308nden und fu\u0308r das Cafe\u0301.") == []
