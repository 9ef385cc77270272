"""The spell-checker: hunspell (through chunspell) with the German dictionary and our words.

:class:`SpellChecker` decides whether a word (:class:`~.words.Word`) is spelt right and
suggests corrections. Besides the dictionary it knows the word lists given in its
:class:`SpellingSetup` (the administration's vocabulary shipped in ``resources/`` and the
administrator's central list: their words join hunspell's, with the forms of their model
words) and the words of the catalogue's office and Dezernat names. How German writers write
compounds is hunspell's business for closed compounds (``Sozialraumplanung``); hyphenated
ones are checked part by part (``ISEK-Prozess``, ``Drucksachen-Nr.``), and so are the halves
of shortened compounds („Sozial- und Jugendamt“, „Fachakteurinnen und -akteure“) and gender
forms (``Bürger*innen`` is right when „Bürgerinnen“ is).

A loaded dictionary is shared by every checker of the process with the same files (loading
takes a good tenth of a second and some 20 MB); answers are remembered per checker. hunspell
is not thread-safe: every call into it holds the dictionary's lock.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.spelling.dictionary_files import DictionaryFiles
from stellungnahme_app.spelling.exemptions import is_exempt
from stellungnahme_app.spelling.word_lists import WordEntry, read_word_list
from stellungnahme_app.spelling.words import Word

log = logging.getLogger(__name__)

MAX_SUGGESTIONS = 5
_GENDER_MARK = re.compile(r"(?<=[^\W\d_])[*:_](?=in(?:nen)?\b)")


class DictionaryUnusable(StellungnahmeError):
    """The dictionary's files cannot be loaded (German message naming them)."""


@dataclass(frozen=True)
class SpellingSetup:
    """Everything a checker is made of; plain data, so it can go to another process."""

    dictionary: DictionaryFiles
    #: Word lists whose words join the dictionary's (bundled, then the administrator's).
    word_lists: tuple[Path, ...] = ()
    #: Words of the catalogue's names (offices, Dezernate), never flagged.
    names: frozenset[str] = field(default_factory=frozenset)


class PersonalWords:
    """Words one person accepts: their own list and those ignored in a draft.

    A word counts as written there, or with a capital first letter at the start of a
    sentence (``partizipativ`` also accepts „Partizipativ“).
    """

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._words = frozenset(words)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        return word in self._words or (word[:1].lower() + word[1:]) in self._words

    def __bool__(self) -> bool:
        return bool(self._words)

    def __or__(self, other: PersonalWords) -> PersonalWords:
        return PersonalWords(self._words | other._words)


class _LoadedDictionary:
    """One hunspell instance with the setup's word lists added; calls hold the lock."""

    def __init__(self, files: DictionaryFiles, word_lists: tuple[Path, ...]) -> None:
        try:
            from hunspell import Hunspell, HunspellFilePathError
        except ImportError as error:  # a broken installation
            raise DictionaryUnusable(
                "Die Rechtschreibprüfung ist nicht installiert (chunspell fehlt); bitte das "
                "Programm neu installieren."
            ) from error
        try:
            self._hunspell: Any = Hunspell(files.name, hunspell_data_dir=str(files.folder))
        except (HunspellFilePathError, OSError, UnicodeError) as error:
            raise DictionaryUnusable(
                f"Das Wörterbuch {files.describe()} kann nicht geladen werden ({error})."
            ) from error
        self.lock = threading.Lock()
        self.problems: list[str] = []
        for path in word_lists:
            listed = read_word_list(path)
            self.problems.extend(listed.problems)
            for entry in listed.entries:
                self._add(entry)

    def _add(self, entry: WordEntry) -> None:
        try:
            if entry.model:
                self._hunspell.add_with_affix(entry.word, entry.model)
            else:
                self._hunspell.add(entry.word)
        except UnicodeError:
            log.info("Wort nicht im Zeichensatz des Wörterbuchs: %r", entry.word)

    def spell(self, word: str) -> bool:
        with self.lock:
            try:
                return bool(self._hunspell.spell(word))
            except UnicodeError:
                return False

    def suggest(self, word: str) -> tuple[str, ...]:
        with self.lock:
            try:
                return tuple(self._hunspell.suggest(word))
            except UnicodeError:
                return ()


_loaded: dict[tuple[object, ...], _LoadedDictionary] = {}
_loading = threading.Lock()


def _file_stamp(path: Path) -> tuple[str, int, int]:
    try:
        status = path.stat()
    except OSError:
        return (str(path), 0, 0)
    return (str(path), status.st_mtime_ns, status.st_size)


def _shared_dictionary(setup: SpellingSetup) -> _LoadedDictionary:
    files = setup.dictionary
    key = tuple(_file_stamp(p) for p in (files.aff, files.dic, *setup.word_lists))
    with _loading:
        loaded = _loaded.get(key)
        if loaded is None:
            loaded = _loaded[key] = _LoadedDictionary(files, setup.word_lists)
        return loaded


class SpellChecker:
    """Whether words are spelt right, and suggestions; see the module docstring."""

    def __init__(self, setup: SpellingSetup) -> None:
        self.setup = setup
        self._dictionary = _shared_dictionary(setup)
        self._names = frozenset(name.casefold() for name in setup.names)
        self._answers: dict[str, bool] = {}
        self._suggestions: dict[str, tuple[str, ...]] = {}

    @property
    def problems(self) -> list[str]:
        """German sentences about word lists that could not be read (or only in part)."""
        return list(self._dictionary.problems)

    # ------------------------------------------------------------------ deciding

    def is_correct(self, key: str) -> bool:
        """Whether the word ``key`` (a :attr:`Word.key`: with a period when one follows)
        is spelt right; the answer is remembered."""
        answer = self._answers.get(key)
        if answer is None:
            answer = self._answers[key] = self._decide(key)
        return answer

    def known_answer(self, key: str) -> bool | None:
        """The remembered answer for ``key``, ``None`` if it was never asked (no hunspell)."""
        return self._answers.get(key)

    def misspelt(self, word: Word, personal: PersonalWords | None = None) -> bool:
        """Whether ``word`` is flagged, given the person's own and ignored words."""
        if is_exempt(word.word) or (personal and word.word in personal):
            return False
        return not self.is_correct(word.key)

    def _decide(self, key: str) -> bool:
        key = unicodedata.normalize("NFC", key)  # „ü“ pasted as u + ¨ is still „ü“
        period = key.endswith(".")
        word = key[:-1] if period else key
        if self._known(word) or (period and self._known(key)):
            return True
        ungendered = _GENDER_MARK.sub("", word)
        if ungendered != word and self._known(ungendered):
            return True
        if "'" in word or "’" in word:
            return self._contraction_known(word.replace("’", "'"))
        if "-" in word:
            return self._hyphenated_known(word, period)
        return False

    def _contraction_known(self, word: str) -> bool:
        """``geht’s``, ``gibt's``, ``Hans’``: the word before the apostrophe counts."""
        if self._known(word):
            return True
        head, _, tail = word.rpartition("'")
        return bool(head) and tail in ("", "s") and self._known(head)

    def _known(self, word: str) -> bool:
        if is_exempt(word) or word.casefold() in self._names:
            return True
        return self._dictionary.spell(word)

    def _hyphenated_known(self, word: str, period: bool) -> bool:
        """A compound with hyphens: each part must be right (a part may be an abbreviation
        or a single letter); a leading or trailing hyphen marks a shortened compound."""
        parts = word.strip("-").split("-")
        if not all(parts):
            return False
        last = len(parts) - 1
        return all(
            self._part_known(part, period and index == last, inner=index > 0)
            for index, part in enumerate(parts)
        )

    def _part_known(self, part: str, period: bool, *, inner: bool) -> bool:
        if self._known(part) or (period and self._known(f"{part}.")):
            return True
        if self._known(f"{part}-") or self._known(f"-{part}"):
            return True
        # After a hyphen a noun keeps its capital („Sozialraum-Planung“); a shortened tail
        # („-akteure“) is written small but is the noun „Akteure“.
        return not inner and self._known(part[:1].upper() + part[1:])

    # ------------------------------------------------------------------ suggesting

    def suggestions(self, word: Word | str, limit: int = MAX_SUGGESTIONS) -> tuple[str, ...]:
        """Up to ``limit`` corrections for a flagged word, best first (slow: 0.1–1 s)."""
        text = word.word if isinstance(word, Word) else word
        found = self._suggestions.get(text)
        if found is None:
            found = self._suggestions[text] = self._suggest(text)
        return found[:limit]

    def _suggest(self, word: str) -> tuple[str, ...]:
        word = unicodedata.normalize("NFC", word)
        core = word.strip("-")
        if "-" in core:
            return self._suggest_for_part(word, core)
        found = [s for s in self._dictionary.suggest(core) if s != core]
        if word.startswith("-"):
            # The tail of „Fachakteurinnen und -akteure“ is the noun „Akteure“, written small.
            as_noun = core[:1].upper() + core[1:]
            nouns = [s for s in self._dictionary.suggest(as_noun) if s != as_noun]
            found = [f"-{s[:1].lower()}{s[1:]}" for s in [*nouns[:3], *found]]
        elif word.endswith("-"):
            found = [f"{s}-" for s in found]
        return tuple(dict.fromkeys(found))

    def _suggest_for_part(self, word: str, core: str) -> tuple[str, ...]:
        """Corrections of a hyphenated compound: the first wrong part corrected."""
        parts = core.split("-")
        for index, part in enumerate(parts):
            if part and self._part_known(part, False, inner=index > 0):
                continue
            prefix = "-" if word.startswith("-") else ""
            suffix = "-" if word.endswith("-") else ""
            return tuple(
                prefix + "-".join([*parts[:index], corrected, *parts[index + 1 :]]) + suffix
                for corrected in self._suggest(part)
                if "-" not in corrected
            )
        return tuple(s for s in self._dictionary.suggest(core) if s != core)
