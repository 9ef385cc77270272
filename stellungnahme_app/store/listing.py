"""Lists and searches of drafts as rows that may be damaged: the SQL of each list order, and
the rows read so that one unreadable row costs only itself (see :mod:`.rows`)."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from stellungnahme_app.store import rows, search
from stellungnahme_app.store.records import STATUS_ORDER, DraftSummary, Status
from stellungnahme_app.store.rows import UnreadableRow

LIST_ORDERS = ("changed", "deadline", "status")

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
