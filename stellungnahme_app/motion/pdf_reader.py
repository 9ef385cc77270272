"""The text of a PDF motion, line by line, with pypdfium2 (PDFium): no headers and footers.

Council papers come as PDFs from the council information system, made by Word or
LibreOffice. PDFium gives each page's text in reading order with a line break after every
printed line, and where each character stands. :func:`read_pdf_lines` turns that into
:class:`~.lines.SourceLine` objects:

* a line knows its page, its box, its font size and weight;
* a line starts a paragraph when the gap above it is clearly larger than the document's
  usual line pitch (or, at the top of a page, when the page before ended with a short line
  closing a sentence);
* page headers and footers are removed: lines in the top or bottom margin of the page whose
  text (digits aside: "Seite 2 von 5") repeats on at least half of the pages, and lines that
  are page numbers ("- 3 -", "Seite 3", "Seite 3 von 5"). They are kept apart
  (:attr:`PdfText.margin_lines`), since the Drucksache number may stand only there.

A PDF of pictures only (a scan) raises :class:`~.errors.NoTextLayer`; a password or a damaged
file its own German error. :func:`render_page` draws one page for the preview.
"""

from __future__ import annotations

import ctypes
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from stellungnahme_app.cancellation import Cancellation
from stellungnahme_app.fileio import FileReadError, read_bytes
from stellungnahme_app.motion.errors import DamagedFile, EncryptedPdf, NoTextLayer, not_a_pdf
from stellungnahme_app.motion.lines import LINE_END_HYPHEN_MARKS, Box, SourceLine

MAX_PDF_BYTES = 300 * 1024 * 1024
#: Share of the page height at the top and at the bottom where headers and footers stand.
MARGIN_SHARE = 0.12
#: Fewer visible characters per page than this: the PDF is a scan.
MIN_CHARACTERS_PER_PAGE = 20
#: A gap above a line this much larger than the usual line pitch starts a paragraph.
PARAGRAPH_GAP = 1.25
BOLD_WEIGHT = 600
FONT_NAME_BYTES = 128

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HYPHEN_MARK = re.compile(f"[{LINE_END_HYPHEN_MARKS}]")
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"[-–—]\s*\d{1,4}\s*[-–—]|(?:Seite|S\.)\s*\d{1,4}(?:\s*(?:von|/)\s*\d{1,4})?",
    re.IGNORECASE,
)
_SENTENCE_END = (".", ":", ";", "!", "?")


@dataclass(frozen=True)
class PageImage:
    """A rendered page: RGB pixels, ``stride`` bytes a row; the page's size in PDF units."""

    width: int
    height: int
    stride: int
    pixels: bytes
    page_width: float
    page_height: float

    def to_pixels(self, x: float, y: float) -> tuple[float, float]:
        """Where the PDF point (``x``, ``y``) lies on the image (origin top left)."""
        scale = self.width / self.page_width
        return x * scale, (self.page_height - y) * scale


@dataclass
class PdfText:
    """What the PDF says: the body lines in reading order, and the margins' lines apart."""

    lines: list[SourceLine] = field(default_factory=list)
    margin_lines: list[SourceLine] = field(default_factory=list)
    page_count: int = 0


@dataclass
class _Page:
    number: int
    height: float
    lines: list[SourceLine]
    #: Baselines of each line's first and last character (``None``: no position known).
    baselines: list[tuple[float, float] | None]


def open_pdf(path: Path) -> pdfium.PdfDocument:
    """The PDF, or a German error: missing, too large, password, damaged."""
    try:
        data = read_bytes(path, max_bytes=MAX_PDF_BYTES, subject=f"Die Datei „{path.name}“")
    except FileReadError as error:
        raise DamagedFile(error.message, path=path) from None
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedPdf(
                f"„{path.name}“ ist mit einem Kennwort geschützt und kann nicht gelesen werden. "
                "Bitte laden Sie den Antrag ohne Kennwortschutz herunter oder fügen Sie den "
                "Text der Beschlusspunkte über die Zwischenablage ein.",
                path=path,
            ) from None
        raise not_a_pdf(path) from None


def read_pdf_lines(path: Path, cancellation: Cancellation | None = None) -> PdfText:
    """Read every page of the PDF at ``path``; see the module docstring."""
    cancellation = cancellation or Cancellation()
    document = open_pdf(path)
    try:
        count = len(document)
        pages = []
        for index in range(count):
            cancellation.report(f"Seite {index + 1} von {count}")
            pages.append(_read_page(document, index))
    finally:
        document.close()
    visible = sum(len("".join(line.text.split())) for page in pages for line in page.lines)
    if count and visible < MIN_CHARACTERS_PER_PAGE * count:
        raise NoTextLayer(
            f"„{path.name}“ enthält keinen lesbaren Text, nur Bilder der Seiten (ein Scan). "
            "Das Programm kann Text in Bildern nicht erkennen. Kopieren Sie den Text der "
            "Beschlusspunkte stattdessen aus einer anderen Fassung und fügen Sie ihn im "
            "Programmfenster ein („Text einfügen …“).",
            path=path,
        )
    _mark_paragraphs(pages)
    return _without_margins(pages)


def _read_page(document: pdfium.PdfDocument, index: int) -> _Page:
    page = document[index]
    try:
        height = page.get_height()
        textpage = page.get_textpage()
        try:
            lines, baselines = _page_lines(textpage, index + 1)
        finally:
            textpage.close()
    finally:
        page.close()
    return _Page(index + 1, height, lines, baselines)


def _page_lines(
    textpage: pdfium.PdfTextPage, page_number: int
) -> tuple[list[SourceLine], list[tuple[float, float] | None]]:
    count = textpage.count_chars()
    if count <= 0:
        return [], []
    text = textpage.get_text_range(0, count)
    positions_known = len(text) == count  # else PDFium left out or added characters
    lines: list[SourceLine] = []
    baselines: list[tuple[float, float] | None] = []
    for start, line_text in _physical_lines(text):
        if not line_text.strip():
            continue
        first = start + (len(line_text) - len(line_text.lstrip()))
        last = start + len(line_text.rstrip()) - 1
        if positions_known:
            line, baseline = _positioned_line(textpage, line_text, page_number, first, last)
        else:
            line, baseline = SourceLine(line_text, page=page_number), None
        lines.append(line)
        baselines.append(baseline)
    return lines, baselines


def _physical_lines(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each printed line. PDFium joins a word hyphenated at a line end
    with the next line (marking the hyphen): that is split again here, since the next line
    may be another one entirely – the footer, when the hyphen ends the page."""
    pieces = []
    offset = 0
    for match in [*_LINE_BREAK.finditer(text), None]:
        end = match.start() if match is not None else len(text)
        start = offset
        for mark in _HYPHEN_MARK.finditer(text, offset, end):
            pieces.append((start, text[start : mark.end()]))
            start = mark.end()
        pieces.append((start, text[start:end]))
        offset = match.end() if match is not None else len(text)
    return pieces


def _positioned_line(
    textpage: pdfium.PdfTextPage, text: str, page_number: int, first: int, last: int
) -> tuple[SourceLine, tuple[float, float] | None]:
    start_box, end_box = _loose_box(textpage, first), _loose_box(textpage, last)
    box = start_box.union(end_box) if start_box and end_box else start_box or end_box
    start, end = _baseline(textpage, first), _baseline(textpage, last)
    size = pdfium_c.FPDFText_GetFontSize(textpage, first)
    line = SourceLine(
        text,
        page=page_number,
        box=box,
        font_size=round(float(size), 1) if size > 0 else 0.0,
        bold=_is_bold(textpage, first),
    )
    return line, ((start, end) if start is not None and end is not None else None)


def _is_bold(textpage: pdfium.PdfTextPage, index: int) -> bool:
    if pdfium_c.FPDFText_GetFontWeight(textpage, index) >= BOLD_WEIGHT:
        return True
    name = ctypes.create_string_buffer(FONT_NAME_BYTES)
    flags = ctypes.c_int()
    length = pdfium_c.FPDFText_GetFontInfo(textpage, index, name, FONT_NAME_BYTES, flags)
    return 0 < length <= FONT_NAME_BYTES and b"bold" in name.value.lower()


def _baseline(textpage: pdfium.PdfTextPage, index: int) -> float | None:
    x, y = ctypes.c_double(), ctypes.c_double()
    return y.value if pdfium_c.FPDFText_GetCharOrigin(textpage, index, x, y) else None


def _loose_box(textpage: pdfium.PdfTextPage, index: int) -> Box | None:
    rect = pdfium_c.FS_RECTF()
    if not pdfium_c.FPDFText_GetLooseCharBox(textpage, index, rect):
        return None
    return Box(rect.left, rect.bottom, rect.right, rect.top)


# ------------------------------------------------------------------------------ paragraphs


def _usual_pitch(pages: list[_Page]) -> float | None:
    """The distance of two lines of one paragraph: the smaller pitches are the common ones."""
    pitches = []
    for page in pages:
        for above, below in zip(page.baselines, page.baselines[1:], strict=False):
            if above is not None and below is not None and above[1] > below[0]:
                pitches.append(above[1] - below[0])
    if len(pitches) < 3:
        return None
    pitches.sort()
    return pitches[len(pitches) // 5]


def _mark_paragraphs(pages: list[_Page]) -> None:
    pitch = _usual_pitch(pages)
    for page in pages:
        for index in range(1, len(page.lines)):
            above, below = page.baselines[index - 1], page.baselines[index]
            if pitch and above is not None and below is not None:
                gap = above[1] - below[0]
                if gap > pitch * PARAGRAPH_GAP and gap > pitch + 2:
                    page.lines[index] = replace(page.lines[index], starts_paragraph=True)


def _ends_paragraph(line: SourceLine, text_right: float) -> bool:
    """A short last line closing a sentence: the paragraph ended at the foot of the page."""
    if line.box is None or not line.text.rstrip().endswith(_SENTENCE_END):
        return False
    return line.box.right < text_right - 0.15 * max(text_right - line.box.left, 1.0)


# ------------------------------------------------------------------------------ margins


def _margin_key(line: SourceLine) -> str:
    return " ".join(_DIGITS.sub("#", line.text).split()).casefold()


def _in_margin(line: SourceLine, page: _Page) -> bool:
    if line.box is None:
        return False
    return line.box.bottom >= page.height * (1 - MARGIN_SHARE) or (
        line.box.top <= page.height * MARGIN_SHARE
    )


def _margin_candidates(page: _Page) -> list[int]:
    """Indices of the lines at the top and the foot of the page that stand in its margin."""
    ends = list(range(min(3, len(page.lines)))) + list(
        range(max(len(page.lines) - 3, 0), len(page.lines))
    )
    return sorted({i for i in ends if _in_margin(page.lines[i], page)})


def _without_margins(pages: list[_Page]) -> PdfText:
    candidates = {page.number: _margin_candidates(page) for page in pages}
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_margin_key(page.lines[i]) for i in candidates[page.number]})
    needed = max(2, math.ceil(len(pages) / 2))
    result = PdfText(page_count=len(pages))
    rights = [line.box.right for page in pages for line in page.lines if line.box is not None]
    text_right = statistics.quantiles(rights, n=10)[-1] if len(rights) >= 10 else None
    for page in pages:
        removed = {
            i
            for i in candidates[page.number]
            if seen[_margin_key(page.lines[i])] >= needed
            or _PAGE_NUMBER.fullmatch(page.lines[i].text.strip())
        }
        body = [line for i, line in enumerate(page.lines) if i not in removed]
        result.margin_lines += [line for i, line in enumerate(page.lines) if i in removed]
        if body and result.lines:
            previous = result.lines[-1]
            new_paragraph = text_right is not None and _ends_paragraph(previous, text_right)
            body[0] = replace(body[0], starts_page=True, starts_paragraph=new_paragraph)
        result.lines += body
    return result


# ------------------------------------------------------------------------------ preview


def page_count(path: Path) -> int:
    document = open_pdf(path)
    try:
        return len(document)
    finally:
        document.close()


def render_page(path: Path, page_number: int, width: int) -> PageImage:
    """Page ``page_number`` (from 1) of the PDF, ``width`` pixels wide, as RGB pixels."""
    document = open_pdf(path)
    try:
        page = document[page_number - 1]
        try:
            page_width, page_height = page.get_size()
            scale = width / max(page_width, 1.0)
            bitmap = page.render(scale=scale, rev_byteorder=True, fill_color=(255, 255, 255, 255))
            try:
                pixels = bytes(bitmap.buffer)
                size = (bitmap.width, bitmap.height, bitmap.stride)
                return PageImage(*size, pixels, page_width, page_height)
            finally:
                bitmap.close()
        finally:
            page.close()
    finally:
        document.close()
