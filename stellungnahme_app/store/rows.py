"""A draft's row: the one place that writes it, and the mapping of rows to records.

A draft lives in two tables and two search indexes: ``drafts`` (the short columns lists
need), ``draft_texts`` (its JSON and searchable body) and the FTS5 indexes of
:mod:`~stellungnahme_app.store.search`. :func:`write_draft` keeps the four in step for every
writer (create, save, restoring a version, the rescue from a damaged file). Times are stored
as ISO 8601 in UTC and handed out as timezone-aware local times.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from stellungnahme_app.errors import ExchangeFormatError
from stellungnahme_app.model import Draft
from stellungnahme_app.store import codec, search
from stellungnahme_app.store.errors import DraftNotFound, StoreDamagedError
from stellungnahme_app.store.records import DraftSummary, Status, StoredDraft

log = logging.getLogger(__name__)

SUMMARY_COLUMNS = (
    "d.id, d.number, d.title, d.department, d.status, d.deadline, d.changed, d.deleted"
)
DRAFT_COLUMNS = "d.id, d.status, d.deadline, d.created, d.changed, d.revision, d.deleted, t.content"


def stamp(moment: datetime) -> str:
    """A moment as the database keeps it: ISO 8601 in UTC, to the microsecond."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def moment(text: str | None) -> datetime | None:
    """A stored moment as a timezone-aware local time."""
    if text is None:
        return None
    return datetime.fromisoformat(text).astimezone()


def day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


# ---------------------------------------------------------------------- writing


@dataclass(frozen=True)
class DraftText:
    """A draft prepared for its row: the JSON, the list columns and the searchable body."""

    content: str
    number: str
    title: str
    department: str
    body: str

    @classmethod
    def of(cls, draft: Draft, content: str | None = None) -> DraftText:
        """``content`` is the draft's JSON if the caller has it already (e.g. a rescued row)."""
        return cls(
            content=codec.encode_content(draft) if content is None else content,
            number=search.without_surrogates(draft.document_number),
            title=search.without_surrogates(draft.document_title),
            department=search.without_surrogates(draft.department),
            body=search.body_text(draft),
        )


@dataclass(frozen=True)
class DraftRow:
    """The columns of ``drafts`` besides the list columns, as stored (``created`` is written
    only when the row is new)."""

    id: int
    status: str
    deadline: str | None
    created: str
    changed: str
    revision: int
    deleted: str | None


@dataclass(frozen=True)
class IndexedText:
    """What the search indexes hold for a draft now: removing it needs exactly this text."""

    number: str
    title: str
    body: str


def write_draft(
    db: sqlite3.Connection, row: DraftRow, text: DraftText, *, replacing: IndexedText | None
) -> None:
    """Insert (``replacing=None``) or update a draft's row, its text and its search entries.

    Must run inside a write transaction; ``replacing`` is what the indexes hold for it now.
    """
    if replacing is None:
        db.execute(
            "INSERT INTO drafts (id, number, title, department, status, deadline, created, "
            "changed, revision, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row.id,
                text.number,
                text.title,
                text.department,
                row.status,
                row.deadline,
                row.created,
                row.changed,
                row.revision,
                row.deleted,
            ),
        )
        db.execute(
            "INSERT INTO draft_texts (id, content, body) VALUES (?, ?, ?)",
            (row.id, text.content, text.body),
        )
        search.index(db, row.id, text.number, text.title, text.body)
        return
    db.execute(
        "UPDATE drafts SET number = ?, title = ?, department = ?, status = ?, deadline = ?, "
        "changed = ?, revision = ?, deleted = ? WHERE id = ?",
        (
            text.number,
            text.title,
            text.department,
            row.status,
            row.deadline,
            row.changed,
            row.revision,
            row.deleted,
            row.id,
        ),
    )
    db.execute(
        "UPDATE draft_texts SET content = ?, body = ? WHERE id = ?",
        (text.content, text.body, row.id),
    )
    indexed = IndexedText(text.number, text.title, text.body)
    if indexed != replacing:
        search.unindex(db, row.id, replacing.number, replacing.title, replacing.body)
        search.index(db, row.id, indexed.number, indexed.title, indexed.body)


def remove_for_good(db: sqlite3.Connection, draft_id: int, indexed: IndexedText) -> None:
    """Delete a draft, its versions and its search entries; inside a write transaction."""
    search.unindex(db, draft_id, indexed.number, indexed.title, indexed.body)
    db.execute("DELETE FROM versions WHERE draft_id = ?", (draft_id,))
    db.execute("DELETE FROM draft_texts WHERE id = ?", (draft_id,))
    db.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))


# ---------------------------------------------------------------------- reading


def decode_stored(content: str, draft_id: int) -> Draft:
    """The draft from its stored JSON; :class:`StoreDamagedError` if it cannot be read."""
    try:
        return codec.decode_content(content)
    except (ValueError, ExchangeFormatError) as error:
        log.error("Inhalt von Entwurf %s nicht lesbar: %s", draft_id, error)
        raise StoreDamagedError(
            f"Der gespeicherte Inhalt des Entwurfs Nr. {draft_id} ist nicht lesbar. Frühere "
            "Fassungen finden Sie unter „Versionen“; bitte wenden Sie sich an die IT."
        ) from error


def stored_draft(row: tuple[Any, ...]) -> StoredDraft:
    """A row of :data:`DRAFT_COLUMNS` as the record ``load`` hands out."""
    draft_id, status, deadline, created, changed, revision, deleted, content = row
    created_at = moment(created)
    changed_at = moment(changed)
    assert created_at is not None and changed_at is not None
    return StoredDraft(
        id=draft_id,
        draft=decode_stored(content, draft_id),
        status=status_of(status),
        deadline=day(deadline),
        created=created_at,
        changed=changed_at,
        revision=revision,
        deleted=moment(deleted),
    )


_STATUS_BY_VALUE = {status.value: status for status in Status}


def status_of(value: str) -> Status:
    """The status a stored value names; an unknown one counts as "Entwurf"."""
    status = _STATUS_BY_VALUE.get(value)
    if status is None:
        log.warning("Unbekannter Status %r, als Entwurf behandelt", value)
        return Status.DRAFT
    return status


def summary(row: tuple[Any, ...], today: date) -> DraftSummary:
    """A row of :data:`SUMMARY_COLUMNS` and a snippet as one line of a list."""
    draft_id, number, title, department, status_value, deadline, changed, deleted, snippet = row
    status = status_of(status_value)
    due = day(deadline)
    changed_at = moment(changed)
    assert changed_at is not None
    return DraftSummary(
        id=draft_id,
        number=number,
        title=title,
        department=department,
        status=status,
        deadline=due,
        changed=changed_at,
        deleted=moment(deleted),
        overdue=due is not None and due < today and status is not Status.DONE,
        snippet=snippet,
    )


def draft_not_found(draft_id: int) -> DraftNotFound:
    return DraftNotFound(
        f"Den Entwurf Nr. {draft_id} gibt es nicht (mehr). Vielleicht wurde er endgültig "
        "gelöscht. Bitte wählen Sie ihn in der Liste neu aus."
    )
