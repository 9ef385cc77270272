"""The application layer: every use case the window and the command line share, Qt-free.

A :class:`Workspace` holds the open store, the settings in effect and the Textbausteine. The
window (``ui/``) and every command of the command line (``cli/``) call it; neither talks to
the store's parts or repeats what a use case does (which defaults a new draft gets, that an
export is recorded as a version, which rules a check applies, what an import stores).

    with Workspace.open() as workspace:
        opened = workspace.new_draft()
        opened.draft.document_title = "Arbeitskreis Segregation"
        workspace.save(opened)                # ConflictError if saved elsewhere meanwhile
        workspace.export_document(opened, Path("Stellungnahme.docx"), draft_mode=True)
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from stellungnahme_app import contribution_import, exchange
from stellungnahme_app.contribution_import import ImportAction, ImportPlan
from stellungnahme_app.errors import ExchangeFormatError, StellungnahmeError
from stellungnahme_app.model import Draft
from stellungnahme_app.rules import Finding
from stellungnahme_app.settings import Settings, example_draft_file
from stellungnahme_app.store import (
    BackupFile,
    DraftNotFound,
    DraftSummary,
    ExportKind,
    Status,
    UnreadableDraft,
    VersionInfo,
    VersionReason,
    user_name,
)
from stellungnahme_app.text import is_blank
from stellungnahme_app.workspace import documents
from stellungnahme_app.workspace.configuration import (
    Configuration,
    load_configuration,
    load_textbausteine_reporting,
)
from stellungnahme_app.workspace.draft_limits import size_problem
from stellungnahme_app.workspace.housekeeping import clean_up_after_killed_runs
from stellungnahme_app.workspace.importing import (
    FileReading,
    ImportedDraft,
    ImportReport,
    read_exchange_files,
)
from stellungnahme_app.workspace.open_draft import OpenDraft

if TYPE_CHECKING:  # imported when first used: the window paints before it needs any of these
    from stellungnahme_app.compare import DraftComparison
    from stellungnahme_app.spelling import SpellingFinding
    from stellungnahme_app.store import Store
    from stellungnahme_app.textbausteine import Textbaustein
    from stellungnahme_app.workspace.motion_import import MotionFileReading, MotionTakeOver
    from stellungnahme_app.workspace.spelling import Spelling

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReplacedContent:
    """What :meth:`Workspace.replace_from_file` did: the draft now, and the version that
    holds the state it replaced."""

    opened: OpenDraft
    previous: VersionInfo


@dataclass(frozen=True)
class RestoredBackup:
    """What :meth:`Workspace.restore_backup` did: the backup used, where the old file lies."""

    used: Path
    previous_database: Path | None


class Workspace:
    """The drafts of this user and everything done with them; see the module docstring."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        textbausteine: Sequence[Textbaustein] | None = None,
    ) -> None:
        self._store = store
        self.settings = settings
        self._textbausteine: list[Textbaustein] | None = (
            None if textbausteine is None else list(textbausteine)
        )
        self._textbaustein_problems: list[str] = []
        self._spelling: Spelling | None = None

    @classmethod
    def open(
        cls,
        database: Path | None = None,
        *,
        configuration: Configuration | None = None,
        housekeeping: bool = True,
    ) -> Workspace:
        """Open the store (``database``: default file in the data folder) with the settings
        in effect. Raises :class:`~stellungnahme_app.store.StoreError` if it cannot open.

        ``housekeeping=False`` leaves the store's integrity check, daily backup and trash to
        :meth:`housekeeping` (the window: after its first paint, on a worker thread)."""
        from stellungnahme_app.store import Store

        configuration = configuration or load_configuration()
        return cls(Store.open(database, housekeeping=housekeeping), configuration.settings)

    @staticmethod
    def update_due(database: Path | None = None) -> bool:
        """Opening ``database`` (default: the data folder's) will first bring drafts of an
        older program version to the current form – seconds for thousands of drafts."""
        from stellungnahme_app import paths
        from stellungnahme_app.store import DATABASE_FILE_NAME, schema

        if database is None:
            database = paths.data_dir(create=False) / DATABASE_FILE_NAME
        return schema.update_due(Path(database))

    def housekeeping(self) -> list[str]:
        """The store's integrity check, the day's backup and emptying the trash, and tidying
        up after killed runs; German notices for the user (damage found, a backup kept).
        Safe on a worker thread while the drafts are in use; never raises for a failed
        backup (it is tried again next time)."""
        clean_up_after_killed_runs()
        return self._store.housekeeping()

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ------------------------------------------------------------------ what it holds

    @property
    def database_path(self) -> Path:
        return self._store.path

    @property
    def read_only_reason(self) -> str | None:
        """Why the drafts can only be read (German), or ``None`` when they can be changed."""
        return self._store.read_only_reason

    def unreadable_drafts(self) -> list[UnreadableDraft]:
        """Drafts whose stored row cannot be read: left out of lists, each with its problem."""
        return self._store.unreadable_drafts()

    def unreadable_drafts_apart(self) -> list[UnreadableDraft]:
        """:meth:`unreadable_drafts` for a worker thread: through a connection of its own, so
        saving meanwhile is not held up (the window asks after its first paint)."""
        return self._store.unreadable_drafts_apart()

    @property
    def recovery_notice(self) -> str | None:
        """German text about a repair made when the database was opened, else ``None``."""
        return self._store.recovery_notice

    @property
    def textbausteine(self) -> list[Textbaustein]:
        """The Textbausteine of the configured folder, read on first use."""
        if self._textbausteine is None:
            self.use_textbausteine(*self.read_textbausteine())
        assert self._textbausteine is not None
        return self._textbausteine

    def read_textbausteine(self) -> tuple[list[Textbaustein], list[str]]:
        """Read (and trial-render) the configured Textbausteine without keeping them: safe on
        a worker thread, so a slow or broken folder never holds up the window."""
        return load_textbausteine_reporting(self.settings)

    def use_textbausteine(self, items: Sequence[Textbaustein], problems: Sequence[str]) -> None:
        """Work with these Textbausteine (read by :meth:`read_textbausteine`)."""
        self._textbausteine = list(items)
        self._textbaustein_problems = list(problems)

    @property
    def textbausteine_loaded(self) -> bool:
        """True once the Textbausteine were read (the window reads them after its first paint)."""
        return self._textbausteine is not None

    def take_textbaustein_problems(self) -> list[str]:
        """German sentences about Textbausteine that could not be read (each told once)."""
        problems, self._textbaustein_problems = self._textbaustein_problems, []
        return problems

    def use_configuration(self, configuration: Configuration) -> None:
        """Work with new settings from now on; the Textbausteine are read again on next use."""
        self.settings = configuration.settings
        self._textbausteine = None
        self._textbaustein_problems = []
        self._spelling = None

    # ------------------------------------------------------------------ drafts

    def new_draft(self) -> OpenDraft:
        """Store a new, empty Stellungnahme with the configured defaults and open it."""
        stored = self._store.create(documents.new_draft_content(self.settings))
        return OpenDraft.from_stored(stored, is_new=True)

    def create_draft(
        self, draft: Draft, *, status: Status = Status.DRAFT, deadline: date | None = None
    ) -> OpenDraft:
        """Store a copy of ``draft`` as a new draft (e.g. read from a motion) and open it."""
        stored = self._store.create(draft.copy(), status=status, deadline=deadline)
        return OpenDraft.from_stored(stored)

    def open_draft(self, draft_id: int) -> OpenDraft:
        """The draft with this id, ready to be edited and saved."""
        return OpenDraft.from_stored(self._store.load(draft_id))

    def is_in_trash(self, draft_id: int) -> bool:
        return self._store.load(draft_id).deleted is not None

    def save(self, opened: OpenDraft) -> None:
        """Write draft, status and deadline; ``revision`` and ``changed`` move on in place.

        Raises :class:`~stellungnahme_app.store.ConflictError` when it was saved elsewhere
        since it was opened (nothing is written then), ``DraftNotFound`` when it is gone.
        """
        saved = self._store.save(opened)
        opened.revision = saved.revision
        opened.changed = saved.changed

    def keep_as_copy(self, opened: OpenDraft) -> OpenDraft:
        """Store the state of ``opened`` as a new draft (when saving it would overwrite a
        newer state, or it was deleted elsewhere); returns the copy, opened."""
        return self.create_draft(opened.draft, status=opened.status, deadline=opened.deadline)

    def discard_if_unused(self, opened: OpenDraft) -> bool:
        """Remove for good a new draft the author entered nothing into; True if removed."""
        if not opened.is_new:
            return False
        try:
            return self._store.discard_unused(opened.id, revision=opened.revision)
        except StellungnahmeError:
            log.warning("Unbenutzter Entwurf %s nicht verworfen", opened.id, exc_info=True)
            return False

    def duplicate(self, draft_id: int) -> OpenDraft:
        """A new draft with the same content (number left empty, status "Entwurf") and the
        same ignored words."""
        copy = OpenDraft.from_stored(self._store.duplicate(draft_id))
        try:
            self.spelling.copy_ignored(draft_id, copy.id)
        except StellungnahmeError:
            log.warning("Ignorierte Wörter nicht übernommen", exc_info=True)
        return copy

    def move_to_trash(self, draft_id: int) -> str:
        """Put the draft into the trash; returns its title (for "… liegt im Papierkorb")."""
        title = self._store.load(draft_id).draft.display_title
        self._store.delete(draft_id)
        return title

    def restore_from_trash(self, draft_id: int) -> str:
        """Take the draft out of the trash; returns its title."""
        self._store.restore_from_trash(draft_id)
        return self._store.load(draft_id).draft.display_title

    def list_drafts(
        self, *, status: Status | None = None, order: str = "changed", trash: bool = False
    ) -> list[DraftSummary]:
        return self._store.list_drafts(status=status, order=order, trash=trash)

    def search(self, text: str, *, status: Status | None = None) -> list[DraftSummary]:
        return self._store.search(text, status=status)

    def draft_ids(
        self,
        *,
        status: Status | None = None,
        trash: bool = False,
        sort: str = "changed",
        descending: bool = True,
    ) -> list[int]:
        """The ids of a list of drafts in the order of a column (see ``Store.list_ids``); the
        overview reads their lines page by page with :meth:`draft_summaries`."""
        return self._store.list_ids(status=status, trash=trash, sort=sort, descending=descending)

    def draft_summaries(self, ids: Sequence[int]) -> list[DraftSummary]:
        """The list lines of these drafts, in this order (unreadable ones left out)."""
        return self._store.summaries(ids)

    def changed_elsewhere(self) -> bool:
        """True if another window or program changed the drafts since the last call."""
        return self._store.changed_elsewhere()

    def add_example_if_empty(self) -> bool:
        """On an empty database, add the example Stellungnahme 0661/24; True if added."""
        if not self._store.is_empty():
            return False
        self._store.create(exchange.read_file(example_draft_file()))
        return True

    # ------------------------------------------------------------------ checking and export

    def check(self, draft: Draft) -> list[Finding]:
        """The rules' findings with the configured form of the Drucksache number."""
        return documents.check_draft(draft, self.settings)

    @property
    def spelling(self) -> Spelling:
        """The spell-check of the settings in effect (its dictionary is loaded on first use);
        the words ignored per draft are kept beside the database."""
        if self._spelling is None:
            from stellungnahme_app.workspace.spelling import Spelling, ignored_words_beside

            self._spelling = Spelling(self.settings, ignored=ignored_words_beside(self._store.path))
        return self._spelling

    def spelling_findings(self, opened: OpenDraft) -> list[SpellingFinding]:
        """The spell-check's Hinweise for the draft (empty without a dictionary); they never
        block the export. Slow (suggestions): the window asks the background checker."""
        if not self.spelling.available:
            return []
        return self.spelling.findings(opened.draft, draft_id=opened.id)

    def export_document(self, opened: OpenDraft, target: Path, *, draft_mode: bool) -> Path:
        """Write the draft as .docx or .pdf and keep what was written as a version.

        Safe on a worker thread when given a copy (:meth:`OpenDraft.copy`).
        """
        written = documents.export_draft(opened.draft, target, self.settings, draft_mode=draft_mode)
        kind = ExportKind.of_document(target.suffix, draft_mode=draft_mode)
        self._keep_export(opened.id, opened.draft, kind.value)
        return written

    def export_changes(
        self, opened: OpenDraft, since_version: int, target: Path, *, draft_mode: bool
    ) -> Path:
        """Write the draft as a Word document with its changes since the version
        ``since_version`` (an id) as Word's tracked changes, by the Windows user; kept as a
        version. Safe on a worker thread when given a copy (:meth:`OpenDraft.copy`)."""
        since = self.version(opened.id, since_version)
        old = self._store.load_version(since.id)
        written = documents.export_changes(
            old,
            opened.draft,
            target,
            self.settings,
            draft_mode=draft_mode,
            author=user_name(),
            when=dt.datetime.now(dt.UTC),
        )
        kind = ExportKind.CHANGES_DRAFT if draft_mode else ExportKind.CHANGES
        self._keep_export(opened.id, opened.draft, f"{kind.value}:{since.number}")
        return written

    def _keep_export(self, draft_id: int, exported: Draft, detail: str) -> None:
        """Keep what was written as a version – unless the drafts can only be read now."""
        if self._store.read_only:
            log.info("Export von Entwurf %s nicht als Version vermerkt (nur lesbar)", draft_id)
            return
        self._store.keep_version(draft_id, VersionReason.EXPORT, draft=exported, detail=detail)

    def export_stored(
        self,
        draft_id: int,
        target: Path,
        *,
        draft_mode: bool = False,
        changes_since: int | None = None,
    ) -> Path:
        """Write a stored draft out: ``.json`` as exchange file, ``.docx``/``.pdf`` as the
        document – with ``changes_since`` (a version id) the .docx with the changes since
        that version as tracked changes; the export is kept as a version."""
        opened = self.open_draft(draft_id)
        if changes_since is not None:
            return self.export_changes(opened, changes_since, target, draft_mode=draft_mode)
        if target.suffix.casefold() == exchange.FILE_SUFFIX:
            written = documents.write_exchange_file(opened.draft, target)
            self._keep_export(draft_id, opened.draft, ExportKind.EXCHANGE_FILE.value)
            return written
        return self.export_document(opened, target, draft_mode=draft_mode)

    def write_exchange_file(self, draft_id: int, target: Path) -> Path:
        """Save a stored draft as a ``stellungnahme/1`` file (``.json`` added if missing)."""
        return documents.write_exchange_file(self._store.load(draft_id).draft, target)

    def emergency_copy(self, opened: OpenDraft) -> Path | None:
        """The draft as a file in the data folder, for when the database cannot take it."""
        return documents.emergency_copy(opened.draft)

    # ------------------------------------------------------------------ importing

    @staticmethod
    def read_import_files(files: Iterable[Path]) -> list[FileReading]:
        """Read exchange files (no database access: fine on a worker thread)."""
        return read_exchange_files(files)

    def add_imported(
        self, readings: Sequence[FileReading], *, all_or_nothing: bool = False
    ) -> ImportReport:
        """Store each draft read as a new draft with an "Import" version.

        With ``all_or_nothing`` nothing is stored when any file could not be read.
        """
        report = ImportReport()
        report.failures = [(r.path, r.error) for r in readings if r.error is not None]
        if all_or_nothing and report.failures:
            return report
        readable = [r for r in readings if r.draft is not None]
        try:  # one transaction: if storing one fails, none is stored
            stored = self._store.create_all(
                [r.draft for r in readable if r.draft is not None], reason=VersionReason.IMPORT
            )
        except StellungnahmeError as error:
            report.failures += [(r.path, error) for r in readable]
            return report
        report.added = [
            ImportedDraft(reading.path, item.id, item.draft.display_title)
            for reading, item in zip(readable, stored, strict=True)
        ]
        return report

    def import_files(self, files: Iterable[Path], *, all_or_nothing: bool = False) -> ImportReport:
        return self.add_imported(self.read_import_files(files), all_or_nothing=all_or_nothing)

    def create_draft_from_motion(self, take_over: MotionTakeOver) -> OpenDraft:
        """A new draft with the configured defaults and the motion's number, title and
        points (as the clerk confirmed them), kept with an „Antrag übernommen“ version."""
        from stellungnahme_app.workspace.motion_import import motion_draft

        draft = motion_draft(take_over, documents.new_draft_content(self.settings))
        [stored] = self._store.create_all(
            [draft], reason=VersionReason.MOTION, details=[take_over.source_name]
        )
        return OpenDraft.from_stored(stored)

    def take_over_motion(self, opened: OpenDraft, take_over: MotionTakeOver) -> int:
        """Put the motion into the open draft (:func:`take_over_into`: its points replace or
        follow the others); returns the position of its first point. The state before and
        the one after are kept as versions („Antrag übernommen“)."""
        before = opened.draft.copy()
        from stellungnahme_app.workspace.motion_import import take_over_into

        first = take_over_into(opened.draft, take_over)
        self._keep_take_over(opened, before, VersionReason.MOTION, take_over.source_name)
        return first

    def take_over_contributions(
        self, opened: OpenDraft, plan: ImportPlan, *, chosen: Iterable[int] | None = None
    ) -> list[int]:
        """Carry out the chosen items of an import plan (:func:`contribution_import.apply`)
        on the open draft; returns the contributions changed. The state before and the one
        after are kept as versions („Beitrag des Amts für Bildung übernommen“)."""
        selected = set(range(len(plan.items)) if chosen is None else chosen)
        before = opened.draft.copy()
        changed = contribution_import.apply(opened.draft, plan, chosen=selected)
        offices = [
            item.incoming.office if not is_blank(item.incoming.office) else item.incoming.heading
            for position, item in enumerate(plan.items)
            if position in selected and item.action is not ImportAction.UNCHANGED
        ]
        if changed:
            detail = "\n".join(" ".join(office.split()) for office in offices if office.strip())
            self._keep_take_over(opened, before, VersionReason.CONTRIBUTIONS, detail)
        return changed

    def _keep_take_over(
        self, opened: OpenDraft, before: Draft, reason: VersionReason, detail: str
    ) -> None:
        """Keep the state before a take-over (unless the newest version holds it) and the
        one after. The take-over stands even if this fails: the draft is saved as usual."""
        if self._store.read_only:
            return
        try:
            self._keep_unless_newest(opened.id, before)
            self._store.keep_version(opened.id, reason, draft=opened.draft, detail=detail)
        except StellungnahmeError:
            log.warning(
                "Übernahme in Entwurf %s nicht als Version vermerkt", opened.id, exc_info=True
            )

    def _keep_unless_newest(self, draft_id: int, content: Draft) -> VersionInfo:
        """The version that holds ``content``: the newest if it does, else a new one."""
        kept = self._store.versions(draft_id)
        if kept and self._store.load_version(kept[0].id) == content:
            return kept[0]
        return self._store.keep_version(draft_id, VersionReason.EDIT, draft=content)

    def replace_from_file(self, draft_id: int, path: Path) -> ReplacedContent | None:
        """Replace the draft's content with an exchange file's; the state it replaces is
        kept as a version first. ``None`` if the file holds what the draft holds already.

        Raises :class:`~stellungnahme_app.errors.ExchangeFormatError` (German, naming the
        file) for an unreadable or unreasonably large file, ``ConflictError`` if the draft
        is being saved elsewhere at the same moment.
        """
        incoming = exchange.read_file(path)
        problem = size_problem(incoming)
        if problem is not None:
            raise ExchangeFormatError(f"„{path.name}“: {problem}")
        opened = self.open_draft(draft_id)
        if opened.draft == incoming:
            return None
        previous = self._keep_unless_newest(draft_id, opened.draft)
        opened.draft = incoming
        self.save(opened)
        self._store.keep_version(draft_id, VersionReason.UPDATE, detail=path.name)
        return ReplacedContent(opened, previous)

    def add_motions(
        self, readings: Sequence[MotionFileReading], *, all_or_nothing: bool = True
    ) -> ImportReport:
        """A new draft from each motion read (see :meth:`create_draft_from_motion`), stored
        in one transaction. With ``all_or_nothing`` nothing is stored when any motion could
        not be read."""
        from stellungnahme_app.workspace.motion_import import MotionTakeOver, motion_draft

        report = ImportReport()
        report.failures = [(r.path, r.error) for r in readings if r.error is not None]
        if all_or_nothing and report.failures:
            return report
        readable = [item for item in readings if item.reading is not None]
        take_overs = [MotionTakeOver.of(item.reading) for item in readable if item.reading]
        drafts = [
            motion_draft(take_over, documents.new_draft_content(self.settings))
            for take_over in take_overs
        ]
        try:
            stored = self._store.create_all(
                drafts,
                reason=VersionReason.MOTION,
                details=[take_over.source_name for take_over in take_overs],
            )
        except StellungnahmeError as error:
            report.failures += [(item.path, error) for item in readable]
            return report
        report.added = [
            ImportedDraft(item.path, created.id, created.draft.display_title)
            for item, created in zip(readable, stored, strict=True)
        ]
        return report

    # ------------------------------------------------------------------ versions

    def versions(self, draft_id: int) -> list[VersionInfo]:
        """The draft's versions, newest first."""
        return self._store.versions(draft_id)

    def load_version(self, version_id: int) -> Draft:
        return self._store.load_version(version_id)

    def version(self, draft_id: int, version_id: int) -> VersionInfo:
        """The version ``version_id`` of the draft; ``DraftNotFound`` if it is not one."""
        for info in self._store.versions(draft_id):
            if info.id == version_id:
                return info
        raise DraftNotFound(
            f"Die Version Nr. {version_id} gehört nicht zum Entwurf Nr. {draft_id} (oder gibt es "
            "nicht mehr)."
        )

    def version_numbered(self, draft_id: int, number: int) -> VersionInfo:
        """The draft's version with this number (1 = the first kept, as ``drafts versions``
        lists them); ``DraftNotFound`` with a German message naming the numbers there are."""
        kept = self._store.versions(draft_id)
        for info in kept:
            if info.number == number:
                return info
        if not kept:
            there = "Er hat noch keine Versionen."
        else:
            numbers = sorted(info.number for info in kept)
            there = f"Er hat die Versionen {numbers[0]} bis {numbers[-1]}."
        raise DraftNotFound(
            f"Der Entwurf Nr. {draft_id} hat keine Version {number}. {there} (Siehe: "
            f"stellungnahme drafts versions {draft_id})"
        )

    def version_content(self, draft_id: int, version_id: int | None) -> Draft:
        """The draft as it was in one of its versions (``None``: as it is stored now)."""
        if version_id is None:
            return self._store.load(draft_id).draft
        return self._store.load_version(self.version(draft_id, version_id).id)

    def compare(
        self, draft_id: int, older: int | None, newer: int | None = None
    ) -> DraftComparison:
        """What reads differently in version ``newer`` than in version ``older`` (ids; ``None``
        is the draft as stored now), field by field in the form's order."""
        from stellungnahme_app.compare import compare_drafts  # not needed before the first paint

        return compare_drafts(
            self.version_content(draft_id, older), self.version_content(draft_id, newer)
        )

    def name_version(self, version_id: int, name: str) -> VersionInfo:
        """Give a version a name („Fassung für den Dezernenten“); an empty name removes it."""
        return self._store.name_version(version_id, name)

    def restore_version(self, version_id: int) -> OpenDraft:
        """Make an earlier version the draft's state (the replaced one is kept as a version)."""
        return OpenDraft.from_stored(self._store.restore_version(version_id))

    # ------------------------------------------------------------------ backups

    def backups(self) -> list[BackupFile]:
        """The backups of the database, newest first."""
        return self._store.backups()

    def back_up_now(self) -> Path:
        return self._store.backup()

    def restore_backup(self, name: str | None = None) -> RestoredBackup:
        """Replace all drafts with a backup (``None``: the newest); the old file is kept."""
        used = self._store.restore_backup(name)
        return RestoredBackup(used=used, previous_database=self._store.previous_database)
