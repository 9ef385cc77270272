"""Opening the database: read-write as a rule; read-only, with the reason, when the folder,
the disk or the file allows no writing – the drafts can still be read and exported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers.protection import unwritable

from stellungnahme_app.model import Draft
from stellungnahme_app.store import Store, StoreError, StoreReadOnlyError

from .clock import FakeClock

CAN_READ_AND_EXPORT = "Ihre Entwürfe können gelesen und ausgegeben, aber nicht geändert werden"


def _two_drafts(db_path: Path, clock: FakeClock) -> None:
    with Store.open(db_path, clock=clock) as store:
        store.create(Draft(document_title="Zwiebelmarkt", conclusion="Fazit eins"))
        store.create(Draft(document_title="Domplatz", conclusion="Fazit zwei"))
        store.backup()


def _assert_readable_not_writable(store: Store) -> None:
    assert store.read_only
    assert {s.title for s in store.list_drafts()} == {"Zwiebelmarkt", "Domplatz"}
    assert [s.title for s in store.search("Domplatz")] == ["Domplatz"]
    first = store.list_drafts()[0]
    stored = store.load(first.id)
    assert stored.draft.document_title == first.title
    with pytest.raises(StoreReadOnlyError) as caught:
        store.save(stored)
    assert "schreibgeschützt" in caught.value.message
    assert CAN_READ_AND_EXPORT in caught.value.message
    for write in (
        lambda: store.create(Draft()),
        lambda: store.delete(first.id),
        lambda: store.purge_trash(older_than_days=None),
        lambda: store.restore_backup(),
    ):
        with pytest.raises(StoreReadOnlyError):
            write()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_write_protected_data_folder_opens_the_drafts_read_only_and_says_why(
    db_path: Path, clock: FakeClock
) -> None:
    _two_drafts(db_path, clock)
    with unwritable(db_path.parent), Store.open(db_path, clock=clock) as store:
        assert store.read_only_reason is not None
        assert "schreibgeschützt" in store.read_only_reason
        assert str(db_path.parent) in store.read_only_reason
        assert "stellungnahme.db-shm" in store.read_only_reason
        _assert_readable_not_writable(store)
    with Store.open(db_path, clock=clock) as store:
        assert not store.read_only and store.read_only_reason is None
        store.create(Draft(document_title="wieder schreibbar"))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_write_protected_database_file_opens_read_only(db_path: Path, clock: FakeClock) -> None:
    _two_drafts(db_path, clock)
    with unwritable(db_path), Store.open(db_path, clock=clock) as store:
        assert store.read_only_reason is not None
        assert f"„{db_path}“ ist schreibgeschützt" in store.read_only_reason
        _assert_readable_not_writable(store)


_OPEN_ON_A_FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from stellungnahme_app.store import Store, StoreError, StoreReadOnlyError
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.RLIM_INFINITY))
with Store.open(Path(sys.argv[1])) as store:
    print(store.read_only, sorted(s.title for s in store.list_drafts()))
    print(store.read_only_reason)
    try:
        store.create(None)
    except StoreReadOnlyError as error:
        print(error.message)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="limits the file size with POSIX rlimit")
def test_on_a_full_disk_the_drafts_open_read_only(db_path: Path, clock: FakeClock) -> None:
    """No byte can be written: SQLite cannot even size its shared-memory file."""
    _two_drafts(db_path, clock)
    child = subprocess.run(
        [sys.executable, "-c", _OPEN_ON_A_FULL_DISK, str(db_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert child.returncode == 0, child.stderr
    listed, reason, refused = child.stdout.strip().split("\n")
    assert listed == "True ['Domplatz', 'Zwiebelmarkt']"
    assert str(db_path.parent) in reason and "Laufwerk" in reason
    assert "schreibgeschützt" in refused and CAN_READ_AND_EXPORT in refused
    with Store.open(db_path, clock=clock) as store:
        assert not store.read_only
        assert len(store.list_drafts()) == 2


_KILLED_IN_A_ROLLBACK_TRANSACTION = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA journal_mode = DELETE")
connection.execute("PRAGMA cache_size = 1")  # pages go to the file before the commit
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE draft_texts SET content = content || content")
connection.execute("UPDATE drafts SET title = 'halb geschrieben'")
print("mitten drin", flush=True)
time.sleep(60)
"""


def _killed_in_a_rollback_transaction(db_path: Path) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", _KILLED_IN_A_ROLLBACK_TRANSACTION, str(db_path)],
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdout is not None
        assert child.stdout.readline() == "mitten drin\n"
        child.kill()  # SIGKILL; TerminateProcess on Windows
    assert Path(f"{db_path}-journal").stat().st_size > 0


def test_a_transaction_killed_midway_is_rolled_back_and_the_store_opens_as_usual(
    db_path: Path, clock: FakeClock
) -> None:
    """A kill while the journal mode is being changed (before a restore) leaves a hot
    rollback journal, which only a connection that may write can roll back."""
    _two_drafts(db_path, clock)
    _killed_in_a_rollback_transaction(db_path)
    with Store.open(db_path, clock=clock) as store:
        assert not store.read_only
        assert store.recovery_notice is None
        assert {s.title for s in store.list_drafts()} == {"Zwiebelmarkt", "Domplatz"}
        store.create(Draft(document_title="weiter"))
    assert not Path(f"{db_path}-journal").exists()


@pytest.mark.posix_only(reason="a write-protected folder")
def test_a_killed_transaction_in_a_write_protected_folder_is_neither_read_nor_touched(
    db_path: Path, clock: FakeClock
) -> None:
    """Reading the file without rolling the transaction back could show half a change."""
    _two_drafts(db_path, clock)
    _killed_in_a_rollback_transaction(db_path)
    journal = Path(f"{db_path}-journal").read_bytes()
    with unwritable(db_path.parent), pytest.raises(StoreError) as caught:
        Store.open(db_path, clock=clock)
    assert "weder geändert noch gelesen" in caught.value.message
    assert CAN_READ_AND_EXPORT not in caught.value.message
    assert Path(f"{db_path}-journal").read_bytes() == journal
    with Store.open(db_path, clock=clock) as store:
        assert {s.title for s in store.list_drafts()} == {"Zwiebelmarkt", "Domplatz"}
