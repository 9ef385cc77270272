"""Schema and migrations: a database of schema 1 opens in the current program, nothing lost."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import zlib
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from stellungnahme_app import exchange
from stellungnahme_app.store import Status, Store, StoreError, VersionReason, schema
from tests.conftest import FIXTURES

from .clock import FakeClock

SCHEMA1_FIXTURE = FIXTURES / "store_schema1.db"


def _applied(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return schema.applied_migration_names(connection)
    finally:
        connection.close()


@pytest.fixture
def schema1_copy(db_path: Path) -> Path:
    shutil.copyfile(SCHEMA1_FIXTURE, db_path)
    return db_path


def test_fixture_is_schema_1() -> None:
    assert _applied(SCHEMA1_FIXTURE) == [schema.MIGRATION_NAMES[0]]


def test_new_database_gets_the_current_schema(db_path: Path) -> None:
    Store.open(db_path).close()
    assert _applied(db_path) == list(schema.MIGRATION_NAMES)
    assert len(schema.MIGRATION_NAMES) == schema.CURRENT_SCHEMA
    assert schema.MIGRATION_NAMES[-1] == schema.TEXT_ONCE


def test_schema1_database_is_backed_up_then_migrated_with_nothing_lost(
    schema1_copy: Path, clock: FakeClock, reference_json_path: Path
) -> None:
    original_bytes = schema1_copy.read_bytes()
    clock.advance(days=2)
    with Store.open(schema1_copy, clock=clock) as store:
        assert store.recovery_notice is None
        backups = store.backups()
        before_update = [b for b in backups if b.before_schema == schema.CURRENT_SCHEMA]
        assert len(before_update) == 1
        assert before_update[0].name.endswith(f"-vor-schema-{schema.CURRENT_SCHEMA}.db")
        assert _applied(before_update[0].path) == [schema.MIGRATION_NAMES[0]]

        reference = store.load(1)
        assert reference.draft == exchange.read_file(reference_json_path)
        assert reference.status is Status.IN_REVIEW
        assert reference.deadline == date(2024, 5, 2)
        assert reference.revision == 7
        second = store.load(2)
        assert second.draft.document_title == "Straßenbahn zum Ringelberg"
        assert [s.id for s in store.list_drafts(trash=True)] == [3]

        versions = store.versions(1)
        assert [v.reason for v in versions] == [VersionReason.STATUS, VersionReason.IMPORT]
        assert store.load_version(versions[-1].id).conclusion == "Erste Fassung des Fazits."
        # What the old rows held of what happened is kept; who it was they never said.
        assert [v.what_happened for v in versions] == ["Status: In Abstimmung", "Importiert"]
        assert [(v.number, v.author, v.name) for v in versions] == [(2, "", ""), (1, "", "")]

        # The new full-text index covers the migrated drafts.
        assert [s.id for s in store.search("Segregation")] == [1]
        assert [s.id for s in store.search("strassenbahn")] == [2]
        assert [s.id for s in store.search("GRÖSSE")] == [2]
        assert store.search("Verworfen") == []

        saved = store.save(reference)
        assert saved.revision == 8

        # Ids continue after the highest one the old database gave.
        assert store.purge_trash(older_than_days=None) == 1
        assert store.create(exchange.read_file(reference_json_path)).id == 4
    assert _applied(schema1_copy) == list(schema.MIGRATION_NAMES)
    assert SCHEMA1_FIXTURE.read_bytes() == original_bytes


def test_database_of_a_newer_program_is_refused_untouched(db_path: Path) -> None:
    Store.open(db_path).close()
    connection = sqlite3.connect(db_path)
    connection.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('stellungnahme', 'm999_from_the_future', '2030-01-01')"
    )
    connection.commit()
    connection.close()
    with pytest.raises(StoreError) as caught:
        Store.open(db_path)
    assert "neueren Version" in caught.value.message
    assert "m999_from_the_future" in _applied(db_path)


def test_an_ordinary_start_does_not_import_sqlite_utils(db_path: Path) -> None:
    Store.open(db_path).close()  # created and migrated: sqlite-utils was needed
    script = (
        "import sys; from pathlib import Path; from stellungnahme_app.store import Store; "
        f"Store.open(Path({str(db_path)!r})).close(); print('sqlite_utils' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


def _database_before_text_once(path: Path) -> None:
    """The schema-1 fixture brought to the schema before ``m005_text_once`` (whatever
    migrations precede it): the JSON, the body beside it, the external-content index."""

    shutil.copyfile(SCHEMA1_FIXTURE, path)
    connection = sqlite3.connect(path)
    schema.migrations.apply(sqlite_utils.Database(connection), stop_before=schema.TEXT_ONCE)
    connection.close()
    assert _applied(path)[-1] == schema.MIGRATION_NAMES[-2]


def _columns(path: Path, table: str) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {row[1] for row in connection.execute(f"SELECT * FROM pragma_table_info('{table}')")}


def test_text_once_migrates_the_schema_before_it_keeping_search_and_shrinking_the_file(
    db_path: Path, clock: FakeClock
) -> None:
    _database_before_text_once(db_path)
    assert "body" in _columns(db_path, "draft_texts")
    with Store.open(db_path, clock=clock) as store:
        assert [s.id for s in store.search("Segregation")] == [1]
        assert [s.id for s in store.search("strassenbahn")] == [2]
        assert "Segregation" in store.search("Segregation")[0].snippet
        reference = store.load(1)
        reference.draft.conclusion = "Neues Fazit über Zwiebelmärkte."
        store.save(reference)
        assert [s.id for s in store.search("zwiebelmarkte")] == [1]
        assert store.search("Verworfen") == []
        assert store.purge_trash(older_than_days=None) == 1
        store.delete(2)
        assert store.purge_trash(older_than_days=None) == 1
        assert store.search("strassenbahn") == []
    assert _applied(db_path) == list(schema.MIGRATION_NAMES)
    assert "body" not in _columns(db_path, "draft_texts")
    with sqlite3.connect(db_path) as connection:
        connection.execute("INSERT INTO drafts_fts(drafts_fts) VALUES ('integrity-check')")
        (fts_sql,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'drafts_fts'"
        ).fetchone()
    assert "content=''" in fts_sql


def _database_of_schema_3(path: Path, reference_json_path: Path) -> None:
    """A database as the previous program (schema 3) left it: a draft with four versions."""
    connection = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(connection)
    schema.migrations.apply(db, stop_before="m004_version_details")
    content = json.dumps(exchange.to_json_value(exchange.read_file(reference_json_path)))
    connection.execute("BEGIN")
    connection.execute(
        "INSERT INTO drafts (id, number, title, department, status, created, changed, revision) "
        "VALUES (1, '0661/24', 'Arbeitskreis Segregation', '', 'zur_unterschrift', "
        "'2024-04-22T08:00:00.000000+00:00', '2024-04-25T08:00:00.000000+00:00', 9)"
    )
    connection.execute("INSERT INTO draft_texts (id, content, body) VALUES (1, ?, '')", [content])
    rows = [
        ("2024-04-22T08:00:00.000000+00:00", "import", "0661/24 · 2 Beiträge"),
        ("2024-04-23T08:00:00.000000+00:00", "export", "0661/24 · Text unverändert"),
        ("2024-04-24T08:00:00.000000+00:00", "status", "Status „Zur Unterschrift“ · 0661/24"),
        ("2024-04-25T08:00:00.000000+00:00", "bearbeitung", "0661/24 · geändert: Fazit"),
    ]
    for created, reason, summary in rows:
        connection.execute(
            "INSERT INTO versions (draft_id, created, reason, summary, content_zlib) "
            "VALUES (1, ?, ?, ?, ?)",
            [created, reason, summary, zlib.compress(content.encode("utf-8"))],
        )
    connection.execute("COMMIT")
    connection.close()


def test_a_database_of_schema_3_is_backed_up_and_its_versions_get_details(
    db_path: Path, clock: FakeClock, reference_json_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _database_of_schema_3(db_path, reference_json_path)
    assert _applied(db_path) == list(schema.MIGRATION_NAMES[:3])
    monkeypatch.setenv("LOGNAME", "mmueller")
    with Store.open(db_path, clock=clock) as store:
        [backup] = [b for b in store.backups() if b.before_schema == schema.CURRENT_SCHEMA]
        assert _applied(backup.path) == list(schema.MIGRATION_NAMES[:3])
        versions = store.versions(1)
        assert [(v.number, v.what_happened, v.author, v.name) for v in versions] == [
            (4, "Bearbeitet", "", ""),
            (3, "Status: Zur Unterschrift", "", ""),
            (2, "Ausgegeben", "", ""),
            (1, "Importiert", "", ""),
        ]
        named = store.name_version(versions[2].id, "Fassung für den Dezernenten")
        assert (named.number, named.name) == (2, "Fassung für den Dezernenten")
        kept = store.keep_version(1, VersionReason.EXPORT, detail="pdf")
        assert (kept.number, kept.what_happened, kept.author) == (5, "PDF ausgegeben", "mmueller")
    assert _applied(db_path) == list(schema.MIGRATION_NAMES)


def test_an_update_is_due_only_for_a_database_of_an_older_version(
    db_path: Path, tmp_path: Path
) -> None:
    assert not schema.update_due(db_path), "no file yet: a first start, quick"
    shutil.copyfile(SCHEMA1_FIXTURE, db_path)
    assert schema.update_due(db_path)
    with Store.open(db_path):
        pass
    assert not schema.update_due(db_path)
    garbage = tmp_path / "kaputt.db"
    garbage.write_bytes(b"kein SQLite" * 100)
    assert not schema.update_due(garbage), "damage is left to the open, which reports it"
