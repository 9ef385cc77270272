"""The local draft store: every draft, every earlier version, the trash, search and backups.

A clerk writes a Stellungnahme over days on a desk that may lose power; the store keeps it
in a SQLite database in the data folder (see :class:`Store`). Qt-free.

    with Store.open() as store:
        stored = store.create(draft)
        stored.draft.conclusion = "…"
        stored = store.save(stored)          # ConflictError if changed elsewhere meanwhile
                                             # (any DraftState will do, not only a StoredDraft)
        hits = store.search("Segregation")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stellungnahme_app.store.errors import (
    BackupNotFound,
    ConflictError,
    DraftNotFound,
    NetworkPathError,
    StoreBusyError,
    StoreDamagedError,
    StoreError,
)
from stellungnahme_app.store.location import is_network_path
from stellungnahme_app.store.records import (
    DraftState,
    DraftSummary,
    Status,
    StoredDraft,
    VersionInfo,
    VersionReason,
)

if TYPE_CHECKING:
    from stellungnahme_app.store.database import DATABASE_FILE_NAME, Store


def __getattr__(name: str) -> Any:
    """Load the database layer (and sqlite-utils, ~70 ms) only when it is first used.

    The command line needs ``Status`` for every start but the database only for ``drafts``.
    """
    if name in ("Store", "DATABASE_FILE_NAME"):
        from stellungnahme_app.store import database

        return getattr(database, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DATABASE_FILE_NAME",
    "BackupNotFound",
    "ConflictError",
    "DraftNotFound",
    "DraftState",
    "DraftSummary",
    "NetworkPathError",
    "Status",
    "Store",
    "StoreBusyError",
    "StoreDamagedError",
    "StoreError",
    "StoredDraft",
    "VersionInfo",
    "VersionReason",
    "is_network_path",
]
