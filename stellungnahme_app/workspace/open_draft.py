"""The draft being worked on: its content, status and deadline, and its place in the store.

An :class:`OpenDraft` is the one object that travels between the store, the window's session
and the editor. The editor changes ``draft``, ``status`` and ``deadline`` in place; saving it
(:meth:`Workspace.save`) moves ``revision`` and ``changed`` on. Nothing is split into parts
and put back together on the way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stellungnahme_app.model import Draft
from stellungnahme_app.store import Status, StoredDraft


@dataclass(eq=False)
class OpenDraft:
    """One draft as the author works on it (edited in place; see the module docstring)."""

    id: int
    draft: Draft
    status: Status
    deadline: dt.date | None
    #: The store's revision this state is based on; a save against another one is a conflict.
    revision: int
    created: dt.datetime
    #: When it was last saved (local time).
    changed: dt.datetime
    #: Created by the program just now: left untouched, it is discarded instead of kept.
    is_new: bool = False

    @classmethod
    def from_stored(cls, stored: StoredDraft, *, is_new: bool = False) -> OpenDraft:
        return cls(
            id=stored.id,
            draft=stored.draft,
            status=stored.status,
            deadline=stored.deadline,
            revision=stored.revision,
            created=stored.created,
            changed=stored.changed,
            is_new=is_new,
        )

    def copy(self) -> OpenDraft:
        """A copy that shares nothing with this one (for a worker thread, or to compare)."""
        return OpenDraft(
            id=self.id,
            draft=self.draft.copy(),
            status=self.status,
            deadline=self.deadline,
            revision=self.revision,
            created=self.created,
            changed=self.changed,
            is_new=self.is_new,
        )

    def same_content(self, other: OpenDraft) -> bool:
        """True when draft, status and deadline are equal (what a save would write)."""
        return (self.draft, self.status, self.deadline) == (
            other.draft,
            other.status,
            other.deadline,
        )

    @property
    def title(self) -> str:
        """The name lists and window titles use (``0661/24 – Arbeitskreis Segregation``)."""
        return self.draft.display_title
