"""The :class:`Store`: the local SQLite database that keeps every draft and every version.

One file (``stellungnahme.db`` in the data folder) in WAL mode with ``synchronous=FULL``:
a save is one ``BEGIN IMMEDIATE`` transaction that checks the draft's revision before it
writes, so a second window or program can never silently overwrite a newer state. On open
the file is checked (``PRAGMA quick_check``); a damaged file is moved aside, never
overwritten, and the newest good backup takes its place. Times are stored in UTC and handed
out as timezone-aware local times.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import sqlite_utils

from stellungnahme_app import form, paths
from stellungnahme_app.errors import ExchangeFormatError
from stellungnahme_app.model import Draft
from stellungnahme_app.store import backups as backup_files
from stellungnahme_app.store import history, recovery, schema, search
from stellungnahme_app.store.errors import (
    BackupNotFound,
    ConflictError,
    DraftNotFound,
    StoreBusyError,
    StoreDamagedError,
    StoreError,
)
from stellungnahme_app.store.location import refuse_network_path
from stellungnahme_app.store.records import (
    STATUS_ORDER,
    DraftSummary,
    Status,
    StoredDraft,
    VersionInfo,
    VersionReason,
)
from stellungnahme_app.store.recovery import DamagedFile

log = logging.getLogger(__name__)

DATABASE_FILE_NAME = "stellungnahme.db"
BUSY_TIMEOUT_SECONDS = 5.0
EDIT_SNAPSHOT_INTERVAL = timedelta(minutes=10)
TRASH_DAYS = 30
LIST_ORDERS = ("changed", "deadline", "status")

_SUMMARY_COLUMNS = (
    "d.id, d.number, d.title, d.department, d.status, d.deadline, d.changed, d.deleted"
)
_DRAFT_COLUMNS = (
    "d.id, d.status, d.deadline, d.created, d.changed, d.revision, d.deleted, t.content"
)
_ORDER_SQL = {
    "changed": "d.changed DESC, d.id DESC",
    "deadline": "d.deadline IS NULL, d.deadline, d.changed DESC, d.id DESC",
    "status": (
        "CASE d.status "
        + " ".join(f"WHEN '{status.value}' THEN {index}" for status, index in STATUS_ORDER.items())
        + " ELSE 99 END, d.deadline IS NULL, d.deadline, d.changed DESC, d.id DESC"
    ),
}

P = ParamSpec("P")
R = TypeVar("R")


def utc_now() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _moment(text: str | None) -> datetime | None:
    if text is None:
        return None
    return datetime.fromisoformat(text).astimezone()


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _guarded(method: Callable[P, R]) -> Callable[P, R]:
    """Run a public method under the store's lock, with SQLite errors in German."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        store = args[0]
        assert isinstance(store, Store)
        with store._lock:
            if store._connection is None:
                raise StoreError("Die Entwurfsdatenbank ist bereits geschlossen.")
            try:
                return method(*args, **kwargs)
            except sqlite3.Error as error:
                raise _translate(error, store.path) from error

    return wrapper


def _translate(error: sqlite3.Error, path: Path) -> StoreError:
    """A German :class:`StoreError` for an error SQLite reported."""
    text = str(error).lower()
    log.warning("SQLite-Fehler bei %s: %s", path, error)
    if "locked" in text or "busy" in text:
        return StoreBusyError(
            "Die Entwurfsdatenbank ist gerade durch ein anderes Programmfenster belegt. "
            "Bitte versuchen Sie es in einigen Sekunden erneut."
        )
    if "readonly" in text or "read-only" in text:
        return StoreError(
            f"In die Entwurfsdatenbank „{path}“ kann nicht geschrieben werden "
            "(schreibgeschützt). Bitte wenden Sie sich an die IT."
        )
    if "disk is full" in text:
        return StoreError(
            f"Auf dem Laufwerk von „{path.parent}“ ist nicht genug Platz frei. Bitte schaffen "
            "Sie Platz und versuchen Sie es erneut; Ihr Text ist noch nicht gespeichert."
        )
    if recovery.is_damage(error):
        return StoreDamagedError(
            "Die Entwurfsdatenbank ist beschädigt. Bitte schließen Sie das Programm und "
            "starten Sie es neu: Beim Start wird sie aus der letzten Sicherung "
            "wiederhergestellt, die beschädigte Datei bleibt erhalten."
        )
    if "unable to open" in text or "disk i/o" in text:
        return StoreError(
            f"Auf die Entwurfsdatenbank „{path}“ kann nicht zugegriffen werden. Bitte "
            "prüfen Sie, ob das Laufwerk erreichbar ist, und versuchen Sie es erneut."
        )
    return StoreError(f"Die Entwurfsdatenbank meldet einen Fehler: {error}.")


class Store:
    """All drafts of this user, their versions, the trash and the backups.

    Open with :meth:`open`; close with :meth:`close` or use it as a context manager. A store
    may be shared between threads (calls are serialised); each process opens its own.
    """

    path: Path
    recovery_notice: str | None
    previous_database: Path | None
    clock: Callable[[], datetime]

    def __init__(self, path: Path, *, clock: Callable[[], datetime] = utc_now) -> None:
        """Use :meth:`open`; this only prepares an unopened store."""
        self.path = path
        self.recovery_notice = None
        self.previous_database = None
        self.clock = clock
        self._damaged_file: Path | None = None
        self._restored_from: backup_files.BackupFile | None = None
        self._lock = threading.RLock()
        self._connection: sqlite3.Connection | None = None

    # ------------------------------------------------------------------ opening and closing

    @classmethod
    def open(cls, path: Path | None = None, *, clock: Callable[[], datetime] = utc_now) -> Store:
        """Open (or create) the database; default ``paths.data_dir()/"stellungnahme.db"``.

        Checks the file, repairs it from a backup if it is damaged (see
        :attr:`recovery_notice`), updates an older schema after a backup, makes the day's
        backup and empties the trash of drafts deleted more than 30 days ago.
        """
        if path is None:
            path = paths.data_dir(create=False) / DATABASE_FILE_NAME
        path = Path(path)
        refuse_network_path(path)
        store = cls(path, clock=clock)
        store._open_connection()
        try:
            with store._lock:
                store._after_open()
                if store._damaged_file is not None:
                    store.recovery_notice = store._recovery_notice(
                        store._damaged_file, store._try_rescue(store._damaged_file)
                    )
        except BaseException:
            store.close()
            raise
        return store

    def _open_connection(self) -> None:
        path = self.path
        if path.is_dir():
            raise StoreError(
                f"„{path}“ ist ein Ordner, keine Datenbankdatei. Bitte wenden Sie sich an die IT."
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"Der Ordner „{path.parent}“ für die Entwurfsdatenbank kann nicht angelegt "
                f"werden ({error.strerror or error}). Bitte wenden Sie sich an die IT."
            ) from error
        try:
            # Checked read-only first: a read-write connection to a damaged file could write
            # into it (a checkpoint of its WAL file) or delete the WAL file when it closes.
            if path.exists():
                recovery.check_file(path)
            self._connection = _connect(path)
        except DamagedFile as damage:
            self._recover(str(damage))
            try:
                self._connection = _connect(path)
            except DamagedFile as second:
                raise StoreDamagedError(
                    f"Die Entwurfsdatenbank „{path}“ ist beschädigt und konnte nicht "
                    f"wiederhergestellt werden ({second}). Bitte wenden Sie sich an die IT."
                ) from second
        except sqlite3.Error as error:
            raise _translate(error, path) from error

    def _after_open(self) -> None:
        try:
            self._migrate()
            if not self._is_empty():
                today = self.clock().astimezone().date()
                if not backup_files.has_backup_of(self.path, today):
                    self._daily_backup()
            self._purge(TRASH_DAYS)
        except sqlite3.Error as error:
            raise _translate(error, self.path) from error

    def _daily_backup(self) -> None:
        """The day's backup; if it fails the program still opens (and tries again next time)."""
        try:
            self._make_backup()
        except (StoreError, sqlite3.Error, OSError) as error:
            log.warning("Tägliche Sicherung fehlgeschlagen: %s", error)

    def close(self) -> None:
        """Close the database; further calls raise :class:`StoreError`."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @property
    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            raise StoreError("Die Entwurfsdatenbank ist bereits geschlossen.")
        return self._connection

    # ------------------------------------------------------------------ schema

    def _migrate(self) -> None:
        db = sqlite_utils.Database(self._db)
        applied = schema.applied_migration_names(db)
        unknown = [name for name in applied if name not in schema.MIGRATION_NAMES]
        if unknown:
            raise StoreError(
                f"Die Entwurfsdatenbank „{self.path}“ wurde von einer neueren Version dieses "
                "Programms angelegt. Bitte installieren Sie die aktuelle Version."
            )
        if len(applied) == schema.CURRENT_SCHEMA:
            return
        if applied:
            target = backup_files.new_backup_path(
                self.path, self.clock().astimezone(), before_schema=schema.CURRENT_SCHEMA
            )
            try:
                backup_files.write_backup(self._db, target)
            except OSError as error:
                raise StoreError(
                    "Die Entwurfsdatenbank muss für diese Programmversion umgestellt werden, "
                    f"aber vorher konnte keine Sicherung angelegt werden ({error.strerror or error}"
                    "). Sie bleibt unverändert. Bitte sorgen Sie für freien Speicherplatz im "
                    f"Ordner „{target.parent}“ und starten Sie das Programm erneut."
                ) from error
            log.info("Sicherung vor Schema-Aktualisierung: %s", target)
        with self._write():
            # Another process may have migrated while we waited for the write lock.
            if schema.migrations.pending(db):
                schema.migrations.apply(db)

    # ------------------------------------------------------------------ transactions

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction that holds the write lock from its start."""
        connection = self._db
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        try:
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise

    # ------------------------------------------------------------------ drafts

    @_guarded
    def is_empty(self) -> bool:
        """True if the database holds no draft at all (trash included)."""
        return self._is_empty()

    def _is_empty(self) -> bool:
        return self._db.execute("SELECT 1 FROM drafts LIMIT 1").fetchone() is None

    @_guarded
    def create(
        self, draft: Draft, *, status: Status = Status.DRAFT, deadline: date | None = None
    ) -> StoredDraft:
        """Store ``draft`` as a new draft and return it with its id (revision 1)."""
        now = self.clock()
        content = history.encode_content(draft)
        body = search.body_text(draft)
        with self._write() as db:
            draft_id = db.execute(schema.NEXT_DRAFT_ID_SQL).fetchone()[0]
            db.execute(
                "INSERT INTO drafts (id, number, title, department, status, deadline, created, "
                "changed, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
                (
                    draft_id,
                    *_list_columns(draft),
                    status.value,
                    deadline.isoformat() if deadline else None,
                    _stamp(now),
                    _stamp(now),
                ),
            )
            db.execute(
                "INSERT INTO draft_texts (id, content, body) VALUES (?, ?, ?)",
                (draft_id, content, body),
            )
            search.index(db, draft_id, draft.document_number, draft.document_title, body)
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

    @_guarded
    def load(self, draft_id: int) -> StoredDraft:
        """The draft with this id (also from the trash); :class:`DraftNotFound` if none."""
        return self._load(draft_id)

    def _load(self, draft_id: int) -> StoredDraft:
        row = self._db.execute(
            f"SELECT {_DRAFT_COLUMNS} FROM drafts d JOIN draft_texts t ON t.id = d.id "
            "WHERE d.id = ?",
            (draft_id,),
        ).fetchone()
        if row is None:
            raise _draft_not_found(draft_id)
        return _stored_draft(row)

    @_guarded
    def save(self, stored: StoredDraft) -> StoredDraft:
        """Write draft, status and deadline in one transaction; returns the new state.

        Raises :class:`ConflictError` if the draft was saved elsewhere since ``stored`` was
        loaded (its revision is no longer the one in the database). Keeps a version when the
        status changes, and while editing at most every ten minutes.
        """
        now = self.clock()
        draft = stored.draft
        content = history.encode_content(draft)
        body = search.body_text(draft)
        with self._write() as db:
            row = db.execute(
                "SELECT d.revision, d.status, d.deleted, d.number, d.title, t.body FROM drafts d "
                "JOIN draft_texts t ON t.id = d.id WHERE d.id = ?",
                (stored.id,),
            ).fetchone()
            if row is None:
                raise _draft_not_found(stored.id)
            revision, old_status, deleted, old_number, old_title, old_body = row
            if revision != stored.revision:
                raise ConflictError(self._load(stored.id))
            number, title, department = _list_columns(draft)
            db.execute(
                "UPDATE drafts SET number = ?, title = ?, department = ?, status = ?, "
                "deadline = ?, changed = ?, revision = ? WHERE id = ?",
                (
                    number,
                    title,
                    department,
                    stored.status.value,
                    stored.deadline.isoformat() if stored.deadline else None,
                    _stamp(now),
                    revision + 1,
                    stored.id,
                ),
            )
            db.execute(
                "UPDATE draft_texts SET content = ?, body = ? WHERE id = ?",
                (content, body, stored.id),
            )
            new_text = (number, title, body)
            if new_text != (old_number, old_title, old_body):
                search.unindex(db, stored.id, old_number, old_title, old_body)
                search.index(db, stored.id, *new_text)
            if old_status != stored.status.value:
                self._keep_version(
                    stored.id, draft, content, VersionReason.STATUS, now, status=stored.status
                )
            elif self._last_version_time(stored.id) <= now - EDIT_SNAPSHOT_INTERVAL:
                self._keep_version(stored.id, draft, content, VersionReason.EDIT, now)
        return StoredDraft(
            id=stored.id,
            draft=draft,
            status=stored.status,
            deadline=stored.deadline,
            created=stored.created,
            changed=now.astimezone(),
            revision=revision + 1,
            deleted=_moment(deleted),
        )

    @_guarded
    def duplicate(self, draft_id: int) -> StoredDraft:
        """A new draft with the same content, the number left empty, status "Entwurf"."""
        original = self._load(draft_id).draft.copy()
        original.document_number = ""
        return self.create(original)

    @_guarded
    def delete(self, draft_id: int) -> None:
        """Move the draft to the trash (a draft already there stays as it is)."""
        with self._write() as db:
            self._require(draft_id)
            db.execute(
                "UPDATE drafts SET deleted = ? WHERE id = ? AND deleted IS NULL",
                (_stamp(self.clock()), draft_id),
            )

    @_guarded
    def restore_from_trash(self, draft_id: int) -> None:
        """Take the draft out of the trash."""
        with self._write() as db:
            self._require(draft_id)
            db.execute("UPDATE drafts SET deleted = NULL WHERE id = ?", (draft_id,))

    @_guarded
    def purge_trash(self, *, older_than_days: int | None = TRASH_DAYS) -> int:
        """Delete drafts for good that lie in the trash longer than this (``None``: all)."""
        return self._purge(older_than_days)

    def _purge(self, older_than_days: int | None) -> int:
        cutoff = (
            _stamp(self.clock() - timedelta(days=older_than_days))
            if older_than_days is not None
            else None
        )
        with self._write() as db:
            rows = db.execute(
                "SELECT d.id, d.number, d.title, t.body FROM drafts d "
                "JOIN draft_texts t ON t.id = d.id "
                "WHERE d.deleted IS NOT NULL AND (? IS NULL OR d.deleted <= ?)",
                (cutoff, cutoff),
            ).fetchall()
            for draft_id, number, title, body in rows:
                _remove_for_good(db, draft_id, number, title, body)
        if rows:
            log.info("%d Entwürfe endgültig aus dem Papierkorb gelöscht", len(rows))
        return len(rows)

    @_guarded
    def discard_unused(self, draft_id: int, *, revision: int) -> bool:
        """Delete for good a draft that never held work (a new one left untouched).

        Only while it is still at ``revision`` (nothing saved elsewhere since), outside the
        trash and without versions; otherwise nothing changes and the result is False.
        """
        with self._write() as db:
            row = db.execute(
                "SELECT d.number, d.title, t.body FROM drafts d JOIN draft_texts t ON t.id = d.id "
                "WHERE d.id = ? AND d.revision = ? AND d.deleted IS NULL AND NOT EXISTS "
                "(SELECT 1 FROM versions v WHERE v.draft_id = d.id)",
                (draft_id, revision),
            ).fetchone()
            if row is None:
                return False
            _remove_for_good(db, draft_id, *row)
        log.info("Unbenutzter neuer Entwurf %s verworfen", draft_id)
        return True

    def _require(self, draft_id: int) -> None:
        if self._db.execute("SELECT 1 FROM drafts WHERE id = ?", (draft_id,)).fetchone() is None:
            raise _draft_not_found(draft_id)

    # ------------------------------------------------------------------ lists and search

    @_guarded
    def list_drafts(
        self, *, status: Status | None = None, order: str = "changed", trash: bool = False
    ) -> list[DraftSummary]:
        """Drafts, newest change first (``order="changed"``), due soonest first
        (``"deadline"``, those without a deadline last) or by ``"status"``.

        ``trash=True`` lists only the drafts in the trash, otherwise only the others.
        """
        if order not in _ORDER_SQL:
            raise ValueError(f"order must be one of {LIST_ORDERS}, not {order!r}")
        conditions = ["d.deleted IS NOT NULL" if trash else "d.deleted IS NULL"]
        parameters: list[Any] = []
        if status is not None:
            conditions.append("d.status = ?")
            parameters.append(status.value)
        rows = self._db.execute(
            f"SELECT {_SUMMARY_COLUMNS}, '' FROM drafts d WHERE {' AND '.join(conditions)} "
            f"ORDER BY {_ORDER_SQL[order]}",
            parameters,
        ).fetchall()
        today = self.clock().astimezone().date()
        return [_summary(row, today) for row in rows]

    @_guarded
    def search(
        self, text: str, *, status: Status | None = None, limit: int = 200
    ) -> list[DraftSummary]:
        """Drafts (not in the trash) that contain every word typed, best match first.

        Words match as prefixes (single letters as whole words), regardless of case,
        accents and "ß"/"ss"; any text is safe to pass. Hits in number or title come first.
        The first 30 results carry a ``snippet``: about a line of the text around the first
        typed word (empty if the words occur only in number or title).
        """
        query = search.match_query(text)
        if query is None or limit <= 0:
            return []
        try:
            rows = search.find(
                self._db,
                query,
                columns=_SUMMARY_COLUMNS,
                status=status.value if status is not None else None,
                limit=limit,
            )
        except sqlite3.OperationalError as error:
            if "fts5" in str(error).lower() or "syntax" in str(error).lower():
                log.warning("Suchanfrage %r abgelehnt: %s", query, error)
                return []
            raise
        excerpts = search.snippets(self._db, text, [row[0] for row in rows[: search.SNIPPET_HITS]])
        today = self.clock().astimezone().date()
        return [_summary((*row, excerpts.get(row[0], "")), today) for row in rows]

    # ------------------------------------------------------------------ versions

    @_guarded
    def keep_version(self, draft_id: int, reason: VersionReason) -> VersionInfo:
        """Keep the draft's current state as a version (e.g. ``EXPORT`` after an export)."""
        now = self.clock()
        with self._write() as db:
            row = db.execute(
                "SELECT d.status, t.content FROM drafts d JOIN draft_texts t ON t.id = d.id "
                "WHERE d.id = ?",
                (draft_id,),
            ).fetchone()
            if row is None:
                raise _draft_not_found(draft_id)
            status_value, content = row
            draft = _decode(content, draft_id)
            status = Status(status_value) if reason is VersionReason.STATUS else None
            return self._keep_version(draft_id, draft, content, reason, now, status=status)

    def _keep_version(
        self,
        draft_id: int,
        draft: Draft,
        content: str,
        reason: VersionReason,
        now: datetime,
        *,
        status: Status | None = None,
    ) -> VersionInfo:
        """Insert a version; must run inside a write transaction."""
        db = self._db
        previous_row = db.execute(
            "SELECT content_zlib FROM versions WHERE draft_id = ? ORDER BY created DESC, id DESC "
            "LIMIT 1",
            (draft_id,),
        ).fetchone()
        previous: Draft | None = None
        if previous_row is not None:
            try:
                previous = history.decode_content(history.decompress(previous_row[0]))
            except (ValueError, ExchangeFormatError, OSError) as error:
                log.warning("Vorige Version von Entwurf %s nicht lesbar: %s", draft_id, error)
        summary = history.describe(draft, previous, status)
        cursor = db.execute(
            "INSERT INTO versions (draft_id, created, reason, summary, content_zlib) "
            "VALUES (?, ?, ?, ?, ?)",
            (draft_id, _stamp(now), reason.value, summary, history.compress(content)),
        )
        version_id = cursor.lastrowid
        assert version_id is not None
        return VersionInfo(
            id=version_id,
            draft_id=draft_id,
            created=now.astimezone(),
            reason=reason,
            summary=summary,
        )

    def _last_version_time(self, draft_id: int) -> datetime:
        row = self._db.execute(
            "SELECT max(created) FROM versions WHERE draft_id = ?", (draft_id,)
        ).fetchone()
        if row is None or row[0] is None:
            return datetime.min.replace(tzinfo=UTC)
        return datetime.fromisoformat(row[0])

    @_guarded
    def versions(self, draft_id: int) -> list[VersionInfo]:
        """The kept versions of a draft, newest first."""
        self._require(draft_id)
        rows = self._db.execute(
            "SELECT id, draft_id, created, reason, summary FROM versions WHERE draft_id = ? "
            "ORDER BY created DESC, id DESC",
            (draft_id,),
        ).fetchall()
        return [_version_info(row) for row in rows]

    @_guarded
    def load_version(self, version_id: int) -> Draft:
        """The draft as it was in this version."""
        row = self._db.execute(
            "SELECT draft_id, content_zlib FROM versions WHERE id = ?", (version_id,)
        ).fetchone()
        if row is None:
            raise _version_not_found(version_id)
        return _decode(history.decompress(row[1]), row[0])

    @_guarded
    def restore_version(self, version_id: int) -> StoredDraft:
        """Make a version the draft's current state; the state it replaces is kept first
        (as a version "Vor Wiederherstellung"). Status and deadline stay as they are."""
        now = self.clock()
        with self._write() as db:
            row = db.execute(
                "SELECT draft_id, content_zlib FROM versions WHERE id = ?", (version_id,)
            ).fetchone()
            if row is None:
                raise _version_not_found(version_id)
            draft_id, packed = row
            restored = _decode(history.decompress(packed), draft_id)
            current = db.execute(
                "SELECT d.number, d.title, t.body, t.content FROM drafts d "
                "JOIN draft_texts t ON t.id = d.id WHERE d.id = ?",
                (draft_id,),
            ).fetchone()
            if current is None:
                raise _draft_not_found(draft_id)
            old_number, old_title, old_body, old_content = current
            self._keep_version(
                draft_id, _decode(old_content, draft_id), old_content, VersionReason.RESTORE, now
            )
            content = history.encode_content(restored)
            body = search.body_text(restored)
            db.execute(
                "UPDATE drafts SET number = ?, title = ?, department = ?, changed = ?, "
                "revision = revision + 1 WHERE id = ?",
                (*_list_columns(restored), _stamp(now), draft_id),
            )
            db.execute(
                "UPDATE draft_texts SET content = ?, body = ? WHERE id = ?",
                (content, body, draft_id),
            )
            search.unindex(db, draft_id, old_number, old_title, old_body)
            search.index(db, draft_id, restored.document_number, restored.document_title, body)
            return self._load(draft_id)

    # ------------------------------------------------------------------ backups

    @_guarded
    def backup(self) -> Path:
        """Back the database up now (SQLite's backup API, safe while in use)."""
        return self._make_backup()

    def _make_backup(self) -> Path:
        target = backup_files.new_backup_path(self.path, self.clock().astimezone())
        try:
            backup_files.write_backup(self._db, target)
        except OSError as error:
            raise StoreError(
                f"Die Sicherung „{target}“ konnte nicht geschrieben werden "
                f"({error.strerror or error})."
            ) from error
        backup_files.prune_backups(self.path)
        log.info("Sicherung geschrieben: %s", target)
        return target

    def backups(self) -> list[Path]:
        """The backup files of this database, newest first."""
        return [backup.path for backup in backup_files.list_backups(self.path)]

    @_guarded
    def restore_backup(self, name: str | None = None) -> Path:
        """Replace the database with a backup (``None``: the newest); returns its path.

        The current database is not deleted: it is kept beside it, and
        :attr:`previous_database` says where. Other program windows must be closed first.
        """
        available = backup_files.list_backups(self.path)
        if name is None:
            if not available:
                raise BackupNotFound(
                    "Es gibt noch keine Sicherung, die wiederhergestellt werden könnte."
                )
            chosen = available[0]
        else:
            wanted = Path(name).name
            matches = [backup for backup in available if backup.name == wanted]
            if not matches:
                raise BackupNotFound(
                    f"Die Sicherung „{name}“ gibt es nicht. Vorhanden sind: "
                    + (", ".join(b.name for b in available) or "keine")
                    + "."
                )
            chosen = matches[0]
        if not recovery.is_usable_backup(chosen.path):
            raise StoreDamagedError(
                f"Die Sicherung „{chosen.name}“ ist beschädigt und wird nicht verwendet. "
                "Bitte wählen Sie eine andere Sicherung."
            )
        self._make_exclusive()
        self._db.close()
        self._connection = None
        aside = recovery.aside_path(self.path, "ersetzt", self.clock())
        try:
            recovery.move_aside(self.path, aside)
            try:
                backup_files.copy_file(chosen.path, self.path)
            except OSError:
                recovery.move_aside(aside, self.path)
                raise
        except OSError as error:
            self._connection = _connect(self.path)
            raise StoreError(
                f"Die Sicherung konnte nicht eingespielt werden ({error.strerror or error}). "
                "Die Datenbank ist unverändert."
            ) from error
        self.previous_database = aside
        self._open_connection()
        self._after_open()
        log.info("Sicherung %s eingespielt; bisherige Datenbank: %s", chosen.path, aside)
        return chosen.path

    def _make_exclusive(self) -> None:
        """Make sure no other connection uses the file, which is about to be replaced.

        Leaving WAL mode needs every other connection closed, so it doubles as the test.
        """
        db = self._db
        db.execute("PRAGMA busy_timeout = 0")
        try:
            mode = db.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except sqlite3.OperationalError as error:
            if "locked" not in str(error).lower() and "busy" not in str(error).lower():
                raise
            mode = "wal"
        finally:
            db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        if mode.lower() != "delete":
            raise StoreBusyError(
                "Die Entwurfsdatenbank ist noch in einem anderen Programmfenster geöffnet. "
                "Bitte schließen Sie alle anderen Fenster dieses Programms und versuchen Sie "
                "es erneut."
            )

    # ------------------------------------------------------------------ recovery

    def _recover(self, reason: str) -> None:
        """Move the damaged file aside and put the newest good backup in its place."""
        aside = recovery.aside_path(self.path, "beschaedigt", self.clock())
        try:
            recovery.move_aside(self.path, aside)
        except OSError as error:
            raise StoreDamagedError(
                f"Die Entwurfsdatenbank „{self.path}“ ist beschädigt und kann nicht "
                f"beiseitegelegt werden ({error.strerror or error}). Bitte wenden Sie sich an "
                "die IT."
            ) from error
        log.error("Datenbank beschädigt (%s), verschoben nach %s", reason, aside)
        self._damaged_file = aside
        self._restored_from = None
        for backup in backup_files.list_backups(self.path):
            if recovery.is_usable_backup(backup.path):
                backup_files.copy_file(backup.path, self.path)
                self._restored_from = backup
                return

    def _try_rescue(self, damaged: Path) -> int:
        """:meth:`_rescue`, but a failure only costs the rescue, never the opening."""
        try:
            return self._rescue(damaged)
        except Exception:
            log.exception("Rettung aus %s fehlgeschlagen", damaged)
            return 0

    def _rescue(self, damaged: Path) -> int:
        """Take over from the damaged file every draft changed after the restored backup
        (and the versions the backup lacks); returns how many drafts were taken over."""
        drafts, versions = recovery.read_rescuable(damaged)
        now = self.clock()
        taken = 0
        with self._write() as db:
            for rescued in drafts:
                current = db.execute(
                    "SELECT d.changed, d.revision, d.deleted, d.status, d.deadline, d.number, "
                    "d.title, t.body, t.content FROM drafts d JOIN draft_texts t ON t.id = d.id "
                    "WHERE d.id = ?",
                    (rescued.id,),
                ).fetchone()
                # The damaged file was the live database, so it is never older than the backup:
                # whatever differs from the backup was done after it.
                if current is not None and (
                    current[:5]
                    == (
                        rescued.changed,
                        rescued.revision,
                        rescued.deleted,
                        rescued.status,
                        rescued.deadline,
                    )
                    and current[8] == rescued.content
                ):
                    continue
                draft = history.decode_content(rescued.content)
                body = search.body_text(draft)
                names = _list_columns(draft)
                if current is None:
                    db.execute(
                        "INSERT INTO drafts (id, number, title, department, status, deadline, "
                        "created, changed, revision, deleted) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            rescued.id,
                            *names,
                            rescued.status,
                            rescued.deadline,
                            rescued.created,
                            rescued.changed,
                            rescued.revision,
                            rescued.deleted,
                        ),
                    )
                    db.execute(
                        "INSERT INTO draft_texts (id, content, body) VALUES (?, ?, ?)",
                        (rescued.id, rescued.content, body),
                    )
                else:
                    revision, old_number, old_title, old_body, old_content = (
                        current[1],
                        *current[5:],
                    )
                    if old_content != rescued.content:
                        self._keep_version(
                            rescued.id,
                            _decode(old_content, rescued.id),
                            old_content,
                            VersionReason.RESTORE,
                            now,
                        )
                    db.execute(
                        "UPDATE drafts SET number = ?, title = ?, department = ?, status = ?, "
                        "deadline = ?, changed = ?, revision = ?, deleted = ? WHERE id = ?",
                        (
                            *names,
                            rescued.status,
                            rescued.deadline,
                            rescued.changed,
                            max(revision, rescued.revision) + 1,
                            rescued.deleted,
                            rescued.id,
                        ),
                    )
                    db.execute(
                        "UPDATE draft_texts SET content = ?, body = ? WHERE id = ?",
                        (rescued.content, body, rescued.id),
                    )
                    search.unindex(db, rescued.id, old_number, old_title, old_body)
                search.index(db, rescued.id, draft.document_number, draft.document_title, body)
                taken += 1
            known = set(db.execute("SELECT draft_id, created FROM versions").fetchall())
            existing = {row[0] for row in db.execute("SELECT id FROM drafts")}
            for version in versions:
                if (version.draft_id, version.created) in known:
                    continue
                if version.draft_id not in existing:
                    continue
                db.execute(
                    "INSERT INTO versions (draft_id, created, reason, summary, content_zlib) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (
                        version.draft_id,
                        version.created,
                        version.reason,
                        version.summary,
                        version.content_zlib,
                    ),
                )
        log.info("%d Entwürfe aus %s übernommen", taken, damaged)
        return taken

    def _recovery_notice(self, damaged: Path, rescued: int) -> str:
        kept = (
            f"Die beschädigte Datei wurde als „{damaged.name}“ im Ordner „{damaged.parent}“ "
            "aufbewahrt."
        )
        taken = (
            "Ein Entwurf, der danach geändert worden war, konnte aus der beschädigten Datei "
            "übernommen werden."
            if rescued == 1
            else f"{rescued} Entwürfe, die danach geändert worden waren, konnten aus der "
            "beschädigten Datei übernommen werden."
        )
        if self._restored_from is not None:
            made = self._restored_from.made.strftime(f"{form.DATE_FORMAT} um %H:%M Uhr")
            return (
                "Die Entwurfsdatenbank war beschädigt und wurde aus der Sicherung vom "
                f"{made} wiederhergestellt. "
                + (taken + " " if rescued else "")
                + "Bitte prüfen Sie Ihre zuletzt bearbeiteten Entwürfe; Änderungen kurz vor "
                "dem Schaden können fehlen. " + kept
            )
        if rescued:
            return (
                "Die Entwurfsdatenbank war beschädigt, und es gab keine brauchbare Sicherung. "
                f"{rescued} Entwürfe konnten aus der beschädigten Datei gerettet werden; bitte "
                "prüfen Sie sie. " + kept
            )
        return (
            "Die Entwurfsdatenbank war beschädigt, und es gab keine brauchbare Sicherung. "
            "Es wurde eine neue, leere Datenbank angelegt. " + kept + " Bitte wenden Sie sich "
            "an die IT, die daraus eventuell Texte retten kann."
        )


# ---------------------------------------------------------------------- module helpers


def _list_columns(draft: Draft) -> tuple[str, str, str]:
    """Number, title and department as the ``drafts`` table keeps them for lists."""
    return (
        search.without_surrogates(draft.document_number),
        search.without_surrogates(draft.document_title),
        search.without_surrogates(draft.department),
    )


def _remove_for_good(
    db: sqlite3.Connection, draft_id: int, number: str, title: str, body: str
) -> None:
    """Delete a draft, its versions and its search entry; must run inside a write transaction."""
    search.unindex(db, draft_id, number, title, body)
    db.execute("DELETE FROM versions WHERE draft_id = ?", (draft_id,))
    db.execute("DELETE FROM draft_texts WHERE id = ?", (draft_id,))
    db.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))


def _connect(path: Path) -> sqlite3.Connection:
    """Open the file in WAL mode with full sync; raises :class:`DamagedFile` for a bad file."""
    connection = sqlite3.connect(
        str(path),
        timeout=BUSY_TIMEOUT_SECONDS,
        isolation_level=None,
        check_same_thread=False,
    )
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError as error:
        connection.close()
        if recovery.is_damage(error):
            raise DamagedFile(str(error)) from error
        raise
    return connection


def _decode(content: str, draft_id: int) -> Draft:
    try:
        return history.decode_content(content)
    except (ValueError, ExchangeFormatError) as error:
        log.error("Inhalt von Entwurf %s nicht lesbar: %s", draft_id, error)
        raise StoreDamagedError(
            f"Der gespeicherte Inhalt des Entwurfs Nr. {draft_id} ist nicht lesbar. Frühere "
            "Fassungen finden Sie unter „Versionen“; bitte wenden Sie sich an die IT."
        ) from error


def _stored_draft(row: tuple[Any, ...]) -> StoredDraft:
    draft_id, status, deadline, created, changed, revision, deleted, content = row
    created_at = _moment(created)
    changed_at = _moment(changed)
    assert created_at is not None and changed_at is not None
    return StoredDraft(
        id=draft_id,
        draft=_decode(content, draft_id),
        status=_status(status),
        deadline=_day(deadline),
        created=created_at,
        changed=changed_at,
        revision=revision,
        deleted=_moment(deleted),
    )


_STATUS_BY_VALUE = {status.value: status for status in Status}


def _status(value: str) -> Status:
    status = _STATUS_BY_VALUE.get(value)
    if status is None:
        log.warning("Unbekannter Status %r, als Entwurf behandelt", value)
        return Status.DRAFT
    return status


def _summary(row: tuple[Any, ...], today: date) -> DraftSummary:
    draft_id, number, title, department, status_value, deadline, changed, deleted, snippet = row
    status = _status(status_value)
    due = _day(deadline)
    changed_at = _moment(changed)
    assert changed_at is not None
    return DraftSummary(
        id=draft_id,
        number=number,
        title=title,
        department=department,
        status=status,
        deadline=due,
        changed=changed_at,
        deleted=_moment(deleted),
        overdue=due is not None and due < today and status is not Status.DONE,
        snippet=snippet,
    )


def _version_info(row: tuple[Any, ...]) -> VersionInfo:
    version_id, draft_id, created, reason, summary = row
    created_at = _moment(created)
    assert created_at is not None
    try:
        why = VersionReason(reason)
    except ValueError:
        why = VersionReason.EDIT
    return VersionInfo(
        id=version_id, draft_id=draft_id, created=created_at, reason=why, summary=summary
    )


def _draft_not_found(draft_id: int) -> DraftNotFound:
    return DraftNotFound(
        f"Den Entwurf Nr. {draft_id} gibt es nicht (mehr). Vielleicht wurde er endgültig "
        "gelöscht. Bitte wählen Sie ihn in der Liste neu aus."
    )


def _version_not_found(version_id: int) -> DraftNotFound:
    return DraftNotFound(f"Die Version Nr. {version_id} gibt es nicht (mehr).")
