"""Word lists: the administration's vocabulary, the administrator's and the user's own words.

A word list is a UTF-8 text file with one word a line; ``#`` starts a comment, blank lines
do not count. A line ``Wort/Musterwort`` takes the word with the endings and compound forms
of the model word the dictionary knows (``partizipativ/kooperativ`` also accepts
„partizipativen“), as in hunspell's personal dictionaries. A damaged file never stops the
spell-check: its problems are German sentences naming file and line, and the words that
could be read count.

The user's own list (``eigene-woerter.txt`` in the data folder) is written by „Zum
Wörterbuch hinzufügen“: the whole file anew, atomically, so a program killed meanwhile leaves
the old list or the new one, never half of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from stellungnahme_app import paths
from stellungnahme_app.fileio import (
    FileReadError,
    FileWriteError,
    atomic_write_bytes,
    describe_os_error,
    read_bytes,
)

USER_WORD_LIST_NAME = "eigene-woerter.txt"
VOCABULARY_FILE_NAME = "verwaltungswortschatz.txt"
MAX_WORD_LIST_BYTES = 5 * 1024 * 1024
MAX_WORD_LENGTH = 100

_USER_LIST_HEADER = (
    "# Eigene Wörter für die Rechtschreibprüfung von „Stellungnahme“: ein Wort je Zeile.\n"
    "# Das Programm ergänzt diese Datei bei „Zum Wörterbuch hinzufügen“.\n"
)


@dataclass(frozen=True)
class WordEntry:
    """One word of a list; ``model`` is a word the dictionary knows whose forms it takes."""

    word: str
    model: str | None = None


@dataclass
class WordList:
    """The words of one file and what could not be read (German, with file and line)."""

    entries: list[WordEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def words(self) -> frozenset[str]:
        return frozenset(entry.word for entry in self.entries)


def read_word_list(path: Path) -> WordList:
    """The words of the list at ``path``; a missing or damaged file gives problems, no error."""
    result = WordList()
    try:
        data = read_bytes(path, max_bytes=MAX_WORD_LIST_BYTES, subject="Die Wortliste")
    except FileReadError as error:
        result.problems.append(error.message)
        return result
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.problems.append(
            f"Die Wortliste „{path}“ ist nicht in UTF-8 gespeichert; bitte in einem Editor als "
            "UTF-8 speichern. Ihre Wörter werden bis dahin nicht berücksichtigt."
        )
        return result
    for number, line in enumerate(text.splitlines(), start=1):
        entry = parse_line(line)
        if entry is None:
            continue
        if isinstance(entry, str):
            result.problems.append(f"Wortliste „{path}“, Zeile {number}: {entry}")
            continue
        result.entries.append(entry)
    return result


def parse_line(line: str) -> WordEntry | str | None:
    """One line as an entry, ``None`` for a comment or blank line, a German problem else."""
    content = line.split("#", 1)[0].strip()
    if not content:
        return None
    word, _, model = (part.strip() for part in content.partition("/"))
    if not word or any(character.isspace() for character in word):
        return f"„{content}“ ist kein einzelnes Wort und wird übergangen."
    if len(word) > MAX_WORD_LENGTH:
        return f"„{word[:20]}…“ ist zu lang und wird übergangen."
    if model and any(character.isspace() for character in model):
        return f"Das Musterwort „{model}“ ist kein einzelnes Wort; „{word}“ gilt ohne Muster."
    return WordEntry(word, model or None)


def bundled_vocabulary() -> Path:
    """The administration's vocabulary shipped in ``resources/``."""
    return paths.resources_dir() / VOCABULARY_FILE_NAME


def user_word_list() -> Path:
    """The user's own list, ``eigene-woerter.txt`` in the data folder."""
    return paths.data_dir() / USER_WORD_LIST_NAME


def add_words(path: Path, new_words: Iterable[str]) -> bool:
    """Add words to the user's list at ``path`` (created if missing); True if it changed.

    The file is read again first, so words another window added meanwhile stay. Raises
    :class:`~stellungnahme_app.fileio.FileWriteError` when it cannot be read or written;
    the file is then unchanged.
    """
    lines: list[str] = []
    if path.exists():
        try:
            data = read_bytes(path, max_bytes=MAX_WORD_LIST_BYTES, subject="Ihre Wortliste")
            lines = data.decode("utf-8-sig").splitlines()
        except FileReadError as error:
            raise FileWriteError(f"{error.message} Es wurde kein Wort hinzugefügt.") from None
        except UnicodeDecodeError:
            raise FileWriteError(
                f"Ihre Wortliste „{path}“ ist nicht in UTF-8 gespeichert und wird nicht "
                "verändert; es wurde kein Wort hinzugefügt. Bitte speichern Sie sie in einem "
                "Editor als UTF-8."
            ) from None
    known = {entry.word for entry in map(parse_line, lines) if isinstance(entry, WordEntry)}
    added = [word for word in dict.fromkeys(new_words) if word and word not in known]
    if not added:
        return False
    text = "\n".join([*(lines or _USER_LIST_HEADER.splitlines()), *added]) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FileWriteError(describe_os_error(error, path)) from error
    atomic_write_bytes(path, text.encode("utf-8"))
    return True
