"""PDF of the reference draft and the page-true preview, next to their floors, in one run.

* **one-shot (before, and the fallback)**: ``soffice --convert-to`` with a new profile for
  every PDF, as every PDF was made before – the floor the first PDF must not exceed;
* **one PDF without warming up**: what the command line does – nobody asked for the warm
  converter, so the one-shot conversion, as before;
* **warm, first**: the first PDF of a window's session, asked for right after the warm-up
  began (the editor starts it when it is made) – the session's LibreOffice starts;
* **warm, second and later**: the LibreOffice kept running – goal ≤ 0.3 s;
* **floor (warm)**: the same conversion asked of the running LibreOffice directly through
  the converter script's pipe (no .docx copy, no checks, no atomic write);
* **preview refresh**: ``draft_pages`` (render the .docx, convert, draw every page) with the
  LibreOffice running, next to the warm floor.

Medians of ``--runs``; the .docx is made once.

    .venv/bin/python benchmarks/bench_pdf.py [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from stellungnahme_app import exchange
from stellungnahme_app.export import office_converter, render_docx_bytes
from stellungnahme_app.export.page_images import draft_pages
from stellungnahme_app.export.pdf import convert_to_pdf

REFERENCE = (
    Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "stellungnahme-0661-24.json"
)
SECOND_GOAL_S = 0.3


def median_s(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        os.environ["STELLUNGNAHME_HOME"] = str(folder / "home")
        draft = exchange.read_file(REFERENCE)
        docx = folder / "Stellungnahme.docx"
        docx.write_bytes(render_docx_bytes(draft))

        os.environ["STELLUNGNAHME_WARM_OFFICE"] = "0"
        one_shot = median_s(lambda: convert_to_pdf(docx, folder / "einmal.pdf"), max(3, runs // 3))
        del os.environ["STELLUNGNAHME_WARM_OFFICE"]
        if office_converter.session_converter() is None:
            print("Kein LibreOffice mit eigenem Python (uno): nur die Einmal-Umwandlung.")
            print(f"Einmal-Umwandlung  {one_shot:6.3f} s")
            return 1
        # The command line: one PDF, nobody warmed LibreOffice up – the one-shot conversion.
        start = time.perf_counter()
        convert_to_pdf(docx, folder / "befehl.pdf")
        command_line = time.perf_counter() - start
        # The window: the editor warms LibreOffice up; here the PDF is asked for at once.
        start = time.perf_counter()
        office_converter.warm_up()
        convert_to_pdf(docx, folder / "erste.pdf")
        first = time.perf_counter() - start
        later = median_s(lambda: convert_to_pdf(docx, folder / "weitere.pdf"), runs)
        converter = office_converter.session_converter()
        assert converter is not None
        floor = median_s(lambda: converter.convert(docx, folder / "boden.pdf", 60.0), runs)
        preview = median_s(lambda: draft_pages(draft), runs)
        office_converter.stop_session()

    verdict = "erreicht" if later <= SECOND_GOAL_S else "VERFEHLT"
    print(f"Referenzentwurf, Median aus {runs} Läufen ({sys.platform})")
    print(f"Einmal-Umwandlung (vorher, Rückfall)   {one_shot:6.3f} s")
    print(
        f"Ein PDF ohne Vorwärmen (Befehlszeile)  {command_line:6.3f} s  "
        f"{command_line / one_shot:.2f}× einmal"
    )
    print(f"Warm, erstes PDF (Start inbegriffen)   {first:6.3f} s  {first / one_shot:.2f}× einmal")
    print(f"Boden: laufendes LibreOffice direkt    {floor:6.3f} s")
    print(
        f"Warm, zweites und weitere PDFs         {later:6.3f} s  {later / floor:.2f}× Boden, "
        f"{one_shot / later:.0f}× schneller als einmal (Ziel ≤ {SECOND_GOAL_S} s) – {verdict}"
    )
    print(f"Seitenvorschau aktualisieren           {preview:6.3f} s  {preview / floor:.2f}× Boden")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
