"""One open draft: saving it automatically through the workspace, and noticing conflicts.

A :class:`DraftSession` keeps the :class:`~stellungnahme_app.workspace.OpenDraft` the editor
changes in place saved. Every change marks it as changed; a timer saves it shortly after
(debounced, never later than :data:`MAX_SAVE_DELAY_MS` after the first unsaved change).
:meth:`DraftSession.save_now` saves at once (Ctrl+S, switching drafts, closing the window).

Nothing is ever overwritten silently. The workspace refuses a save whose revision is stale
(another window or another instance of the program saved in between); the session then
stops saving and reports the :class:`ConflictError` so the user decides. In addition the
session holds a lock file per draft, so a second window or instance that opens the same
draft learns about it at once (:attr:`DraftSession.opened_elsewhere`).

A draft the program has just created (:attr:`OpenDraft.is_new`) counts as unused as long as
the author changes nothing in it (:meth:`DraftSession.is_unused`); the window then throws it
away instead of leaving an empty draft in the list.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from stellungnahme_app import paths
from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.store import ConflictError, DraftNotFound
from stellungnahme_app.workspace import OpenDraft, Workspace

log = logging.getLogger(__name__)

IDLE_DELAY_MS = 400
MAX_SAVE_DELAY_MS = 900
RETRY_DELAY_MS = 10_000
LOCK_FOLDER_NAME = "sperren"


class DraftSession(QObject):
    """Autosave and conflict detection for ``opened``, which the editor changes in place.

    ``flush`` commits half-typed edits of the editor into ``opened`` before each save.
    """

    saved = Signal(object)  # datetime of the save
    save_failed = Signal(object)  # the exception; the changes stay pending
    conflict = Signal(object)  # ConflictError; saving is suspended until resolved
    vanished = Signal(object)  # DraftNotFound: purged elsewhere; saving is suspended

    def __init__(
        self,
        workspace: Workspace,
        opened: OpenDraft,
        flush: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._flush = flush
        self._opened = opened
        self._saved = opened.copy()
        self._untouched: OpenDraft | None = None
        self._first_unsaved: float | None = None
        self._suspended = False
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.save_now)
        self._lock = _draft_lock(opened.id)
        self.opened_elsewhere = self._lock is not None and not self._lock.tryLock(0)

    @property
    def draft_id(self) -> int:
        return self._opened.id

    @property
    def opened(self) -> OpenDraft:
        """The draft being edited (the very object the editor changes)."""
        return self._opened

    @property
    def suspended(self) -> bool:
        """True after a conflict (or the draft vanished): nothing is saved until resolved."""
        return self._suspended

    def has_unsaved_changes(self) -> bool:
        return not self._opened.same_content(self._saved)

    def mark_as_new(self) -> None:
        """The program has just created this draft: what it holds now (with the defaults
        the editor filled in itself) is the state :meth:`is_unused` compares against."""
        self._opened.is_new = True
        self._untouched = self._opened.copy()

    def is_unused(self) -> bool:
        """True for a new draft the author has entered nothing into.

        Anything entered counts, even if it was taken back afterwards.
        """
        if self._untouched is None or self._closed or self._suspended:
            return False
        self._flush()
        self._note_touched()
        return self._untouched is not None

    def _note_touched(self) -> None:
        if self._untouched is not None and not self._opened.same_content(self._untouched):
            self._untouched = None
            self._opened.is_new = False

    def mark_changed(self) -> None:
        """The editor changed the draft: save soon."""
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
        self._flush()
        if not self.has_unsaved_changes():
            self._first_unsaved = None
            return True
        writing = self._opened.copy()
        try:
            self._workspace.save(self._opened)
        except ConflictError as error:
            self._suspended = True
            log.info("Konflikt beim Speichern von Entwurf %s", self._opened.id)
            self.conflict.emit(error)
            return False
        except DraftNotFound as error:
            self._suspended = True
            log.info("Entwurf %s beim Speichern nicht mehr vorhanden", self._opened.id)
            self.vanished.emit(error)
            return False
        except (StellungnahmeError, OSError) as error:
            self._timer.start(RETRY_DELAY_MS)
            self.save_failed.emit(error)
            return False
        self._saved = writing
        self._first_unsaved = None
        self.saved.emit(dt.datetime.now())
        return True

    def adopt(self, opened: OpenDraft) -> None:
        """Continue with ``opened`` (the state reloaded after a conflict or a restore)."""
        self._timer.stop()
        self._opened = opened
        self._saved = opened.copy()
        self._first_unsaved = None
        self._untouched = None
        self._suspended = False

    def check_elsewhere(self) -> bool:
        """Look again whether another window holds the draft (it may have closed since)."""
        if self.opened_elsewhere and not self._closed and self._lock is not None:
            self.opened_elsewhere = not self._lock.tryLock(0)
        return self.opened_elsewhere

    def close(self) -> None:
        """Stop saving and release the draft's lock (call :meth:`save_now` first)."""
        self._timer.stop()
        self._closed = True
        if self._lock is not None:
            self._lock.unlock()


def _draft_lock(draft_id: int) -> QLockFile | None:
    """The draft's lock file; ``None`` where none can be made (a write-protected data folder,
    where the drafts can only be read anyway and two windows cannot overwrite each other)."""
    folder = paths.data_dir() / LOCK_FOLDER_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        log.warning("Keine Sperrdatei für Entwurf %s möglich: %s", draft_id, error)
        return None
    lock = QLockFile(str(folder / f"entwurf-{draft_id}.lock"))
    # Only a lock whose process has ended is stale, however long a draft stays open.
    lock.setStaleLockTime(0)
    return lock
