"""Speed of reading a motion in, next to PDFium's bare text extraction, and its bundle share.

Prints, each as the median of several runs, for the corpus' 10-page and 100-page motions
(``tests/fixtures/motions/lang-*-seiten.pdf``) and a 300-page one made from them:

* ``read_motion`` – open, every page's text with positions, headers and footers, paragraphs,
  number, title and points – goals ≤ 0.3 s (10 pages) and ≤ 2 s (100 pages);
* the floor measured in the same run: PDFium's bare text extraction of the same file
  (``get_textpage().get_text_range()`` for each page, nothing else), and the ratio of the two;
* the Word motion of the corpus (``antrag-radverkehr.docx``), for comparison.

Then the import's share of the bundle: PDFium and pypdfium2 (the motion package is a few
KB of Python) in the built bundle ``dist/Stellungnahme`` (or ``--bundle FOLDER``), else, if
none is built, their installed size.

    .venv/bin/python benchmarks/bench_motion.py [--runs 7] [--bundle dist/Stellungnahme]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from stellungnahme_app.motion import read_motion

PROJECT = Path(__file__).resolve().parent.parent
MOTIONS = PROJECT / "tests" / "fixtures" / "motions"
GOALS_S = {10: 0.3, 100: 2.0}
DEFAULT_BUNDLE = PROJECT / "dist" / "Stellungnahme"


def median_s(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bare_text(path: Path) -> int:
    """The floor: every page's text from PDFium, nothing else; returns the characters."""
    characters = 0
    with pdfium.PdfDocument(path) as document:
        for page in document:
            textpage = page.get_textpage()
            characters += len(textpage.get_text_range())
            textpage.close()
            page.close()
    return characters


def make_300_pages(folder: Path) -> Path:
    target = folder / "lang-300-seiten.pdf"
    with (
        pdfium.PdfDocument(MOTIONS / "lang-100-seiten.pdf") as source,
        pdfium.PdfDocument.new() as copy,
    ):
        copy.import_pages(source, [index % 100 for index in range(300)])
        copy.save(str(target))
    return target


def measure(path: Path, pages: int, runs: int) -> None:
    reading = read_motion(path)  # warm: imports, the file in the disk cache
    assert reading.page_count == pages, reading.page_count
    ours = median_s(lambda: read_motion(path), runs)
    floor = median_s(lambda: bare_text(path), runs)
    goal = GOALS_S.get(pages)
    verdict = ""
    if goal is not None:
        verdict = f"  Ziel ≤ {goal:.1f} s: {'erreicht' if ours <= goal else 'VERFEHLT'}"
    print(
        f"{pages:>4} Seiten: read_motion {ours * 1000:7.1f} ms   PDFium-Text allein "
        f"{floor * 1000:7.1f} ms   Verhältnis {ours / floor:4.1f}×   "
        f"({len(reading.points)} Punkte){verdict}"
    )


def folder_bytes(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        total += sum(p.stat().st_size for p in files if not p.is_symlink())
    return total


def bundle_share(bundle: Path) -> None:
    print()
    if bundle.is_dir():
        internal = bundle / "_internal"
        total = folder_bytes([bundle])
        parts = [p for p in internal.iterdir() if p.name.startswith("pypdfium2")]
        parts += [internal / "stellungnahme_app" / "motion"]
        share = folder_bytes([p for p in parts if p.exists()])
        print(
            f"Bundle {bundle}: {total / 1e6:.1f} MB, davon Antragsimport (PDFium, pypdfium2) "
            f"{share / 1e6:.1f} MB = {100 * share / total:.1f} %"
        )
        return
    import pypdfium2_raw

    installed = [Path(pdfium.__file__).parent, Path(pypdfium2_raw.__file__).parent]
    share = folder_bytes(installed)
    print(
        f"Kein Bundle in {bundle} (python packaging/build.py baut es). Installiert belegen "
        f"pypdfium2 und PDFium {share / 1e6:.1f} MB."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE)
    arguments = parser.parse_args()
    print(f"Antrag lesen (Median aus {arguments.runs} Läufen):")
    with tempfile.TemporaryDirectory() as folder:
        measure(MOTIONS / "lang-10-seiten.pdf", 10, arguments.runs)
        measure(MOTIONS / "lang-100-seiten.pdf", 100, arguments.runs)
        measure(make_300_pages(Path(folder)), 300, max(3, arguments.runs // 2))
    word = MOTIONS / "antrag-radverkehr.docx"
    read_motion(word)
    word_ms = median_s(lambda: read_motion(word), arguments.runs) * 1000
    print(f"Word-Datei ({word.name}): {word_ms:.1f} ms")
    bundle_share(arguments.bundle)


if __name__ == "__main__":
    main()
