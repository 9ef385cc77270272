"""The Word export of the reference draft next to its floor, in one run.

* **floor**: a lean python-docx build of the same document – the template opened, the
  draft's texts (number, title, every contribution, conclusion) added as paragraphs, saved
  to memory; what any export must at least do;
* **export**: ``render_docx_bytes`` (context, docxtpl in the sandbox, properties, saved to
  memory), with ``patch_xml`` cached and ``resolve_listing`` skipped where it has nothing to
  do – goal ≤ 1.2× the floor;
* **before**: the same with docxtpl's own passes (uncached ``patch_xml``, ``resolve_listing``
  always), as the export was before.

Medians of ``--runs`` after one warm-up each.

    .venv/bin/python benchmarks/bench_export_floor.py [--runs 40]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import docx
from docxtpl import DocxTemplate

from stellungnahme_app import exchange
from stellungnahme_app.export import engine, render_docx_bytes
from stellungnahme_app.export.render import bundled_template
from stellungnahme_app.model import Draft

REFERENCE = (
    Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "stellungnahme-0661-24.json"
)
GOAL = 1.2


def lean_build(template: bytes, draft: Draft) -> bytes:
    document = docx.Document(io.BytesIO(template))
    for text in (draft.document_number, draft.document_title):
        document.add_paragraph(text)
    for contribution in draft.contributions:
        document.add_paragraph(contribution.heading)
        for paragraph in contribution.text.split("\n\n"):
            document.add_paragraph(paragraph)
    document.add_paragraph(draft.conclusion)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def median_ms(work: Callable[[], object], runs: int) -> float:
    work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    runs = parser.parse_args().runs
    draft = exchange.read_file(REFERENCE)
    template = bundled_template().read_bytes()

    floor = median_ms(lambda: lean_build(template, draft), runs)
    ours = median_ms(lambda: render_docx_bytes(draft), runs)
    cached, skipping = engine.StnDocxTemplate.patch_xml, engine.StnDocxTemplate.resolve_listing
    engine.StnDocxTemplate.patch_xml = DocxTemplate.patch_xml  # type: ignore[method-assign]
    engine.StnDocxTemplate.resolve_listing = DocxTemplate.resolve_listing  # type: ignore[method-assign]
    try:
        before = median_ms(lambda: render_docx_bytes(draft), runs)
    finally:
        engine.StnDocxTemplate.patch_xml = cached  # type: ignore[method-assign]
        engine.StnDocxTemplate.resolve_listing = skipping  # type: ignore[method-assign]
    verdict = "erreicht" if ours / floor <= GOAL else "VERFEHLT"
    print(f"Referenzentwurf, Median aus {runs} Läufen")
    print(f"Boden: python-docx schlank        {floor:6.1f} ms")
    ratio = ours / floor
    print(
        f"Export (jetzt)                  {ours:6.1f} ms  {ratio:.2f}× (Ziel ≤ {GOAL}×) – {verdict}"
    )
    print(f"Export (docxtpl-Durchgänge, vorher) {before:4.1f} ms  {before / floor:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
