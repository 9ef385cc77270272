"""Versions of a draft: keeping one, listing them, naming one, reading one back, and
describing each.

A version is a draft's whole content at a moment (zlib-compressed JSON in ``versions``), the
reason it was kept with its detail (what was exported, which offices' contributions were
taken over …), who kept it (the Windows user, :func:`.records.user_name`), the name a clerk may give
it and a one-line summary that says what changed since the version before. The functions
that write run inside the store's write transaction.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from typing import Any

from stellungnahme_app import text
from stellungnahme_app.errors import ExchangeFormatError
from stellungnahme_app.model import Draft
from stellungnahme_app.store import codec, rows, search
from stellungnahme_app.store.errors import DraftNotFound, StoreDamagedError, StoreError
from stellungnahme_app.store.records import Status, VersionInfo, VersionReason, user_name

log = logging.getLogger(__name__)

MAX_NAMED_CHANGES = 4
MAX_NAME_LENGTH = 120
_INFO_COLUMNS = (
    "id, draft_id, created, reason, summary, detail, author, name, "
    "row_number() OVER (PARTITION BY draft_id ORDER BY id)"
)


def keep(
    db: sqlite3.Connection,
    draft_id: int,
    draft: Draft,
    content: str,
    reason: VersionReason,
    now: datetime,
    *,
    status: Status | None = None,
    detail: str = "",
) -> VersionInfo:
    """Keep ``draft`` (whose JSON is ``content``) as a version; inside a write transaction.

    A status change records the new ``status`` (its detail unless one is given).
    """
    previous_row = db.execute(
        "SELECT content_zlib FROM versions WHERE draft_id = ? ORDER BY created DESC, id DESC "
        "LIMIT 1",
        (draft_id,),
    ).fetchone()
    previous: Draft | None = None
    if previous_row is not None:
        try:
            previous = codec.decode_content(codec.decompress(previous_row[0]))
        except (ValueError, ExchangeFormatError) as error:
            log.warning("Vorige Version von Entwurf %s nicht lesbar: %s", draft_id, error)
    summary = describe(draft, previous, status)
    if status is not None and not detail:
        detail = status.value
    author = user_name()
    version_id = insert(
        db,
        draft_id,
        rows.stamp(now),
        reason.value,
        summary,
        codec.compress(content),
        detail=search.without_surrogates(detail),
        author=author,
    )
    return info_of(db, version_id)


def insert(
    db: sqlite3.Connection,
    draft_id: int,
    created: str,
    reason: str,
    summary: str,
    content_zlib: bytes,
    *,
    detail: str = "",
    author: str = "",
) -> int:
    """The one ``INSERT`` of a version (kept now or taken over from a damaged file)."""
    cursor = db.execute(
        "INSERT INTO versions (draft_id, created, reason, summary, content_zlib, detail, "
        "author) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (draft_id, created, reason, summary, content_zlib, detail, author),
    )
    version_id = cursor.lastrowid
    assert version_id is not None
    return version_id


def last_time(db: sqlite3.Connection, draft_id: int) -> datetime:
    """When the newest version of the draft was kept (long ago if it has none)."""
    row = db.execute("SELECT max(created) FROM versions WHERE draft_id = ?", (draft_id,)).fetchone()
    if row is None or row[0] is None:
        return datetime.min.replace(tzinfo=UTC)
    return datetime.fromisoformat(row[0])


def list_of(db: sqlite3.Connection, draft_id: int) -> list[VersionInfo]:
    """The kept versions of a draft, newest first; one whose row cannot be read is left out."""
    found = rows.read_tolerantly(
        db,
        lambda: db.execute(
            f"SELECT {_INFO_COLUMNS} FROM versions WHERE draft_id = ? "
            "ORDER BY created DESC, id DESC",
            (draft_id,),
        ).fetchall(),
    )
    listed = []
    for row in found:
        try:
            listed.append(_version_info(row))
        except (ValueError, TypeError) as error:
            log.error("Version %s von Entwurf %s nicht lesbar: %s", row[0], draft_id, error)
    return listed


def info_of(db: sqlite3.Connection, version_id: int) -> VersionInfo:
    """One version as the list shows it (with its number among its draft's versions)."""
    row = rows.read_tolerantly(
        db,
        lambda: db.execute(
            f"SELECT * FROM (SELECT {_INFO_COLUMNS} FROM versions WHERE draft_id = "
            "(SELECT draft_id FROM versions WHERE id = ?)) WHERE id = ?",
            (version_id, version_id),
        ).fetchone(),
    )
    if row is None:
        raise DraftNotFound(f"Die Version Nr. {version_id} gibt es nicht (mehr).")
    try:
        return _version_info(row)
    except (ValueError, TypeError) as error:
        raise StoreDamagedError(
            f"Die Version Nr. {version_id} ist beschädigt und nicht lesbar ({error})."
        ) from error


def name(db: sqlite3.Connection, version_id: int, given: str) -> VersionInfo:
    """Give a version a name („Fassung für den Dezernenten“); an empty one removes it.

    The name is one line (spaces collapsed); longer than :data:`MAX_NAME_LENGTH`
    characters it is refused with a German :class:`StoreError`.
    """
    cleaned = search.without_surrogates(" ".join(text.clean(given).split()))
    if len(cleaned) > MAX_NAME_LENGTH:
        raise StoreError(
            f"Der Name „{cleaned[:40]}…“ ist mit {len(cleaned)} Zeichen zu lang; eine Fassung "
            f"kann höchstens {MAX_NAME_LENGTH} Zeichen als Namen tragen."
        )
    changed = db.execute("UPDATE versions SET name = ? WHERE id = ?", (cleaned, version_id))
    if changed.rowcount == 0:
        raise DraftNotFound(f"Die Version Nr. {version_id} gibt es nicht (mehr).")
    return info_of(db, version_id)


def content_of(db: sqlite3.Connection, version_id: int) -> tuple[int, Draft]:
    """The id of the version's draft and the draft as it was then."""
    row = db.execute(
        "SELECT draft_id, content_zlib FROM versions WHERE id = ?", (version_id,)
    ).fetchone()
    if row is None:
        raise DraftNotFound(f"Die Version Nr. {version_id} gibt es nicht (mehr).")
    draft_id, packed = row
    try:
        return draft_id, codec.decode_content(codec.decompress(packed))
    except (ValueError, ExchangeFormatError) as error:
        log.error("Version %s von Entwurf %s nicht lesbar: %s", version_id, draft_id, error)
        raise StoreDamagedError(
            f"Die Version Nr. {version_id} des Entwurfs Nr. {draft_id} ist beschädigt und nicht "
            "lesbar. Bitte wählen Sie eine andere Version."
        ) from error


def _version_info(row: tuple[Any, ...]) -> VersionInfo:
    """A row of ``versions``; ``ValueError`` or ``TypeError`` if it cannot be read."""
    version_id, draft_id, created, reason, summary, detail, author, given_name, number = row
    if isinstance(created, rows.UnreadableText) or isinstance(summary, rows.UnreadableText):
        raise ValueError("kein lesbarer Text")
    created_at = rows.moment(created)
    if created_at is None:
        raise ValueError("ohne Zeitpunkt")
    try:
        why = VersionReason(reason)
    except ValueError:
        why = VersionReason.EDIT
    return VersionInfo(
        id=version_id,
        draft_id=draft_id,
        created=created_at,
        reason=why,
        summary=str(summary),
        detail=_readable(detail),
        author=_readable(author),
        name=_readable(given_name),
        number=number,
    )


def _readable(value: object) -> str:
    """A text column of a version; a damaged one is shown as what could be read of it."""
    return str(value) if isinstance(value, str) else ""


# ---------------------------------------------------------------------- describing


def describe(draft: Draft, previous: Draft | None, status: Status | None = None) -> str:
    """A one-line summary, e.g. ``0661/24 · 2 Beiträge · Fazit 312 Zeichen · geändert: Fazit``.

    ``previous`` is the draft of the version before (if any) to say what changed;
    ``status`` is named first when the version records a status change.
    """
    parts: list[str] = []
    if status is not None:
        parts.append(f"Status „{status.label}“")
    parts.append(draft.document_number.strip() or "ohne Nummer")
    count = len(draft.contributions)
    parts.append(f"{count} Beitrag" if count == 1 else f"{count} Beiträge")
    parts.append(f"Fazit {len(draft.conclusion.strip())} Zeichen")
    if previous is not None:
        changes = changed_parts(previous, draft)
        if changes:
            named = ", ".join(changes[:MAX_NAMED_CHANGES])
            more = len(changes) - MAX_NAMED_CHANGES
            parts.append(f"geändert: {named}" + (f" und {more} weitere" if more > 0 else ""))
        else:
            parts.append("Text unverändert")
    # Lone surrogates (a damaged number or office) cannot be stored as UTF-8: shown as U+FFFD.
    return search.without_surrogates(" · ".join(parts))


def changed_parts(old: Draft, new: Draft) -> list[str]:
    """German names of the parts of the form that differ between two drafts, in form order."""
    names: list[str] = []
    simple = (
        ("department", "Dezernat"),
        ("document_number", "Nummer"),
        ("document_title", "Titel"),
        ("public", "Öffentlichkeit"),
        ("assessments", "Prüffragen"),
        ("resolution_points", "Beschlusspunkte"),
    )
    for attribute, name in simple:
        if getattr(old, attribute) != getattr(new, attribute):
            names.append(name)
    for index in range(max(len(old.contributions), len(new.contributions))):
        if index >= len(old.contributions):
            names.append(f"Beitrag {index + 1} neu")
        elif index >= len(new.contributions):
            names.append(f"Beitrag {index + 1} entfernt")
        elif old.contributions[index] != new.contributions[index]:
            office = new.contributions[index].office.strip()
            names.append(f"Beitrag {index + 1}" + (f" ({office})" if office else ""))
    tail = (
        ("conclusion", "Fazit"),
        ("amended_resolution_points", "geänderte Beschlusspunkte"),
        ("attachments", "Anlagen"),
        ("signature", "Unterschrift"),
        ("city", "Stadt"),
    )
    for attribute, name in tail:
        if getattr(old, attribute) != getattr(new, attribute):
            names.append(name)
    return names
