"""German spell-checking, offline: hunspell (chunspell) with the administration's words.

:mod:`.words` finds the words of a text, :mod:`.exemptions` says which are never flagged for
their form, :mod:`.dictionary_files` finds the German dictionary, :mod:`.word_lists` reads and
writes word lists, :mod:`.engine` decides and suggests (:class:`SpellChecker`),
:mod:`.draft_words` walks a draft field by field, :mod:`.findings` makes Hinweise of the
unknown words, :mod:`.ignored` keeps the words ignored per draft and :mod:`.background` runs
the checker in a process of its own for the window. Qt-free.
"""

from stellungnahme_app.spelling.dictionary_files import (
    DictionaryFiles,
    DictionaryLookup,
    dictionary_in,
    find_dictionary,
)
from stellungnahme_app.spelling.draft_words import UnknownWord, checked_texts, unknown_words
from stellungnahme_app.spelling.engine import (
    MAX_SUGGESTIONS,
    DictionaryUnusable,
    PersonalWords,
    SpellChecker,
    SpellingSetup,
)
from stellungnahme_app.spelling.exemptions import is_exempt
from stellungnahme_app.spelling.findings import SpellingFinding, spelling_findings, spelling_message
from stellungnahme_app.spelling.word_lists import WordList, add_words, read_word_list
from stellungnahme_app.spelling.words import Word, words

__all__ = [
    "MAX_SUGGESTIONS",
    "DictionaryFiles",
    "DictionaryLookup",
    "DictionaryUnusable",
    "PersonalWords",
    "SpellChecker",
    "SpellingFinding",
    "SpellingSetup",
    "UnknownWord",
    "Word",
    "WordList",
    "add_words",
    "checked_texts",
    "dictionary_in",
    "find_dictionary",
    "is_exempt",
    "read_word_list",
    "spelling_findings",
    "spelling_message",
    "unknown_words",
    "words",
]
