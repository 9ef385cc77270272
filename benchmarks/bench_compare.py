"""Speed of comparing versions and of the Word document with tracked changes.

Prints, each as the median of several runs, for the reference draft
(``tests/fixtures/stellungnahme-0661-24.json``) and for the reference with 25/100/200
contributions (about 0.7 pages each), every fourth one changed by a word and a sentence:

* ``compare_drafts`` – the field-by-field word comparison the history dialog and
  ``drafts diff`` show – goal ≤ 20 ms for the reference, ≤ 300 ms for 100 contributions;
* ``tracked_changes_docx`` – merging the two rendered documents into one with revision
  marks (the rendering itself not counted), and the whole ``export_changes`` (rendering old
  and new, merging, writing) next to a plain export of the new version – goal for the whole
  at 100 contributions ≤ 1 s, i.e. what a clerk waits for after „Speichern“.

    .venv/bin/python benchmarks/bench_compare.py [--runs 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path

from bench_export import REFERENCE, median_ms, with_contributions

from stellungnahme_app import exchange
from stellungnahme_app.compare import compare_drafts, tracked_changes_docx
from stellungnahme_app.export import render_docx_bytes
from stellungnahme_app.model import Draft
from stellungnahme_app.settings import load_settings
from stellungnahme_app.workspace import documents

WHEN = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


def changed(draft: Draft) -> Draft:
    """A word in the first point, and in every fourth contribution a word and a sentence."""
    new = draft.copy()
    point = new.resolution_points[0]
    point.text = point.text.replace("dritten", "vierten")
    for contribution in new.contributions[::4]:
        contribution.text = contribution.text.replace("Segregation", "Entmischung", 1)
        contribution.text += " Die Frist endet am 09.01.2025."
    new.conclusion = new.conclusion.replace("nicht gefolgt", "nur teilweise gefolgt")
    return new


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    settings = load_settings().settings
    reference = exchange.read_file(REFERENCE)
    cases = [("Referenz", reference)] + [
        (f"{n} Beiträge", with_contributions(reference, n)) for n in (25, 100, 200)
    ]
    print(f"{'Fall':<14} {'Vergleich':>10} {'Markieren':>10} {'Ausgabe':>10} {'nur neu':>10}")
    with tempfile.TemporaryDirectory(prefix="bench-compare-") as folder_name:
        folder = Path(folder_name)
        for name, old in cases:
            new = changed(old)
            comparison = median_ms(lambda o=old, n=new: compare_drafts(o, n), args.runs)
            old_docx = render_docx_bytes(old, draft_mode=True, created=WHEN)
            new_docx = render_docx_bytes(new, draft_mode=True, created=WHEN)
            marking = median_ms(
                lambda o=old_docx, n=new_docx: tracked_changes_docx(
                    o, n, author="bench", date=WHEN
                ),
                args.runs,
            )
            whole = median_ms(
                lambda o=old, n=new: documents.export_changes(
                    o,
                    n,
                    folder / "aenderungen.docx",
                    settings,
                    draft_mode=True,
                    author="bench",
                    when=WHEN,
                ),
                args.runs,
            )
            plain = median_ms(
                lambda n=new: documents.export_draft(
                    n, folder / "neu.docx", settings, draft_mode=True
                ),
                args.runs,
            )
            print(
                f"{name:<14} {comparison:>8.1f}ms {marking:>8.1f}ms {whole:>8.1f}ms {plain:>8.1f}ms"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
