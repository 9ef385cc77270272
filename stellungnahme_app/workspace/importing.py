"""Taking exchange files (``stellungnahme/1``) in as new drafts: reading them, and the report.

Reading (:func:`read_exchange_files`) touches only the files, so the window runs it on a
worker thread; :meth:`Workspace.add_imported` then stores what was read and returns an
:class:`ImportReport` that says, per file, what became of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from stellungnahme_app import exchange
from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.model import Draft
from stellungnahme_app.workspace.draft_limits import size_problem


@dataclass(frozen=True)
class FileReading:
    """One file as read: its draft, or why it could not be read."""

    path: Path
    draft: Draft | None = None
    error: StellungnahmeError | None = None


@dataclass(frozen=True)
class ImportedDraft:
    """A draft an import added: where it came from, its number in the store, its title."""

    path: Path
    id: int
    title: str


@dataclass
class ImportReport:
    """What an import did: the drafts it added and the files it could not take."""

    added: list[ImportedDraft] = field(default_factory=list)
    failures: list[tuple[Path, StellungnahmeError]] = field(default_factory=list)

    @property
    def added_ids(self) -> list[int]:
        return [item.id for item in self.added]


class DraftTooLarge(StellungnahmeError):
    """A file holds far more than a Stellungnahme can (see :mod:`.draft_limits`)."""


def read_exchange_files(files: Iterable[Path]) -> list[FileReading]:
    """Read and check each file; a file that cannot be read, or holds an unreasonably large
    draft, is reported, never raised."""
    readings: list[FileReading] = []
    for path in files:
        try:
            draft = exchange.read_file(path)
        except StellungnahmeError as error:
            readings.append(FileReading(path, error=error))
            continue
        problem = size_problem(draft)
        if problem is not None:
            readings.append(FileReading(path, error=DraftTooLarge(f"„{path.name}“: {problem}")))
        else:
            readings.append(FileReading(path, draft=draft))
    return readings
