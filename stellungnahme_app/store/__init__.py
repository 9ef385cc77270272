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
    StoreBug,
    StoreBusyError,
    StoreDamagedError,
    StoreError,
    StoreReadOnlyError,
)
from stellungnahme_app.store.location import is_network_path
from stellungnahme_app.store.records import (
    DraftState,
    DraftSummary,
    ExportKind,
    Status,
    StoredDraft,
    UnreadableDraft,
    VersionInfo,
    VersionReason,
    user_name,
)

if TYPE_CHECKING:
    from stellungnahme_app.store.backups import KEEP_DAILY_BACKUPS, BackupFile
    from stellungnahme_app.store.database import DATABASE_FILE_NAME, TRASH_DAYS, Store

_LOADED_WHEN_USED = {
    "Store": "database",
    "DATABASE_FILE_NAME": "database",
    "TRASH_DAYS": "database",
    "BackupFile": "backups",
    "KEEP_DAILY_BACKUPS": "backups",
}


def __getattr__(name: str) -> Any:
    """Load the database layer (and sqlite-utils, ~70 ms) only when it is first used.

    The command line needs ``Status`` for every start but the database only for ``drafts``.
    """
    module = _LOADED_WHEN_USED.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


__all__ = [
    "DATABASE_FILE_NAME",
    "KEEP_DAILY_BACKUPS",
    "TRASH_DAYS",
    "BackupFile",
    "BackupNotFound",
    "ConflictError",
    "DraftNotFound",
    "DraftState",
    "DraftSummary",
    "ExportKind",
    "NetworkPathError",
    "Status",
    "Store",
    "StoreBug",
    "StoreBusyError",
    "StoreDamagedError",
    "StoreError",
    "StoreReadOnlyError",
    "StoredDraft",
    "UnreadableDraft",
    "VersionInfo",
    "VersionReason",
    "is_network_path",
    "user_name",
]
