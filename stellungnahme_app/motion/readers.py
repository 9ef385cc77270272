"""Reading a motion from a PDF, a Word file, an OParl record or pasted text.

:func:`read_motion` decides by the file's content (``%PDF``, a ZIP package, JSON), not by
its name, reads its lines (:mod:`.pdf_reader`, :mod:`.docx_reader`, :mod:`.oparl`) and finds
number, title and resolution points in them (:mod:`.structure`). Every failure is a German
:class:`~.errors.MotionError`; nothing is stored anywhere. Reading a PDF reports its pages to
the :class:`~stellungnahme_app.cancellation.Cancellation` and stops when it is cancelled.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from stellungnahme_app.cancellation import Cancellation
from stellungnahme_app.motion import oparl, structure
from stellungnahme_app.motion.errors import (
    DamagedFile,
    NoResolutionPoints,
    UnknownFileType,
    not_a_docx,
    not_a_pdf,
    old_word_file,
)
from stellungnahme_app.motion.lines import SourceLine
from stellungnahme_app.motion.motion_reading import MotionReading, Origin, SourceKind
from stellungnahme_app.rules import DEFAULT_NUMBER_EXAMPLE, DEFAULT_NUMBER_PATTERN

#: The files the program reads motions from (the file dialogs offer these).
MOTION_SUFFIXES = (".pdf", ".docx", ".json")
_SNIFF_BYTES = 1024
#: The start of an old Word file (.doc, an OLE compound file).
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def file_kind(path: Path) -> SourceKind:
    """PDF, Word or OParl by the first bytes of the file (by its name only if empty)."""
    try:
        with path.open("rb") as file:
            head = file.read(_SNIFF_BYTES)
    except FileNotFoundError:
        raise DamagedFile(f"Die Datei „{path.name}“ gibt es nicht (mehr).", path=path) from None
    except OSError as error:
        raise DamagedFile(
            f"Die Datei „{path.name}“ kann nicht gelesen werden ({error.strerror}).", path=path
        ) from None
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"%PDF-" in head:
        return SourceKind.PDF
    if head.startswith(b"PK\x03\x04"):
        return SourceKind.WORD
    if stripped[:1] in (b"{", b"["):
        return SourceKind.OPARL
    if head.startswith(_OLE_SIGNATURE) or path.suffix.casefold() == ".doc":
        raise old_word_file(path)
    suffix = path.suffix.casefold()
    if suffix == ".docx":
        raise not_a_docx(path)
    if suffix == ".pdf":
        raise not_a_pdf(path)
    raise UnknownFileType(
        f"„{path.name}“ ist weder ein PDF noch eine Word-Datei (.docx) noch ein OParl-Datensatz "
        "(.json). Anträge können aus diesen Dateien gelesen werden.",
        path=path,
    )


def read_motion(
    path: Path,
    *,
    number_pattern: str = DEFAULT_NUMBER_PATTERN,
    number_example: str = DEFAULT_NUMBER_EXAMPLE,
    main_file: Path | None = None,
    cancellation: Cancellation | None = None,
) -> MotionReading:
    """Read the motion at ``path``; ``main_file`` is an OParl record's document."""
    cancellation = cancellation or Cancellation()
    kind = file_kind(path)
    if kind is SourceKind.OPARL:
        reading = _read_record(path, main_file, number_pattern, cancellation)
    else:
        reading = _read_document(path, kind, number_pattern, cancellation)
    return _note_what_is_missing(reading, number_example)


def _read_document(
    path: Path,
    kind: SourceKind,
    number_pattern: str,
    cancellation: Cancellation,
    *,
    source: Path | None = None,
) -> MotionReading:
    if kind is SourceKind.PDF:
        from stellungnahme_app.motion.pdf_reader import read_pdf_lines

        pdf = read_pdf_lines(path, cancellation)
        lines, margins, pages = pdf.lines, pdf.margin_lines, pdf.page_count
    elif kind is SourceKind.WORD:
        from stellungnahme_app.motion.docx_reader import read_docx_lines

        cancellation.report("Word-Datei wird gelesen")
        docx = read_docx_lines(path)
        lines, margins, pages = docx.lines, docx.margin_lines, 0
    else:
        raise UnknownFileType(
            f"„{path.name}“ ist kein PDF und keine Word-Datei (.docx).", path=path
        )
    cancellation.check()
    reading = MotionReading(
        source=source or path, kind=kind if source is None else SourceKind.OPARL, document=path
    )
    reading.page_count = pages
    interpret(reading, lines, margins, number_pattern, path.name)
    return reading


def _read_record(
    path: Path, main_file: Path | None, number_pattern: str, cancellation: Cancellation
) -> MotionReading:
    record = oparl.read_paper(path)
    document = oparl.locate_main_file(record, path, main_file)
    kind = file_kind(document)
    if kind is SourceKind.OPARL:
        raise UnknownFileType(
            f"Die Hauptdatei „{document.name}“ ist kein PDF und keine Word-Datei (.docx).",
            path=document,
        )
    reading = _read_document(document, kind, number_pattern, cancellation, source=path)
    if record.reference:
        reading.number = record.reference
        reading.number_origin = Origin(excerpt=record.reference, from_record="reference")
    if record.name:
        reading.title = record.name
        reading.title_origin = Origin(excerpt=record.name, from_record="name")
    return reading


def read_motion_text(
    text: str,
    *,
    number_pattern: str = DEFAULT_NUMBER_PATTERN,
    number_example: str = DEFAULT_NUMBER_EXAMPLE,
    name: str = "eingefügter Text",
) -> MotionReading:
    """A motion pasted as text (when its PDF is a scan): the same search, and if no
    "Der Stadtrat beschließt:" is found, the whole text is taken as the resolution points."""
    lines = [SourceLine(line, starts_paragraph=True) for line in text.splitlines()]
    reading = MotionReading(source=Path(name), kind=SourceKind.TEXT, document=None)
    interpret(reading, lines, [], number_pattern, name, whole_text_if_unmarked=True)
    return _note_what_is_missing(reading, number_example)


def interpret(
    reading: MotionReading,
    lines: Sequence[SourceLine],
    margins: Sequence[SourceLine],
    number_pattern: str,
    source_name: str,
    *,
    whole_text_if_unmarked: bool = False,
) -> None:
    """Fill ``reading`` with number, title and points found in ``lines``."""
    section = structure.find_section(lines)
    if section is None:
        if not whole_text_if_unmarked:
            raise NoResolutionPoints(
                f"In „{source_name}“ wurden keine Beschlusspunkte gefunden. " + structure.LOOKED_FOR
            )
        section = structure.Section(opening="", opening_line=0, start=0, end=len(lines))
    head = lines[: section.opening_line]
    reading.opening = section.opening
    reading.preamble, reading.points, notes = structure.find_points(lines, section, source_name)
    number, number_line = structure.find_number(head, margins, number_pattern)
    if number_line is not None:
        reading.number = number
        reading.number_origin = structure.origin_of([number_line])
    title = structure.find_title(head, len(head), number_line)
    if title is not None and title.text:
        reading.title = title.text
        reading.title_origin = structure.origin_of(title.lines)
    reading.notes = notes


def _note_what_is_missing(reading: MotionReading, number_example: str) -> MotionReading:
    if not reading.number:
        reading.notes.append(
            f"Die Nummer der Drucksache (Form {number_example}) wurde nicht gefunden; bitte "
            "tragen Sie sie ein."
        )
    if not reading.title:
        reading.notes.append(
            "Der Titel der Drucksache wurde nicht gefunden; bitte tragen Sie ihn ein."
        )
    return reading
