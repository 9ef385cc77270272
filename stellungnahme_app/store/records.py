"""The plain values the store hands out: statuses, stored drafts, list rows and versions,
and :class:`DraftState`, what ``Store.save`` takes.

A version says what happened in a clerk's words (:attr:`VersionInfo.what_happened`: „Als
Word-Dokument ausgegeben“, „Status: Zur Unterschrift“, „Beitrag des Amts für Bildung
übernommen“) from its reason and its ``detail`` (:class:`ExportKind` for an export, the
status, the offices, the file a motion came from …), and who it was (the Windows user).
"""

from __future__ import annotations

import enum
import getpass
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from stellungnahme_app.model import Draft
from stellungnahme_app.office_headings import derive_heading
from stellungnahme_app.text import printable


def user_name() -> str:
    """Who is working: the Windows (or Unix) user name, empty if none can be found."""
    try:
        return printable(getpass.getuser())
    except (OSError, KeyError, ImportError):
        return ""


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
    MOTION = "antrag"
    CONTRIBUTIONS = "beitraege"
    UPDATE = "aktualisierung"

    @property
    def label(self) -> str:
        return _REASON_LABELS[self]


_REASON_LABELS = {
    VersionReason.EDIT: "Bearbeitung",
    VersionReason.EXPORT: "Export",
    VersionReason.STATUS: "Statusänderung",
    VersionReason.RESTORE: "Vor Wiederherstellung",
    VersionReason.IMPORT: "Import",
    VersionReason.MOTION: "Antrag übernommen",
    VersionReason.CONTRIBUTIONS: "Beiträge übernommen",
    VersionReason.UPDATE: "Aus Datei ersetzt",
}


class ExportKind(enum.Enum):
    """What an export wrote: the ``detail`` of an :attr:`VersionReason.EXPORT` version (for
    the changes as a Word document followed by ``:`` and the version they are against)."""

    WORD = "word"
    WORD_DRAFT = "word-entwurf"
    PDF = "pdf"
    PDF_DRAFT = "pdf-entwurf"
    EXCHANGE_FILE = "austauschdatei"
    CHANGES = "aenderungen"
    CHANGES_DRAFT = "aenderungen-entwurf"

    @classmethod
    def of_document(cls, suffix: str, *, draft_mode: bool) -> ExportKind:
        """The kind of a document export to a file ending in ``suffix`` (.docx, .pdf)."""
        if suffix.casefold() == ".pdf":
            return cls.PDF_DRAFT if draft_mode else cls.PDF
        return cls.WORD_DRAFT if draft_mode else cls.WORD


_EXPORT_WORDS = {
    ExportKind.WORD: "Als Word-Dokument ausgegeben",
    ExportKind.WORD_DRAFT: "Entwurf ausgegeben",
    ExportKind.PDF: "PDF ausgegeben",
    ExportKind.PDF_DRAFT: "Entwurf als PDF ausgegeben",
    ExportKind.EXCHANGE_FILE: "Als Austauschdatei gespeichert",
    ExportKind.CHANGES: "Änderungen als Word-Dokument ausgegeben",
    ExportKind.CHANGES_DRAFT: "Änderungen als Word-Dokument ausgegeben (Entwurf)",
}


def what_happened(reason: VersionReason, detail: str) -> str:
    """A version's event in a clerk's words, from its reason and ``detail``."""
    detail = detail.strip()
    if reason is VersionReason.EXPORT:
        kind_value, _, since = detail.partition(":")
        try:
            kind = ExportKind(kind_value)
        except ValueError:
            return "Ausgegeben"
        if since.strip().isdigit():
            return _EXPORT_WORDS[kind].replace("Änderungen", f"Änderungen seit Version {since}")
        return _EXPORT_WORDS[kind]
    if reason is VersionReason.STATUS:
        try:
            return f"Status: {Status(detail).label}"
        except ValueError:
            return "Status geändert"
    if reason is VersionReason.CONTRIBUTIONS:
        return _contributions_taken_over([line for line in detail.splitlines() if line.strip()])
    if reason is VersionReason.RESTORE:
        if detail.isdigit():
            return f"Stand vor dem Wiederherstellen von Version {detail}"
        return "Stand vor einer Wiederherstellung"
    source = f" aus „{detail}“" if detail else ""
    return {
        VersionReason.EDIT: "Bearbeitet",
        VersionReason.IMPORT: f"Importiert{source}",
        VersionReason.MOTION: f"Antrag übernommen{source}",
        VersionReason.UPDATE: f"Inhalt{source or ' aus einer Austauschdatei'} übernommen",
    }[reason]


def _contributions_taken_over(offices: list[str]) -> str:
    """„Beitrag des Amts für Bildung übernommen“, „Beiträge des Jugendamts und der …“."""
    if not offices:
        return "Beiträge übernommen"
    if len(offices) > 3:
        return f"{len(offices)} Beiträge übernommen"
    phrases = [_of_office(office) for office in offices]
    joined = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " und " + phrases[-1]
    return f"Beitrag {joined} übernommen" if len(offices) == 1 else f"Beiträge {joined} übernommen"


def _of_office(office: str) -> str:
    """``des Amts für Bildung`` (the genitive of the heading), else the name in quotes."""
    name = " ".join(office.split())
    heading = name if name.startswith("Stellungnahme ") else derive_heading(name)
    if heading.startswith("Stellungnahme d"):
        return heading.removeprefix("Stellungnahme ")
    return f"„{name}“"


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
    """One kept version of a draft: when, why, who, and a short description for the list.

    ``number`` counts the draft's versions as they were kept (1 = the first; it never
    changes, so "Version 3" always means the same one); ``name`` is the name the clerk gave
    it („Fassung für den Dezernenten“), empty if none.
    """

    id: int
    draft_id: int
    created: datetime
    reason: VersionReason
    summary: str
    detail: str = ""
    author: str = ""
    name: str = ""
    number: int = 0

    @property
    def what_happened(self) -> str:
        """„Als Word-Dokument ausgegeben“, „Status: Zur Unterschrift“, …"""
        return what_happened(self.reason, self.detail)


@dataclass(frozen=True)
class UnreadableDraft:
    """A draft the store cannot read because a value of its row is damaged (``problem``, in
    German, e.g. „Status ist kein lesbarer Text“); lists leave it out, it will not open."""

    id: int
    problem: str
