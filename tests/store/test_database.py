"""The store's core: drafts in, drafts out, conflicts detected, trash, lists."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import stat
import threading
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stellungnahme_app import paths
from stellungnahme_app.model import Contribution, Draft, ResolutionPoint, Signature
from stellungnahme_app.store import (
    ConflictError,
    DraftNotFound,
    Status,
    Store,
    StoreBusyError,
    StoreError,
    VersionReason,
    connection,
)

from .clock import FakeClock


def test_open_without_path_uses_the_data_folder() -> None:
    with Store.open() as store:
        assert store.path == paths.data_dir() / "stellungnahme.db"
        assert store.path.is_file()
        assert store.recovery_notice is None
        assert store.is_empty()


def test_created_draft_loads_back_equal(store: Store, reference_draft: Draft) -> None:
    stored = store.create(reference_draft, status=Status.IN_REVIEW, deadline=date(2024, 5, 2))
    loaded = store.load(stored.id)
    assert loaded.draft == reference_draft
    assert loaded.status is Status.IN_REVIEW
    assert loaded.deadline == date(2024, 5, 2)
    assert loaded.revision == 1
    assert loaded.deleted is None
    assert loaded.created == stored.created == loaded.changed
    assert not store.is_empty()


def test_everything_the_model_holds_survives(store: Store) -> None:
    draft = Draft(
        city="Erfurt",
        document_number="0001/25",
        document_title="Text mit \x00 Steuerzeichen, \ud800 Surrogat, 😀 und\ttab",
        public=False,
        contributions=[Contribution(office="Amt", heading="", text="a\n\nb")],
        attachments=["Anlage 1", ""],
    )
    stored = store.create(draft)
    assert store.load(stored.id).draft == draft


def test_save_writes_draft_status_and_deadline(
    store: Store, reference_draft: Draft, clock: FakeClock
) -> None:
    stored = store.create(reference_draft)
    clock.advance(minutes=1)
    stored.draft.conclusion = "Neues Fazit."
    stored.status = Status.FOR_SIGNATURE
    stored.deadline = date(2024, 6, 1)
    saved = store.save(stored)
    assert saved.revision == 2
    assert saved.changed == clock.now
    assert saved.created == stored.created
    loaded = store.load(stored.id)
    assert loaded == saved


@dataclasses.dataclass
class _EditorState:
    """What an editor holds of an open draft: no times, only what it saves."""

    id: int
    draft: Draft
    status: Status
    deadline: date | None
    revision: int


def test_save_takes_any_object_holding_a_draft_state(
    store: Store, reference_draft: Draft, clock: FakeClock
) -> None:
    stored = store.create(reference_draft)
    clock.advance(minutes=1)
    state = _EditorState(stored.id, stored.draft.copy(), Status.IN_REVIEW, None, stored.revision)
    state.draft.conclusion = "Aus dem Editor."
    saved = store.save(state)
    assert saved.created == stored.created
    assert saved.changed == clock.now
    assert saved.revision == 2
    assert saved.status is Status.IN_REVIEW
    assert store.load(stored.id) == saved


def test_save_of_a_stale_revision_raises_conflict_with_the_current_state(
    store: Store, reference_draft: Draft
) -> None:
    stored = store.create(reference_draft)
    first_window = store.load(stored.id)
    second_window = store.load(stored.id)
    second_window.draft.conclusion = "Vom zweiten Fenster."
    store.save(second_window)
    first_window.draft.conclusion = "Vom ersten Fenster."
    with pytest.raises(ConflictError) as caught:
        store.save(first_window)
    assert caught.value.current.draft.conclusion == "Vom zweiten Fenster."
    assert caught.value.current.revision == 2
    assert "anderer Stelle geändert" in caught.value.message
    assert store.load(stored.id).draft.conclusion == "Vom zweiten Fenster."


def test_conflict_between_two_store_objects_on_one_file(
    db_path: Path, reference_draft: Draft
) -> None:
    with Store.open(db_path) as first, Store.open(db_path) as second:
        stored = first.create(reference_draft)
        other = second.load(stored.id)
        other.draft.document_title = "Anders"
        second.save(other)
        stored.draft.document_title = "Meins"
        with pytest.raises(ConflictError) as caught:
            first.save(stored)
        assert caught.value.current.draft.document_title == "Anders"
        copy = first.create(stored.draft)
        assert first.load(copy.id).draft.document_title == "Meins"


def test_unknown_ids_raise_draft_not_found(store: Store, reference_draft: Draft) -> None:
    for action in (
        store.load,
        store.delete,
        store.restore_from_trash,
        store.duplicate,
        store.versions,
    ):
        with pytest.raises(DraftNotFound) as caught:
            action(4711)
        assert "4711" in caught.value.message
    ghost = dataclasses.replace(store.create(reference_draft), id=4711)
    with pytest.raises(DraftNotFound):
        store.save(ghost)


def test_delete_moves_to_trash_and_restore_brings_back(
    store: Store, reference_draft: Draft
) -> None:
    kept = store.create(reference_draft)
    gone = store.create(Draft(document_title="Weg"))
    store.delete(gone.id)
    assert [s.id for s in store.list_drafts()] == [kept.id]
    assert [s.id for s in store.list_drafts(trash=True)] == [gone.id]
    assert store.load(gone.id).deleted is not None
    assert not store.is_empty()
    store.restore_from_trash(gone.id)
    assert {s.id for s in store.list_drafts()} == {kept.id, gone.id}
    assert store.list_drafts(trash=True) == []


def test_trash_is_purged_after_thirty_days(
    db_path: Path, clock: FakeClock, reference_draft: Draft
) -> None:
    with Store.open(db_path, clock=clock) as store:
        old = store.create(reference_draft)
        recent = store.create(reference_draft)
        store.delete(old.id)
        clock.advance(days=20)
        store.delete(recent.id)
        clock.advance(days=10, seconds=1)
    with Store.open(db_path, clock=clock) as store:
        assert [s.id for s in store.list_drafts(trash=True)] == [recent.id]
        with pytest.raises(DraftNotFound):
            store.load(old.id)
        assert store.search("Segregation") == []
        assert store.purge_trash(older_than_days=None) == 1
        assert store.is_empty()


def test_ids_of_purged_drafts_are_never_given_again(db_path: Path, reference_draft: Draft) -> None:
    """A remembered id (the window's last draft, a note) must never open another draft."""
    with Store.open(db_path) as store:
        store.create(reference_draft)
        newest = store.create(Draft(document_title="Weg"))
        store.delete(newest.id)
        assert store.purge_trash(older_than_days=None) == 1
        assert store.create(Draft(document_title="Neu")).id == newest.id + 1
    with Store.open(db_path) as store:
        assert store.create(Draft(document_title="Danach")).id == newest.id + 2


def test_discard_unused_removes_an_untouched_new_draft_for_good(
    store: Store, reference_draft: Draft
) -> None:
    kept = store.create(reference_draft)
    new = store.create(Draft(city="Erfurt", document_title="Leerlauf"))
    assert store.discard_unused(new.id, revision=new.revision)
    with pytest.raises(DraftNotFound):
        store.load(new.id)
    assert [s.id for s in store.list_drafts()] == [kept.id]
    assert store.list_drafts(trash=True) == [], "nicht in den Papierkorb: es war nie Arbeit darin"
    assert store.search("Leerlauf") == []
    assert store.create(Draft()).id == new.id + 1, "die Nummer wird nicht neu vergeben"


def test_discard_unused_leaves_a_draft_saved_elsewhere_meanwhile(store: Store) -> None:
    new = store.create(Draft(city="Erfurt"))
    elsewhere = dataclasses.replace(new, draft=new.draft.copy())
    elsewhere.draft.conclusion = "In einem anderen Fenster getippt."
    store.save(elsewhere)
    assert not store.discard_unused(new.id, revision=new.revision)
    assert store.load(new.id).draft.conclusion == "In einem anderen Fenster getippt."


def test_discard_unused_keeps_drafts_with_versions_or_in_the_trash(store: Store) -> None:
    with_version = store.create(Draft(city="Erfurt"))
    store.keep_version(with_version.id, VersionReason.EXPORT)
    trashed = store.create(Draft(city="Erfurt"))
    store.delete(trashed.id)
    assert not store.discard_unused(with_version.id, revision=with_version.revision)
    assert not store.discard_unused(trashed.id, revision=trashed.revision)
    assert store.load(with_version.id).deleted is None
    assert store.load(trashed.id).deleted is not None
    assert not store.discard_unused(9999, revision=1), "schon fort: nichts zu tun"


def test_duplicate_copies_content_but_not_number_or_status(
    store: Store, reference_draft: Draft
) -> None:
    original = store.create(reference_draft, status=Status.DONE, deadline=date(2024, 5, 1))
    copy = store.duplicate(original.id)
    assert copy.id != original.id
    assert copy.status is Status.DRAFT
    assert copy.draft.document_number == ""
    assert copy.draft.contributions == reference_draft.contributions
    assert store.load(original.id).draft == reference_draft


def test_list_orders(store: Store, clock: FakeClock) -> None:
    def make(title: str, status: Status, deadline: date | None) -> int:
        clock.advance(minutes=1)
        return store.create(Draft(document_title=title), status=status, deadline=deadline).id

    late = make("spät", Status.IN_REVIEW, date(2024, 6, 1))
    none = make("ohne", Status.DRAFT, None)
    soon = make("bald", Status.DONE, date(2024, 4, 1))
    overdue = make("überfällig", Status.FOR_SIGNATURE, date(2024, 4, 20))
    assert [s.id for s in store.list_drafts()] == [overdue, soon, none, late]
    assert [s.id for s in store.list_drafts(order="deadline")] == [soon, overdue, late, none]
    assert [s.id for s in store.list_drafts(order="status")] == [none, late, overdue, soon]
    assert [s.id for s in store.list_drafts(status=Status.DONE)] == [soon]
    flags = {s.id: s.overdue for s in store.list_drafts()}
    assert flags == {late: False, none: False, soon: False, overdue: True}
    with pytest.raises(ValueError):
        store.list_drafts(order="title")


def test_summary_columns_follow_the_draft(store: Store, reference_draft: Draft) -> None:
    stored = store.create(reference_draft)
    stored.draft.document_number = "0001/25"
    stored.draft.document_title = "Neuer Titel"
    store.save(stored)
    (row,) = store.list_drafts()
    assert (row.number, row.title) == ("0001/25", "Neuer Titel")
    assert row.department == reference_draft.department


def test_the_store_package_names_the_store_rules() -> None:
    from stellungnahme_app import store

    assert (store.TRASH_DAYS, store.KEEP_DAILY_BACKUPS) == (30, 10)
    assert store.BackupFile.__module__ == "stellungnahme_app.store.backups"


def test_closed_store_refuses_work(db_path: Path) -> None:
    store = Store.open(db_path)
    store.close()
    store.close()
    with pytest.raises(StoreError):
        store.list_drafts()


def test_wal_and_full_sync_are_set(store: Store, db_path: Path) -> None:
    connection = sqlite3.connect(db_path)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        connection.close()
    assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 2


_ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40)


@st.composite
def drafts(draw: st.DrawFn) -> Draft:
    return Draft(
        city=draw(_ANY_TEXT),
        department=draw(_ANY_TEXT),
        document_number=draw(_ANY_TEXT),
        document_title=draw(_ANY_TEXT),
        public=draw(st.none() | st.booleans()),
        resolution_points=[
            ResolutionPoint(number=n, text=t)
            for n, t in draw(st.lists(st.tuples(_ANY_TEXT, _ANY_TEXT), max_size=3))
        ],
        contributions=[
            Contribution(office=o, heading=h, text=t)
            for o, h, t in draw(st.lists(st.tuples(_ANY_TEXT, _ANY_TEXT, _ANY_TEXT), max_size=3))
        ],
        conclusion=draw(_ANY_TEXT),
        amended_resolution_points=draw(_ANY_TEXT),
        attachments=draw(st.lists(_ANY_TEXT, max_size=3)),
        signature=Signature(name=draw(_ANY_TEXT), date=draw(st.none() | st.dates())),
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first=drafts(), second=drafts())
def test_any_draft_survives_create_save_and_load(store: Store, first: Draft, second: Draft) -> None:
    stored = store.create(first.copy())
    assert store.load(stored.id).draft == first
    stored.draft = second.copy()
    saved = store.save(stored)
    assert store.load(stored.id).draft == second
    assert store.load(saved.id).revision == 2
    store.search(second.document_title)
    store.delete(stored.id)
    assert store.purge_trash(older_than_days=None) == 1


def test_huge_texts_are_stored_and_found(store: Store) -> None:
    chapter = "Die Straßenbahn fährt durch die Innenstadt. " * 50_000  # about 2 MB
    draft = Draft(document_title="Sehr lang", contributions=[Contribution(text=chapter)])
    stored = store.create(draft)
    stored.draft.conclusion = "Zwiebelmarkt"
    store.save(stored)
    assert store.load(stored.id).draft.contributions[0].text == chapter
    assert [hit.id for hit in store.search("strassenbahn innenstadt")] == [stored.id]
    assert [hit.id for hit in store.search("Zwiebelmarkt")] == [stored.id]


def test_one_store_shared_by_threads(store: Store) -> None:
    ids = [store.create(Draft(document_title=f"Faden {n}")).id for n in range(4)]
    errors: list[BaseException] = []

    def work(draft_id: int) -> None:
        try:
            stored = store.load(draft_id)
            for index in range(25):
                stored.draft.conclusion = f"Fassung {index}"
                stored = store.save(stored)
                store.search("Fassung")
                store.list_drafts()
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(draft_id,)) for draft_id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert {store.load(draft_id).revision for draft_id in ids} == {26}


def test_folder_names_with_special_characters(tmp_path: Path, reference_draft: Draft) -> None:
    folder = tmp_path / "Daten #1 ?ä% [Amt]"
    with Store.open(folder / "stellungnahme.db") as store:
        stored = store.create(reference_draft)
        backup = store.backup()
        assert store.restore_backup(backup.name) == backup
        assert store.load(stored.id).draft == reference_draft
    with Store.open(folder / "stellungnahme.db") as store:
        assert store.recovery_notice is None


def test_a_database_held_by_another_program_gives_a_german_message_and_loses_nothing(
    db_path: Path, reference_draft: Draft, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_SECONDS", 0.2)
    with Store.open(db_path) as store:
        stored = store.create(reference_draft)
        blocker = sqlite3.connect(db_path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        stored.draft.conclusion = "Während der Sperre geschrieben."
        try:
            with pytest.raises(StoreBusyError) as caught:
                store.save(stored)
            assert "anderes Programmfenster" in caught.value.message
            assert store.load(stored.id).revision == 1
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        saved = store.save(stored)
        assert store.load(stored.id).draft.conclusion == "Während der Sperre geschrieben."
        assert saved.revision == 2


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_database_wal_shared_memory_and_backups_are_private(
    tmp_path: Path, clock: FakeClock
) -> None:
    folder = tmp_path / "daten"
    with Store.open(folder / "stellungnahme.db", clock=clock) as store:
        store.create(Draft(document_title="vertraulich"))
        backup = store.backup()
        files = [store.path, Path(f"{store.path}-wal"), Path(f"{store.path}-shm")]
        assert {path.name: _mode(path) for path in files} == {path.name: 0o600 for path in files}
    assert _mode(folder) == 0o700
    assert _mode(backup.parent) == 0o700
    assert _mode(backup) == 0o600


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_a_database_an_older_version_left_open_is_made_private(
    db_path: Path, clock: FakeClock
) -> None:
    with Store.open(db_path, clock=clock) as store:
        store.create(Draft(document_title="vertraulich"))
    db_path.chmod(0o644)
    with Store.open(db_path, clock=clock) as store:
        assert _mode(store.path) == 0o600
        assert _mode(Path(f"{store.path}-wal")) == 0o600
        assert [s.title for s in store.list_drafts()] == ["vertraulich"]


def test_create_all_stores_every_draft_or_none(store: Store) -> None:
    first, second = Draft(document_title="Eins"), Draft(document_title="Zwei")
    created = store.create_all([first, second], reason=VersionReason.IMPORT)
    assert [s.draft.document_title for s in created] == ["Eins", "Zwei"]
    for stored in created:
        assert [v.reason for v in store.versions(stored.id)] == [VersionReason.IMPORT]
    with pytest.raises(AttributeError):  # the third is no draft: the transaction fails
        store.create_all([Draft(document_title="Drei"), None], reason=VersionReason.IMPORT)  # type: ignore[list-item]
    assert sorted(s.title for s in store.list_drafts()) == ["Eins", "Zwei"], "Drei not kept"
