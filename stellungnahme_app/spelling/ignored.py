"""The words ignored per draft („Ignorieren“): a small SQLite table keyed by the draft's id.

It lives in a file of its own beside the drafts' database (``…-ignoriert.sqlite3``), so the
spell-check never touches the store's schema. Every change is one committed transaction: a
program killed a moment later has kept it, and two windows adding words at once both keep
theirs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from stellungnahme_app.errors import StellungnahmeError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS ignored_words (
    draft_id INTEGER NOT NULL,
    word TEXT NOT NULL,
    PRIMARY KEY (draft_id, word)
) WITHOUT ROWID
"""


class IgnoredWordsError(StellungnahmeError):
    """The file of the ignored words cannot be read or written (German message)."""


def ignored_words_file(database: Path) -> Path:
    """Where the ignored words of the drafts in ``database`` are kept."""
    return database.with_name(f"{database.stem}-ignoriert.sqlite3")


class IgnoredWords:
    """The ignored words of every draft of one database."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        try:
            connection = sqlite3.connect(self.path, timeout=5)
            connection.execute(_SCHEMA)
        except sqlite3.Error as error:
            raise IgnoredWordsError(
                f"Die ignorierten Wörter in „{self.path}“ können nicht gelesen werden ({error})."
            ) from error
        return connection

    def words(self, draft_id: int) -> frozenset[str]:
        """The words ignored in the draft ``draft_id``."""
        connection = self._connect()
        try:
            rows = connection.execute(
                "SELECT word FROM ignored_words WHERE draft_id = ?", (draft_id,)
            ).fetchall()
        except sqlite3.Error as error:
            raise IgnoredWordsError(
                f"Die ignorierten Wörter in „{self.path}“ können nicht gelesen werden ({error})."
            ) from error
        finally:
            connection.close()
        return frozenset(word for (word,) in rows)

    def add(self, draft_id: int, words: Iterable[str]) -> None:
        """Ignore ``words`` in the draft ``draft_id`` from now on (committed at once)."""
        rows = [(draft_id, word) for word in words if word]
        connection = self._connect()
        try:
            with connection:
                connection.executemany(
                    "INSERT OR IGNORE INTO ignored_words (draft_id, word) VALUES (?, ?)", rows
                )
        except sqlite3.Error as error:
            raise IgnoredWordsError(
                f"Das Wort konnte nicht als ignoriert gespeichert werden ({error}); "
                f"Datei „{self.path}“."
            ) from error
        finally:
            connection.close()

    def copy(self, source_id: int, target_id: int) -> None:
        """Give the draft ``target_id`` the ignored words of ``source_id`` (a duplicate)."""
        words = self.words(source_id)
        if words:
            self.add(target_id, words)
