"""The plain values the store hands out: statuses, stored drafts, list rows and versions,
and :class:`DraftState`, what ``Store.save`` takes."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from stellungnahme_app.model import Draft


class Status(enum.Enum):
    """Where a draft stands; the value is the stable key kept in the database."""

    DRAFT = "entwurf"
    IN_REVIEW = "in_abstimmung"
    FOR_SIGNATURE = "zur_unterschrift"
    DONE = "abgeschlossen"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @classmethod
    def parse(cls, text: str) -> Status:
        """The status named by its value, its German label or its name, in any case.

        Raises :class:`ValueError` for anything else.
        """
        wanted = text.strip().casefold()
        for status in cls:
            if wanted in (status.value, status.label.casefold(), status.name.casefold()):
                return status
        raise ValueError(text)


_STATUS_LABELS = {
    Status.DRAFT: "Entwurf",
    Status.IN_REVIEW: "In Abstimmung",
    Status.FOR_SIGNATURE: "Zur Unterschrift",
    Status.DONE: "Abgeschlossen",
}

# The order of the form's life, used when a list is sorted by status.
STATUS_ORDER = {status: index for index, status in enumerate(Status)}


class VersionReason(enum.Enum):
    """Why a version of a draft was kept; the value is the stable database key."""

    EDIT = "bearbeitung"
    EXPORT = "export"
    STATUS = "status"
    RESTORE = "wiederherstellung"
    IMPORT = "import"

    @property
    def label(self) -> str:
        return _REASON_LABELS[self]


_REASON_LABELS = {
    VersionReason.EDIT: "Bearbeitung",
    VersionReason.EXPORT: "Export",
    VersionReason.STATUS: "Statusänderung",
    VersionReason.RESTORE: "Vor Wiederherstellung",
    VersionReason.IMPORT: "Import",
}


@dataclass
class StoredDraft:
    """A draft as the store holds it. :meth:`Store.load` returns one; pass it to ``save``.

    ``revision`` counts the saves; ``save`` refuses a draft whose revision is no longer the
    one in the database. Times are timezone-aware in local time; ``deleted`` is set while
    the draft lies in the trash.
    """

    id: int
    draft: Draft
    status: Status
    deadline: date | None
    created: datetime
    changed: datetime
    revision: int
    deleted: datetime | None = None


class DraftState(Protocol):
    """What :meth:`Store.save` needs of a draft: a :class:`StoredDraft` is one, and so is any
    object of the application that holds these attributes (e.g. the editor's open draft)."""

    @property
    def id(self) -> int: ...

    @property
    def draft(self) -> Draft: ...

    @property
    def status(self) -> Status: ...

    @property
    def deadline(self) -> date | None: ...

    @property
    def revision(self) -> int:
        """The revision the draft was loaded at; ``save`` refuses it if it is no longer current."""
        ...


@dataclass(frozen=True)
class DraftSummary:
    """One row of a list or of search results (without the draft's full text)."""

    id: int
    number: str
    title: str
    department: str
    status: Status
    deadline: date | None
    changed: datetime
    deleted: datetime | None
    overdue: bool
    snippet: str = ""


@dataclass(frozen=True)
class VersionInfo:
    """One kept version of a draft: when, why, and a short description for the list."""

    id: int
    draft_id: int
    created: datetime
    reason: VersionReason
    summary: str


@dataclass(frozen=True)
class UnreadableDraft:
    """A draft the store cannot read because a value of its row is damaged (``problem``, in
    German, e.g. „Status ist kein lesbarer Text“); lists leave it out, it will not open."""

    id: int
    problem: str
