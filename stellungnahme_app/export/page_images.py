"""The pages of a draft exactly as they will print: its .docx converted by the session's
LibreOffice (:mod:`.office_converter`) and drawn with PDFium (pypdfium2).

Qt-free: a page comes as raw RGB pixels, which the window turns into a picture. ``None``
means no page-true picture can be made here (no LibreOffice, or it failed): the window then
shows the flowing preview.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pypdfium2 as pdfium

from stellungnahme_app.export import office_converter
from stellungnahme_app.export.pdf import CONVERSION_TIMEOUT_SECONDS
from stellungnahme_app.export.render import render_docx_bytes
from stellungnahme_app.fileio import private_temp_folder
from stellungnahme_app.model import Draft

log = logging.getLogger(__name__)

#: Pixels per PDF point of the drawn pages (1.5 = 108 dpi): sharp at 100 % on a usual screen.
DRAWING_SCALE = 1.5


@dataclass(frozen=True)
class PageImage:
    """One page as RGB pixels, ``stride`` bytes a row."""

    width: int
    height: int
    stride: int
    pixels: bytes


def draft_pages(
    draft: Draft, *, draft_mode: bool = False, scale: float = DRAWING_SCALE
) -> list[PageImage] | None:
    """The pages of ``draft`` as the export prints them; ``None`` without a warm LibreOffice."""
    if office_converter.session_converter() is None:
        return None
    docx = render_docx_bytes(draft, draft_mode=draft_mode)
    with private_temp_folder() as work:
        source, target = work / "Vorschau.docx", work / "Vorschau.pdf"
        source.write_bytes(docx)
        if not office_converter.convert(source, target, CONVERSION_TIMEOUT_SECONDS):
            log.warning("Seitenvorschau: LibreOffice hat kein PDF erzeugt")
            return None
        return pdf_pages(target.read_bytes(), scale=scale)


def pdf_pages(pdf: bytes, *, scale: float = DRAWING_SCALE) -> list[PageImage]:
    """Every page of ``pdf`` drawn at ``scale`` pixels per point, on white."""
    document = pdfium.PdfDocument(pdf)
    try:
        pages: list[PageImage] = []
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=scale, rev_byteorder=True, fill_color=(255, 255, 255, 255))
            pages.append(
                PageImage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
            )
            bitmap.close()
            page.close()
        return pages
    finally:
        document.close()
