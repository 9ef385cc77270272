"""Damaged database files: detecting them, moving them aside, and rescuing what they hold.

A damaged file is never written to and never deleted. :func:`check_file` looks at it through
a read-only connection; :func:`move_aside` renames it (with its WAL file) to
``stellungnahme-beschaedigt-<time>.db``; the store then puts the newest good backup in its
place, and :func:`read_rescuable` reads from the damaged file whatever drafts and versions can
still be read, so that work done after the backup is not lost.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from stellungnahme_app.errors import ExchangeFormatError
from stellungnahme_app.store import codec

log = logging.getLogger(__name__)

BUSY_TIMEOUT_SECONDS = 5.0
# When ids cannot be listed, probe this many ids past the last one found before giving up.
PROBE_MARGIN = 1000


class DamagedFile(Exception):
    """The file at hand is not a healthy SQLite database (message: SQLite's finding)."""


def is_damage(error: sqlite3.Error) -> bool:
    """True for the errors SQLite reports for a damaged or foreign file."""
    text = str(error).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


def check_integrity(connection: sqlite3.Connection) -> None:
    """``PRAGMA quick_check``: structure of every page and index, without comparing contents."""
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            raise DamagedFile(str(error)) from error
        raise
    if rows != [("ok",)]:
        raise DamagedFile("; ".join(str(row[0]) for row in rows[:3]))


def check_file(path: Path) -> None:
    """Check a database file through a read-only connection, which changes nothing.

    Raises :class:`DamagedFile` for a damaged file, ``sqlite3.Error`` for other trouble
    (e.g. the file is locked or cannot be opened).
    """
    with _read_only(path) as connection:
        check_integrity(connection)


def is_usable_backup(path: Path) -> bool:
    try:
        check_file(path)
    except (DamagedFile, sqlite3.Error) as error:
        log.error("Sicherung %s ist nicht brauchbar: %s", path, error)
        return False
    return True


def aside_path(database: Path, label: str, now: datetime) -> Path:
    """A free name beside ``database``, e.g. ``stellungnahme-beschaedigt-2024-05-03-101500.db``."""
    stamp = now.astimezone().strftime("%Y-%m-%d-%H%M%S")
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
            os.replace(companion, Path(f"{target}{suffix}"))
    if database.exists():
        os.replace(database, target)


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            raise DamagedFile(str(error)) from error
        raise
    try:
        yield connection
    finally:
        connection.close()


# ---------------------------------------------------------------------- rescuing


@dataclass(frozen=True)
class RescuedDraft:
    """A draft row read from a damaged file; ``content`` is known to be a readable draft."""

    id: int
    status: str
    deadline: str | None
    created: str
    changed: str
    revision: int
    deleted: str | None
    content: str


@dataclass(frozen=True)
class RescuedVersion:
    draft_id: int
    created: str
    reason: str
    summary: str
    content_zlib: bytes


_DRAFT_SQL = (
    "SELECT d.id, d.status, d.deadline, d.created, d.changed, d.revision, d.deleted, t.content "
    "FROM drafts d JOIN draft_texts t ON t.id = d.id"
)
_VERSION_SQL = (
    "SELECT v.id, v.draft_id, v.created, v.reason, v.summary, v.content_zlib FROM versions v"
)


def read_rescuable(path: Path) -> tuple[list[RescuedDraft], list[RescuedVersion]]:
    """Every draft and version of a damaged file that can still be read; never raises."""
    try:
        with _read_only(path) as connection:
            drafts = [
                draft
                for row in _readable_rows(connection, _DRAFT_SQL, "d.id", "drafts")
                if (draft := _rescued_draft(row)) is not None
            ]
            versions = [
                version
                for row in _readable_rows(connection, _VERSION_SQL, "v.id", "versions")
                if (version := _rescued_version(row)) is not None
            ]
    except (DamagedFile, sqlite3.Error) as error:
        log.error("Aus %s ist nichts mehr lesbar: %s", path, error)
        return [], []
    log.info("Aus %s lesbar: %d Entwürfe, %d Versionen", path, len(drafts), len(versions))
    return drafts, versions


def _readable_rows(
    connection: sqlite3.Connection, sql: str, id_column: str, table: str
) -> list[tuple]:
    """All rows of ``sql``; if a damaged page stops the scan, the rows are read one by one."""
    try:
        return connection.execute(sql).fetchall()
    except sqlite3.Error as error:
        log.warning("Tabelle %s nicht am Stück lesbar (%s), lese einzeln", table, error)
    rows: list[tuple] = []
    last_found = 0
    candidate = 1
    highest = _highest_id(connection, table)
    while candidate <= max(highest, last_found + PROBE_MARGIN):
        try:
            row = connection.execute(f"{sql} WHERE {id_column} = ?", (candidate,)).fetchone()
        except sqlite3.Error:
            row = None
        if row is not None:
            rows.append(row)
            last_found = candidate
        candidate += 1
    return rows


def _highest_id(connection: sqlite3.Connection, table: str) -> int:
    try:
        row = connection.execute(f"SELECT max(id) FROM {table}").fetchone()
    except sqlite3.Error:
        return 0
    return int(row[0] or 0) if row else 0


def _rescued_draft(row: tuple) -> RescuedDraft | None:
    try:
        draft_id, status, deadline, created, changed, revision, deleted, content = row
        codec.decode_content(content)
        datetime.fromisoformat(changed)
        datetime.fromisoformat(created)
        return RescuedDraft(
            id=int(draft_id),
            status=str(status),
            deadline=deadline,
            created=created,
            changed=changed,
            revision=int(revision),
            deleted=deleted,
            content=content,
        )
    except (ValueError, TypeError, ExchangeFormatError) as error:
        log.warning("Entwurf aus beschädigter Datei nicht lesbar: %s", error)
        return None


def _rescued_version(row: tuple) -> RescuedVersion | None:
    try:
        _version_id, draft_id, created, reason, summary, packed = row
        codec.decode_content(codec.decompress(packed))
        datetime.fromisoformat(created)
        return RescuedVersion(
            draft_id=int(draft_id),
            created=created,
            reason=str(reason),
            summary=str(summary),
            content_zlib=bytes(packed),
        )
    except (ValueError, TypeError, OSError, ExchangeFormatError) as error:
        log.warning("Version aus beschädigter Datei nicht lesbar: %s", error)
        return None
