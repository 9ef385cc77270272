"""One unreadable row costs that row at most: lists and searches show the others, the row
is reported, and it can be mended from one of its versions."""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stellungnahme_app.model import Draft
from stellungnahme_app.store import Status, Store, StoreDamagedError, VersionReason

from .clock import FakeClock

INVALID_UTF8 = b"entw\xffrf"


def _spoil(db_path: Path, table: str, column: str, draft_id: int, value: Any) -> None:
    """Write into one row what a bad sector or another program leaves there; bytes become
    text that may not be UTF-8, a memoryview a BLOB."""
    connection = sqlite3.connect(db_path)
    placeholder = "CAST(? AS TEXT)" if isinstance(value, bytes) else "?"
    try:
        with connection:
            connection.execute(
                f"UPDATE {table} SET {column} = {placeholder} WHERE id = ?", (value, draft_id)
            )
    finally:
        connection.close()


@pytest.fixture
def three(store: Store, clock: FakeClock) -> list[int]:
    ids = []
    for title in ("Zwiebelmarkt", "Domplatz", "Krämerbrücke"):
        clock.advance(minutes=1)
        ids.append(store.create(Draft(document_title=title, conclusion=f"Fazit {title}")).id)
    return ids


@pytest.mark.parametrize(
    ("column", "value", "problem"),
    [
        ("status", INVALID_UTF8, "Status"),
        ("changed", "gestern", "Änderungszeit"),
        ("changed", "2024-13-45T09:00:00+00:00", "Änderungszeit"),
        ("deadline", "bald", "Frist"),
        ("deleted", 17, "Löschzeit"),
        ("status", memoryview(b"entwurf"), "Status"),  # a BLOB, not text
    ],
)
def test_a_row_that_cannot_be_read_is_left_out_of_lists_and_reported(
    store: Store,
    db_path: Path,
    three: list[int],
    caplog: pytest.LogCaptureFixture,
    column: str,
    value: Any,
    problem: str,
) -> None:
    first, spoiled, last = three
    _spoil(db_path, "drafts", column, spoiled, value)
    with caplog.at_level(logging.ERROR):
        assert [s.id for s in store.list_drafts()] == [last, first]
        assert [s.id for s in store.list_drafts(order="deadline")] == [last, first]
        assert [s.id for s in store.list_drafts(order="status")] == [last, first]
        assert store.list_drafts(trash=True) == []
    assert any(f"Entwurf {spoiled}" in record.getMessage() for record in caplog.records)
    (unreadable,) = store.unreadable_drafts()
    assert unreadable.id == spoiled
    assert problem in unreadable.problem
    assert [s.id for s in store.search("Fazit")] in ([first, last], [last, first])
    assert store.search("Domplatz") == []
    with pytest.raises(StoreDamagedError) as caught:
        store.load(spoiled)
    assert f"Nr. {spoiled}" in caught.value.message and "Versionen" in caught.value.message


@pytest.mark.parametrize(("column", "problem"), [("title", "Titel"), ("department", "Dezernat")])
def test_a_damaged_list_column_hides_the_draft_from_lists_but_it_opens_and_saving_mends_it(
    store: Store, db_path: Path, clock: FakeClock, three: list[int], column: str, problem: str
) -> None:
    first, spoiled, last = three
    _spoil(db_path, "drafts", column, spoiled, INVALID_UTF8)
    assert [s.id for s in store.list_drafts()] == [last, first]
    (unreadable,) = store.unreadable_drafts()
    assert (unreadable.id, problem in unreadable.problem) == (spoiled, True)
    stored = store.load(spoiled)
    assert stored.draft.document_title == "Domplatz"
    clock.advance(minutes=1)
    store.save(stored)
    assert store.unreadable_drafts() == []
    assert [s.id for s in store.list_drafts()] == [spoiled, last, first]
    assert [hit.id for hit in store.search("Domplatz")] == [spoiled]


def test_a_draft_whose_content_cannot_be_read_stays_in_the_list_but_will_not_open(
    store: Store, db_path: Path, three: list[int]
) -> None:
    _spoil(db_path, "draft_texts", "content", three[1], b'{"format": "\xff')
    assert len(store.list_drafts()) == 3
    with pytest.raises(StoreDamagedError) as caught:
        store.load(three[1])
    assert "Inhalt" in caught.value.message
    (unreadable,) = store.unreadable_drafts()
    assert (unreadable.id, unreadable.problem.startswith("Inhalt")) == (three[1], True)


def test_a_text_that_cannot_be_read_is_still_found_only_without_its_snippet(
    store: Store, db_path: Path, three: list[int]
) -> None:
    _spoil(db_path, "draft_texts", "content", three[0], b"Fazit \xff Zwiebel")
    (hit,) = store.search("Zwiebelmarkt")
    assert (hit.id, hit.snippet) == (three[0], "")
    assert len(store.search("Fazit")) == 3
    assert store.search("Fazit")[1].snippet.startswith("Fazit")


def test_an_unreadable_draft_is_mended_by_restoring_one_of_its_versions(
    store: Store, db_path: Path, three: list[int]
) -> None:
    spoiled = three[1]
    version = store.keep_version(spoiled, VersionReason.EXPORT)
    _spoil(db_path, "drafts", "status", spoiled, INVALID_UTF8)
    _spoil(db_path, "drafts", "title", spoiled, INVALID_UTF8)
    _spoil(db_path, "draft_texts", "content", spoiled, INVALID_UTF8)
    assert [v.id for v in store.versions(spoiled)] == [version.id]
    restored = store.restore_version(version.id)
    assert restored.draft.document_title == "Domplatz"
    assert restored.status is Status.DRAFT
    assert store.unreadable_drafts() == []
    assert len(store.list_drafts()) == 3
    assert [hit.id for hit in store.search("Domplatz")] == [spoiled]
    assert len(store.search("Fazit")) == 3
    stored = store.load(spoiled)
    stored.draft.document_title = "Domplatz neu"
    store.save(stored)
    assert [hit.id for hit in store.search("Domplatz neu")] == [spoiled]
    assert (
        store._db.execute(
            "INSERT INTO drafts_fts(drafts_fts, rank) VALUES ('integrity-check', 0)"
        ).fetchall()
        == []
    )


_ANY_VALUE = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.binary(max_size=12),
    st.binary(max_size=12).map(memoryview),
)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    column=st.sampled_from(
        ["number", "title", "department", "status", "deadline", "changed", "deleted", "created"]
    ),
    value=_ANY_VALUE,
)
def test_whatever_one_row_holds_the_lists_and_searches_show_the_others(
    store: Store, db_path: Path, three: list[int], column: str, value: Any
) -> None:
    spoiled = three[1]
    try:
        _spoil(db_path, "drafts", column, spoiled, value)
    except sqlite3.IntegrityError:  # NOT NULL columns refuse None; that is no damage
        return
    listed = {s.id for s in store.list_drafts()} | {s.id for s in store.list_drafts(trash=True)}
    reported = {u.id for u in store.unreadable_drafts()}
    assert listed | reported == set(three)
    assert set(three) - {spoiled} <= listed
    assert {hit.id for hit in store.search("Fazit")} >= {three[0], three[2]} - reported
    for order in ("deadline", "status"):
        store.list_drafts(order=order)


def test_unreadable_drafts_are_found_apart_while_the_store_is_busy(
    store: Store, db_path: Path, three: list[int]
) -> None:
    """The window asks after its first paint on a worker thread: through a connection of
    its own, so a save meanwhile (which holds the store) is not held up, nor is the check."""
    _spoil(db_path, "drafts", "title", three[1], INVALID_UTF8)
    found: list[list[int]] = []
    with store._lock:  # a save of the window in progress
        worker = threading.Thread(
            target=lambda: found.append([d.id for d in store.unreadable_drafts_apart()])
        )
        worker.start()
        worker.join(timeout=10)
    assert found == [[three[1]]]
