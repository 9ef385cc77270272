"""A draft's row: the one place that writes it, and the mapping of rows to records.

A draft lives in two tables and two search indexes: ``drafts`` (the short columns lists
need), ``draft_texts`` (its JSON, the one copy of its text) and the FTS5 indexes of
:mod:`~stellungnahme_app.store.search`. :func:`write_draft` keeps the four in step for every
writer (create, save, restoring a version, the rescue from a damaged file). Times are stored
as ISO 8601 in UTC and handed out as timezone-aware local times.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from stellungnahme_app.errors import ExchangeFormatError
from stellungnahme_app.model import Draft
from stellungnahme_app.store import codec, schema, search, sqlite_errors
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
    """The columns of ``drafts`` besides the list columns, as stored."""

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
    body: str | None

    @classmethod
    def of_stored(cls, number: str, title: str, content: object) -> IndexedText:
        """What was indexed for a draft whose row holds ``number``, ``title`` and the JSON
        ``content`` (the body is made from it; if it cannot be read, the text is unreadable)."""
        return cls(number, title, search.body_of_content(content))

    @property
    def unreadable(self) -> bool:
        """True if the text was damaged since it was indexed, so it cannot be removed."""
        return not all(
            isinstance(value, str) and not isinstance(value, UnreadableText)
            for value in (self.number, self.title, self.body)
        )


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
        db.execute("INSERT INTO draft_texts (id, content) VALUES (?, ?)", (row.id, text.content))
        search.index(db, row.id, text.number, text.title, text.body)
        return
    db.execute(
        "UPDATE drafts SET number = ?, title = ?, department = ?, status = ?, deadline = ?, "
        "changed = ?, revision = ? WHERE id = ?",
        (
            text.number,
            text.title,
            text.department,
            row.status,
            row.deadline,
            row.changed,
            row.revision,
            row.id,
        ),
    )
    # Rarely changed (the rescue, a mended row); written only then, as rewriting the same
    # value would still rewrite the index of ``deleted`` on every save.
    db.execute(
        "UPDATE drafts SET created = ?, deleted = ? "
        "WHERE id = ? AND (created IS NOT ? OR deleted IS NOT ?)",
        (row.created, row.deleted, row.id, row.created, row.deleted),
    )
    db.execute("UPDATE draft_texts SET content = ? WHERE id = ?", (text.content, row.id))
    indexed = IndexedText(text.number, text.title, text.body)
    if replacing.unreadable:
        reindex_all(db)
    elif indexed != replacing:
        search.unindex(db, row.id, replacing.number, replacing.title, replacing.body or "")
        search.index(db, row.id, indexed.number, indexed.title, indexed.body or "")


def insert_new(
    db: sqlite3.Connection,
    draft: Draft,
    status: Status,
    deadline: date | None,
    now: datetime,
) -> StoredDraft:
    """Insert a new draft (revision 1, the next free id); inside a write transaction."""
    draft_id = db.execute(schema.NEXT_DRAFT_ID_SQL).fetchone()[0]
    row = DraftRow(
        id=draft_id,
        status=status.value,
        deadline=deadline.isoformat() if deadline else None,
        created=stamp(now),
        changed=stamp(now),
        revision=1,
        deleted=None,
    )
    write_draft(db, row, DraftText.of(draft), replacing=None)
    created = now.astimezone()
    return StoredDraft(
        id=draft_id,
        draft=draft,
        status=status,
        deadline=deadline,
        created=created,
        changed=created,
        revision=1,
        deleted=None,
    )


def remove_for_good(db: sqlite3.Connection, draft_id: int, indexed: IndexedText) -> None:
    """Delete a draft, its versions and its search entries; inside a write transaction."""
    if not indexed.unreadable:
        search.unindex(db, draft_id, indexed.number, indexed.title, indexed.body or "")
    db.execute("DELETE FROM versions WHERE draft_id = ?", (draft_id,))
    db.execute("DELETE FROM draft_texts WHERE id = ?", (draft_id,))
    db.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
    if indexed.unreadable:
        reindex_all(db)


def reindex_all(db: sqlite3.Connection) -> None:
    """Build both search indexes anew from every draft; inside a write transaction.

    Needed when a draft's indexed text can no longer be read (damaged bytes): removing it
    from the index needs exactly the text that was indexed, which is lost.
    """
    log.warning("Suchindex wird neu aufgebaut")
    for table in (search.FTS_TABLE, search.TITLE_FTS_TABLE):
        db.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
    everything = read_tolerantly(
        db,
        lambda: db.execute(
            "SELECT d.id, d.number, d.title, t.content FROM drafts d "
            "JOIN draft_texts t ON t.id = d.id"
        ).fetchall(),
    )
    for draft_id, number, title, content in everything:
        body = search.body_of_content(content) or ""
        search.index(db, draft_id, *(str(value or "") for value in (number, title, body)))


# ---------------------------------------------------------------------- reading

T = TypeVar("T")


class UnreadableText(str):
    """Text the database holds as invalid UTF-8, read with replacement characters."""


def _text_or_unreadable(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return UnreadableText(data.decode("utf-8", "replace"))


def read_tolerantly(db: sqlite3.Connection, read: Callable[[], T]) -> T:
    """``read()``; if Python's sqlite3 module cannot decode a text value as UTF-8 (which fails
    the whole query), read again with such values as :class:`UnreadableText`.

    The second reading is slower, so it is only the fallback. The connection must not be
    used by another thread meanwhile (the store's lock sees to that).
    """
    try:
        return read()
    except sqlite3.OperationalError as error:
        if sqlite_errors.primary_code(error) is not None:
            raise  # an error of SQLite itself, not of decoding
        log.debug("Text in der Datenbank ist kein UTF-8 (%s), lese ersatzweise", error)
    db.text_factory = _text_or_unreadable
    try:
        return read()
    finally:
        db.text_factory = str


class UnreadableRow(Exception):
    """A row of ``drafts`` (or its text) that cannot be read: ``problem`` says which value, in
    German."""

    def __init__(self, draft_id: int, problem: str) -> None:
        super().__init__(f"Entwurf {draft_id}: {problem}")
        self.draft_id = draft_id
        self.problem = problem


def _text(value: object, draft_id: int, what: str) -> str:
    if isinstance(value, UnreadableText) or not isinstance(value, str):
        raise UnreadableRow(draft_id, f"{what} ist kein lesbarer Text")
    return value


def _moment(value: object, draft_id: int, what: str, *, optional: bool) -> datetime | None:
    if value is None and optional:
        return None
    try:
        return moment(_text(value, draft_id, what))
    except (ValueError, TypeError, OverflowError) as error:  # TypeError: a naive vs aware mix
        raise UnreadableRow(draft_id, f"{what} ist keine gültige Zeitangabe") from error


def _day(value: object, draft_id: int, what: str) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(_text(value, draft_id, what))
    except ValueError as error:
        raise UnreadableRow(draft_id, f"{what} ist kein gültiges Datum") from error


_STATUS_BY_VALUE = {status.value: status for status in Status}
_unknown_statuses: set[str] = set()


def status_of(value: object, draft_id: int = 0) -> Status:
    """The status a stored value names; an unknown name counts as "Entwurf"."""
    text = _text(value, draft_id, "Status")
    status = _STATUS_BY_VALUE.get(text)
    if status is None:
        if text not in _unknown_statuses:  # once: lists are read again and again
            _unknown_statuses.add(text)
            log.warning("Unbekannter Status %r, als Entwurf behandelt", text)
        return Status.DRAFT
    return status


def lenient_status(value: object) -> str:
    """A status value fit to be written back: the stored one if readable (also one this
    version does not know), else "Entwurf"."""
    try:
        return _text(value, 0, "")
    except UnreadableRow:
        return Status.DRAFT.value


def lenient_stamp(value: object, *, fallback: str | None) -> str | None:
    """A stored moment fit to be written back: itself if readable, else ``fallback``."""
    try:
        _moment(value, 0, "", optional=False)
    except UnreadableRow:
        return fallback
    return value  # type: ignore[return-value]


def lenient_day(value: object) -> str | None:
    """A stored date fit to be written back: itself if readable, else none."""
    try:
        return None if _day(value, 0, "") is None else value  # type: ignore[return-value]
    except UnreadableRow:
        return None


def decode_stored(content: object, draft_id: int) -> Draft:
    """The draft from its stored JSON; :class:`UnreadableRow` if it cannot be read."""
    text = _text(content, draft_id, "Inhalt")
    try:
        return codec.decode_content(text)
    except (ValueError, ExchangeFormatError) as error:
        raise UnreadableRow(draft_id, f"Inhalt ist nicht lesbar ({error})") from error


def stored_draft(row: tuple[Any, ...]) -> StoredDraft:
    """A row of :data:`DRAFT_COLUMNS` as the record ``load`` hands out (or
    :class:`UnreadableRow`)."""
    draft_id, status, deadline, created, changed, revision, deleted, content = row
    if not isinstance(revision, int):
        raise UnreadableRow(draft_id, "Speicherstand ist keine Zahl")
    created_at = _moment(created, draft_id, "Anlagezeit", optional=False)
    changed_at = _moment(changed, draft_id, "Änderungszeit", optional=False)
    assert created_at is not None and changed_at is not None
    return StoredDraft(
        id=draft_id,
        draft=decode_stored(content, draft_id),
        status=status_of(status, draft_id),
        deadline=_day(deadline, draft_id, "Frist"),
        created=created_at,
        changed=changed_at,
        revision=revision,
        deleted=_moment(deleted, draft_id, "Löschzeit", optional=True),
    )


def summary(row: tuple[Any, ...], today: date) -> DraftSummary:
    """A row of :data:`SUMMARY_COLUMNS` and a snippet as one line of a list (or
    :class:`UnreadableRow`).

    Lists map thousands of rows, so a sound row takes the short way; only one that fails it
    is looked at value by value to say what is wrong.
    """
    draft_id, number, title, department, status_value, deadline, changed, deleted, snippet = row
    try:
        if not (type(number) is str and type(title) is str and type(department) is str):
            raise TypeError("not plain text")  # UnreadableText is a subclass of str
        status = _STATUS_BY_VALUE.get(status_value) or status_of(status_value, draft_id)
        due = date.fromisoformat(deadline) if deadline else None
        changed_at = datetime.fromisoformat(changed).astimezone()
        deleted_at = datetime.fromisoformat(deleted).astimezone() if deleted is not None else None
    except (TypeError, ValueError, OverflowError, UnreadableRow):
        return _checked_summary(row, today)
    return DraftSummary(
        id=draft_id,
        number=number,
        title=title,
        department=department,
        status=status,
        deadline=due,
        changed=changed_at,
        deleted=deleted_at,
        overdue=due is not None and due < today and status is not Status.DONE,
        snippet=snippet,
    )


def _checked_summary(row: tuple[Any, ...], today: date) -> DraftSummary:
    """:func:`summary` value by value, raising :class:`UnreadableRow` for the first that
    cannot be read."""
    draft_id, number, title, department, status_value, deadline, changed, deleted, snippet = row
    status = status_of(status_value, draft_id)
    due = _day(deadline, draft_id, "Frist")
    changed_at = _moment(changed, draft_id, "Änderungszeit", optional=False)
    assert changed_at is not None
    return DraftSummary(
        id=draft_id,
        number=_text(number, draft_id, "Nummer"),
        title=_text(title, draft_id, "Titel"),
        department=_text(department, draft_id, "Dezernat"),
        status=status,
        deadline=due,
        changed=changed_at,
        deleted=_moment(deleted, draft_id, "Löschzeit", optional=True),
        overdue=due is not None and due < today and status is not Status.DONE,
        snippet=snippet,
    )


def summaries(
    found: list[tuple[Any, ...]], today: date
) -> tuple[list[DraftSummary], list[UnreadableRow]]:
    """The rows that can be read as list lines, and what is wrong with the others."""
    readable: list[DraftSummary] = []
    unreadable: list[UnreadableRow] = []
    for row in found:
        try:
            readable.append(summary(row, today))
        except UnreadableRow as problem:
            unreadable.append(problem)
    return readable, unreadable


def row_problem(row: tuple[Any, ...]) -> UnreadableRow | None:
    """What cannot be read of a row of :data:`SUMMARY_COLUMNS`, a snippet, ``created`` and
    ``revision`` (``None``: all of it can)."""
    *listed, created, revision = row
    try:
        summary(tuple(listed), date.today())
        _moment(created, listed[0], "Anlagezeit", optional=False)
        if not isinstance(revision, int):
            raise UnreadableRow(listed[0], "Speicherstand ist keine Zahl")
    except UnreadableRow as problem:
        return problem
    return None


def damaged_draft(problem: UnreadableRow) -> StoreDamagedError:
    """The German message for a draft that cannot be opened."""
    return StoreDamagedError(
        f"Der Entwurf Nr. {problem.draft_id} ist in der Datenbank beschädigt "
        f"({problem.problem}) und kann nicht geöffnet werden. Frühere Fassungen finden Sie "
        "unter „Versionen“, ältere Stände in den Sicherungen (Extras › Datensicherungen)."
    )


def draft_not_found(draft_id: int) -> DraftNotFound:
    return DraftNotFound(
        f"Den Entwurf Nr. {draft_id} gibt es nicht (mehr). Vielleicht wurde er endgültig "
        "gelöscht. Bitte wählen Sie ihn in der Liste neu aus."
    )
