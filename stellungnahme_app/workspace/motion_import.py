"""Taking a motion in: read it, let the clerk confirm it, make or fill a draft with it.

Reading (:func:`read_motion_file`, :func:`read_motion_files`, :func:`read_pasted_motion`)
touches only files, so the window runs it on a worker thread; it applies the configured
form of the Drucksache number and refuses a motion of unreasonable size. What the clerk
confirmed in the preview – possibly edited – is a :class:`MotionTakeOver`; it either
becomes a new draft (:meth:`Workspace.create_draft_from_motion`, configured defaults
besides) or goes into the open draft (:func:`take_over_into`: the points replace or follow
the existing ones). The command line writes an exchange file with :func:`motion_draft`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from stellungnahme_app.cancellation import Cancellation
from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.model import Draft, ResolutionPoint
from stellungnahme_app.motion import MotionReading, read_motion, read_motion_text
from stellungnahme_app.settings import Settings
from stellungnahme_app.workspace.draft_limits import MAX_RESOLUTION_POINTS, size_problem


class MotionTooLarge(StellungnahmeError):
    """A motion with more resolution points (or longer ones) than a Stellungnahme can take."""


@dataclass
class MotionTakeOver:
    """What is taken over from a motion, as the clerk confirmed it in the preview."""

    number: str
    title: str
    points: list[ResolutionPoint]
    #: False: the points are appended to those already in the draft.
    replace_points: bool = True
    #: False: the draft keeps its number and title (only the points are taken over).
    number_and_title: bool = True
    #: Where it came from ("antrag-0815-25.pdf"), for messages.
    source_name: str = ""

    @classmethod
    def of(cls, reading: MotionReading) -> MotionTakeOver:
        """Everything read, unchanged."""
        return cls(
            number=reading.number,
            title=reading.title,
            points=reading.resolution_points,
            source_name=reading.name,
        )


@dataclass(frozen=True)
class MotionFileReading:
    """One motion file as read: what it says, or why it could not be read."""

    path: Path
    reading: MotionReading | None = None
    error: StellungnahmeError | None = None


@dataclass
class MotionReport:
    """What taking motions into the store did."""

    added: list[tuple[MotionReading, int]] = field(default_factory=list)
    failures: list[tuple[Path, StellungnahmeError]] = field(default_factory=list)


def _check_size(reading: MotionReading) -> MotionReading:
    problem = size_problem(reading.fill(Draft()))
    if problem is not None:
        raise MotionTooLarge(f"„{reading.name}“: {problem}")
    return reading


def read_motion_file(
    path: Path,
    settings: Settings,
    *,
    main_file: Path | None = None,
    cancellation: Cancellation | None = None,
) -> MotionReading:
    """Read the motion at ``path`` (a PDF, Word file or OParl record) with the configured
    form of the Drucksache number; German errors, nothing stored."""
    reading = read_motion(
        path,
        number_pattern=settings.number_pattern,
        number_example=settings.number_example,
        main_file=main_file,
        cancellation=cancellation,
    )
    return _check_size(reading)


def read_motion_files(
    files: Iterable[Path], settings: Settings, *, main_file: Path | None = None
) -> list[MotionFileReading]:
    """Read each file; a file that cannot be read is reported, never raised."""
    readings = []
    for path in files:
        try:
            reading = read_motion_file(path, settings, main_file=main_file)
        except StellungnahmeError as error:
            readings.append(MotionFileReading(path, error=error))
        else:
            readings.append(MotionFileReading(path, reading=reading))
    return readings


def read_pasted_motion(text: str, settings: Settings) -> MotionReading:
    """A motion pasted as text (its PDF was a scan), split like a file."""
    reading = read_motion_text(
        text, number_pattern=settings.number_pattern, number_example=settings.number_example
    )
    return _check_size(reading)


def motion_draft(take_over: MotionTakeOver, base: Draft | None = None) -> Draft:
    """``base`` (default: an empty draft) with the motion's number, title and points."""
    draft = base.copy() if base is not None else Draft()
    draft.document_number = take_over.number
    draft.document_title = take_over.title
    draft.resolution_points = [ResolutionPoint(p.number, p.text) for p in take_over.points]
    return draft


def take_over_into(draft: Draft, take_over: MotionTakeOver) -> int:
    """Put the motion into ``draft`` (in place); returns the position of its first point.

    Raises :class:`MotionTooLarge` (and changes nothing) when the draft would hold more
    points than a Stellungnahme can.
    """
    changed = draft.copy()
    points = [ResolutionPoint(p.number, p.text) for p in take_over.points]
    first = 0 if take_over.replace_points else len(changed.resolution_points)
    if take_over.replace_points:
        changed.resolution_points = points
    else:
        changed.resolution_points += points
    if take_over.number_and_title:
        changed.document_number = take_over.number
        changed.document_title = take_over.title
    total = len(changed.resolution_points)
    if total > MAX_RESOLUTION_POINTS:
        raise MotionTooLarge(
            f"Mit den {len(points)} Punkten aus „{take_over.source_name}“ hätte die "
            f"Stellungnahme {total} Beschlusspunkte; sie kann höchstens "
            f"{MAX_RESOLUTION_POINTS} haben. Wählen Sie „Ersetzen“ statt „Anhängen“."
        )
    draft.document_number = changed.document_number
    draft.document_title = changed.document_title
    draft.resolution_points[:] = changed.resolution_points
    return first


def number_differs(draft: Draft, reading: MotionReading) -> bool:
    """True when the draft already names another Drucksache than the motion."""
    current = " ".join(draft.document_number.split())
    return bool(current and reading.number and current != reading.number)
