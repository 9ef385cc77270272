"""What an error SQLite reports means: trouble of the desk, told in German, or a bug.

Errors are sorted by their code (``sqlite3.Error.sqlite_errorcode``; extended codes such as
``SQLITE_IOERR_WRITE`` are reduced to their primary code), never by their text, which a table
or file name can fill with anything. The codes the desk causes – disk full, file locked or
busy, read-only, damaged, not openable, input/output failures, missing permission – become a
:class:`StoreError` with a German message. Every other error, and every error the ``sqlite3``
module raises itself (it carries no code), is a mistake of the program: it is logged with its
traceback and becomes a :class:`StoreBug`, which the error dialog shows as an internal error.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
from pathlib import Path

from stellungnahme_app.store.errors import (
    StoreBug,
    StoreBusyError,
    StoreDamagedError,
    StoreError,
    StoreReadOnlyError,
)

log = logging.getLogger(__name__)

BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
UNREACHABLE_CODES = frozenset(
    {sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_PROTOCOL}
)
# What SQLite reports when it cannot create or write a file (or its -shm and -wal files).
UNWRITABLE_CODES = frozenset(
    {
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_PERM,
        sqlite3.SQLITE_IOERR,
        sqlite3.SQLITE_FULL,
    }
)
CAN_READ_NOT_WRITE = "Ihre Entwürfe können gelesen und ausgegeben, aber nicht geändert werden."
_NEARLY_FULL_BYTES = 1024 * 1024
DESK_CODES = (
    BUSY_CODES
    | DAMAGE_CODES
    | UNREACHABLE_CODES
    | {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_FULL, sqlite3.SQLITE_PERM}
)


def primary_code(error: sqlite3.Error) -> int | None:
    """SQLite's primary result code of the error; ``None`` if SQLite did not report it."""
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_damage(error: sqlite3.Error) -> bool:
    """True for the errors SQLite reports for a damaged or foreign file."""
    return primary_code(error) in DAMAGE_CODES


def is_busy(error: sqlite3.Error) -> bool:
    """True if another connection holds the lock that was needed."""
    return primary_code(error) in BUSY_CODES


def prevents_writing(error: sqlite3.Error) -> bool:
    """True if SQLite could not create or write a file: the database may still be readable."""
    return primary_code(error) in UNWRITABLE_CODES


def read_only_reason(path: Path, error: sqlite3.Error | None) -> str:
    """Why the database at ``path`` can only be read (German): ``error`` is what SQLite
    reported when it tried to open it for writing, ``None`` if the file itself is
    write-protected."""
    if error is None:
        return f"Die Datei „{path}“ ist schreibgeschützt."
    folder = path.parent
    try:
        full = shutil.disk_usage(folder).free < _NEARLY_FULL_BYTES
    except OSError:
        full = False
    if full or primary_code(error) == sqlite3.SQLITE_FULL:
        return f"Auf dem Laufwerk von „{folder}“ ist kein Platz mehr frei."
    if primary_code(error) == sqlite3.SQLITE_IOERR:
        return (
            f"Auf das Laufwerk von „{folder}“ kann nicht geschrieben werden (es ist voll oder "
            f"schreibgeschützt); SQLite kann dort seine Hilfsdatei „{path.name}-shm“ nicht "
            "anlegen."
        )
    return (
        f"Der Ordner „{folder}“ ist schreibgeschützt: SQLite kann dort seine Hilfsdatei "
        f"„{path.name}-shm“ nicht anlegen."
    )


def unreadable_error(
    error: sqlite3.Error, path: Path, cause: sqlite3.Error | None
) -> StoreError | StoreBug:
    """What the user is told when the database could be opened neither for writing
    (``cause``) nor for reading (``error``, which is being handled)."""
    failure = store_error(error, path)  # logged; a bug stays one
    if isinstance(failure, StoreBug):
        return failure
    return StoreError(
        f"Die Entwurfsdatenbank „{path}“ kann weder geändert noch gelesen werden. "
        f"{read_only_reason(path, cause)} Bitte wenden Sie sich an die IT."
    )


def read_only_error(reason: str) -> StoreReadOnlyError:
    """What a change that cannot be written tells the user."""
    return StoreReadOnlyError(
        f"Die Entwurfsdatenbank ist schreibgeschützt geöffnet. {reason} {CAN_READ_NOT_WRITE} "
        "Bitte wenden Sie sich an die IT."
    )


def store_error(error: sqlite3.Error, path: Path) -> StoreError | StoreBug:
    """The exception to raise for ``error`` (which is being handled) on the database ``path``."""
    code = primary_code(error)
    name = getattr(error, "sqlite_errorname", type(error).__name__)
    if code not in DESK_CODES:
        log.error("Programmfehler bei der Entwurfsdatenbank %s", path, exc_info=error)
        bug = StoreBug(f"SQLite meldet {name}: {error}")
        bug.__cause__ = error
        return bug
    log.warning("SQLite-Fehler bei %s: %s (%s)", path, error, name)
    if code in BUSY_CODES:
        return StoreBusyError(
            "Die Entwurfsdatenbank ist gerade durch ein anderes Programmfenster belegt. "
            "Bitte versuchen Sie es in einigen Sekunden erneut."
        )
    if code == sqlite3.SQLITE_READONLY:
        return StoreReadOnlyError(
            f"In die Entwurfsdatenbank „{path}“ kann nicht geschrieben werden "
            f"(schreibgeschützt). {CAN_READ_NOT_WRITE} Bitte wenden Sie sich an die IT."
        )
    if code == sqlite3.SQLITE_FULL:
        return StoreError(
            f"Auf dem Laufwerk von „{path.parent}“ ist nicht genug Platz frei. Bitte schaffen "
            "Sie Platz und versuchen Sie es erneut; Ihr Text ist noch nicht gespeichert."
        )
    if code in DAMAGE_CODES:
        return StoreDamagedError(
            "Die Entwurfsdatenbank ist beschädigt. Bitte schließen Sie das Programm und "
            "starten Sie es neu: Beim Start wird sie aus der letzten Sicherung "
            "wiederhergestellt, die beschädigte Datei bleibt erhalten."
        )
    if code == sqlite3.SQLITE_PERM:
        return StoreError(
            f"Für die Entwurfsdatenbank „{path}“ fehlt die Berechtigung. Bitte wenden Sie "
            "sich an die IT."
        )
    return StoreError(
        f"Auf die Entwurfsdatenbank „{path}“ kann nicht zugegriffen werden. Bitte "
        "prüfen Sie, ob das Laufwerk erreichbar ist, und versuchen Sie es erneut."
    )
