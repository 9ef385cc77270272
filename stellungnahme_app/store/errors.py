"""The store's exceptions: every :class:`StoreError` carries a German message fit to be shown
as is; a :class:`StoreBug` is none of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stellungnahme_app import errors

if TYPE_CHECKING:
    from stellungnahme_app.store.records import StoredDraft


class StoreError(errors.StoreError):
    """The local draft database cannot do what was asked."""


class ConflictError(StoreError):
    """The draft was changed elsewhere (another window or program) after it was loaded.

    ``current`` is the state now in the database, so the caller can offer to reload it or
    to keep its own text as a copy.
    """

    def __init__(self, current: StoredDraft) -> None:
        super().__init__(
            "Dieser Entwurf wurde inzwischen an anderer Stelle geändert – in einem anderen "
            "Fenster oder einer zweiten Programmsitzung. Ihre Änderungen sind noch nicht "
            "gespeichert. Sie können den anderen Stand laden oder Ihre Fassung als Kopie "
            "speichern."
        )
        self.current = current


class NetworkPathError(StoreError):
    """The database would lie on a network share, where SQLite cannot lock safely."""


class DraftNotFound(StoreError):
    """No draft (or version of a draft) with the given id exists."""


class BackupNotFound(StoreError):
    """No backup with the given name exists."""


class StoreBusyError(StoreError):
    """Another program holds the database longer than we are willing to wait."""


class StoreReadOnlyError(StoreError):
    """The database cannot be written (write-protected folder or file, a full disk); the
    drafts can still be read and exported."""


class StoreDamagedError(StoreError):
    """The database is damaged and could not be repaired from a backup."""


class StoreBug(Exception):
    """SQLite refused something no user can cause or cure: a mistake in the store's SQL or in
    its use of SQLite. Deliberately no :class:`~stellungnahme_app.errors.StellungnahmeError`:
    the error dialog shows it as an internal error and names the log file with its traceback.
    """
