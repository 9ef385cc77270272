"""The store's daily care, apart from opening it: the integrity check (``quick_check``), the
day's backup, and emptying the trash of drafts deleted more than 30 days ago.

``Store.open`` does all of it before it returns (the command line); a window opens with
``housekeeping=False`` and runs ``Store.housekeeping()`` after its first paint on a worker
thread. The check and the backup then read through a connection of their own: in WAL mode a
reader never blocks the writer, so a save while they run is not delayed.

When the check finds damage while the drafts are in use, nothing is backed up (pruning could
push out the last good backup) and a marker beside the database
(``stellungnahme.db-pruefen``) makes the next open check the file before anything else,
which replaces a damaged file by the newest good backup (:mod:`.recovery`).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from datetime import datetime
from pathlib import Path

from stellungnahme_app.store import backups, connection, file_check, recovery, sqlite_errors
from stellungnahme_app.store.connection import DamagedFile
from stellungnahme_app.store.errors import StoreError

log = logging.getLogger(__name__)

CHECK_MARKER_SUFFIX = "-pruefen"


def check_marker(database: Path) -> Path:
    return Path(f"{database}{CHECK_MARKER_SUFFIX}")


def check_due_at_open(database: Path) -> bool:
    """True if an earlier check found damage: the next open must check first."""
    return check_marker(database).exists()


def checked_at_open(database: Path) -> None:
    """The file was checked (and repaired if need be) while opening: the marker goes."""
    with contextlib.suppress(OSError):
        check_marker(database).unlink()


def damage_found(database: Path) -> str | None:
    """``quick_check`` through a read-only connection of its own; the German notice if the
    file is damaged (the marker is then set), else ``None``."""
    try:
        with connection.read_only(database) as reader:
            file_check.check_integrity(reader)
    except DamagedFile as damage:
        log.error("Prüfung der Datenbank %s: beschädigt (%s)", database, damage)
        with contextlib.suppress(OSError):
            check_marker(database).touch()
        return (
            "Die Prüfung der Entwurfsdatenbank hat einen Schaden gefunden "
            f"({damage}). Bitte schließen Sie das Programm und starten Sie es neu: Beim Start "
            "wird die Datenbank aus der letzten guten Sicherung wiederhergestellt, der "
            "beschädigte Stand bleibt daneben erhalten. Bis dahin wird keine Sicherung angelegt."
        )
    except sqlite3.Error as error:
        log.warning("Prüfung der Datenbank %s nicht möglich: %s", database, error)
    return None


def daily_backup(database: Path, now: datetime) -> str | None:
    """The day's backup if there is none yet (and the database holds drafts); the German
    notice of a backup pruning spared, else ``None``. A failure is logged, never raised: the
    program still works, and tries again next time. ``now`` is local time."""
    if backups.has_backup_of(database, now.date()):
        return None
    try:
        with connection.read_only(database) as source:
            if source.execute("SELECT 1 FROM drafts LIMIT 1").fetchone() is None:
                return None
            _target, spared = backups.make_backup(source, database, now)
    except (StoreError, OSError, DamagedFile) as error:
        log.warning("Tägliche Sicherung fehlgeschlagen: %s", error)
        return None
    except sqlite3.Error as error:
        failure = sqlite_errors.store_error(error, database)  # a bug is logged as one
        log.warning("Tägliche Sicherung fehlgeschlagen: %s", failure)
        return None
    return recovery.spared_backup_notice(spared) if spared is not None else None
