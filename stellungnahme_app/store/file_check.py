"""Is a file a healthy database of this program? Checked through read-only connections,
which change nothing – a read-write connection to a damaged file could write into it (a
checkpoint of its WAL file) or delete the WAL file when it closes.

Healthy means: ``PRAGMA quick_check`` finds nothing, the tables are ours (or there are none
yet), and a WAL file beside it belongs to it. SQLite replays any WAL file whose frames are
consistent in themselves – one of another database with the same page size too, which would
overwrite the drafts. So when a WAL file holds anything, the database is also read without it:
the WAL file does not belong if it takes our tables away or gives a draft another creation
time (a draft's ``created`` never changes, and ids are never given twice).
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from stellungnahme_app.store.backups import readable_copy
from stellungnahme_app.store.connection import DamagedFile, ForeignWal, read_only
from stellungnahme_app.store.sqlite_errors import is_damage

log = logging.getLogger(__name__)

# Our tables and the columns they have had since schema 1.
OUR_TABLES = {
    "drafts": {
        "id",
        "number",
        "title",
        "department",
        "status",
        "deadline",
        "created",
        "changed",
        "revision",
        "deleted",
    },
    "draft_texts": {"id", "content"},
    "versions": {"id", "draft_id", "created", "reason", "summary", "content_zlib"},
}


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


def check_file(path: Path, *, integrity: bool = True) -> None:
    """Check a database file and its WAL file through read-only connections (without
    ``quick_check`` if not ``integrity``: it is left to the store's housekeeping).

    Raises :class:`DamagedFile` for a damaged or foreign file, :class:`ForeignWal` for a WAL
    file that does not belong to it, ``sqlite3.Error`` for other trouble (e.g. the file is
    locked or cannot be opened). A missing file is fine, unless a WAL file lies there alone.
    """
    wal = wal_file(path)
    with_wal = _has_content(wal)
    if not path.exists():
        if with_wal:
            raise ForeignWal(f"„{wal.name}“ liegt ohne die Datenbank „{path.name}“ im Ordner")
        return
    with read_only(path) as connection:
        if integrity:
            check_integrity(connection)
        try:
            seen = _contents(connection, with_drafts=with_wal)
        except sqlite3.DatabaseError as error:
            if is_damage(error):  # e.g. "file is not a database", also seen without a check
                raise DamagedFile(str(error)) from error
            raise
    alone = _contents_without_wal(path) if with_wal else None
    foreign = f"„{wal.name}“ gehört nicht zur Datenbank „{path.name}“"
    if not seen.ours:
        if with_wal and (alone is None or alone.ours):
            raise ForeignWal(foreign)
        raise DamagedFile(f"„{path.name}“ ist keine Entwurfsdatenbank dieses Programms")
    if alone is not None and alone.ours and alone.contradicts(seen):
        raise ForeignWal(foreign)


def check_contents(connection: sqlite3.Connection, path: Path) -> None:
    """:func:`check_integrity`, and that the tables are ours (for a file checked through the
    store's own read-only connection)."""
    check_integrity(connection)
    if not _contents(connection, with_drafts=False).ours:
        raise DamagedFile(f"„{path.name}“ ist keine Entwurfsdatenbank dieses Programms")


def is_usable_backup(path: Path) -> bool:
    """True if the backup (plain or packed) is a healthy database of this program."""
    try:
        with readable_copy(path) as plain:
            check_file(plain)
    except (DamagedFile, sqlite3.Error, OSError, EOFError) as error:
        log.error("Sicherung %s ist nicht brauchbar: %s", path, error)
        return False
    return True


def wal_file(path: Path) -> Path:
    return Path(f"{path}-wal")


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except FileNotFoundError:
        return False


@dataclass(frozen=True)
class _Contents:
    """What a database holds, as far as telling two databases apart goes."""

    tables: dict[str, set[str]]
    created: dict[int, str] = field(default_factory=dict)

    @property
    def ours(self) -> bool:
        """No tables yet, or ours with their columns (others may be there besides)."""
        return not self.tables or all(
            columns <= self.tables.get(table, set()) for table, columns in OUR_TABLES.items()
        )

    def contradicts(self, other: _Contents) -> bool:
        """True if ``other`` cannot be a later state of this database."""
        if any(table in self.tables and table not in other.tables for table in OUR_TABLES):
            return True
        return any(
            other.created.get(draft_id, created) != created
            for draft_id, created in self.created.items()
        )


def _contents(connection: sqlite3.Connection, *, with_drafts: bool) -> _Contents:
    names = [
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    ]
    tables = {
        name: {row[1] for row in connection.execute("SELECT * FROM pragma_table_info(?)", (name,))}
        for name in names
        if name in OUR_TABLES
    }
    tables.update({name: set() for name in names if name not in OUR_TABLES})
    created: dict[int, str] = {}
    if with_drafts and OUR_TABLES["drafts"] <= tables.get("drafts", set()):
        created = dict(connection.execute("SELECT id, created FROM drafts").fetchall())
    return _Contents(tables=tables, created=created)


def _contents_without_wal(path: Path) -> _Contents | None:
    """What the file holds without its WAL file; ``None`` if that cannot be read (changes
    being written back into it by another program window, or a damaged page): no evidence."""
    try:
        with read_only(path, without_wal=True) as connection:
            return _contents(connection, with_drafts=True)
    except (DamagedFile, sqlite3.Error) as error:
        log.info("%s ohne WAL-Datei nicht lesbar: %s", path, error)
        return None
