"""Fixtures of the spell-check tests: the machine's German dictionary and checkers over it.

The tests use the real dictionary that ``tools/test.sh`` installs (Debian's ``hunspell-de-de``)
and the administration's word list shipped in ``resources/``; a test that cannot find the
dictionary fails with a message saying what to install.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from stellungnahme_app import paths
from stellungnahme_app.spelling import DictionaryFiles, SpellChecker, SpellingSetup, find_dictionary

VOCABULARY_NAME = "verwaltungswortschatz.txt"


@pytest.fixture(scope="session")
def german_dictionary() -> DictionaryFiles:
    found = find_dictionary().found
    assert found is not None, "Kein deutsches Wörterbuch: apt-get install hunspell-de-de"
    return found


@pytest.fixture(scope="session")
def vocabulary() -> Path:
    return paths.resources_dir() / VOCABULARY_NAME


@pytest.fixture
def make_checker(german_dictionary: DictionaryFiles) -> Callable[..., SpellChecker]:
    """A checker over the German dictionary with the given word lists and names."""

    def make(*word_lists: Path, names: frozenset[str] = frozenset()) -> SpellChecker:
        return SpellChecker(SpellingSetup(german_dictionary, tuple(word_lists), names))

    return make


@pytest.fixture
def checker(make_checker: Callable[..., SpellChecker], vocabulary: Path) -> SpellChecker:
    """The checker as the program uses it: dictionary and the administration's words."""
    return make_checker(vocabulary)
