"""The :class:`Store`: the local SQLite database that keeps every draft and every version.

One file (``stellungnahme.db`` in the data folder) in WAL mode with ``synchronous=FULL``:
a save is one ``BEGIN IMMEDIATE`` transaction that checks the draft's revision before it
writes, so a second window or program can never silently overwrite a newer state. On open
the file is checked (:mod:`.file_check`); a damaged, missing or empty file is replaced by the
newest good backup, a damaged one is moved aside, never overwritten (:mod:`.recovery`); where
nothing can be written, the drafts open read-only. The rows and their mapping are in
:mod:`.rows`, lists in :mod:`.listing`, versions in :mod:`.versions`, backups in
:mod:`.backups`, connections in :mod:`.connection`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from stellungnahme_app import paths
from stellungnahme_app.model import Draft
from stellungnahme_app.store import backups as backup_files
from stellungnahme_app.store import (
    codec,
    connection,
    file_check,
    listing,
    recovery,
    rows,
    schema,
    sqlite_errors,
    versions,
)
from stellungnahme_app.store import housekeeping as care
from stellungnahme_app.store.connection import DamagedFile
from stellungnahme_app.store.errors import (
    ConflictError,
    DraftNotFound,
    StoreDamagedError,
    StoreError,
)
from stellungnahme_app.store.guard import guarded, writing
from stellungnahme_app.store.location import refuse_network_path
from stellungnahme_app.store.records import (
    DraftState,
    Status,
    StoredDraft,
    UnreadableDraft,
    VersionInfo,
    VersionReason,
)
from stellungnahme_app.store.rows import DraftRow, DraftText, IndexedText, UnreadableRow

log = logging.getLogger(__name__)

DATABASE_FILE_NAME = "stellungnahme.db"
EDIT_SNAPSHOT_INTERVAL = timedelta(minutes=10)
TRASH_DAYS = 30


def utc_now() -> datetime:
    return datetime.now(UTC)


class Store(listing.ListingMethods):
    """All drafts of this user, their versions, the trash and the backups.

    Open with :meth:`open`; close with :meth:`close` or use it as a context manager. A store
    may be shared between threads (calls are serialised); each process opens its own.
    """

    path: Path
    recovery_notice: str | None
    previous_database: Path | None
    read_only_reason: str | None
    clock: Callable[[], datetime]

    def __init__(self, path: Path, *, clock: Callable[[], datetime] = utc_now) -> None:
        """Use :meth:`open`; this only prepares an unopened store."""
        self.path = path
        self.recovery_notice = None
        self.previous_database = None
        self.read_only_reason = None
        self.clock = clock
        self._replacement: recovery.Replacement | None = None
        self._notices: list[str] = []  # for recovery_notice, while opening
        self._reported: set[int] = set()  # unreadable drafts already logged
        self._failed_to_open: set[int] = set()  # drafts whose content could not be read
        self._lock = threading.RLock()
        self._connection: sqlite3.Connection | None = None
        self._data_version: int | None = None

    # ------------------------------------------------------------------ opening and closing

    @classmethod
    def open(
        cls,
        path: Path | None = None,
        *,
        clock: Callable[[], datetime] = utc_now,
        housekeeping: bool = True,
    ) -> Store:
        """Open (or create) the database; default ``paths.data_dir()/"stellungnahme.db"``.

        Checks the file, repairs it from a backup if it is damaged, missing or empty (see
        :attr:`recovery_notice`), updates an older schema after a backup, makes the day's
        backup and empties the trash of drafts deleted more than 30 days ago. Where nothing
        can be written, it opens the drafts for reading only (:attr:`read_only`).
        ``housekeeping=False`` leaves ``quick_check``, backup and trash to
        :meth:`housekeeping` (the window runs it after its first paint).
        """
        if path is None:
            path = paths.data_dir(create=False) / DATABASE_FILE_NAME
        path = Path(path)
        refuse_network_path(path)
        store = cls(path, clock=clock)
        # An update reads every row: damage must be found (and repaired) before it, or it
        # would fail the update at every start.
        housekeeping = housekeeping or care.check_due_at_open(path) or schema.update_due(path)
        store._prepare_folder()
        backup_files.remove_stale_temporary_files(path)
        backup_files.forget_unfinished_restores(path)
        if recovery.is_missing(path) and (notice := recovery.replace_missing(path)):
            store._notices.append(notice)
        store._open_connection(integrity=housekeeping)
        try:
            with store._lock:
                store._after_open(housekeeping=housekeeping)
                if store._replacement is not None:
                    rescued = recovery.rescue(store._db, store._replacement, store.clock())
                    store._notices.insert(0, recovery.damage_notice(store._replacement, rescued))
        except BaseException:
            store.close()
            raise
        store.recovery_notice = "\n\n".join(store._notices) or None
        store._notices = []
        return store

    def _prepare_folder(self) -> None:
        path = self.path
        if path.is_dir():
            raise StoreError(
                f"„{path}“ ist ein Ordner, keine Datenbankdatei. Bitte wenden Sie sich an die IT."
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=paths.PRIVATE_FOLDER_MODE)
        except OSError as error:
            raise StoreError(
                f"Der Ordner „{path.parent}“ für die Entwurfsdatenbank kann nicht angelegt "
                f"werden ({error.strerror or error}). Bitte wenden Sie sich an die IT."
            ) from error

    def _open_connection(self, *, integrity: bool = True) -> None:
        path = self.path
        connection.roll_back_interrupted_transaction(path)
        try:
            # Checked read-only first: a read-write connection to a damaged file could write
            # into it (a checkpoint of its WAL file) or delete the WAL file when it closes.
            file_check.check_file(path, integrity=integrity)
            self._connection = connection.connect_private(path)
            if not os.access(path, os.W_OK):
                self._connection.close()
                self._open_read_only(None)
        except DamagedFile as damage:
            self._replacement = recovery.replace_damaged(path, damage, self.clock())
            try:
                self._connection = connection.connect_private(path)
            except DamagedFile as second:
                raise StoreDamagedError(
                    f"Die Entwurfsdatenbank „{path}“ ist beschädigt und konnte nicht "
                    f"wiederhergestellt werden ({second}). Bitte wenden Sie sich an die IT."
                ) from second
        except sqlite3.Error as error:
            if not sqlite_errors.prevents_writing(error):
                raise sqlite_errors.store_error(error, path) from error
            if recovery.is_missing(path):
                raise StoreError(
                    f"Die Entwurfsdatenbank „{path}“ kann nicht angelegt werden. "
                    f"{sqlite_errors.read_only_reason(path, error)} Bitte wenden Sie sich an "
                    "die IT."
                ) from error
            self._open_read_only(error)

    def _open_read_only(self, cause: sqlite3.Error | None) -> None:
        """Open the file for reading only; ``cause`` is why writing failed (``None``: the file
        is write-protected)."""
        path = self.path
        try:
            self._connection = connection.connect_read_only(path)
            file_check.check_contents(self._connection, path)
        except DamagedFile as damage:
            self.close()
            raise StoreDamagedError(
                f"Die Entwurfsdatenbank „{path}“ ist beschädigt ({damage}) und kann nicht "
                "durch eine Sicherung ersetzt werden, weil sie schreibgeschützt ist. Bitte "
                "wenden Sie sich an die IT."
            ) from damage
        except sqlite3.Error as error:
            self.close()
            raise sqlite_errors.unreadable_error(error, path, cause) from error
        self.read_only_reason = sqlite_errors.read_only_reason(path, cause)
        log.warning("Nur lesend geöffnet: %s (SQLite: %r)", self.read_only_reason, cause)

    def _after_open(self, *, housekeeping: bool = True) -> None:
        try:
            if self.read_only_reason is not None:
                schema.require_current(self._db, self.path, self.read_only_reason)
            else:
                schema.update(self._db, self.path, self.clock())
            if housekeeping:
                care.checked_at_open(self.path)
                if notice := care.daily_backup(self.path, self.clock().astimezone()):
                    self._notices.append(notice)
                if self.read_only_reason is None:
                    self._purge(TRASH_DAYS)
        except sqlite3.Error as error:
            raise sqlite_errors.store_error(error, self.path) from error

    def housekeeping(self) -> list[str]:
        """What :meth:`open` with ``housekeeping=False`` left: ``quick_check``, the day's
        backup, the trash. For a worker thread: check and backup read through a connection
        of their own, so saving meanwhile is not held up. Returns German notices (damage
        found: restart; a backup kept because it holds more drafts)."""
        if damage := care.damage_found(self.path):
            return [damage]
        notices = (
            []
            if (notice := care.daily_backup(self.path, self.clock().astimezone())) is None
            else [notice]
        )
        if self.read_only_reason is None:
            self.purge_trash()
        return notices

    def close(self) -> None:
        """Close the database; further calls raise :class:`StoreError`."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    @property
    def read_only(self) -> bool:
        """True if the database could only be opened for reading (write-protected folder or
        file, a full disk; :attr:`read_only_reason` says which, in German): lists, searches,
        loading and backups work, every change raises :class:`StoreReadOnlyError`."""
        return self.read_only_reason is not None

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

    def _write(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        return connection.write_transaction(self._db)

    # ------------------------------------------------------------------ drafts

    @guarded
    def is_empty(self) -> bool:
        """True if the database holds no draft at all (trash included)."""
        return self._is_empty()

    def _is_empty(self) -> bool:
        return self._db.execute("SELECT 1 FROM drafts LIMIT 1").fetchone() is None

    @writing
    def create(
        self, draft: Draft, *, status: Status = Status.DRAFT, deadline: date | None = None
    ) -> StoredDraft:
        """Store ``draft`` as a new draft and return it with its id (revision 1)."""
        with self._write() as db:
            return rows.insert_new(db, draft, status, deadline, self.clock())

    @writing
    def create_all(
        self, drafts: Sequence[Draft], *, reason: VersionReason, details: Sequence[str] = ()
    ) -> list[StoredDraft]:
        """Store each draft as a new one with a version kept for ``reason`` (an import) and
        its detail (``details``, one per draft, e.g. the file it came from), in one
        transaction: either all are stored or, if one fails, none."""
        now = self.clock()
        with self._write() as db:
            created = [rows.insert_new(db, draft, Status.DRAFT, None, now) for draft in drafts]
            for position, stored in enumerate(created):
                content = codec.encode_content(stored.draft)
                detail = details[position] if position < len(details) else ""
                versions.keep(db, stored.id, stored.draft, content, reason, now, detail=detail)
        return created

    @guarded
    def load(self, draft_id: int) -> StoredDraft:
        """The draft with this id (also from the trash); :class:`DraftNotFound` if none."""
        return self._load(draft_id)

    def _load(self, draft_id: int) -> StoredDraft:
        try:
            return self._read_draft(draft_id)
        except UnreadableRow as problem:
            self._report([problem])
            raise rows.damaged_draft(problem) from problem

    def _read_draft(self, draft_id: int) -> StoredDraft:
        """The draft; :class:`UnreadableRow` if a value of it cannot be read."""
        db = self._db
        row = rows.read_tolerantly(
            db,
            lambda: db.execute(
                f"SELECT {rows.DRAFT_COLUMNS} FROM drafts d JOIN draft_texts t ON t.id = d.id "
                "WHERE d.id = ?",
                (draft_id,),
            ).fetchone(),
        )
        if row is None:
            raise rows.draft_not_found(draft_id)
        return rows.stored_draft(row)

    @writing
    def save(self, stored: DraftState) -> StoredDraft:
        """Write draft, status and deadline in one transaction; returns the new state.

        Raises :class:`ConflictError` if the draft was saved elsewhere since ``stored`` was
        loaded (its revision is no longer the one in the database). Keeps a version when the
        status changes, and while editing at most every ten minutes.
        """
        now = self.clock()
        draft = stored.draft
        text = DraftText.of(draft)
        with self._write() as db:
            current = rows.read_tolerantly(
                db,
                lambda: db.execute(
                    "SELECT d.revision, d.status, d.created, d.deleted, d.number, d.title, "
                    "t.content FROM drafts d JOIN draft_texts t ON t.id = d.id WHERE d.id = ?",
                    (stored.id,),
                ).fetchone(),
            )
            if current is None:
                raise rows.draft_not_found(stored.id)
            revision, old_status, created, deleted, *indexed = current
            if revision != stored.revision:
                raise ConflictError(self._load(stored.id))
            created = rows.lenient_stamp(created, fallback=rows.stamp(now))
            deleted = rows.lenient_stamp(deleted, fallback=None)
            row = DraftRow(
                id=stored.id,
                status=stored.status.value,
                deadline=stored.deadline.isoformat() if stored.deadline else None,
                created=created,
                changed=rows.stamp(now),
                revision=revision + 1,
                deleted=deleted,
            )
            rows.write_draft(db, row, text, replacing=IndexedText.of_stored(*indexed))
            if old_status != stored.status.value:
                versions.keep(
                    db,
                    stored.id,
                    draft,
                    text.content,
                    VersionReason.STATUS,
                    now,
                    status=stored.status,
                )
            elif versions.last_time(db, stored.id) <= now - EDIT_SNAPSHOT_INTERVAL:
                versions.keep(db, stored.id, draft, text.content, VersionReason.EDIT, now)
        created_at = rows.moment(created)
        assert created_at is not None
        return StoredDraft(
            id=stored.id,
            draft=draft,
            status=stored.status,
            deadline=stored.deadline,
            created=created_at,
            changed=now.astimezone(),
            revision=revision + 1,
            deleted=rows.moment(deleted),
        )

    @writing
    def duplicate(self, draft_id: int) -> StoredDraft:
        """A new draft with the same content, the number left empty, status "Entwurf"."""
        original = self._load(draft_id).draft.copy()
        original.document_number = ""
        return self.create(original)

    @writing
    def delete(self, draft_id: int) -> None:
        """Move the draft to the trash (a draft already there stays as it is)."""
        with self._write() as db:
            self._require(draft_id)
            db.execute(
                "UPDATE drafts SET deleted = ? WHERE id = ? AND deleted IS NULL",
                (rows.stamp(self.clock()), draft_id),
            )

    @writing
    def restore_from_trash(self, draft_id: int) -> None:
        """Take the draft out of the trash."""
        with self._write() as db:
            self._require(draft_id)
            db.execute("UPDATE drafts SET deleted = NULL WHERE id = ?", (draft_id,))

    @writing
    def purge_trash(self, *, older_than_days: int | None = TRASH_DAYS) -> int:
        """Delete drafts for good that lie in the trash longer than this (``None``: all)."""
        return self._purge(older_than_days)

    def _purge(self, older_than_days: int | None) -> int:
        cutoff = (
            rows.stamp(self.clock() - timedelta(days=older_than_days))
            if older_than_days is not None
            else None
        )
        with self._write() as db:
            doomed = rows.read_tolerantly(
                db,
                lambda: db.execute(
                    "SELECT d.id, d.number, d.title, t.content FROM drafts d "
                    "JOIN draft_texts t ON t.id = d.id "
                    "WHERE d.deleted IS NOT NULL AND (? IS NULL OR d.deleted <= ?)",
                    (cutoff, cutoff),
                ).fetchall(),
            )
            for draft_id, *indexed in doomed:
                rows.remove_for_good(db, draft_id, IndexedText.of_stored(*indexed))
        if doomed:
            log.info("%d Entwürfe endgültig aus dem Papierkorb gelöscht", len(doomed))
        return len(doomed)

    @writing
    def discard_unused(self, draft_id: int, *, revision: int) -> bool:
        """Delete for good a draft that never held work (a new one left untouched).

        Only while it is still at ``revision`` (nothing saved elsewhere since), outside the
        trash and without versions; otherwise nothing changes and the result is False.
        """
        with self._write() as db:
            indexed = rows.read_tolerantly(
                db,
                lambda: db.execute(
                    "SELECT d.number, d.title, t.content FROM drafts d "
                    "JOIN draft_texts t ON t.id = d.id "
                    "WHERE d.id = ? AND d.revision = ? AND d.deleted IS NULL AND NOT EXISTS "
                    "(SELECT 1 FROM versions v WHERE v.draft_id = d.id)",
                    (draft_id, revision),
                ).fetchone(),
            )
            if indexed is None:
                return False
            rows.remove_for_good(db, draft_id, IndexedText.of_stored(*indexed))
        log.info("Unbenutzter neuer Entwurf %s verworfen", draft_id)
        return True

    def _require(self, draft_id: int) -> None:
        if self._db.execute("SELECT 1 FROM drafts WHERE id = ?", (draft_id,)).fetchone() is None:
            raise rows.draft_not_found(draft_id)

    # ------------------------------------------------------------------ unreadable drafts

    @guarded
    def unreadable_drafts(self) -> list[UnreadableDraft]:
        """The drafts that lists and searches leave out, or that cannot be opened, because a
        value of theirs cannot be read (a damaged byte): by id, each with the problem in German.

        Their versions (:meth:`versions`, :meth:`restore_version`) and the backups can bring
        them back. Contents are checked for the drafts that failed to open.
        """
        problems = listing.row_problems(self._db)
        for draft_id in sorted(self._failed_to_open - problems.keys()):
            try:
                self._read_draft(draft_id)
            except UnreadableRow as problem:
                problems[draft_id] = problem
                continue
            except DraftNotFound:
                pass
            self._failed_to_open.discard(draft_id)
        return [UnreadableDraft(key, problems[key].problem) for key in sorted(problems)]

    def unreadable_drafts_apart(self) -> list[UnreadableDraft]:
        """:meth:`unreadable_drafts` as far as the rows tell, read through a read-only
        connection of its own and without the store's lock: for a worker thread (the window
        after its first paint), so saving meanwhile is not held up. [] if it cannot read."""
        try:
            with connection.read_only(self.path) as reader:
                problems = listing.row_problems(reader)
        except (DamagedFile, sqlite3.Error) as error:
            log.warning("Unlesbare Entwürfe nicht geprüft: %s", error)
            return []
        return [UnreadableDraft(key, problems[key].problem) for key in sorted(problems)]

    def _report(self, problems: list[UnreadableRow]) -> None:
        """Log each unreadable draft once per store (lists are shown again and again)."""
        for problem in problems:
            if problem.draft_id not in self._reported:
                self._reported.add(problem.draft_id)
                log.error("Nicht lesbar: %s", problem)
            if problem.problem.startswith("Inhalt"):
                self._failed_to_open.add(problem.draft_id)

    # ------------------------------------------------------------------ versions

    @writing
    def keep_version(
        self, draft_id: int, reason: VersionReason, *, draft: Draft | None = None, detail: str = ""
    ) -> VersionInfo:
        """Keep a version of the draft (e.g. ``EXPORT`` after an export): its current stored
        state, or ``draft`` if given (the content that was exported); ``detail`` says what
        happened besides the reason (:func:`records.what_happened`)."""
        now = self.clock()
        content = codec.encode_content(draft) if draft is not None else ""
        with self._write() as db:
            current = db.execute(
                "SELECT d.status, CASE WHEN ? THEN t.content ELSE '' END FROM drafts d "
                "JOIN draft_texts t ON t.id = d.id WHERE d.id = ?",
                (draft is None, draft_id),
            ).fetchone()
            if current is None:
                raise rows.draft_not_found(draft_id)
            status_value, stored_content = current
            if draft is None:
                content = stored_content
                try:
                    draft = rows.decode_stored(content, draft_id)
                except UnreadableRow as problem:
                    self._report([problem])
                    raise rows.damaged_draft(problem) from problem
            status = (
                rows.status_of(rows.lenient_status(status_value))
                if reason is VersionReason.STATUS
                else None
            )
            return versions.keep(
                db, draft_id, draft, content, reason, now, status=status, detail=detail
            )

    @writing
    def name_version(self, version_id: int, name: str) -> VersionInfo:
        """Give a version a name („Fassung für den Dezernenten“); an empty name removes it."""
        with self._write() as db:
            return versions.name(db, version_id, name)

    @guarded
    def versions(self, draft_id: int) -> list[VersionInfo]:
        """The kept versions of a draft, newest first."""
        self._require(draft_id)
        return versions.list_of(self._db, draft_id)

    @guarded
    def load_version(self, version_id: int) -> Draft:
        """The draft as it was in this version."""
        return versions.content_of(self._db, version_id)[1]

    @writing
    def restore_version(self, version_id: int) -> StoredDraft:
        """Make a version the draft's current state; the state it replaces is kept first
        (as a version "Vor Wiederherstellung"). Status and deadline stay as they are.

        Mends a draft a damaged byte made unreadable: what cannot be read of its row is set
        anew (status "Entwurf", no deadline), its unreadable state is not kept as a version.
        """
        now = self.clock()
        with self._write() as db:
            draft_id, restored = versions.content_of(db, version_id)
            current = rows.read_tolerantly(
                db,
                lambda: db.execute(
                    "SELECT d.status, d.deadline, d.created, d.revision, d.deleted, d.number, "
                    "d.title, t.content FROM drafts d JOIN draft_texts t ON t.id = d.id "
                    "WHERE d.id = ?",
                    (draft_id,),
                ).fetchone(),
            )
            if current is None:
                raise rows.draft_not_found(draft_id)
            status, deadline, created, revision, deleted, number, title, old = current
            try:
                replaced = rows.decode_stored(old, draft_id)
            except UnreadableRow as problem:
                log.error("Nicht als Version behalten, da nicht lesbar: %s", problem)
            else:
                brought_back = str(versions.info_of(db, version_id).number)
                versions.keep(
                    db, draft_id, replaced, old, VersionReason.RESTORE, now, detail=brought_back
                )
            row = DraftRow(
                id=draft_id,
                status=rows.lenient_status(status),
                deadline=rows.lenient_day(deadline),
                created=rows.lenient_stamp(created, fallback=rows.stamp(now)),
                changed=rows.stamp(now),
                revision=(revision if isinstance(revision, int) else 0) + 1,
                deleted=rows.lenient_stamp(deleted, fallback=None),
            )
            rows.write_draft(
                db, row, DraftText.of(restored), replacing=IndexedText.of_stored(number, title, old)
            )
            self._failed_to_open.discard(draft_id)
            return self._load(draft_id)

    # ------------------------------------------------------------------ backups

    @guarded
    def backup(self) -> Path:
        """Back the database up now (SQLite's backup API, safe while in use)."""
        return self._make_backup()

    def _make_backup(self) -> Path:
        target, spared = backup_files.make_backup(self._db, self.path, self.clock().astimezone())
        if spared is not None:
            self._notices.append(recovery.spared_backup_notice(spared))
        return target

    def backups(self) -> list[backup_files.BackupFile]:
        """The backups of this database, newest first."""
        return backup_files.list_backups(self.path)

    @writing
    def restore_backup(self, name: str | None = None) -> Path:
        """Replace the database with a backup (``None``: the newest); returns its path.

        The current database is not deleted: it is kept beside it, and
        :attr:`previous_database` says where. Other program windows must be closed first.
        """
        chosen = backup_files.find_backup(self.path, name)
        if not file_check.is_usable_backup(chosen.path):
            raise StoreDamagedError(
                f"Die Sicherung „{chosen.name}“ ist beschädigt und wird nicht verwendet. "
                "Bitte wählen Sie eine andere Sicherung."
            )
        connection.make_exclusive(self._db)
        self._db.close()
        self._connection = None
        aside = backup_files.aside_path(self.path, recovery.REPLACED_LABEL, self.clock())
        try:
            backup_files.restore(chosen.path, self.path, aside)
        except OSError as error:
            self._connection = connection.connect(self.path)
            raise StoreError(
                f"Die Sicherung konnte nicht eingespielt werden ({error.strerror or error}). "
                "Die Datenbank ist unverändert."
            ) from error
        self.previous_database = aside
        self._open_connection()
        self._after_open()
        log.info("Sicherung %s eingespielt; bisherige Datenbank: %s", chosen.path, aside)
        return chosen.path
