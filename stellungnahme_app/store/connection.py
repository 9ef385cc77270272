"""Connections to the database file: the store's own (WAL, full sync, a busy timeout),
read-only ones that change nothing, write transactions, and making sure no other program
window has the file open.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from stellungnahme_app import paths
from stellungnahme_app.store import sqlite_errors
from stellungnahme_app.store.errors import StoreBusyError

log = logging.getLogger(__name__)

BUSY_TIMEOUT_SECONDS = 5.0


class DamagedFile(Exception):
    """The file at hand is not a healthy database of this program (message: the finding)."""


class ForeignWal(DamagedFile):
    """The WAL file beside the database belongs to another database (or has none)."""


def connect(path: Path) -> sqlite3.Connection:
    """Open the file in WAL mode with full sync; raises :class:`DamagedFile` for a bad file.

    The connection may be used by several threads in turn (the store serialises its calls).
    """
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
        if sqlite_errors.is_damage(error):
            raise DamagedFile(str(error)) from error
        raise
    return connection


def connect_private(path: Path) -> sqlite3.Connection:
    """:func:`connect`, with the files private to the user (0600 on POSIX).

    A new database file is created so before SQLite does; SQLite gives its WAL and
    shared-memory files the same mode. Files an older version left open are tightened.
    """
    with contextlib.suppress(OSError):  # it exists, or SQLite will say why it cannot be made
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, paths.PRIVATE_FILE_MODE))
    opened = connect(path)
    for own in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        paths.make_private(own)
    return opened


def connect_read_only(path: Path) -> sqlite3.Connection:
    """The store's connection when the file, its folder or the disk allows no writing.

    SQLite needs its shared-memory file even to read a database in WAL mode; where it cannot
    create that file, the database is read alone (SQLite's ``immutable``) – which is right only
    while no WAL file holds changes, and then no program can write it either.
    """
    base = path.resolve().as_uri() + "?mode=ro"
    try:
        return _probed(base)
    except sqlite3.Error as error:
        if not sqlite_errors.prevents_writing(error) or _holds_changes(path):
            raise
    return _probed(base + "&immutable=1")


def _holds_changes(path: Path) -> bool:
    """True if a WAL file or a rollback journal beside the database holds anything."""
    for companion in (Path(f"{path}-wal"), Path(f"{path}-journal")):
        with contextlib.suppress(FileNotFoundError):
            if companion.stat().st_size > 0:
                return True
    return False


def roll_back_interrupted_transaction(path: Path) -> None:
    """Let SQLite roll back a transaction a killed program left in a rollback journal
    (``-journal``: the store uses one only while it leaves WAL mode before a restore).

    Only a connection that may write can do so; the read-only check of the file would fail
    on such a "hot" journal. Anything that goes wrong here is left to that check to report.
    """
    if not Path(f"{path}-journal").exists():
        return
    try:
        recovering = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error:
        return
    try:
        recovering.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as error:
        log.warning("Unterbrochene Transaktion in %s nicht zurückgerollt: %s", path, error)
    finally:
        recovering.close()


def _probed(uri: str) -> sqlite3.Connection:
    connection = sqlite3.connect(
        uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
    )
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        connection.close()
        raise
    return connection


@contextlib.contextmanager
def read_only(path: Path, *, without_wal: bool = False) -> Iterator[sqlite3.Connection]:
    """A connection that reads ``path`` (with its WAL file) and never writes to either.

    ``without_wal`` reads the file alone, as if no WAL file lay beside it (SQLite's
    ``immutable``: only for files no program writes, or where a failed read proves nothing).
    """
    uri = path.resolve().as_uri() + "?mode=ro" + ("&immutable=1" if without_wal else "")
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.DatabaseError as error:
        if sqlite_errors.is_damage(error):
            raise DamagedFile(str(error)) from error
        raise
    try:
        yield connection
    finally:
        connection.close()


@contextlib.contextmanager
def write_transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction that holds the write lock from its start."""
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


def make_exclusive(connection: sqlite3.Connection) -> None:
    """Make sure no other connection uses the file, which is about to be replaced.

    Leaving WAL mode needs every other connection closed, so it doubles as the test.
    """
    connection.execute("PRAGMA busy_timeout = 0")
    try:
        mode = connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except sqlite3.OperationalError as error:
        if not sqlite_errors.is_busy(error):
            raise
        mode = "wal"
    finally:
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    if mode.lower() != "delete":
        raise StoreBusyError(
            "Die Entwurfsdatenbank ist noch in einem anderen Programmfenster geöffnet. "
            "Bitte schließen Sie alle anderen Fenster dieses Programms und versuchen Sie "
            "es erneut."
        )
