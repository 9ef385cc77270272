"""The store's daily care after opening: quick_check, the day's backup and the trash, run by
``Store.housekeeping()`` when the store was opened with ``housekeeping=False``."""

from __future__ import annotations

import random
import sqlite3
import threading
from pathlib import Path

from stellungnahme_app.model import Draft
from stellungnahme_app.store import Store
from stellungnahme_app.store.housekeeping import check_marker

from .clock import FakeClock

PAGE_SIZE = 4096


def _fill(db_path: Path, clock: FakeClock) -> None:
    with Store.open(db_path, clock=clock) as store:
        for index in range(40):
            store.create(Draft(document_title=f"Entwurf {index}", conclusion="Fazit " * 300))


def _spoil_search_index(db_path: Path) -> None:
    """Damage that only ``quick_check`` sees: pages of the full-text index."""
    connection = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    pages = [
        row[0]
        for row in connection.execute(
            "SELECT pageno FROM dbstat WHERE name = 'drafts_fts_data' ORDER BY pageno"
        )
    ]
    connection.close()
    noise = random.Random(3)
    with open(db_path, "r+b") as handle:
        for page in pages[len(pages) // 2 :]:
            handle.seek((page - 1) * PAGE_SIZE)
            handle.write(noise.randbytes(PAGE_SIZE))


def test_opening_without_housekeeping_leaves_backup_and_trash_for_later(
    db_path: Path, clock: FakeClock
) -> None:
    _fill(db_path, clock)
    with Store.open(db_path, clock=clock) as store:
        for backup in store.backups():
            backup.path.unlink()
        store.delete(1)
    clock.advance(days=31)
    with Store.open(db_path, clock=clock, housekeeping=False) as store:
        assert store.backups() == []
        assert [line.id for line in store.list_drafts(trash=True)] == [1]
        assert store.housekeeping() == []
        (backup,) = store.backups()
        assert store.list_drafts(trash=True) == []
        assert store.housekeeping() == [], "once a day"
        assert store.backups() == [backup]
    with sqlite3.connect(backup.path) as copy:
        assert copy.execute("SELECT count(*) FROM drafts").fetchone() == (40,)


def test_damage_found_by_housekeeping_is_told_and_repaired_at_the_next_start(
    db_path: Path, clock: FakeClock
) -> None:
    _fill(db_path, clock)
    with Store.open(db_path, clock=clock) as store:
        backups = store.backups()
    clock.advance(days=1)
    _spoil_search_index(db_path)
    with Store.open(db_path, clock=clock, housekeeping=False) as store:
        assert store.recovery_notice is None, "quick_check has not run yet"
        (notice,) = store.housekeeping()
        assert "Schaden" in notice and "starten Sie es neu" in notice
        assert store.backups() == backups, "no backup of a damaged file"
    assert check_marker(db_path).exists()
    with Store.open(db_path, clock=clock, housekeeping=False) as store:
        assert store.recovery_notice is not None
        assert "beschädigt" in store.recovery_notice
        assert len(store.search("Fazit")) == 40
    assert not check_marker(db_path).exists()


def test_saving_goes_on_while_housekeeping_backs_up(db_path: Path, clock: FakeClock) -> None:
    _fill(db_path, clock)
    clock.advance(days=1)
    with Store.open(db_path, clock=clock, housekeeping=False) as store:
        draft = store.load(2)
        worker = threading.Thread(target=store.housekeeping)
        worker.start()
        for number in range(20):
            draft.draft.conclusion = f"Fassung {number}"
            draft = store.save(draft)
        worker.join(timeout=60)
        assert len(store.backups()) == 1
        assert store.load(2).draft.conclusion == "Fassung 19"


def test_a_file_that_is_no_database_is_repaired_also_without_housekeeping(
    db_path: Path, clock: FakeClock
) -> None:
    _fill(db_path, clock)
    with Store.open(db_path, clock=clock) as store:
        store.backup()
    db_path.write_bytes(b"Das ist keine Datenbank." * 100)
    with Store.open(db_path, clock=clock, housekeeping=False) as store:
        assert store.recovery_notice is not None
        assert len(store.list_drafts()) == 40
