"""The administration's vocabulary shipped in resources/: loads cleanly and is curated."""

from __future__ import annotations

from pathlib import Path

from stellungnahme_app.spelling import SpellChecker, read_word_list, words
from stellungnahme_app.spelling.exemptions import is_exempt

ISSUE_EXAMPLES = {
    "Beigeordnete",
    "Mitzeichnung",
    "überplanmäßig",
    "haushaltsrechtlich",
    "Sozialraumplanung",
    "Drucksachen-Nr.",
    "Stadtratsbeschluss",
}


def test_it_loads_without_problems_and_holds_several_hundred_terms(vocabulary: Path) -> None:
    listed = read_word_list(vocabulary)
    assert listed.problems == []
    assert len(listed.entries) >= 400
    assert listed.words >= ISSUE_EXAMPLES


def test_every_entry_is_listed_once_and_is_a_word_the_tokenizer_sees(vocabulary: Path) -> None:
    entries = [entry.word for entry in read_word_list(vocabulary).entries]
    assert len(entries) == len(set(entries))
    for entry in entries:
        found = list(words(entry))
        assert [w.key for w in found] == [entry], entry
        assert not is_exempt(entry), f"{entry} needs no entry: never flagged anyway"


def test_its_words_are_known_to_the_checker(checker: SpellChecker, vocabulary: Path) -> None:
    for entry in read_word_list(vocabulary).entries:
        assert checker.is_correct(entry.word), entry.word


def test_the_catalogue_s_names_are_not_copied_into_it(vocabulary: Path) -> None:
    from stellungnahme_app.settings import load_settings

    settings = load_settings().settings
    names = [o.name for o in settings.offices] + [d.name for d in settings.dezernate]
    name_words = {word.word for name in names for word in words(name)}
    assert not name_words & read_word_list(vocabulary).words
