"""One open draft: saving it automatically through the store, and noticing conflicts.

A :class:`DraftSession` connects the editor's live model to the store. Every change marks the
draft as changed; a timer saves it shortly after (debounced, never later than
:data:`MAX_SAVE_DELAY_MS` after the first unsaved change). :meth:`DraftSession.save_now`
saves at once (Ctrl+S, switching drafts, closing the window).

Nothing is ever overwritten silently. The store refuses a save whose revision is stale
(another window or another instance of the program saved in between); the session then
stops saving and reports the :class:`ConflictError` so the user decides. In addition the
session holds a lock file per draft, so a second window or instance that opens the same
draft learns about it at once (:attr:`DraftSession.opened_elsewhere`).

A draft the program has just created is marked with :meth:`DraftSession.mark_as_new`; as
long as the author changes nothing in it, :meth:`DraftSession.is_unused` says so and the
window can throw it away instead of leaving an empty draft in the list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import time
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from stellungnahme_app import paths
from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.model import Draft
from stellungnahme_app.store import ConflictError, DraftNotFound, Status, Store, StoredDraft

if TYPE_CHECKING:  # the editor package is imported only when a draft is first opened
    from stellungnahme_app.ui.editor.draft_metadata import DraftMetadata

log = logging.getLogger(__name__)

IDLE_DELAY_MS = 400
MAX_SAVE_DELAY_MS = 900
RETRY_DELAY_MS = 10_000
LOCK_FOLDER_NAME = "sperren"


class DraftSource(Protocol):
    """What the session needs from the editor (the :class:`DraftEditor` provides it)."""

    def draft(self) -> Draft: ...
    def metadata(self) -> DraftMetadata: ...
    def flush_pending_edits(self) -> None: ...


class DraftSession(QObject):
    """Autosave and conflict detection for the draft shown in ``source``."""

    saved = Signal(object)  # datetime of the save
    save_failed = Signal(object)  # the exception; the changes stay pending
    conflict = Signal(object)  # ConflictError; saving is suspended until resolved
    vanished = Signal(object)  # DraftNotFound: purged elsewhere; saving is suspended

    def __init__(
        self, store: Store, stored: StoredDraft, source: DraftSource, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._source = source
        self._stored = stored
        self._saved_state = _stored_state(stored)
        self._first_unsaved: float | None = None
        self._new_state: _State | None = None
        self._suspended = False
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._autosave)
        self._lock = _draft_lock(stored.id)
        self.opened_elsewhere = not self._lock.tryLock(0)

    @property
    def draft_id(self) -> int:
        return self._stored.id

    @property
    def stored(self) -> StoredDraft:
        """The draft as last loaded from or saved to the store."""
        return self._stored

    @property
    def suspended(self) -> bool:
        """True after a conflict (or the draft vanished): nothing is saved until resolved."""
        return self._suspended

    def has_unsaved_changes(self) -> bool:
        return self._current_state() != self._saved_state

    def mark_as_new(self) -> None:
        """The program has just created this draft: what the editor shows now (with the
        defaults it filled in itself) is the state :meth:`is_unused` compares against."""
        self._new_state = self._current_state()

    def is_unused(self) -> bool:
        """True for a draft marked new that the author has entered nothing into.

        Anything entered counts, even if it was taken back afterwards.
        """
        if self._new_state is None or self._closed or self._suspended:
            return False
        self._source.flush_pending_edits()
        self._note_touched()
        return self._new_state is not None

    def _note_touched(self) -> None:
        if self._new_state is not None and self._current_state() != self._new_state:
            self._new_state = None

    def mark_changed(self) -> None:
        """The editor changed the model: save soon."""
        if self._closed or self._suspended:
            return
        self._note_touched()
        now = time.monotonic()
        if self._first_unsaved is None:
            self._first_unsaved = now
        waited_ms = (now - self._first_unsaved) * 1000
        self._timer.start(int(max(0, min(IDLE_DELAY_MS, MAX_SAVE_DELAY_MS - waited_ms))))

    def save_now(self) -> bool:
        """Save at once if anything changed; True when everything is saved afterwards."""
        self._timer.stop()
        if self._closed:
            return True
        if self._suspended:
            return False
        self._source.flush_pending_edits()
        draft, metadata = self._source.draft(), self._source.metadata()
        state = _state_of(draft, metadata)
        if state == self._saved_state:
            self._first_unsaved = None
            return True
        candidate = dataclasses.replace(
            self._stored, draft=draft.copy(), status=metadata.status, deadline=metadata.deadline
        )
        try:
            result = self._store.save(candidate)
        except ConflictError as error:
            self._suspended = True
            log.info("Konflikt beim Speichern von Entwurf %s", self._stored.id)
            self.conflict.emit(error)
            return False
        except DraftNotFound as error:
            self._suspended = True
            log.info("Entwurf %s beim Speichern nicht mehr vorhanden", self._stored.id)
            self.vanished.emit(error)
            return False
        except (StellungnahmeError, OSError) as error:
            self._timer.start(RETRY_DELAY_MS)
            self.save_failed.emit(error)
            return False
        self._stored = result
        self._saved_state = state
        self._first_unsaved = None
        self.saved.emit(dt.datetime.now())
        return True

    def adopt(self, stored: StoredDraft) -> None:
        """Continue with ``stored`` (the state reloaded after a conflict or a restore)."""
        self._timer.stop()
        self._stored = stored
        self._saved_state = _stored_state(stored)
        self._first_unsaved = None
        self._new_state = None
        self._suspended = False

    def check_elsewhere(self) -> bool:
        """Look again whether another window holds the draft (it may have closed since)."""
        if self.opened_elsewhere and not self._closed:
            self.opened_elsewhere = not self._lock.tryLock(0)
        return self.opened_elsewhere

    def close(self) -> None:
        """Stop saving and release the draft's lock (call :meth:`save_now` first)."""
        self._timer.stop()
        self._closed = True
        self._lock.unlock()

    def _autosave(self) -> None:
        self.save_now()

    def _current_state(self) -> _State:
        return _state_of(self._source.draft(), self._source.metadata())


_State = tuple[Draft, Status, dt.date | None]


def _stored_state(stored: StoredDraft) -> _State:
    return (stored.draft.copy(), stored.status, stored.deadline)


def _state_of(draft: Draft, metadata: DraftMetadata) -> _State:
    return (draft.copy(), metadata.status, metadata.deadline)


def _draft_lock(draft_id: int) -> QLockFile:
    folder = paths.data_dir() / LOCK_FOLDER_NAME
    folder.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(folder / f"entwurf-{draft_id}.lock"))
    # Only a lock whose process has ended is stale, however long a draft stays open.
    lock.setStaleLockTime(0)
    return lock
