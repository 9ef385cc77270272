"""The lines of a PDF: margins, paragraphs, scans, passwords, pictures of pages, stopping."""

from __future__ import annotations

import threading
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fixtures.motions import corpus

from stellungnahme_app.cancellation import Cancellation, Cancelled
from stellungnahme_app.motion import NoTextLayer
from stellungnahme_app.motion.pdf_reader import page_count, read_pdf_lines, render_page


def make_long_pdf(source: Path, target: Path, pages: int) -> Path:
    """``pages`` pages: copies of the pages of ``source`` (made in a moment with PDFium)."""
    with pdfium.PdfDocument(source) as original, pdfium.PdfDocument.new() as long:
        count = len(original)
        long.import_pages(original, [index % count for index in range(pages)])
        long.save(str(target))
    return target


def test_headers_footers_and_page_numbers_are_kept_apart(schulwege_pdf: Path) -> None:
    text = read_pdf_lines(schulwege_pdf)
    assert [line.text for line in text.margin_lines] == [
        "Stadtrat der Landeshauptstadt Erfurt – Drucksache 0815/25",
        "Seite 1 von 2",
        "Stadtrat der Landeshauptstadt Erfurt – Drucksache 0815/25",
        "Seite 2 von 2",
    ]
    body = " ".join(line.text for line in text.lines)
    assert "Seite 1 von 2" not in body and "Stadtrat der Landeshauptstadt" not in body
    assert text.page_count == 2


def test_a_lone_page_number_is_a_footer_but_a_number_at_the_top_is_text(motions: Path) -> None:
    text = read_pdf_lines(motions / "antrag-haltestellen.pdf")
    assert [line.text for line in text.margin_lines] == ["- 1 -", "- 2 -"]
    assert text.lines[0].text == "0912/25"  # in the top margin, but on one page only


def test_paragraphs_are_told_by_the_gap_above_them(motions: Path) -> None:
    lines = read_pdf_lines(motions / "antrag-haltestellen.pdf").lines
    starts = [line.text for line in lines if line.starts_paragraph]
    assert any(text.startswith("Die Arbeiten werden mit der Sanierung") for text in starts)
    continued = [line.text for line in lines if not line.starts_paragraph]
    assert any(text.startswith("Hochborde, ein taktiles Leitsystem") for text in continued)


def test_lines_know_page_font_size_and_weight(motions: Path) -> None:
    lines = read_pdf_lines(motions / "antrag-haltestellen.pdf").lines
    heading = lines[1]
    assert heading.text == "Barrierefreie Haltestellen im Stadtgebiet"
    assert (heading.page, heading.font_size, heading.bold) == (1, 16.0, True)
    assert lines[2].font_size == 11.0 and not lines[2].bold
    assert lines[-1].page == 2 and any(line.starts_page for line in lines)


def test_a_scan_has_no_text_layer(motions: Path) -> None:
    with pytest.raises(NoTextLayer):
        read_pdf_lines(motions / corpus.SCAN_FILE)
    assert page_count(motions / corpus.SCAN_FILE) == 2


def test_a_page_is_rendered_for_the_preview(schulwege_pdf: Path) -> None:
    image = render_page(schulwege_pdf, 2, 300)
    assert image.width == 300
    assert abs(image.height - 300 * 297 / 210) <= 1  # A4
    assert image.stride >= image.width * 3
    assert len(image.pixels) == image.stride * image.height
    row = image.pixels[: image.width * 3]
    assert row[:3] == b"\xff\xff\xff"  # white paper at the corner
    assert min(image.pixels) < 100  # and dark text somewhere
    assert image.to_pixels(0, image.page_height) == (0, 0)
    assert image.to_pixels(image.page_width, 0) == (300, pytest.approx(image.height, abs=1))


def test_reading_stops_when_cancelled(tmp_path: Path, schulwege_pdf: Path) -> None:
    long = make_long_pdf(schulwege_pdf, tmp_path / "lang.pdf", 300)
    cancellation = Cancellation()
    cancellation.cancel()
    with pytest.raises(Cancelled):
        read_pdf_lines(long, cancellation)
    assert cancellation.progress == "Seite 1 von 300"


def test_reading_stops_midway_when_cancelled_from_another_thread(
    tmp_path: Path, schulwege_pdf: Path
) -> None:
    long = make_long_pdf(schulwege_pdf, tmp_path / "lang.pdf", 3000)
    cancellation = Cancellation()
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            read_pdf_lines(long, cancellation)
        except BaseException as error:
            outcome.append(error)

    worker = threading.Thread(target=read)
    worker.start()
    while worker.is_alive() and not cancellation.progress:
        worker.join(0.01)
    cancellation.cancel()
    worker.join(30)
    assert not worker.is_alive()
    assert [type(error) for error in outcome] == [Cancelled]
    done = int(cancellation.progress.split()[1])
    assert 1 <= done < 3000
