"""Speed of the Word export: in-process and as the ``stellungnahme export`` command.

Prints, each as the median of several runs:

* export of the reference Stellungnahme 0661/24 to a .docx file (rules check, rendering,
  atomic write) – goal ≤ 40 ms;
* export of a draft with 100 contributions (about 70 pages) – goal ≤ 150 ms;
* the same for 25/50/100/200 contributions, with the rendering time alone (without writing
  the file, whose fsync depends on the disk) per contribution, to show the growth is linear;
* 100 contributions, each with a bullet list, two labelled items and an 11-row table pasted
  from Excel, next to the same words as plain paragraphs (the cost of laying out lists and
  tables, :mod:`stellungnahme_app.export.structures`);
* the whole ``stellungnahme export`` process (start, import, render, write) – goal ≤ 0.5 s.

The first export in a process also reads and checks the template; it is shown separately.

    .venv/bin/python benchmarks/bench_export.py [--runs 20] [--process-runs 10]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from stellungnahme_app import exchange
from stellungnahme_app.export import export_document, render_docx_bytes
from stellungnahme_app.model import Contribution, Draft

PROJECT = Path(__file__).resolve().parent.parent
REFERENCE = PROJECT / "tests" / "fixtures" / "stellungnahme-0661-24.json"
TODAY = dt.date(2024, 5, 2)
REFERENCE_GOAL_MS = 40.0
LARGE_GOAL_MS = 150.0
PROCESS_GOAL_S = 0.5


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def with_contributions(reference: Draft, count: int) -> Draft:
    """The reference draft with ``count`` contributions of five paragraphs (about 0.7 pages).

    Each is one of the reference's two contributions plus the first paragraph of the other.
    """
    draft = reference.copy()
    originals = reference.contributions
    draft.contributions = [
        Contribution(
            office=originals[i % 2].office,
            heading=f"{originals[i % 2].heading} ({i + 1})",
            text=originals[i % 2].text + "\n\n" + originals[(i + 1) % 2].text.split("\n\n")[0],
        )
        for i in range(count)
    ]
    return draft


def with_lists_and_tables(reference: Draft, count: int, *, as_plain_text: bool) -> Draft:
    """``count`` contributions with a list, labelled items and a cost table – or, with
    ``as_plain_text``, the same words as plain paragraphs (no markers, no tabs)."""
    rows = ["Posten\tAnzahl\tBetrag"] + [f"Posten {i}\t{i}\t{i * 1000},00 €" for i in range(10)]
    text = "Die Kosten:\n\n- Dach\n- Fenster\n- Planung\n\n1. erstens\n2. zweitens\n\n" + "\n".join(
        rows
    )
    if as_plain_text:
        text = text.replace("- ", "").replace("\t", " ")
    draft = reference.copy()
    draft.contributions = [
        Contribution(f"Amt {i}", f"Stellungnahme des Amts {i}", text) for i in range(count)
    ]
    return draft


def page_count(docx: Path, folder: Path) -> int | None:
    """Pages as LibreOffice lays them out, if soffice and pdfinfo are available."""
    soffice = shutil.which("soffice")
    pdfinfo = shutil.which("pdfinfo")
    if not soffice or not pdfinfo:
        return None
    profile = (folder / "lo-profile").as_uri()
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation={profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(docx),
        ],
        capture_output=True,
        check=False,
        timeout=300,
    )
    info = subprocess.run(
        [pdfinfo, str(docx.with_suffix(".pdf"))], capture_output=True, text=True, check=False
    ).stdout
    for line in info.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--process-runs", type=int, default=10)
    parser.add_argument("--pages", action="store_true", help="count pages with LibreOffice")
    parser.add_argument("--skip-process", action="store_true", help="no subprocess runs")
    args = parser.parse_args(argv)

    reference = exchange.read_file(REFERENCE)
    with tempfile.TemporaryDirectory(prefix="bench-export-") as folder_name:
        folder = Path(folder_name)
        os.environ["STELLUNGNAHME_HOME"] = str(folder / "home")
        target = folder / "Stellungnahme_0661-24.docx"

        start = time.perf_counter()
        export_document(reference, target, today=TODAY)
        first_ms = (time.perf_counter() - start) * 1000
        reference_ms = median_ms(lambda: export_document(reference, target, today=TODAY), args.runs)
        render_ms = median_ms(lambda: render_docx_bytes(reference), args.runs)
        print(f"first export in the process (reads and checks the template): {first_ms:7.1f} ms")
        verdict = "ok" if reference_ms <= REFERENCE_GOAL_MS else "MISSED"
        print(
            f"reference draft, export to .docx:  {reference_ms:7.1f} ms median "
            f"(goal ≤ {REFERENCE_GOAL_MS:.0f} ms: {verdict}); rendering alone {render_ms:.1f} ms"
        )

        print(
            "contributions  export ms  render ms  render ms/contribution  size KB"
            + ("  pages" * args.pages)
        )
        large_ms = None
        for count in (25, 50, 100, 200):
            draft = with_contributions(reference, count)
            path = folder / f"gross-{count}.docx"
            runs = max(5, args.runs // (count // 25))
            elapsed = median_ms(lambda d=draft, p=path: export_document(d, p, today=TODAY), runs)
            rendering = median_ms(lambda d=draft: render_docx_bytes(d), runs)
            pages = f"  {page_count(path, folder)!s:>5}" if args.pages else ""
            print(
                f"{count:13d}  {elapsed:9.1f}  {rendering:9.1f}  {rendering / count:22.2f}  "
                f"{path.stat().st_size / 1024:7.0f}{pages}"
            )
            if count == 100:
                large_ms = elapsed
        assert large_ms is not None
        verdict = "ok" if large_ms <= LARGE_GOAL_MS else "MISSED"
        print(f"100 contributions: {large_ms:.1f} ms (goal ≤ {LARGE_GOAL_MS:.0f} ms: {verdict})")
        runs = max(5, args.runs // 4)
        structured = with_lists_and_tables(reference, 100, as_plain_text=False)
        plain = with_lists_and_tables(reference, 100, as_plain_text=True)
        structured_ms = median_ms(lambda: render_docx_bytes(structured), runs)
        plain_ms = median_ms(lambda: render_docx_bytes(plain), runs)
        print(
            f"100 contributions with a list, 2 labelled items and an 11-row table: "
            f"{structured_ms:.1f} ms rendering (the same words as paragraphs: {plain_ms:.1f} ms)"
        )

        if args.skip_process:
            return 0
        script = Path(sys.executable).parent / (
            "stellungnahme.exe" if os.name == "nt" else "stellungnahme"
        )
        command = [str(script), "export", str(REFERENCE), "-o", str(folder / "cli.docx")]
        times = []
        for _ in range(args.process_runs):
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True)
            times.append(time.perf_counter() - start)
        process_s = statistics.median(times)
        verdict = "ok" if process_s <= PROCESS_GOAL_S else "MISSED"
        print(
            f"`stellungnahme export` process: {process_s:.3f} s median of {args.process_runs} "
            f"(min {min(times):.3f}, max {max(times):.3f}; goal ≤ {PROCESS_GOAL_S} s: {verdict})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
