"""A damaged database is never overwritten: it is moved aside and the newest backup restored."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.protection import unwritable

from stellungnahme_app.model import Draft
from stellungnahme_app.store import Store, StoreError

from .clock import FakeClock

PAGE_SIZE = 4096


def _make_database_with_backup(db_path: Path, clock: FakeClock) -> None:
    with Store.open(db_path, clock=clock) as store:
        for index in range(40):
            store.create(Draft(document_title=f"Entwurf {index}", conclusion="Fazit " * 300))
        store.backup()
        clock.advance(minutes=30)
        store.create(Draft(document_title="nach der Sicherung"))


def _aside_files(db_path: Path) -> list[Path]:
    return sorted(db_path.parent.glob("stellungnahme-beschaedigt-*.db"))


def test_garbage_file_without_backup_is_kept_and_a_new_database_made(
    db_path: Path, clock: FakeClock
) -> None:
    garbage = random.Random(1).randbytes(50_000)
    db_path.write_bytes(garbage)
    with Store.open(db_path, clock=clock) as store:
        assert store.recovery_notice is not None
        assert "keine brauchbare Sicherung" in store.recovery_notice
        assert store.is_empty()
        (aside,) = _aside_files(db_path)
        assert aside.name in store.recovery_notice
        assert aside.read_bytes() == garbage
        store.create(Draft(document_title="neu"))
    with Store.open(db_path, clock=clock) as store:
        assert store.recovery_notice is None
        assert [s.title for s in store.list_drafts()] == ["neu"]


def test_garbage_file_is_replaced_by_the_newest_backup(db_path: Path, clock: FakeClock) -> None:
    _make_database_with_backup(db_path, clock)
    garbage = b"\x00garbage" * 5000
    db_path.write_bytes(garbage)
    with Store.open(db_path, clock=clock) as store:
        notice = store.recovery_notice
        assert notice is not None
        assert "aus der Sicherung vom 22.04.2024 um 09:00 Uhr wiederhergestellt" in notice
        assert len(store.list_drafts()) == 40
        (aside,) = _aside_files(db_path)
        assert aside.read_bytes() == garbage


def test_database_with_corrupted_pages_is_detected_and_restored(
    db_path: Path, clock: FakeClock
) -> None:
    _make_database_with_backup(db_path, clock)
    size = db_path.stat().st_size
    assert size > 20 * PAGE_SIZE
    noise = random.Random(7)
    with open(db_path, "r+b") as handle:
        for page in range(2, size // PAGE_SIZE, 3):
            handle.seek((page - 1) * PAGE_SIZE)
            handle.write(noise.randbytes(PAGE_SIZE))
    corrupted = db_path.read_bytes()
    with Store.open(db_path, clock=clock) as store:
        assert store.recovery_notice is not None
        assert "beschädigt" in store.recovery_notice
        titles = {s.title for s in store.list_drafts()}
        backed_up = {f"Entwurf {index}" for index in range(40)}
        # The draft made after the backup is rescued if its page was spared by the noise.
        assert backed_up <= titles <= backed_up | {"nach der Sicherung"}
        assert len(store.search("Fazit")) == 40
    (aside,) = _aside_files(db_path)
    assert aside.read_bytes() == corrupted


def test_a_damaged_backup_is_skipped(db_path: Path, clock: FakeClock) -> None:
    _make_database_with_backup(db_path, clock)
    with Store.open(db_path, clock=clock) as store:
        newest = store.backup()
        older = store.backups()[1]
    newest.write_bytes(b"auch kaputt" * 100)
    db_path.write_bytes(b"kaputt" * 1000)
    with Store.open(db_path, clock=clock) as store:
        assert len(store.list_drafts()) == 40
        assert store.recovery_notice is not None
        assert older.path.exists()


def test_damaged_wal_file_moves_aside_with_the_database(db_path: Path, clock: FakeClock) -> None:
    db_path.write_bytes(b"kaputt" * 1000)
    wal = Path(f"{db_path}-wal")
    wal.write_bytes(b"wal-inhalt")
    with Store.open(db_path, clock=clock) as store:
        assert store.recovery_notice is not None
    (aside,) = _aside_files(db_path)
    assert Path(f"{aside}-wal").read_bytes() == b"wal-inhalt"


def test_healthy_database_opens_without_notice(db_path: Path, clock: FakeClock) -> None:
    _make_database_with_backup(db_path, clock)
    with Store.open(db_path, clock=clock) as store:
        assert store.recovery_notice is None
    assert _aside_files(db_path) == []


def test_database_path_that_is_a_folder(db_path: Path) -> None:
    db_path.mkdir()
    with pytest.raises(StoreError) as caught:
        Store.open(db_path)
    assert "Ordner" in caught.value.message


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_no_database_can_be_made_in_a_write_protected_folder(tmp_path: Path) -> None:
    folder = tmp_path / "gesperrt"
    folder.mkdir()
    with unwritable(folder), pytest.raises(StoreError) as caught:
        Store.open(folder / "stellungnahme.db")
    assert "kann nicht angelegt werden" in caught.value.message
    assert f"Der Ordner „{folder}“ ist schreibgeschützt" in caught.value.message


def test_read_only_database_gives_a_german_message(db_path: Path) -> None:
    Store.open(db_path).close()
    with Store.open(db_path) as store:
        store.create(Draft())
        # The same situation a write-protected file produces, independent of the user's rights.
        store._db.execute("PRAGMA query_only = ON")
        with pytest.raises(StoreError) as caught:
            store.create(Draft())
        assert "schreibgeschützt" in caught.value.message
    connection = sqlite3.connect(db_path)
    assert connection.execute("SELECT count(*) FROM drafts").fetchone() == (1,)
    connection.close()


def _pages_of(path: Path, table: str, page_type: str | None = None) -> list[int]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        query = "SELECT pageno FROM dbstat WHERE name = ?"
        parameters: list[str] = [table]
        if page_type is not None:
            query += " AND pagetype = ?"
            parameters.append(page_type)
        return [row[0] for row in connection.execute(query + " ORDER BY pageno", parameters)]
    finally:
        connection.close()


def _spoil(path: Path, pages: list[int]) -> None:
    noise = random.Random(3)
    with open(path, "r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * PAGE_SIZE)
            handle.write(noise.randbytes(PAGE_SIZE))


def test_drafts_changed_after_the_backup_are_rescued_from_the_damaged_file(
    db_path: Path, clock: FakeClock
) -> None:
    _make_database_with_backup(db_path, clock)
    with Store.open(db_path, clock=clock) as store:
        clock.advance(minutes=5)
        first = store.load(1)
        first.draft.conclusion = "Nach der Sicherung geändert."
        store.save(first)
        store.delete(2)
        (newest_id,) = [s.id for s in store.list_drafts() if s.title == "nach der Sicherung"]
    spoiled = _pages_of(db_path, "drafts_fts_data")
    _spoil(db_path, spoiled[len(spoiled) // 2 :])

    with Store.open(db_path, clock=clock) as store:
        notice = store.recovery_notice
        assert notice is not None
        assert "aus der Sicherung vom 22.04.2024 um 09:00 Uhr wiederhergestellt" in notice
        assert "3 Entwürfe, die danach geändert worden waren" in notice
        rescued = store.load(1)
        assert rescued.draft.conclusion == "Nach der Sicherung geändert."
        kept = store.versions(1)[0]
        assert store.load_version(kept.id).conclusion == "Fazit " * 300
        assert store.load(2).deleted is not None
        assert store.load(newest_id).draft.document_title == "nach der Sicherung"
        assert [hit.id for hit in store.search("nach der Sicherung")] == [newest_id, 1]
        assert [hit.id for hit in store.search("Sicherung geändert")] == [1]
        assert store._db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_rows_on_damaged_pages_are_skipped_the_rest_is_rescued(
    db_path: Path, clock: FakeClock
) -> None:
    with Store.open(db_path, clock=clock) as store:
        for index in range(60):
            store.create(Draft(document_title=f"Entwurf {index}", conclusion="Text " * 100))
    leaves = _pages_of(db_path, "draft_texts", "leaf")
    assert len(leaves) > 4
    _spoil(db_path, [leaves[len(leaves) // 2]])

    with Store.open(db_path, clock=clock) as store:
        notice = store.recovery_notice
        assert notice is not None
        assert "keine brauchbare Sicherung" in notice and "gerettet" in notice
        titles = {summary.title for summary in store.list_drafts()}
        assert 40 < len(titles) < 60
        assert titles <= {f"Entwurf {index}" for index in range(60)}


# ---------------------------------------------------------------------- a missing database


def test_an_emptied_database_is_restored_from_the_newest_backup_and_the_user_told(
    db_path: Path, clock: FakeClock
) -> None:
    _make_database_with_backup(db_path, clock)
    db_path.write_bytes(b"")  # : > stellungnahme.db
    with Store.open(db_path, clock=clock) as store:
        notice = store.recovery_notice
        assert notice is not None
        assert "fehlte oder war leer" in notice
        assert "Sicherung vom 22.04.2024 um 09:00 Uhr" in notice
        assert not store.is_empty()
        assert {s.title for s in store.list_drafts()} == {f"Entwurf {i}" for i in range(40)}
    with Store.open(db_path, clock=clock) as store:
        assert store.recovery_notice is None


def test_a_deleted_database_is_restored_from_the_newest_good_backup(
    db_path: Path, clock: FakeClock
) -> None:
    _make_database_with_backup(db_path, clock)
    clock.advance(minutes=30)
    with Store.open(db_path, clock=clock) as store:
        newest = store.backup()
    newest.write_bytes(b"kaputt" * 1000)
    db_path.unlink()
    with Store.open(db_path, clock=clock) as store:
        assert store.recovery_notice is not None
        assert "Sicherung vom 22.04.2024 um 09:00 Uhr" in store.recovery_notice
        assert len(store.list_drafts()) == 40
    assert newest.read_bytes() == b"kaputt" * 1000


def test_a_database_kept_aside_by_a_killed_restore_is_put_back(
    db_path: Path, clock: FakeClock
) -> None:
    """An older program moved the database aside before copying the backup; a kill in between
    left no database, only stellungnahme-ersetzt-….db, which is newer than any backup."""
    _make_database_with_backup(db_path, clock)
    clock.advance(hours=1)
    aside = db_path.with_name("stellungnahme-ersetzt-2024-04-22-104500.db")
    os.replace(db_path, aside)
    with Store.open(db_path, clock=clock) as store:
        notice = store.recovery_notice
        assert notice is not None
        assert aside.name in notice
        assert {s.title for s in store.list_drafts()} == {f"Entwurf {i}" for i in range(40)} | {
            "nach der Sicherung"
        }
    assert aside.exists()


def test_a_missing_database_without_a_usable_backup_starts_empty_and_says_so(
    db_path: Path, clock: FakeClock
) -> None:
    _make_database_with_backup(db_path, clock)
    (backup,) = (db_path.parent / "backups").iterdir()
    backup.write_bytes(b"kaputt" * 1000)
    db_path.unlink()
    with Store.open(db_path, clock=clock) as store:
        notice = store.recovery_notice
        assert notice is not None
        assert "keine" in notice and "brauchbar" in notice
        assert backup.name in notice
        assert store.is_empty()
    assert backup.read_bytes() == b"kaputt" * 1000


def test_a_first_start_is_no_recovery(db_path: Path, clock: FakeClock) -> None:
    with Store.open(db_path, clock=clock) as store:
        assert store.recovery_notice is None
        assert store.is_empty()


# A process on a nearly full disk: it may write files of at most a few kilobytes.
_OPEN_ON_A_FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from stellungnahme_app.store import Store, StoreError
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))
try:
    Store.open(Path(sys.argv[1])).close()
except StoreError as error:
    print(type(error).__name__, error.message, sep="\\n")
"""


@pytest.mark.skipif(sys.platform == "win32", reason="limits the file size with POSIX rlimit")
def test_a_damaged_database_on_a_full_disk_stays_where_it_is_and_the_user_is_told(
    db_path: Path, clock: FakeClock
) -> None:
    _make_database_with_backup(db_path, clock)
    (backup,) = (db_path.parent / "backups").iterdir()
    assert backup.stat().st_size > 64 * 1024
    garbage = b"kaputt" * 20_000
    db_path.write_bytes(garbage)
    before = sorted(path.name for path in db_path.parent.rglob("*"))
    child = subprocess.run(
        [sys.executable, "-c", _OPEN_ON_A_FULL_DISK, str(db_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert child.returncode == 0, child.stderr
    kind, message = child.stdout.strip().split("\n", 1)
    assert kind == "StoreDamagedError"
    assert "beschädigt" in message and "nichts verändert" in message
    assert db_path.read_bytes() == garbage
    assert sorted(path.name for path in db_path.parent.rglob("*")) == before
    with Store.open(db_path, clock=clock) as store:
        assert store.recovery_notice is not None
        assert "aus der Sicherung vom 22.04.2024 um 09:00 Uhr wiederhergestellt" in (
            store.recovery_notice
        )
        assert len(store.list_drafts()) == 40
    (aside,) = _aside_files(db_path)
    assert aside.read_bytes() == garbage


# ------------------------------------------------------------- a WAL file of another database


def _wal_of_a_foreign_database(folder: Path) -> bytes:
    """The WAL file another program's database leaves when it is killed (same page size)."""
    foreign = sqlite3.connect(folder / "fremd.db", isolation_level=None)
    foreign.execute("PRAGMA journal_mode = WAL")
    foreign.execute("PRAGMA wal_autocheckpoint = 0")
    foreign.execute("CREATE TABLE fremd (x TEXT)")
    foreign.execute("INSERT INTO fremd VALUES ('fremd')")
    wal = (folder / "fremd.db-wal").read_bytes()
    foreign.close()
    return wal


def _wal_of_another_store(folder: Path, clock: FakeClock) -> bytes:
    """The WAL file of another person's Stellungnahme database, copied while it is open."""
    with Store.open(folder / "stellungnahme.db", clock=clock) as other:
        for index in range(3):
            other.create(Draft(document_title=f"fremd {index}"))
        return (folder / "stellungnahme.db-wal").read_bytes()


def _three_drafts(db_path: Path, clock: FakeClock) -> bytes:
    with Store.open(db_path, clock=clock) as store:
        for index in range(3):
            store.create(Draft(document_title=f"eigen {index}"))
    assert not Path(f"{db_path}-wal").exists()
    return db_path.read_bytes()


@pytest.mark.parametrize("source", ["foreign program", "another store"])
def test_a_wal_file_of_another_database_is_kept_aside_not_replayed(
    db_path: Path, tmp_path: Path, clock: FakeClock, source: str
) -> None:
    own = _three_drafts(db_path, clock)
    clock.advance(minutes=5)
    if source == "foreign program":
        wal = _wal_of_a_foreign_database(tmp_path)
    else:
        wal = _wal_of_another_store(tmp_path, clock)
    Path(f"{db_path}-wal").write_bytes(wal)

    with Store.open(db_path, clock=clock) as store:
        notice = store.recovery_notice
        assert notice is not None
        assert "stellungnahme.db-wal" in notice and "gehörte nicht" in notice
        assert "3 Entwürfe konnten aus der beschädigten Datei gerettet werden" in notice
        assert {s.title for s in store.list_drafts()} == {f"eigen {i}" for i in range(3)}
    (aside,) = _aside_files(db_path)
    assert aside.read_bytes() == own
    assert Path(f"{aside}-wal").read_bytes() == wal


def test_the_wal_file_of_a_killed_program_is_its_own_and_replayed(
    db_path: Path, clock: FakeClock
) -> None:
    _three_drafts(db_path, clock)
    with Store.open(db_path, clock=clock) as store:
        store.create(Draft(document_title="nur im WAL"))
        crashed = {path.name: path.read_bytes() for path in db_path.parent.glob("*.db*")}
    for name, content in crashed.items():
        (db_path.parent / name).write_bytes(content)
    assert Path(f"{db_path}-wal").stat().st_size > 0
    with Store.open(db_path, clock=clock) as store:
        assert store.recovery_notice is None
        assert "nur im WAL" in {s.title for s in store.list_drafts()}
    assert _aside_files(db_path) == []


def test_a_wal_file_without_its_database_is_kept_aside(db_path: Path, clock: FakeClock) -> None:
    _make_database_with_backup(db_path, clock)
    with Store.open(db_path, clock=clock) as store:
        store.create(Draft(document_title="nur im WAL"))
        wal = Path(f"{db_path}-wal").read_bytes()
    db_path.unlink()
    Path(f"{db_path}-wal").write_bytes(wal)
    with Store.open(db_path, clock=clock) as store:
        assert store.recovery_notice is not None
        assert len(store.list_drafts()) == 40
    (kept,) = db_path.parent.glob("stellungnahme-beschaedigt-*.db-wal")
    assert kept.read_bytes() == wal


def test_a_damaged_database_of_an_older_version_is_repaired_before_it_is_updated(
    db_path: Path, clock: FakeClock
) -> None:
    """The window opens without the integrity check (it runs after the first paint) – but an
    update reads every row first, so damage must be found and repaired before it, or every
    start would fail on it, each leaving another copy of the damaged file behind."""
    import shutil

    from stellungnahme_app.store import schema

    from .test_schema import _database_before_text_once

    _database_before_text_once(db_path)
    connection = sqlite3.connect(db_path)
    (content,) = connection.execute("SELECT content FROM draft_texts WHERE id = 1").fetchone()
    row = connection.execute("SELECT * FROM drafts WHERE id = 1").fetchone()
    for draft_id in range(100, 400):
        connection.execute(
            f"INSERT INTO drafts VALUES ({', '.join('?' * len(row))})", (draft_id, *row[1:])
        )
        connection.execute(
            "INSERT INTO draft_texts (id, content, body) VALUES (?, ?, ?)",
            (draft_id, content, "Text " * 600),
        )
    connection.commit()
    connection.close()
    drafts_before = _count_drafts(db_path)
    (db_path.parent / "backups").mkdir(exist_ok=True)
    shutil.copyfile(db_path, db_path.parent / "backups" / "stellungnahme-2024-04-21-090000.db")
    _spoil(db_path, _pages_of(db_path, "draft_texts")[3:4])
    assert schema.update_due(db_path)

    with Store.open(db_path, clock=clock, housekeeping=False) as store:
        assert store.recovery_notice is not None
        assert "wiederhergestellt" in store.recovery_notice
        assert len(store.list_drafts()) == drafts_before
    with Store.open(db_path, clock=clock, housekeeping=False) as store:
        assert store.recovery_notice is None
    before_schema = list((db_path.parent / "backups").glob("*-vor-schema-*"))
    assert len(before_schema) <= 1, before_schema


def _count_drafts(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        (count,) = connection.execute(
            "SELECT count(*) FROM drafts WHERE deleted IS NULL"
        ).fetchone()
    return count
