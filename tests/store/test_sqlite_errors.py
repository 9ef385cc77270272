"""SQLite's errors are sorted by their code, never by their text: trouble of the desk (disk
full, file locked or damaged) becomes a German message; anything else is a bug and says so."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.model import Draft
from stellungnahme_app.store import (
    Store,
    StoreBug,
    StoreBusyError,
    StoreDamagedError,
    StoreError,
    StoreReadOnlyError,
)
from stellungnahme_app.store.sqlite_errors import is_damage, store_error


def _error_of(connection: sqlite3.Connection, sql: str) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as caught:
        connection.execute(sql)
    return caught.value


def _reported(code: int) -> sqlite3.Error:
    """An error as SQLite reports it: its text says nothing, its code everything."""
    error = sqlite3.OperationalError("irgendein Text")
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


def test_an_error_whose_text_sounds_like_the_desk_is_still_a_bug(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "x.db")
    try:
        for table in ("disk is full", "database is locked", "readonly", "unable to open"):
            error = _error_of(connection, f'SELECT * FROM "{table}"')
            assert error.sqlite_errorcode == sqlite3.SQLITE_ERROR  # type: ignore[attr-defined]
            assert isinstance(store_error(error, tmp_path / "x.db"), StoreBug)
    finally:
        connection.close()


def test_a_bug_is_no_user_message_and_is_logged_with_its_traceback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    connection = sqlite3.connect(tmp_path / "x.db")
    try:
        error = _error_of(connection, "SELECT no_such_column FROM sqlite_master")
    finally:
        connection.close()
    with caplog.at_level(logging.ERROR):
        bug = store_error(error, tmp_path / "x.db")
    assert not isinstance(bug, StellungnahmeError)
    assert bug.__cause__ is error
    (record,) = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.exc_info is not None and record.exc_info[1] is error


@pytest.mark.parametrize(
    ("code", "kind", "words"),
    [
        (sqlite3.SQLITE_BUSY, StoreBusyError, "anderes Programmfenster"),
        (sqlite3.SQLITE_LOCKED, StoreBusyError, "anderes Programmfenster"),
        (sqlite3.SQLITE_BUSY_SNAPSHOT, StoreBusyError, "anderes Programmfenster"),
        (sqlite3.SQLITE_READONLY, StoreReadOnlyError, "schreibgeschützt"),
        (sqlite3.SQLITE_READONLY_DBMOVED, StoreReadOnlyError, "schreibgeschützt"),
        (sqlite3.SQLITE_FULL, StoreError, "nicht genug Platz"),
        (sqlite3.SQLITE_CORRUPT, StoreDamagedError, "beschädigt"),
        (sqlite3.SQLITE_CORRUPT_INDEX, StoreDamagedError, "beschädigt"),
        (sqlite3.SQLITE_NOTADB, StoreDamagedError, "beschädigt"),
        (sqlite3.SQLITE_CANTOPEN, StoreError, "Laufwerk erreichbar"),
        (sqlite3.SQLITE_IOERR_WRITE, StoreError, "Laufwerk erreichbar"),
        (sqlite3.SQLITE_PERM, StoreError, "Berechtigung"),
    ],
)
def test_trouble_of_the_desk_is_told_in_german_by_its_code(
    code: int, kind: type[StoreError], words: str
) -> None:
    error = store_error(_reported(code), Path("stellungnahme.db"))
    assert type(error) is kind
    assert words in error.message


@pytest.mark.parametrize(
    "code",
    [
        sqlite3.SQLITE_ERROR,
        sqlite3.SQLITE_CONSTRAINT_UNIQUE,
        sqlite3.SQLITE_MISUSE,
        sqlite3.SQLITE_RANGE,
        sqlite3.SQLITE_MISMATCH,
    ],
)
def test_other_codes_are_bugs(code: int) -> None:
    assert isinstance(store_error(_reported(code), Path("stellungnahme.db")), StoreBug)


def test_an_error_of_the_python_module_itself_is_a_bug(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "x.db")
    connection.close()
    error = _error_of(connection, "SELECT 1")
    assert isinstance(store_error(error, tmp_path / "x.db"), StoreBug)


def test_damage_is_known_by_its_code(tmp_path: Path) -> None:
    garbage = tmp_path / "kaputt.db"
    garbage.write_bytes(b"kein SQLite" * 500)
    connection = sqlite3.connect(garbage)
    try:
        assert is_damage(_error_of(connection, "SELECT * FROM sqlite_master"))
        assert not is_damage(_error_of(connection, "SELEKT"))
    finally:
        connection.close()
    assert is_damage(_reported(sqlite3.SQLITE_CORRUPT_VTAB))
    assert not is_damage(_reported(sqlite3.SQLITE_IOERR))


def test_a_store_whose_tables_went_missing_reports_a_bug_not_the_drive(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with Store.open(db_path) as store:
        store.create(Draft(document_title="Zwiebelmarkt"))
        other = sqlite3.connect(db_path)
        other.execute("DROP TABLE drafts_title_fts")
        other.commit()
        other.close()
        with caplog.at_level(logging.ERROR), pytest.raises(StoreBug) as caught:
            store.search("Zwiebelmarkt")
        assert "drafts_title_fts" in str(caught.value)
        assert any(record.exc_info for record in caplog.records)
        assert [s.title for s in store.list_drafts()] == ["Zwiebelmarkt"]
