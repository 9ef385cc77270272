"""The database schema and its migrations (sqlite-utils' ``Migrations``).

Migrations are applied in order and recorded in the table ``_sqlite_migrations``; once
released, a migration is never changed – a new schema is a new migration at the end. Whether
one is due is read from that table with plain SQL: sqlite-utils (with click, pluggy and
dateutil, ~70 ms) is imported only when a migration runs, never on an ordinary start.

Schema 1 (``m001_drafts_and_versions``):
  ``drafts``       one row per draft: indexed columns for lists (number, title, department,
                   status, deadline, created, changed, revision, deleted). Times are ISO 8601
                   in UTC, dates ISO 8601; ``deleted`` is set while the draft is in the trash.
  ``draft_texts``  the draft itself as its ``stellungnahme/1`` JSON (``content``), kept apart
                   so that listing thousands of drafts reads only small rows.
  ``versions``     kept versions: time, reason, short summary and the draft's JSON,
                   zlib-compressed (``content_zlib``).
Schema 2 (``m002_full_text_search``):
  ``draft_texts.body`` the searchable text besides number and title (see ``search.body_text``),
  ``drafts_search`` a view of number, title and body, and ``drafts_fts``, an FTS5 index whose
  external content is that view. The index holds :func:`search.fold`-ed text; it is kept up
  to date by the store itself, never with FTS5's ``rebuild`` (which would index unfolded text).
Schema 3 (``m003_ids_never_reused``):
  ``id_watermark`` the highest draft id ever given (a trigger keeps it on every insert), so a
  draft purged from the trash never hands its id to a new one: a remembered id (the window's
  last draft, a number noted on paper) can never open a different draft.
Schema 4 (``m004_version_details``):
  ``versions.detail`` what happened besides the reason (the kind of export, the new status,
  the offices whose contributions were taken over, the file a motion came from),
  ``versions.author`` who kept it (the Windows user) and ``versions.name`` the name a clerk
  gave it (empty: none). Older status versions get their status from their summary.
Schema 5 (``m005_text_once``):
  the text once – ``draft_texts.body`` and the view ``drafts_search`` are gone, ``drafts_fts``
  is contentless (it holds only the index, built anew from the JSON); the body is made from
  the JSON where it is needed (``search.body_of_content``). The file is compacted
  (``VACUUM``) right after this migration.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stellungnahme_app import exchange
from stellungnahme_app.errors import ExchangeFormatError
from stellungnahme_app.store import backups, search
from stellungnahme_app.store.connection import write_transaction
from stellungnahme_app.store.errors import StoreError, StoreReadOnlyError
from stellungnahme_app.store.records import Status

if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.migrations import Migrations

log = logging.getLogger(__name__)

MIGRATION_NAMES = (
    "m001_drafts_and_versions",
    "m002_full_text_search",
    "m003_ids_never_reused",
    "m004_version_details",
    "m005_text_once",
)
TEXT_ONCE = "m005_text_once"
CURRENT_SCHEMA = len(MIGRATION_NAMES)

MIGRATION_SET = "stellungnahme"
MIGRATIONS_TABLE = "_sqlite_migrations"

Migration = Callable[["sqlite_utils.Database"], None]


class _MigrationSet:
    """sqlite-utils' ``Migrations``, built on first use: decorate migrations with
    ``@migrations(name=…)`` as with the real one; ``apply``, ``pending`` and ``applied``
    import sqlite-utils."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._registered: list[tuple[str, Migration]] = []
        self._built: Migrations | None = None

    def __call__(self, *, name: str) -> Callable[[Migration], Migration]:
        def register(function: Migration) -> Migration:
            self._registered.append((name, function))
            return function

        return register

    def __getattr__(self, attribute: str) -> Any:
        if self._built is None:
            from sqlite_utils.migrations import Migrations

            built = Migrations(self.name)
            for name, function in self._registered:
                built(name=name)(function)
            self._built = built
        return getattr(self._built, attribute)


migrations = _MigrationSet(MIGRATION_SET)


@migrations(name=MIGRATION_NAMES[0])
def m001_drafts_and_versions(db: sqlite_utils.Database) -> None:
    db["drafts"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "number": str,
            "title": str,
            "department": str,
            "status": str,
            "deadline": str,
            "created": str,
            "changed": str,
            "revision": int,
            "deleted": str,
        },
        pk="id",
        not_null={"number", "title", "department", "status", "created", "changed", "revision"},
        defaults={"number": "", "title": "", "department": "", "revision": 1},
    )
    db["draft_texts"].create(  # type: ignore[union-attr]
        {"id": int, "content": str},
        pk="id",
        not_null={"content"},
        foreign_keys=[("id", "drafts", "id")],
    )
    db["versions"].create(  # type: ignore[union-attr]
        {
            "id": int,
            "draft_id": int,
            "created": str,
            "reason": str,
            "summary": str,
            "content_zlib": bytes,
        },
        pk="id",
        not_null={"draft_id", "created", "reason", "summary", "content_zlib"},
        foreign_keys=[("draft_id", "drafts", "id")],
    )
    drafts = db["drafts"]
    drafts.create_index(["changed"])  # type: ignore[union-attr]
    drafts.create_index(["deadline"])  # type: ignore[union-attr]
    drafts.create_index(["status"])  # type: ignore[union-attr]
    drafts.create_index(["deleted"])  # type: ignore[union-attr]
    db["versions"].create_index(["draft_id", "created"])  # type: ignore[union-attr]


@migrations(name=MIGRATION_NAMES[1])
def m002_full_text_search(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE draft_texts ADD COLUMN body TEXT NOT NULL DEFAULT ''")
    search.create_indexes(db.conn)
    rows = db.execute(
        "SELECT d.id, d.number, d.title, t.content FROM drafts d JOIN draft_texts t ON t.id = d.id"
    ).fetchall()
    for draft_id, number, title, content in rows:
        try:
            body = search.body_text(exchange.from_json_value(json.loads(content)))
        except (ValueError, ExchangeFormatError) as error:
            log.warning(
                "Entwurf %s: Inhalt nicht lesbar, nur Nummer und Titel indiziert: %s",
                draft_id,
                error,
            )
            body = ""
        db.execute("UPDATE draft_texts SET body = ? WHERE id = ?", [body, draft_id])
        search.index(db.conn, draft_id, number, title, body)


@migrations(name=MIGRATION_NAMES[2])
def m003_ids_never_reused(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE id_watermark (name TEXT PRIMARY KEY, last_id INTEGER NOT NULL)")
    db.execute(
        "INSERT INTO id_watermark (name, last_id) "
        "VALUES ('drafts', coalesce((SELECT max(id) FROM drafts), 0))"
    )
    db.execute(
        "CREATE TRIGGER drafts_raise_id_watermark AFTER INSERT ON drafts BEGIN "
        "UPDATE id_watermark SET last_id = NEW.id WHERE name = 'drafts' AND last_id < NEW.id; "
        "END"
    )


@migrations(name=MIGRATION_NAMES[3])
def m004_version_details(db: sqlite_utils.Database) -> None:
    for column in ("detail", "author", "name"):
        db.execute(f"ALTER TABLE versions ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
    for status in Status:
        db.execute(
            "UPDATE versions SET detail = ? WHERE reason = 'status' AND summary LIKE ?",
            [status.value, f"Status „{status.label}“%"],
        )


@migrations(name=TEXT_ONCE)
def m005_text_once(db: sqlite_utils.Database) -> None:
    connection = db.conn
    connection.execute(f"DROP TABLE {search.FTS_TABLE}")
    connection.execute("DROP VIEW drafts_search")
    search.create_contentless_index(connection)
    everything = connection.execute(
        "SELECT d.id, CAST(d.number AS BLOB), CAST(d.title AS BLOB), CAST(t.content AS BLOB) "
        "FROM drafts d JOIN draft_texts t ON t.id = d.id"
    ).fetchall()
    for draft_id, *values in everything:
        number, title, content = (
            bytes(value or b"").decode("utf-8", "replace") for value in values
        )
        body = search.body_of_content(content)
        if body is None:
            log.warning("Entwurf %s: Inhalt nicht lesbar, nur Nummer und Titel indiziert", draft_id)
        search.index(connection, draft_id, number, title, body or "")
    connection.execute("ALTER TABLE draft_texts DROP COLUMN body")


NEXT_DRAFT_ID_SQL = (
    "SELECT max(coalesce((SELECT max(id) FROM drafts), 0), "
    "(SELECT last_id FROM id_watermark WHERE name = 'drafts')) + 1"
)


def applied_migration_names(connection: sqlite3.Connection) -> list[str]:
    """The migrations applied to the database, in order (plain SQL, no sqlite-utils)."""
    exists = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MIGRATIONS_TABLE,)
    ).fetchone()
    if exists is None:
        return []
    return [
        name
        for (name,) in connection.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
            (MIGRATION_SET,),
        )
    ]


def update_due(database: Path) -> bool:
    """True where ``database`` was made by an older version of the program and opening it
    will update it (which takes seconds for thousands of drafts). Reads the file only; any
    problem with it is left to the open, which reports it."""
    try:
        if not database.is_file():
            return False
        uri = f"{database.resolve().as_uri()}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=1)) as connection:
            applied = applied_migration_names(connection)
    except (OSError, sqlite3.Error):
        return False
    return 0 < len(applied) < CURRENT_SCHEMA and all(name in MIGRATION_NAMES for name in applied)


def require_current(connection: sqlite3.Connection, database: Path, reason: str) -> None:
    """For a database that cannot be written (``reason``): refuse one that would need an
    update, since it cannot be made."""
    applied = applied_migration_names(connection)
    if any(name not in MIGRATION_NAMES for name in applied):
        raise StoreError(
            f"Die Entwurfsdatenbank „{database}“ wurde von einer neueren Version dieses "
            "Programms angelegt. Bitte installieren Sie die aktuelle Version."
        )
    if len(applied) != CURRENT_SCHEMA:
        raise StoreReadOnlyError(
            f"Die Entwurfsdatenbank „{database}“ stammt von einer älteren Programmversion und "
            f"muss umgestellt werden, doch sie ist schreibgeschützt. {reason} Bitte wenden Sie "
            "sich an die IT."
        )


def update(connection: sqlite3.Connection, database: Path, now: datetime) -> None:
    """Bring the database to the current schema; an older one is backed up first
    (``-vor-schema-N``), one of a newer program is refused untouched."""
    applied = applied_migration_names(connection)
    unknown = [name for name in applied if name not in MIGRATION_NAMES]
    if unknown:
        raise StoreError(
            f"Die Entwurfsdatenbank „{database}“ wurde von einer neueren Version dieses "
            "Programms angelegt. Bitte installieren Sie die aktuelle Version."
        )
    if len(applied) == CURRENT_SCHEMA:
        return
    if applied:
        target = backups.new_backup_path(database, now.astimezone(), before_schema=CURRENT_SCHEMA)
        try:
            backups.write_backup(connection, target)
        except OSError as error:
            raise StoreError(
                "Die Entwurfsdatenbank muss für diese Programmversion umgestellt werden, "
                f"aber vorher konnte keine Sicherung angelegt werden ({error.strerror or error}"
                "). Sie bleibt unverändert. Bitte sorgen Sie für freien Speicherplatz im "
                f"Ordner „{target.parent}“ und starten Sie das Programm erneut."
            ) from error
        log.info("Sicherung vor Schema-Aktualisierung: %s", target)
    import sqlite_utils

    db = sqlite_utils.Database(connection)
    with write_transaction(connection):
        # Another process may have migrated while we waited for the write lock.
        pending = [migration.name for migration in migrations.pending(db)]
        if pending:
            migrations.apply(db)
    if TEXT_ONCE in pending:
        connection.execute("VACUUM")  # give back the space of the text's second copy
