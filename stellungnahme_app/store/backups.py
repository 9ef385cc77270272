"""Backup files of the database: names, listing, making (SQLite's backup API), pruning, and
putting one back in the database's place.

Backups lie in ``backups/`` beside the database and are named after it and the moment they
were made: ``stellungnahme-2024-05-03-101500.db``. Backups made before a schema update carry
``-vor-schema-N`` and are never pruned. A backup is written to a temporary file first and
renamed when complete, so a half-written backup never looks like a real one.

Only the newest regular backup is a plain SQLite file (ready at once for a repair); when a
newer one is made, the older ones are packed with gzip (``….db.gz``, a third to a quarter of
the size – the text compresses well): ten daily backups no longer cost ten full copies.
Everything that reads a backup reads a packed one through :func:`readable_copy` or
:func:`copy_contents`; gzip is a format any archive program opens. A database that
is replaced is kept aside beside it (``stellungnahme-ersetzt-<time>.db``), never deleted.
Every rename goes through :func:`fileio.replace_file`, which waits out a file a virus scanner
or the search indexer holds for a moment on Windows.
"""

from __future__ import annotations

import contextlib
import glob
import gzip
import logging
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from stellungnahme_app import paths
from stellungnahme_app.fileio import replace_file
from stellungnahme_app.store.errors import BackupNotFound, StoreError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

BACKUP_FOLDER = "backups"
KEEP_DAILY_BACKUPS = 10
PACKED_SUFFIX = ".gz"
_COPY_CHUNK = 1024 * 1024
_STAMP_FORMAT = "%Y-%m-%d-%H%M%S"


@dataclass(frozen=True)
class BackupFile:
    """One backup: its file, when it was made (local time, naive, from its name), its number
    among backups of the same second, and the schema it was made before (never pruned)."""

    path: Path
    made: datetime
    sequence: int
    before_schema: int | None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def sort_key(self) -> tuple[datetime, int]:
        return (self.made, self.sequence)

    @property
    def packed(self) -> bool:
        return is_packed(self.path)


def backup_folder(database: Path) -> Path:
    return database.parent / BACKUP_FOLDER


def list_backups(database: Path) -> list[BackupFile]:
    """All backups of ``database``, newest first."""
    pattern = re.compile(
        re.escape(database.stem)
        + r"-(\d{4}-\d{2}-\d{2}-\d{6})(?:-(\d+))?(?:-vor-schema-(\d+))?\.db(?:\.gz)?"
    )
    return _files_named(backup_folder(database), pattern)


def list_set_aside(database: Path, label: str) -> list[BackupFile]:
    """The files kept aside beside ``database`` under ``label`` (``"ersetzt"``,
    ``"beschaedigt"``, see :func:`aside_path`), newest first; ``made`` is when they were set
    aside, which is when they held what they hold."""
    pattern = re.compile(
        re.escape(f"{database.stem}-{label}-")
        + r"(\d{4}-\d{2}-\d{2}-\d{6})(?:-(\d+))?()"
        + re.escape(database.suffix)
    )
    return _files_named(database.parent, pattern)


def _files_named(folder: Path, pattern: re.Pattern[str]) -> list[BackupFile]:
    """The files in ``folder`` whose names ``pattern`` matches: stamp, sequence, schema."""
    found: list[BackupFile] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if not match or not entry.is_file():
            continue
        try:
            made = datetime.strptime(match.group(1), _STAMP_FORMAT)
        except ValueError:
            continue
        found.append(
            BackupFile(
                path=entry,
                made=made,
                sequence=int(match.group(2) or 0),
                before_schema=int(match.group(3)) if match.group(3) else None,
            )
        )
    found.sort(key=lambda backup: backup.sort_key, reverse=True)
    return found


def has_backup_of(database: Path, day: date) -> bool:
    return any(backup.made.date() == day for backup in list_backups(database))


def new_backup_path(database: Path, now: datetime, before_schema: int | None = None) -> Path:
    """A free name for a backup made at ``now`` (local time)."""
    folder = backup_folder(database)
    stamp = now.strftime(_STAMP_FORMAT)
    suffix = f"-vor-schema-{before_schema}" if before_schema is not None else ""
    sequence = 0
    while True:
        counter = f"-{sequence}" if sequence else ""
        candidate = folder / f"{database.stem}-{stamp}{counter}{suffix}.db"
        if (
            not candidate.exists()
            and not candidate.with_name(candidate.name + PACKED_SUFFIX).exists()
        ):
            return candidate
        sequence += 1


def make_backup(
    source: sqlite3.Connection, database: Path, now: datetime
) -> tuple[Path, SparedBackup | None]:
    """Back up the database behind ``source`` as made at ``now`` (local time) and prune the
    older backups; returns the backup and the one pruning spared (see :func:`prune_backups`).
    A backup that cannot be written raises :class:`StoreError`."""
    target = new_backup_path(database, now)
    try:
        write_backup(source, target)
    except OSError as error:
        raise StoreError(
            f"Die Sicherung „{target}“ konnte nicht geschrieben werden ({error.strerror or error})."
        ) from error
    drafts_now = source.execute("SELECT count(*) FROM drafts").fetchone()[0]
    spared = prune_backups(database, drafts_now=drafts_now)
    pack_older_backups(database)
    log.info("Sicherung geschrieben: %s", target)
    return target, spared


def write_backup(source: sqlite3.Connection, target: Path) -> Path:
    """Copy the database behind ``source`` to ``target`` with SQLite's online backup API."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=paths.PRIVATE_FOLDER_MODE)
    with replacing(target) as temporary:
        destination = sqlite3.connect(str(temporary))
        try:
            source.backup(destination)
            destination.execute("PRAGMA journal_mode = DELETE")
        finally:
            destination.close()
    return target


@dataclass(frozen=True)
class SparedBackup:
    """A backup pruning would have deleted, kept because it holds more drafts (trash
    included) than the database: the drafts it holds may be missing from the database."""

    backup: BackupFile
    drafts: int
    drafts_now: int


def prune_backups(
    database: Path, keep: int = KEEP_DAILY_BACKUPS, *, drafts_now: int | None = None
) -> SparedBackup | None:
    """Delete all but the newest ``keep`` regular backups.

    Never without asking the newest backup that holds more drafts than the database now
    (``drafts_now``): a database emptied by accident must not push out the last good backup
    day by day. That one is kept, and returned so that the user can be told.
    """
    regular = [b for b in list_backups(database) if b.before_schema is None]
    doomed = regular[keep:]
    spared: SparedBackup | None = None
    if doomed and drafts_now is not None:
        for backup in regular:
            drafts = draft_count(backup.path)
            if drafts is not None and drafts > drafts_now:
                if backup in doomed:
                    spared = SparedBackup(backup, drafts, drafts_now)
                    log.warning(
                        "Sicherung %s bleibt: %d Entwürfe statt %d", backup.path, drafts, drafts_now
                    )
                break
    for backup in doomed:
        if spared is None or backup != spared.backup:
            with contextlib.suppress(OSError):
                backup.path.unlink()
    return spared


def draft_count(path: Path) -> int | None:
    """How many drafts (trash included) the backup holds; ``None`` if it cannot be read."""
    try:
        with readable_copy(path) as plain:
            connection = sqlite3.connect(f"{plain.resolve().as_uri()}?mode=ro", uri=True)
            try:
                return int(connection.execute("SELECT count(*) FROM drafts").fetchone()[0])
            finally:
                connection.close()
    except (sqlite3.Error, OSError, EOFError, gzip.BadGzipFile):
        return None


def copy_file(source: Path, target: Path) -> None:
    """Copy ``source`` (unpacked if it is a packed backup) to ``target`` through a temporary
    file, flushed before the rename."""
    with replacing(target) as temporary:
        copy_contents(source, temporary)


# ---------------------------------------------------------------------- packed backups


def is_packed(path: Path) -> bool:
    return path.name.endswith(PACKED_SUFFIX)


def copy_contents(source: Path, target: Path) -> None:
    """Copy the database in ``source`` to ``target``, unpacking a packed backup. A damaged
    packed file raises ``OSError`` (``gzip.BadGzipFile``) or ``EOFError``."""
    if not is_packed(source):
        shutil.copyfile(source, target)
        return
    with gzip.open(source, "rb") as packed, open(target, "wb") as plain:
        shutil.copyfileobj(packed, plain, _COPY_CHUNK)


@contextlib.contextmanager
def readable_copy(backup: Path) -> Iterator[Path]:
    """The backup as a plain SQLite file to read: itself, or for a packed one an unpacked
    temporary copy beside it (removed afterwards; a killed run's is tidied at the next
    start, see :func:`remove_stale_temporary_files`)."""
    if not is_packed(backup):
        yield backup
        return
    handle, name = tempfile.mkstemp(
        prefix="." + backup.name.split(".")[0] + ".", suffix=".tmp", dir=backup.parent
    )
    unpacked = Path(name)
    try:
        if fcntl is not None:  # marks it as in use for remove_stale_temporary_files
            fcntl.flock(handle, fcntl.LOCK_EX)
        copy_contents(backup, unpacked)
        yield unpacked
    finally:
        os.close(handle)
        with contextlib.suppress(OSError):
            unpacked.unlink()


def pack_older_backups(database: Path) -> list[Path]:
    """Pack every backup but the newest regular one (see the module docstring); returns the
    packed files. A backup that cannot be packed stays as it is (logged)."""
    every = list_backups(database)
    newest = next((backup for backup in every if backup.before_schema is None), None)
    packed: list[Path] = []
    for backup in every:
        if backup == newest or backup.packed:
            continue
        target = backup.path.with_name(backup.name + PACKED_SUFFIX)
        try:
            if not target.exists():  # else packed before a kill: the plain file is left over
                with (
                    replacing(target) as temporary,
                    open(backup.path, "rb") as plain,
                    gzip.open(temporary, "wb", compresslevel=1) as packing,
                ):
                    shutil.copyfileobj(plain, packing, _COPY_CHUNK)
            backup.path.unlink()
        except OSError as error:
            log.warning("Sicherung %s nicht gepackt: %s", backup.path, error)
            continue
        packed.append(target)
    return packed


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary file beside ``target`` for the body to fill; flushed to disk, it then
    replaces ``target`` in one step, or is removed if the body fails.

    Its name is private (two program windows may back up at the same moment) and hidden
    (``.stellungnahme….tmp``). While the body runs the file is locked, so that
    :func:`remove_stale_temporary_files` can tell it from one a killed process left behind.
    """
    handle, temporary_name = tempfile.mkstemp(
        prefix="." + target.stem + ".", suffix=".tmp", dir=target.parent
    )
    temporary = Path(temporary_name)
    try:
        try:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_EX)
            yield temporary
            with open(temporary, "rb+") as written:
                os.fsync(written.fileno())
            if os.name != "nt":  # POSIX renames an open file; Windows needs it closed first
                replace_file(temporary, target)
        finally:
            os.close(handle)
        if os.name == "nt":
            replace_file(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def remove_stale_temporary_files(database: Path) -> list[Path]:
    """Delete the temporary files killed writers left beside the database and in its backup
    folder (``.stellungnahme….tmp``); returns them.

    A file a live process still writes stays: on POSIX it is locked (see :func:`replacing`),
    on Windows a file open in another process cannot be deleted.
    """
    removed: list[Path] = []
    for folder in (database.parent, backup_folder(database)):
        try:
            candidates = sorted(folder.glob(f".{glob.escape(database.stem)}*.tmp"))
        except OSError:
            continue
        for candidate in candidates:
            if _being_written(candidate):
                continue
            try:
                candidate.unlink()
            except OSError:
                continue
            removed.append(candidate)
    if removed:
        log.info("Reste abgebrochener Schreibvorgänge gelöscht: %s", removed)
    return removed


def _being_written(path: Path) -> bool:
    if fcntl is None:
        return False
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return True
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(handle)
    return False


# ---------------------------------------------------------------------- files kept aside


def aside_path(database: Path, label: str, now: datetime) -> Path:
    """A free name beside ``database``, e.g. ``stellungnahme-beschaedigt-2024-05-03-101500.db``."""
    stamp = now.astimezone().strftime(_STAMP_FORMAT)
    candidate = database.with_name(f"{database.stem}-{label}-{stamp}{database.suffix}")
    counter = 1
    while candidate.exists():
        candidate = database.with_name(
            f"{database.stem}-{label}-{stamp}-{counter}{database.suffix}"
        )
        counter += 1
    return candidate


def move_aside(database: Path, target: Path) -> None:
    """Rename a database file together with its WAL and shared-memory files."""
    for suffix in ("-wal", "-shm"):
        companion = Path(f"{database}{suffix}")
        if companion.exists():
            replace_file(companion, Path(f"{target}{suffix}"))
    if database.exists():
        replace_file(database, target)


def find_backup(database: Path, name: str | None) -> BackupFile:
    """The backup called ``name``, in any case (``None``: the newest); :class:`BackupNotFound`
    if there is none."""
    available = list_backups(database)
    if name is None:
        if not available:
            raise BackupNotFound(
                "Es gibt noch keine Sicherung, die wiederhergestellt werden könnte."
            )
        return available[0]
    wanted = Path(name).name.casefold()  # as on Windows, whose file systems ignore case
    for backup in available:
        # A name noted before the backup was packed still finds it.
        if wanted in (backup.name.casefold(), backup.name.casefold().removesuffix(PACKED_SUFFIX)):
            return backup
    raise BackupNotFound(
        f"Die Sicherung „{name}“ gibt es nicht. Vorhanden sind: "
        + (", ".join(b.name for b in available) or "keine")
        + "."
    )


def restore(backup: Path, database: Path, aside: Path) -> None:
    """Put a copy of ``backup`` in place of the (closed) ``database`` in one atomic step; the
    database it replaces stays as ``aside``.

    The copy is made beside the database first; the database is then linked to ``aside`` (a
    second name for the same file, copied where links are not supported) and replaced by the
    copy with one rename. A kill at any moment leaves the database as it was or restored, never
    missing; an ``OSError`` leaves it as it was.
    """
    try:
        with replacing(database) as temporary:
            copy_contents(backup, temporary)
            _keep_as(database, aside)
    except BaseException:
        forget_unfinished_restores(database)
        raise


def _keep_as(database: Path, aside: Path) -> None:
    try:
        os.link(database, aside)
    except OSError as error:
        log.info("Kein zweiter Name für %s möglich (%s), wird kopiert", database, error)
        copy_file(database, aside)


def forget_unfinished_restores(database: Path) -> list[Path]:
    """Remove the second names a restore gave the database and did not get to replace (it was
    killed or failed before the rename); returns them. Their file is the database itself."""
    removed: list[Path] = []
    for aside in database.parent.glob(f"{glob.escape(database.stem)}-ersetzt-*"):
        try:
            if aside.suffix == database.suffix and os.path.samefile(aside, database):
                aside.unlink()
                removed.append(aside)
        except OSError:
            continue
    if removed:
        log.info("Unvollendete Wiederherstellung: %s entfernt", removed)
    return removed
