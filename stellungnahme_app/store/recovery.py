"""A damaged or missing database: putting a good copy in its place, and rescuing what the
damaged file still holds.

A damaged file (found by :mod:`.file_check`) is never written to and never deleted.
:func:`replace_damaged` renames it (with its WAL file) to ``stellungnahme-beschaedigt-<time>.db``
and puts the newest good backup in its place; :func:`read_rescuable` reads from the damaged
file whatever drafts and versions can still be read, and :func:`take_over` writes those
changed after the backup into the restored database, so that work done after the backup is
not lost. :func:`replace_missing` does the same for a database that is gone or empty. The
``…_notice`` functions say in German what happened.
"""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from stellungnahme_app import form
from stellungnahme_app.errors import ExchangeFormatError
from stellungnahme_app.store import backups, codec, rows, versions
from stellungnahme_app.store.backups import BackupFile
from stellungnahme_app.store.connection import (
    DamagedFile,
    ForeignWal,
    read_only,
    write_transaction,
)
from stellungnahme_app.store.errors import StoreDamagedError, StoreError
from stellungnahme_app.store.file_check import is_usable_backup, wal_file
from stellungnahme_app.store.records import VersionReason
from stellungnahme_app.store.rows import DraftRow, DraftText, IndexedText

log = logging.getLogger(__name__)

DAMAGED_LABEL = "beschaedigt"  # stellungnahme-beschaedigt-<time>.db
REPLACED_LABEL = "ersetzt"  # stellungnahme-ersetzt-<time>.db, what a restore replaced
# When ids cannot be listed, probe this many ids past the last one found before giving up.
PROBE_MARGIN = 1000


# ---------------------------------------------------------------------- replacing


@dataclass(frozen=True)
class Replacement:
    """A damaged database moved aside, and the backup put in its place (``None``: none was
    usable, the store starts with a new, empty database). ``foreign_wal``: the damage was a
    WAL file of another database; the file itself is read without it."""

    database: Path
    damaged: Path
    backup: BackupFile | None
    foreign_wal: bool = False


def replace_damaged(database: Path, damage: DamagedFile, now: datetime) -> Replacement:
    """Move the damaged file aside and put the newest good backup in its place.

    The backup is copied beside the database first; only then is the damaged file (with its
    WAL file) renamed aside and the copy renamed into its place. If the copy cannot be made
    (a full disk) or a rename fails, everything stays where it was and
    :class:`StoreDamagedError` says so.
    """
    aside = backups.aside_path(database, DAMAGED_LABEL, now)
    usable = next(
        (backup for backup in backups.list_backups(database) if is_usable_backup(backup.path)),
        None,
    )
    copied = usable is None
    try:
        if usable is None:
            backups.move_aside(database, aside)
        else:
            with backups.replacing(database) as copy:
                backups.copy_contents(usable.path, copy)
                copied = True
                backups.move_aside(database, aside)
    except OSError as error:
        if aside.exists() and not database.exists():
            backups.move_aside(aside, database)
        why = error.strerror or error
        if not copied:
            raise StoreDamagedError(
                f"Die Entwurfsdatenbank „{database}“ ist beschädigt. Sie sollte aus der "
                f"Sicherung „{usable.name if usable else ''}“ wiederhergestellt werden, doch "
                f"die Kopie konnte nicht angelegt werden ({why}). Es wurde nichts verändert. "
                "Bitte sorgen Sie für freien Speicherplatz und starten Sie das Programm erneut."
            ) from error
        raise StoreDamagedError(
            f"Die Entwurfsdatenbank „{database}“ ist beschädigt und kann nicht beiseitegelegt "
            f"werden ({why}). Es wurde nichts verändert. Bitte wenden Sie sich an die IT."
        ) from error
    log.error("Datenbank beschädigt (%s), verschoben nach %s", damage, aside)
    return Replacement(
        database=database,
        damaged=aside,
        backup=usable,
        foreign_wal=isinstance(damage, ForeignWal),
    )


def is_missing(database: Path) -> bool:
    """True if there is no database to open: no file, or an empty one without a WAL file to
    go with it. SQLite would take either for a new database."""
    try:
        if database.stat().st_size > 0:
            return False
    except FileNotFoundError:
        pass
    try:
        return Path(f"{database}-wal").stat().st_size == 0
    except FileNotFoundError:
        return True


def replace_missing(database: Path) -> str | None:
    """Put the newest good backup (or database kept aside) in place of a missing or empty
    database; returns what the user is told, or ``None`` if there was nothing to restore
    from (a first start). A copy that fails changes nothing and raises :class:`StoreError`."""
    candidates = [
        *backups.list_backups(database),
        *backups.list_set_aside(database, REPLACED_LABEL),
        *backups.list_set_aside(database, DAMAGED_LABEL),
    ]
    if not candidates:
        return None
    candidates.sort(key=lambda candidate: candidate.sort_key, reverse=True)
    lost = f"Die Entwurfsdatenbank „{database}“ fehlte oder war leer"
    for candidate in candidates:
        if not is_usable_backup(candidate.path):
            continue
        try:
            backups.copy_file(candidate.path, database)
        except OSError as error:
            raise StoreError(
                f"{lost}. Sie sollte aus „{candidate.path}“ wiederhergestellt werden, doch "
                f"das ging nicht ({error.strerror or error}). Es wurde nichts verändert. "
                "Bitte sorgen Sie für freien Speicherplatz und starten Sie das Programm erneut."
            ) from error
        log.error("Datenbank %s fehlte oder war leer; %s eingespielt", database, candidate.path)
        made = candidate.made.strftime(f"{form.DATE_FORMAT} um %H:%M Uhr")
        if candidate.path.parent == backups.backup_folder(database):
            source = f"aus der Sicherung vom {made}"
        elif REPLACED_LABEL in candidate.name:
            source = (
                f"aus „{candidate.name}“, dem Stand vor dem Einspielen einer Sicherung am {made}"
            )
        else:
            source = f"aus der am {made} beiseitegelegten Datei „{candidate.name}“"
        return (
            f"{lost}. Sie wurde {source} wiederhergestellt. Bitte prüfen Sie Ihre zuletzt "
            "bearbeiteten Entwürfe; Änderungen nach diesem Zeitpunkt können fehlen."
        )
    log.error("Datenbank %s fehlte oder war leer; keine brauchbare Sicherung", database)
    names = ", ".join(f"„{candidate.name}“" for candidate in candidates)
    return (
        f"{lost}, und keine der vorhandenen Sicherungen war brauchbar. Es wurde eine neue, "
        f"leere Datenbank angelegt. Unverändert aufbewahrt bleiben: {names}. Bitte wenden Sie "
        "sich an die IT, die daraus eventuell Texte retten kann."
    )


def damage_notice(replacement: Replacement, rescued: int) -> str:
    """What the user is told after a damaged database was replaced (German)."""
    damaged = replacement.damaged
    kept_files = [path for path in (damaged, wal_file(damaged)) if path.exists()]
    kept = (
        ("Die beschädigte Datei wurde als " if len(kept_files) < 2 else "Die Dateien wurden als ")
        + " und ".join(f"„{path.name}“" for path in kept_files or [damaged])
        + f" im Ordner „{damaged.parent}“ aufbewahrt."
    )
    if replacement.foreign_wal:
        kept = (
            f"Die Datei „{wal_file(replacement.database).name}“ neben ihr gehörte nicht zu "
            "ihr und wurde nicht eingespielt. " + kept
        )
    taken = (
        "Ein Entwurf, der danach geändert worden war, konnte aus der beschädigten Datei "
        "übernommen werden."
        if rescued == 1
        else f"{rescued} Entwürfe, die danach geändert worden waren, konnten aus der "
        "beschädigten Datei übernommen werden."
    )
    if replacement.backup is not None:
        made = replacement.backup.made.strftime(f"{form.DATE_FORMAT} um %H:%M Uhr")
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


def spared_backup_notice(spared: backups.SparedBackup) -> str:
    """What the user is told when pruning kept a backup that holds more drafts (German)."""
    backup = spared.backup
    made = backup.made.strftime(f"{form.DATE_FORMAT} um %H:%M Uhr")
    return (
        f"Die Sicherung vom {made} („{backup.name}“) enthält {spared.drafts} Entwürfe, die "
        f"Entwurfsdatenbank nur {spared.drafts_now} (jeweils mit Papierkorb). Diese Sicherung "
        "wird deshalb nicht automatisch gelöscht, obwohl sonst nur die letzten "
        f"{backups.KEEP_DAILY_BACKUPS} täglichen Sicherungen bleiben. Fehlen Ihnen Entwürfe, "
        "spielen Sie sie über „Extras › Datensicherungen“ ein; sonst kann die IT sie löschen."
    )


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


def read_rescuable(
    path: Path, *, without_wal: bool = False
) -> tuple[list[RescuedDraft], list[RescuedVersion]]:
    """Every draft and version of a damaged file that can still be read; never raises."""
    try:
        with read_only(path, without_wal=without_wal) as connection:
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
    except (ValueError, TypeError, ExchangeFormatError) as error:
        log.warning("Version aus beschädigter Datei nicht lesbar: %s", error)
        return None


def rescue(db: sqlite3.Connection, replacement: Replacement, now: datetime) -> int:
    """Take over into the restored database (``db``) what the damaged file still holds (see
    :func:`take_over`); returns how many drafts. A failure only costs the rescue: it is
    logged, and the result is 0."""
    try:
        drafts, kept_versions = read_rescuable(
            replacement.damaged, without_wal=replacement.foreign_wal
        )
        with write_transaction(db):
            return take_over(db, drafts, kept_versions, now)
    except Exception:
        log.exception("Rettung aus %s fehlgeschlagen", replacement.damaged)
        return 0


def take_over(
    db: sqlite3.Connection,
    drafts: list[RescuedDraft],
    kept_versions: list[RescuedVersion],
    now: datetime,
) -> int:
    """Write into the restored database every rescued draft that differs from it (and the
    versions it lacks); inside a write transaction. Returns how many drafts were taken over.

    The damaged file was the live database, so it is never older than the backup: whatever
    differs from the backup was done after it. A draft's state it replaces is kept as a version.
    """
    taken = 0
    for rescued in drafts:
        current = db.execute(
            "SELECT d.changed, d.revision, d.deleted, d.status, d.deadline, d.number, "
            "d.title, t.content FROM drafts d JOIN draft_texts t ON t.id = d.id "
            "WHERE d.id = ?",
            (rescued.id,),
        ).fetchone()
        row = DraftRow(
            id=rescued.id,
            status=rescued.status,
            deadline=rescued.deadline,
            created=rescued.created,
            changed=rescued.changed,
            revision=rescued.revision,
            deleted=rescued.deleted,
        )
        replacing: IndexedText | None = None
        if current is not None:
            same_row = current[:5] == (
                row.changed,
                row.revision,
                row.deleted,
                row.status,
                row.deadline,
            )
            revision, number, title, old_content = current[1], *current[5:]
            if same_row and old_content == rescued.content:
                continue
            if old_content != rescued.content:
                try:
                    replaced = rows.decode_stored(old_content, rescued.id)
                except rows.UnreadableRow as problem:
                    log.error("Nicht als Version behalten, da nicht lesbar: %s", problem)
                else:
                    versions.keep(db, rescued.id, replaced, old_content, VersionReason.RESTORE, now)
            row = dataclasses.replace(row, revision=max(revision, rescued.revision) + 1)
            replacing = IndexedText.of_stored(number, title, old_content)
        draft = codec.decode_content(rescued.content)
        rows.write_draft(db, row, DraftText.of(draft, rescued.content), replacing=replacing)
        taken += 1
    known = set(db.execute("SELECT draft_id, created FROM versions").fetchall())
    existing = {found[0] for found in db.execute("SELECT id FROM drafts")}
    for version in kept_versions:
        if (version.draft_id, version.created) in known or version.draft_id not in existing:
            continue
        versions.insert(
            db,
            version.draft_id,
            version.created,
            version.reason,
            version.summary,
            version.content_zlib,
        )
    log.info("%d Entwürfe übernommen, %d Versionen gelesen", taken, len(kept_versions))
    return taken
