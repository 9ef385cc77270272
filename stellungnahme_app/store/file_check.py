"""Is a file a healthy database of this program? Checked through read-only connections,
which change nothing – a read-write connection to a damaged file could write into it (a
checkpoint of its WAL file) or delete the WAL file when it closes.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from stellungnahme_app.store.connection import DamagedFile, read_only
from stellungnahme_app.store.sqlite_errors import is_damage

log = logging.getLogger(__name__)


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
    with read_only(path) as connection:
        check_integrity(connection)


def is_usable_backup(path: Path) -> bool:
    try:
        check_file(path)
    except (DamagedFile, sqlite3.Error) as error:
        log.error("Sicherung %s ist nicht brauchbar: %s", path, error)
        return False
    return True
