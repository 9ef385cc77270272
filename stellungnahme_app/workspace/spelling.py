"""The spell-check as the window and the command line use it: one :class:`Spelling`.

It puts together what :mod:`stellungnahme_app.spelling` needs from the settings (the
administrator's dictionary folder and central word list, the catalogue's names) and the data
folder (the user's own words), keeps the words ignored per draft, and offers the use cases:
the unknown words of a draft, its Hinweise with suggestions, „Zum Wörterbuch hinzufügen“
and „Ignorieren“. Without a dictionary it says why (:attr:`Spelling.reason`) and the rest of
the program works as before.
"""

from __future__ import annotations

import logging
from pathlib import Path

from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.model import Draft
from stellungnahme_app.settings import Settings
from stellungnahme_app.spelling import (
    PersonalWords,
    SpellChecker,
    SpellingFinding,
    SpellingSetup,
    UnknownWord,
    find_dictionary,
    read_word_list,
    spelling_findings,
    unknown_words,
    words,
)
from stellungnahme_app.spelling.ignored import IgnoredWords
from stellungnahme_app.spelling.word_lists import add_words, bundled_vocabulary, user_word_list

log = logging.getLogger(__name__)


class SpellingUnavailable(StellungnahmeError):
    """There is no spell-check on this computer; the message says why (German)."""


def catalogue_names(settings: Settings) -> frozenset[str]:
    """The words of the catalogue's office and Dezernat names and of its signatories."""
    names = [
        *(office.name for office in settings.offices),
        *(office.heading for office in settings.offices),
        *(dezernat.name for dezernat in settings.dezernate),
        *(dezernat.short_name for dezernat in settings.dezernate),
        *(person for dezernat in settings.dezernate for person in dezernat.signatories),
    ]
    return frozenset(word.word for name in names for word in words(name))


class Spelling:
    """The spell-check of one configuration; see the module docstring."""

    def __init__(self, settings: Settings, *, ignored: IgnoredWords | None = None) -> None:
        lookup = find_dictionary(settings.dictionary_dir)
        self._problems = list(lookup.problems)
        self.reason = lookup.reason
        self.setup: SpellingSetup | None = None
        if lookup.found is not None:
            word_lists = (bundled_vocabulary(),)
            if settings.word_list is not None:
                word_lists += (settings.word_list,)
            self.setup = SpellingSetup(lookup.found, word_lists, catalogue_names(settings))
        self._ignored = ignored
        self._checker: SpellChecker | None = None
        self._user_words: tuple[int, frozenset[str]] | None = None

    @property
    def available(self) -> bool:
        return self.setup is not None

    def describe(self) -> str:
        """German, for the settings: which dictionary is used, or why there is none."""
        if self.setup is None:
            return self.reason
        return f"Deutsch, Wörterbuch {self.setup.dictionary.describe()}."

    @property
    def problems(self) -> list[str]:
        """German sentences about a configured folder without dictionary or a damaged list."""
        problems = list(self._problems)
        if self.setup is not None:
            for path in self.setup.word_lists[1:]:
                problems.extend(read_word_list(path).problems)
        return problems

    def checker(self) -> SpellChecker:
        """The checker, loaded on first use (a tenth of a second); raises
        :class:`SpellingUnavailable` without a dictionary."""
        if self.setup is None:
            raise SpellingUnavailable(self.reason)
        if self._checker is None:
            self._checker = SpellChecker(self.setup)
        return self._checker

    # ------------------------------------------------------------------ personal words

    def user_words(self) -> frozenset[str]:
        """The user's own words (read again when the file changed)."""
        path = user_word_list()
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            return frozenset()
        if self._user_words is None or self._user_words[0] != stamp:
            listed = read_word_list(path)
            for problem in listed.problems:
                log.warning("%s", problem)
            self._user_words = (stamp, listed.words)
        return self._user_words[1]

    def add_to_dictionary(self, word: str) -> None:
        """„Zum Wörterbuch hinzufügen“: the user's list keeps ``word`` from now on."""
        add_words(user_word_list(), [word])

    def ignored_words(self, draft_id: int | None) -> frozenset[str]:
        if self._ignored is None or draft_id is None:
            return frozenset()
        return self._ignored.words(draft_id)

    def ignore(self, draft_id: int, word: str) -> None:
        """„Ignorieren“: ``word`` is not flagged in this draft any more."""
        if self._ignored is None:
            raise SpellingUnavailable(
                "Ignorierte Wörter werden nur für gespeicherte Entwürfe gemerkt."
            )
        self._ignored.add(draft_id, [word])

    def copy_ignored(self, source_id: int, target_id: int) -> None:
        if self._ignored is not None:
            self._ignored.copy(source_id, target_id)

    def personal_words(self, draft_id: int | None = None) -> PersonalWords:
        """The user's own words and those ignored in the draft ``draft_id``."""
        return PersonalWords(self.user_words() | self.ignored_words(draft_id))

    # ------------------------------------------------------------------ checking

    def unknown_words(self, draft: Draft, *, draft_id: int | None = None) -> list[UnknownWord]:
        """Every word of ``draft`` the spell-check flags, field by field."""
        checker = self.checker()
        personal = self.personal_words(draft_id)
        return unknown_words(draft, lambda word: checker.misspelt(word, personal))

    def findings(self, draft: Draft, *, draft_id: int | None = None) -> list[SpellingFinding]:
        """The Hinweise of the unknown words, with suggestions (slow: up to a second each)."""
        checker = self.checker()
        return spelling_findings(self.unknown_words(draft, draft_id=draft_id), checker.suggestions)


def ignored_words_beside(database: Path) -> IgnoredWords:
    from stellungnahme_app.spelling.ignored import ignored_words_file

    return IgnoredWords(ignored_words_file(database))
