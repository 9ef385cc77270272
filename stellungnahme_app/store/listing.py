"""Lists and searches of drafts as rows that may be damaged: the SQL of each list order, and
the rows read so that one unreadable row costs only itself (see :mod:`.rows`)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from stellungnahme_app.store import rows, search
from stellungnahme_app.store.guard import guarded
from stellungnahme_app.store.records import STATUS_ORDER, DraftSummary, Status
from stellungnahme_app.store.rows import UnreadableRow

LIST_ORDERS = ("changed", "deadline", "status")
#: The columns a list can be sorted by (:func:`ordered_ids`), as the overview shows them.
SORT_KEYS = ("number", "title", "department", "status", "deadline", "changed", "deleted")

_ORDER_SQL = {
    "changed": "d.changed DESC, d.id DESC",
    "deadline": "d.deadline IS NULL, d.deadline, d.changed DESC, d.id DESC",
    "status": (
        "CASE d.status "
        + " ".join(f"WHEN '{status.value}' THEN {index}" for status, index in STATUS_ORDER.items())
        + " ELSE 99 END, d.deadline IS NULL, d.deadline, d.changed DESC, d.id DESC"
    ),
}

Listed = tuple[list[DraftSummary], list[UnreadableRow]]

_STATUS_RANK = (
    "CASE d.status "
    + " ".join(f"WHEN '{status.value}' THEN {index}" for status, index in STATUS_ORDER.items())
    + " ELSE 99 END"
)
# Each sort key as SQL terms in ascending order, sorting as the overview shows the values:
# no number ("–") after every number, no title („(ohne Titel)“) before every title, no
# deadline after every date, statuses in the order of a draft's life.
_SORT_TERMS = {
    "number": ("d.number = ''", "d.number COLLATE NOCASE"),
    "title": ("d.title <> ''", "d.title COLLATE NOCASE"),
    "department": ("d.department COLLATE NOCASE",),
    "status": (_STATUS_RANK,),
    "deadline": ("d.deadline IS NULL", "d.deadline"),
    "changed": ("d.changed",),
    "deleted": ("d.deleted IS NULL", "d.deleted"),
}


def listed(
    db: sqlite3.Connection, *, status: Status | None, order: str, trash: bool, today: date
) -> Listed:
    """The drafts of a list (see ``Store.list_drafts``), and what is wrong with the rows that
    cannot be read."""
    if order not in _ORDER_SQL:
        raise ValueError(f"order must be one of {LIST_ORDERS}, not {order!r}")
    conditions = ["d.deleted IS NOT NULL" if trash else "d.deleted IS NULL"]
    parameters: list[Any] = []
    if status is not None:
        conditions.append("d.status = ?")
        parameters.append(status.value)
    found = rows.read_tolerantly(
        db,
        lambda: db.execute(
            f"SELECT {rows.SUMMARY_COLUMNS}, '' FROM drafts d "
            f"WHERE {' AND '.join(conditions)} ORDER BY {_ORDER_SQL[order]}",
            parameters,
        ).fetchall(),
    )
    return rows.summaries(found, today)


def ordered_ids(
    db: sqlite3.Connection, *, status: Status | None, trash: bool, sort: str, descending: bool
) -> list[int]:
    """The ids of a list's drafts in the order of ``sort`` (one of :data:`SORT_KEYS`); ties
    newest change first. Reads only ids: cheap for any number of drafts, and a damaged value
    cannot fail it."""
    if sort not in _SORT_TERMS:
        raise ValueError(f"sort must be one of {SORT_KEYS}, not {sort!r}")
    direction = " DESC" if descending else ""
    terms = [term + direction for term in _SORT_TERMS[sort]]
    conditions = ["d.deleted IS NOT NULL" if trash else "d.deleted IS NULL"]
    parameters: list[Any] = []
    if status is not None:
        conditions.append("d.status = ?")
        parameters.append(status.value)
    return [
        draft_id
        for (draft_id,) in db.execute(
            f"SELECT d.id FROM drafts d WHERE {' AND '.join(conditions)} "
            f"ORDER BY {', '.join(terms)}, d.changed DESC, d.id DESC",
            parameters,
        )
    ]


def summaries_of(db: sqlite3.Connection, ids: list[int], *, today: date) -> Listed:
    """The list lines of the drafts ``ids``, in that order (those that exist and can be read),
    and what is wrong with the rows that cannot be read."""
    found: list[tuple[Any, ...]] = []
    for start in range(0, len(ids), _IDS_PER_QUERY):
        chunk = ids[start : start + _IDS_PER_QUERY]
        found += rows.read_tolerantly(
            db,
            lambda chunk=chunk: db.execute(
                f"SELECT {rows.SUMMARY_COLUMNS}, '' FROM drafts d "
                f"WHERE d.id IN ({', '.join('?' * len(chunk))})",
                chunk,
            ).fetchall(),
        )
    position = {draft_id: index for index, draft_id in enumerate(ids)}
    found.sort(key=lambda row: position[row[0]])
    return rows.summaries(found, today)


_IDS_PER_QUERY = 500


def found(
    db: sqlite3.Connection, text: str, *, status: Status | None, limit: int, today: date
) -> Listed:
    """The hits of a search (see ``Store.search``) with their snippets, and what is wrong
    with the rows that cannot be read."""
    query = search.match_query(text)
    if query is None or limit <= 0:
        return [], []
    hits = rows.read_tolerantly(
        db,
        lambda: search.find(
            db,
            query,
            columns=rows.SUMMARY_COLUMNS,
            status=status.value if status is not None else None,
            limit=limit,
        ),
    )
    first = [row[0] for row in hits[: search.SNIPPET_HITS]]
    excerpts = rows.read_tolerantly(db, lambda: search.snippets(db, text, first))
    return rows.summaries([(*row, excerpts.get(row[0], "")) for row in hits], today)


def row_problems(db: sqlite3.Connection) -> dict[int, UnreadableRow]:
    """What cannot be read of each draft's row (trash included), by id; contents unread."""
    every = rows.read_tolerantly(
        db,
        lambda: db.execute(
            f"SELECT {rows.SUMMARY_COLUMNS}, '', d.created, d.revision FROM drafts d"
        ).fetchall(),
    )
    return {
        problem.draft_id: problem for problem in map(rows.row_problem, every) if problem is not None
    }


class ListingMethods:
    """The store's lists and searches (a part of :class:`~.database.Store`)."""

    _db: sqlite3.Connection
    _lock: threading.RLock
    _data_version: int | None
    clock: Callable[[], datetime]

    def _report(self, problems: list[UnreadableRow]) -> None:
        raise NotImplementedError

    @guarded
    def list_drafts(
        self, *, status: Status | None = None, order: str = "changed", trash: bool = False
    ) -> list[DraftSummary]:
        """Drafts, newest change first (``order="changed"``), due soonest first
        (``"deadline"``, those without a deadline last) or by ``"status"``.

        ``trash=True`` lists only the drafts in the trash, otherwise only the others. A draft
        whose row cannot be read is left out (see :meth:`unreadable_drafts`).
        """
        today = self.clock().astimezone().date()
        readable, unreadable = listed(
            self._db, status=status, order=order, trash=trash, today=today
        )
        self._report(unreadable)
        return readable

    @guarded
    def list_ids(
        self,
        *,
        status: Status | None = None,
        trash: bool = False,
        sort: str = "changed",
        descending: bool = True,
    ) -> list[int]:
        """The ids of a list's drafts sorted by ``sort`` (a column: ``"number"``, ``"title"``,
        ``"department"``, ``"status"``, ``"deadline"``, ``"changed"``, ``"deleted"``); ties
        newest change first. With :meth:`summaries` a window shows a page of a list of any
        length at the cost of that page."""
        return ordered_ids(self._db, status=status, trash=trash, sort=sort, descending=descending)

    @guarded
    def summaries(self, ids: Sequence[int]) -> list[DraftSummary]:
        """The list lines of the drafts ``ids``, in that order; a draft that no longer exists
        or whose row cannot be read is left out (see :meth:`unreadable_drafts`)."""
        today = self.clock().astimezone().date()
        readable, unreadable = summaries_of(self._db, list(ids), today=today)
        self._report(unreadable)
        return readable

    @guarded
    def changed_elsewhere(self) -> bool:
        """True if another connection (another window or program) changed the database since
        the last call; the first call says True. Costs one ``PRAGMA``."""
        version = self._db.execute("PRAGMA data_version").fetchone()[0]
        changed, self._data_version = version != self._data_version, version
        return changed

    @guarded
    def search(
        self, text: str, *, status: Status | None = None, limit: int = 200
    ) -> list[DraftSummary]:
        """Drafts (not in the trash) that contain every word typed, best match first.

        Words match as prefixes (single letters as whole words), regardless of case,
        accents and "ß"/"ss"; any text is safe to pass. Hits in number or title come first.
        The first 30 results carry a ``snippet``: about a line of the text around the first
        typed word (empty if the words occur only in number or title).
        """
        today = self.clock().astimezone().date()
        readable, unreadable = found(self._db, text, status=status, limit=limit, today=today)
        self._report(unreadable)
        return readable
