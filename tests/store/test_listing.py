"""Lists read page by page: ids in the order of a column (sorted in SQL), lines by id."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from stellungnahme_app.model import Draft
from stellungnahme_app.store import Status, Store

from .clock import FakeClock


@pytest.fixture
def four(store: Store, clock: FakeClock) -> dict[str, int]:
    """Four drafts made a minute apart, by number."""
    made = {}
    for number, title, status, deadline in (
        ("0002/25", "Zwiebelmarkt", Status.DONE, date(2030, 3, 1)),
        ("", "ämter", Status.DRAFT, None),
        ("0001/25", "", Status.FOR_SIGNATURE, date(2030, 1, 15)),
        ("0003/25", "Anger", Status.IN_REVIEW, date(2030, 1, 15)),
    ):
        draft = Draft(document_number=number, document_title=title)
        made[number] = store.create(draft, status=status, deadline=deadline).id
        clock.advance(minutes=1)
    return made


def _numbers(store: Store, ids: list[int]) -> list[str]:
    return [line.number for line in store.summaries(ids)]


def test_ids_come_newest_change_first_by_default(store: Store, four: dict[str, int]) -> None:
    assert _numbers(store, store.list_ids()) == ["0003/25", "0001/25", "", "0002/25"]
    assert _numbers(store, store.list_ids(descending=False)) == [
        "0002/25",
        "",
        "0001/25",
        "0003/25",
    ]


@pytest.mark.parametrize(
    ("sort", "ascending"),
    [
        ("number", ["0001/25", "0002/25", "0003/25", ""]),  # no number („–“) last
        ("title", ["0001/25", "0003/25", "0002/25", ""]),  # no title first, then a–z, ä
        ("status", ["", "0003/25", "0001/25", "0002/25"]),  # the order of a draft's life
        ("deadline", ["0003/25", "0001/25", "0002/25", ""]),  # ties newest first, none last
    ],
)
def test_ids_sorted_by_a_column_as_the_overview_shows_it(
    store: Store, four: dict[str, int], sort: str, ascending: list[str]
) -> None:
    assert _numbers(store, store.list_ids(sort=sort, descending=False)) == ascending
    descending = _numbers(store, store.list_ids(sort=sort, descending=True))
    assert set(descending) == set(ascending) and descending[0] == ascending[-1]


def test_an_unknown_sort_column_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="sort must be one of"):
        store.list_ids(sort="body; DROP TABLE drafts")


def test_ids_of_the_trash_and_of_one_status(store: Store, four: dict[str, int]) -> None:
    store.delete(four["0002/25"])
    assert _numbers(store, store.list_ids(trash=True, sort="deleted")) == ["0002/25"]
    assert four["0002/25"] not in store.list_ids()
    assert _numbers(store, store.list_ids(status=Status.IN_REVIEW)) == ["0003/25"]


def test_lines_come_in_the_order_asked_and_leave_out_what_is_gone(
    store: Store, four: dict[str, int]
) -> None:
    asked = [four["0003/25"], 999, four["0002/25"], four[""]]
    assert _numbers(store, asked) == ["0003/25", "0002/25", ""]
    many = [*range(1000, 2000), four["0001/25"]]  # more ids than one query takes
    assert _numbers(store, many) == ["0001/25"]


def test_a_line_that_cannot_be_read_is_left_out_and_named(
    store: Store, four: dict[str, int], db_path: Path
) -> None:
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute(
            "UPDATE drafts SET title = CAST(? AS TEXT) WHERE id = ?",
            (b"entw\xffrf", four["0001/25"]),
        )
    connection.close()
    ids = store.list_ids(sort="title")
    assert four["0001/25"] in ids, "ids alone are never unreadable"
    assert "0001/25" not in _numbers(store, ids)
    assert [draft.id for draft in store.unreadable_drafts()] == [four["0001/25"]]


def test_changed_elsewhere_sees_another_connection_only(
    store: Store, db_path: Path, clock: FakeClock
) -> None:
    store.changed_elsewhere()
    store.create(Draft(document_number="0100/25"))
    assert not store.changed_elsewhere(), "its own changes are known to the caller"
    with Store.open(db_path, clock=clock) as other:
        other.create(Draft(document_number="0101/25"))
    assert store.changed_elsewhere()
    assert not store.changed_elsewhere()
