"""What was read from a motion: number, title and resolution points, each with where it stood.

A :class:`MotionReading` is shown to the clerk before anything is taken over: next to each
value the page it came from (PDF) or the text it was read from (Word, OParl, pasted text).
It is plain data and may travel from a worker thread to the window.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path

from stellungnahme_app.model import Draft, ResolutionPoint
from stellungnahme_app.motion.lines import Box


class SourceKind(enum.Enum):
    PDF = "pdf"
    WORD = "docx"
    OPARL = "oparl"
    TEXT = "text"

    @property
    def label(self) -> str:
        return {
            SourceKind.PDF: "PDF",
            SourceKind.WORD: "Word-Datei",
            SourceKind.OPARL: "OParl-Datensatz",
            SourceKind.TEXT: "eingefügter Text",
        }[self]


@dataclass(frozen=True)
class PageBox:
    """A region of a PDF page (from 1) where something was read."""

    page: int
    box: Box


@dataclass(frozen=True)
class Origin:
    """Where a value stood: the lines it was read from, and for a PDF the pages and regions."""

    excerpt: str
    pages: tuple[int, ...] = ()
    boxes: tuple[PageBox, ...] = ()
    #: Not from the document but from the OParl record ("reference", "name").
    from_record: str = ""

    @property
    def page_label(self) -> str:
        """``Seite 2``, ``Seiten 1–2`` or ``""``."""
        if not self.pages:
            return ""
        if len(self.pages) == 1:
            return f"Seite {self.pages[0]}"
        return f"Seiten {self.pages[0]}–{self.pages[-1]}"


@dataclass(frozen=True)
class ReadPoint:
    """A resolution point as read: the number as written (``01``, ``1.``, ``a)``) and text."""

    number: str
    text: str
    origin: Origin

    def as_point(self) -> ResolutionPoint:
        return ResolutionPoint(number=self.number, text=self.text)


@dataclass
class MotionReading:
    """Everything read from one motion; see the module docstring."""

    #: The file the clerk chose (for OParl: the JSON record).
    source: Path
    kind: SourceKind
    #: The file the points were read from (for OParl: its main file; else ``source``).
    document: Path | None
    number: str = ""
    number_origin: Origin | None = None
    title: str = ""
    title_origin: Origin | None = None
    #: The line that opens the resolution points, e.g. „Der Stadtrat möge beschließen:“.
    opening: str = ""
    #: Text between that line and the first point (not taken over).
    preamble: str = ""
    points: list[ReadPoint] = field(default_factory=list)
    #: Pages of the PDF the points came from (0 for other files).
    page_count: int = 0
    #: German sentences about what could not be found or needs checking.
    notes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def resolution_points(self) -> list[ResolutionPoint]:
        return [point.as_point() for point in self.points]

    def fill(self, draft: Draft) -> Draft:
        """``draft`` with this motion's number, title and points (a copy; the rest kept)."""
        filled = draft.copy()
        filled.document_number = self.number
        filled.document_title = self.title
        filled.resolution_points = self.resolution_points
        return filled

    def summary(self) -> str:
        """``0815/25 – Sichere Schulwege …: 4 Beschlusspunkte (Seiten 1–2)``."""
        head = " – ".join(part for part in (self.number, self.title) if part) or self.name
        count = len(self.points)
        points = f"{count} Beschlusspunkt{'e' if count != 1 else ''}"
        pages = sorted({page for point in self.points for page in point.origin.pages})
        where = ""
        if pages:
            where = (
                f" (Seite {pages[0]})" if len(pages) == 1 else f" (Seiten {pages[0]}–{pages[-1]})"
            )
        return f"{head}: {points}{where}"
