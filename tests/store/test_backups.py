"""Backups: one per day of use, made while in use, the last ten kept, any one restorable."""

from __future__ import annotations

import gzip
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from helpers.hard_kill import KILL_ITSELF, KILLED_RETURN_CODE

from stellungnahme_app import fileio
from stellungnahme_app.model import Draft
from stellungnahme_app.store import (
    KEEP_DAILY_BACKUPS,
    BackupFile,
    BackupNotFound,
    Store,
    StoreBusyError,
    StoreDamagedError,
    StoreError,
)

from .clock import FakeClock


def _titles(path: Path) -> set[str]:
    """The titles in a backup, plain or packed (gzip, read with the standard library)."""
    with tempfile.TemporaryDirectory() as folder:
        if path.name.endswith(".gz"):
            plain = Path(folder) / "entpackt.db"
            plain.write_bytes(gzip.decompress(path.read_bytes()))
            path = plain
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            assert connection.execute("PRAGMA quick_check").fetchone() == ("ok",)
            return {row[0] for row in connection.execute("SELECT title FROM drafts")}
        finally:
            connection.close()


def _stamps(found: list[BackupFile]) -> list[tuple[datetime, int]]:
    return [backup.sort_key for backup in found]


def test_empty_database_is_not_backed_up(db_path: Path, clock: FakeClock) -> None:
    with Store.open(db_path, clock=clock) as store:
        assert store.backups() == []


def test_one_backup_per_day_of_use(db_path: Path, clock: FakeClock) -> None:
    with Store.open(db_path, clock=clock) as store:
        store.create(Draft(document_title="Erster Tag"))
        assert store.backups() == []
    clock.advance(hours=1)
    with Store.open(db_path, clock=clock) as store:
        (first,) = store.backups()
        assert isinstance(first, BackupFile)
        assert first.path.parent == db_path.parent / "backups"
        assert first.name == "stellungnahme-2024-04-22-100000.db"
        assert first.made == datetime(2024, 4, 22, 10, 0)
    clock.advance(hours=1)
    with Store.open(db_path, clock=clock) as store:
        assert store.backups() == [first]
        store.create(Draft(document_title="Zweiter Tag"))
    clock.advance(days=1)
    with Store.open(db_path, clock=clock) as store:
        newest, older = store.backups()
        assert older.sort_key == first.sort_key
        assert (newest.packed, older.packed) == (False, True), "only the newest stays plain"
        assert older.name == "stellungnahme-2024-04-22-100000.db.gz"
    assert _titles(older.path) == {"Erster Tag"}
    assert _titles(newest.path) == {"Erster Tag", "Zweiter Tag"}


def test_only_the_last_ten_daily_backups_are_kept(db_path: Path, clock: FakeClock) -> None:
    with Store.open(db_path, clock=clock) as store:
        store.create(Draft(document_title="x"))
    made = []
    for _day in range(KEEP_DAILY_BACKUPS + 3):
        clock.advance(days=1)
        with Store.open(db_path, clock=clock) as store:
            made.append(store.backups()[0])
    with Store.open(db_path, clock=clock) as store:
        assert _stamps(store.backups()) == _stamps(made[::-1][:KEEP_DAILY_BACKUPS])
    assert list(made[0].path.parent.glob(made[0].name + "*")) == []


def test_the_newest_backup_holding_more_drafts_than_the_database_is_never_pruned(
    db_path: Path, clock: FakeClock
) -> None:
    with Store.open(db_path, clock=clock) as store:
        ids = [store.create(Draft(document_title=f"Entwurf {n}")).id for n in range(5)]
    clock.advance(days=1)
    with Store.open(db_path, clock=clock) as store:
        (full,) = store.backups()
        for draft_id in ids[1:]:
            store.delete(draft_id)
        assert store.purge_trash(older_than_days=None) == 4
    notices = []
    for _day in range(KEEP_DAILY_BACKUPS + 2):
        clock.advance(days=1)
        with Store.open(db_path, clock=clock) as store:
            notices.append(store.recovery_notice)
            kept = store.backups()
    (full,) = [backup for backup in kept if backup.sort_key == full.sort_key]
    assert len(kept) == KEEP_DAILY_BACKUPS + 1
    assert _titles(full.path) == {f"Entwurf {n}" for n in range(5)}
    assert notices[: KEEP_DAILY_BACKUPS - 1] == [None] * (KEEP_DAILY_BACKUPS - 1)
    for notice in notices[KEEP_DAILY_BACKUPS - 1 :]:
        assert notice is not None
        assert "Sicherung vom 23.04.2024" in notice and full.name in notice
        assert "5 Entwürfe" in notice and "nur 1" in notice
        assert "nicht automatisch gelöscht" in notice


def test_backup_while_another_process_writes(db_path: Path, clock: FakeClock) -> None:
    with Store.open(db_path, clock=clock) as store:
        store.create(Draft(document_title="vorher"))
        with subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(db_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        ) as writer:
            assert writer.stdout is not None and writer.stdin is not None
            assert writer.stdout.readline().strip() == "in transaction"
            backup = store.backup()
            writer.stdin.write("commit\n")
            writer.stdin.flush()
            assert writer.wait(timeout=30) == 0
        assert _titles(backup) == {"vorher"}
        assert {s.title for s in store.list_drafts()} == {"vorher", "vom anderen Prozess"}


_WRITER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute(
    "INSERT INTO drafts (title, status, created, changed) "
    "VALUES ('vom anderen Prozess', 'entwurf', '2024-01-01', '2024-01-01')"
)
connection.execute("INSERT INTO draft_texts (id, content) VALUES (last_insert_rowid(), '{}')")
print("in transaction", flush=True)
sys.stdin.readline()
connection.execute("COMMIT")
"""


def test_restore_backup_keeps_the_current_database_aside(db_path: Path, clock: FakeClock) -> None:
    with Store.open(db_path, clock=clock) as store:
        store.create(Draft(document_title="gesichert"))
        backup = store.backup()
        clock.advance(minutes=5)
        store.create(Draft(document_title="danach"))
        assert store.restore_backup() == backup
        assert {s.title for s in store.list_drafts()} == {"gesichert"}
        assert store.previous_database is not None
        assert store.previous_database.parent == db_path.parent
        assert "ersetzt" in store.previous_database.name
        assert _titles(store.previous_database) == {"gesichert", "danach"}
        store.create(Draft(document_title="weiter"))
    with Store.open(db_path, clock=clock) as store:
        assert {s.title for s in store.list_drafts()} == {"gesichert", "weiter"}


def test_restore_a_named_backup(db_path: Path, clock: FakeClock) -> None:
    with Store.open(db_path, clock=clock) as store:
        store.create(Draft(document_title="eins"))
        first = store.backup()
        clock.advance(seconds=1)
        store.create(Draft(document_title="zwei"))
        store.backup()
        # Packed by now; the name it had when it was made still finds it.
        assert store.restore_backup(first.name) == first.with_name(first.name + ".gz")
        assert {s.title for s in store.list_drafts()} == {"eins"}


def test_backup_names_match_regardless_of_case(db_path: Path, clock: FakeClock) -> None:
    """Windows file systems ignore case, so a name typed as the Explorer shows it must do."""
    with Store.open(db_path, clock=clock) as store:
        store.create(Draft(document_title="eins"))
        first = store.backup()
        clock.advance(seconds=1)
        store.create(Draft(document_title="zwei"))
        store.backup()
        assert store.restore_backup(first.name.upper()) == first.with_name(first.name + ".gz")
        assert {s.title for s in store.list_drafts()} == {"eins"}


def test_backups_in_the_same_second_get_distinct_names(store: Store) -> None:
    store.create(Draft())
    names = {store.backup().name for _ in range(3)}
    assert len(names) == 3
    assert {backup.name.removesuffix(".gz") for backup in store.backups()} == names


def test_unknown_or_missing_backup(store: Store) -> None:
    with pytest.raises(BackupNotFound) as caught:
        store.restore_backup()
    assert "keine Sicherung" in caught.value.message
    store.create(Draft())
    store.backup()
    with pytest.raises(BackupNotFound) as caught:
        store.restore_backup("gibt-es-nicht.db")
    assert "gibt-es-nicht.db" in caught.value.message


def test_damaged_backup_is_refused_and_nothing_changes(store: Store) -> None:
    store.create(Draft(document_title="bleibt"))
    backup = store.backup()
    backup.write_bytes(b"kaputt" * 1000)
    with pytest.raises(StoreDamagedError):
        store.restore_backup(backup.name)
    assert {s.title for s in store.list_drafts()} == {"bleibt"}
    assert store.previous_database is None


def test_restore_backup_is_refused_while_another_window_has_the_database_open(
    db_path: Path, clock: FakeClock
) -> None:
    with Store.open(db_path, clock=clock) as store, Store.open(db_path, clock=clock) as other:
        store.create(Draft(document_title="eins"))
        store.backup()
        other.create(Draft(document_title="zwei"))
        with pytest.raises(StoreBusyError) as caught:
            store.restore_backup()
        assert "anderen Programmfenster" in caught.value.message
        assert {s.title for s in store.list_drafts()} == {"eins", "zwei"}
        assert {s.title for s in other.list_drafts()} == {"eins", "zwei"}
        other.create(Draft(document_title="drei"))
        assert len(store.list_drafts()) == 3
    assert store.previous_database is None


def test_failed_copy_leaves_the_database_in_place(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.create(Draft(document_title="bleibt"))
    store.backup()

    def disk_full(source: Path, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", disk_full)
    with pytest.raises(StoreError) as caught:
        store.restore_backup()
    assert "unverändert" in caught.value.message
    assert {s.title for s in store.list_drafts()} == {"bleibt"}
    store.create(Draft(document_title="geht weiter"))
    assert len(store.list_drafts()) == 2
    assert list(store.path.parent.glob("*ersetzt*")) == []
    assert _leftovers(store.path) == []


def _leftovers(db_path: Path) -> list[Path]:
    found = [*db_path.parent.glob(".*.tmp"), *(db_path.parent / "backups").glob(".*.tmp")]
    return sorted(found)


def test_temporary_files_of_killed_backups_are_removed_on_the_next_open(
    db_path: Path, clock: FakeClock
) -> None:
    with Store.open(db_path, clock=clock) as store:
        store.create(Draft(document_title="bleibt"))
        backup = store.backup()
    killed = [
        backup.parent / ".stellungnahme-2024-04-22-090000.k1ll3d_0.tmp",
        db_path.parent / ".stellungnahme.k1ll3d_1.tmp",
    ]
    for leftover in killed:
        leftover.write_bytes(b"halb geschrieben" * 1000)
    assert _leftovers(db_path) == sorted(killed)
    with Store.open(db_path, clock=clock) as store:
        assert _leftovers(db_path) == []
        assert [b.name for b in store.backups()] == [backup.name]
        assert {s.title for s in store.list_drafts()} == {"bleibt"}


_SLOW_WRITER = """
import sys
from pathlib import Path
from stellungnahme_app.store import backups
with backups.replacing(Path(sys.argv[1])) as temporary:
    temporary.write_bytes(b"wird noch geschrieben")
    print(temporary, flush=True)
    sys.stdin.readline()
"""


def test_a_temporary_file_another_process_is_still_writing_is_left_alone(
    db_path: Path, clock: FakeClock
) -> None:
    Store.open(db_path, clock=clock).close()
    target = db_path.parent / "backups" / "stellungnahme-2024-04-22-090000.db"
    target.parent.mkdir(exist_ok=True)
    with subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITER, str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as writer:
        assert writer.stdout is not None and writer.stdin is not None
        temporary = Path(writer.stdout.readline().strip())
        with Store.open(db_path, clock=clock):
            assert temporary.exists()
        writer.stdin.write("weiter\n")
        writer.stdin.flush()
        assert writer.wait(timeout=30) == 0
    assert target.read_bytes() == b"wird noch geschrieben"
    assert _leftovers(db_path) == []


# A restore killed at a given moment: the kill lands while the backup is copied, or just
# before the copy takes the database's place.
_RESTORE_KILLED = """
import os, shutil, signal, sys
from pathlib import Path
from stellungnahme_app import fileio
from stellungnahme_app.store import Store
database, moment = Path(sys.argv[1]), sys.argv[2]
store = Store.open(database)
def killed(*args, **kwargs):
    KILL_ITSELF
replace = os.replace
def replace_or_die(source, target):
    if Path(target) == database:
        killed()
    return replace(source, target)
if moment == "copy":
    shutil.copyfile = killed
else:
    fileio._replace = replace_or_die  # every rename of the program goes through it
store.restore_backup()
"""


@pytest.mark.parametrize("moment", ["copy", "replace"])
def test_a_restore_killed_midway_leaves_the_database_as_it_was(
    db_path: Path, clock: FakeClock, moment: str
) -> None:
    with Store.open(db_path, clock=clock) as store:
        store.create(Draft(document_title="gesichert"))
        store.backup()
        store.create(Draft(document_title="danach"))
    child = subprocess.run(
        [
            sys.executable,
            "-c",
            _RESTORE_KILLED.replace("KILL_ITSELF", KILL_ITSELF),
            str(db_path),
            moment,
        ],
        timeout=60,
        check=False,
    )
    assert child.returncode == KILLED_RETURN_CODE
    with Store.open(db_path, clock=clock) as store:
        assert store.recovery_notice is None
        assert {s.title for s in store.list_drafts()} == {"gesichert", "danach"}
    assert _leftovers(db_path) == []
    assert list(db_path.parent.glob("*ersetzt*")) == [], "the restore never happened"


class HeldForAMoment:
    """Stands in for the replace: Windows refuses it ``times`` times (WinError 32, set by
    hand – Linux has none) while a virus scanner or the search indexer holds the file."""

    def __init__(self, times: int) -> None:
        self.times = times
        self.refused: list[Path] = []

    def __call__(self, source: Path, target: Path) -> None:
        if len(self.refused) < self.times:
            self.refused.append(Path(target))
            error = PermissionError(13, "Der Prozess kann nicht auf die Datei zugreifen")
            error.winerror = 32  # type: ignore[attr-defined]
            raise error
        os.replace(source, target)


def test_a_backup_held_for_a_moment_on_windows_is_written_all_the_same(
    db_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(db_path, clock=clock) as store:
        store.create(Draft(document_title="gesichert"))
        held = HeldForAMoment(times=2)
        monkeypatch.setattr(fileio, "_replace", held)
        backup = store.backup()
    assert held.refused == [backup, backup]
    assert _titles(backup) == {"gesichert"}
    assert _leftovers(db_path) == []


def test_a_restore_held_for_a_moment_on_windows_is_done_all_the_same(
    db_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(db_path, clock=clock) as store:
        store.create(Draft(document_title="gesichert"))
        store.backup()
        store.create(Draft(document_title="danach"))
        held = HeldForAMoment(times=2)
        monkeypatch.setattr(fileio, "_replace", held)
        store.restore_backup()
        assert {s.title for s in store.list_drafts()} == {"gesichert"}
    assert db_path in held.refused


def test_older_backups_are_packed_to_a_fraction_of_a_full_copy(
    db_path: Path, clock: FakeClock
) -> None:
    with Store.open(db_path, clock=clock) as store:
        for index in range(30):
            store.create(Draft(document_title=f"Entwurf {index}", conclusion="Das Fazit. " * 400))
    for _day in range(3):
        clock.advance(days=1)
        Store.open(db_path, clock=clock).close()
    with Store.open(db_path, clock=clock) as store:
        newest, *older = store.backups()
    assert not newest.packed and len(older) == 2
    for backup in older:
        assert backup.packed
        assert backup.path.stat().st_size < newest.path.stat().st_size / 3
        assert _titles(backup.path) == {f"Entwurf {index}" for index in range(30)}
    assert list(db_path.parent.joinpath("backups").glob(".*.tmp")) == []


def test_a_damaged_database_is_repaired_from_a_packed_backup(
    db_path: Path, clock: FakeClock
) -> None:
    with Store.open(db_path, clock=clock) as store:
        store.create(Draft(document_title="gesichert"))
        packed = store.backup()
        clock.advance(seconds=1)
        newest = store.backup()
    newest.write_bytes(b"auch kaputt" * 100)  # the plain one is no use: the packed one helps
    db_path.write_bytes(b"kaputt" * 1000)
    with Store.open(db_path, clock=clock) as store:
        assert store.recovery_notice is not None
        assert {s.title for s in store.list_drafts()} == {"gesichert"}
    assert packed.with_name(packed.name + ".gz").exists()


def test_a_plain_backup_left_beside_its_packed_copy_by_a_kill_goes_at_the_next_packing(
    db_path: Path, clock: FakeClock
) -> None:
    with Store.open(db_path, clock=clock) as store:
        store.create(Draft(document_title="eins"))
        first = store.backup()
        kept = first.read_bytes()
        clock.advance(seconds=1)
        store.backup()
        first.write_bytes(kept)  # as if killed after packing, before removing the plain file
        clock.advance(seconds=1)
        store.backup()
        names = [backup.name for backup in store.backups()]
    assert len(names) == 3 and names[2] == first.name + ".gz"
    assert not first.exists()
