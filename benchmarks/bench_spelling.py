"""Speed and memory of the spell-check: the dictionary, a whole draft, a keystroke.

Prints, each as the median of several runs:

* loading the German dictionary (chunspell + de_DE, and with the administration's
  vocabulary) – time and memory of a fresh process, next to two floors: a process that only
  imports chunspell, and a bare ``hunspell`` process with the same dictionary (if installed);
* checking the whole reference draft (every field, cold: no answer remembered yet; and warm),
  goal ≤ 0.3 s; and its Hinweise with suggestions when five typos are put in;
* a keystroke in a contribution of 2,000 words, typed in the middle of a paragraph, including
  Qt's own layout and painting (``processEvents``), with the spell-check on and off (no
  dictionary: the floor), each in a fresh process – goal ≤ 16 ms median with it on.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_spelling.py [--runs 3] [--keys 120]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
REFERENCE = PROJECT / "tests" / "fixtures" / "stellungnahme-0661-24.json"
CORPUS = PROJECT / "tests" / "fixtures" / "spelling"
DRAFT_GOAL_S = 0.3
KEY_GOAL_MS = 16.0
TYPOS = [("Arbeitskreis", "Arbeitskries"), ("Verwaltung", "Verwaltnug"), ("Gründen", "Grüdnen"),
         ("beschlossen", "beschlosen"), ("spätestens", "spätestns")]  # fmt: skip


def _run_python(code: str, env: dict[str, str] | None = None) -> dict[str, float]:
    """Run ``code`` as a script in a fresh interpreter; it prints one JSON object last."""
    with tempfile.TemporaryDirectory(prefix="stellungnahme-bench-") as folder:
        script = Path(folder) / "messung.py"
        script.write_text(code, encoding="utf-8")
        result = subprocess.run(
            [sys.executable, str(script)],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, **(env or {})},
            cwd=PROJECT,
        )
    if result.returncode != 0:
        raise RuntimeError(f"Messung fehlgeschlagen:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


_LOAD = """
import json, resource, time
def resident_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20
start = time.perf_counter()
from hunspell import Hunspell
imported = time.perf_counter()
before = resident_mb()
{body}
done = time.perf_counter()
print(json.dumps({{"import_s": imported - start, "load_s": done - imported,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "added_mb": resident_mb() - before}}))
"""


def dictionary_figures(runs: int) -> None:
    from stellungnahme_app.spelling import find_dictionary
    from stellungnahme_app.spelling.word_lists import bundled_vocabulary

    files = find_dictionary().found
    if files is None:
        print("Kein deutsches Wörterbuch gefunden – apt-get install hunspell-de-de")
        return
    cases = {
        "nur chunspell importiert (Boden)": "pass",
        "chunspell + de_DE": (
            f"h = Hunspell({files.name!r}, hunspell_data_dir={str(files.folder)!r})"
        ),
        "+ Verwaltungswortschatz": (
            "from stellungnahme_app.spelling import SpellChecker, SpellingSetup, DictionaryFiles\n"
            f"c = SpellChecker(SpellingSetup(DictionaryFiles(__import__('pathlib').Path("
            f"{str(files.folder)!r}), {files.name!r}), (__import__('pathlib').Path("
            f"{str(bundled_vocabulary())!r}),)))"
        ),
    }
    print(f"Wörterbuch: {files.describe()}")
    for name, body in cases.items():
        figures = [_run_python(_LOAD.format(body=body)) for _ in range(runs)]
        load = statistics.median(f["load_s"] for f in figures) * 1000
        rss = statistics.median(f["rss_mb"] for f in figures)
        added = statistics.median(f["added_mb"] for f in figures)
        print(
            f"  {name:34s} laden {load:7.1f} ms   Prozess (max RSS) {rss:6.1f} MB, "
            f"davon durch das Laden {added:5.1f} MB"
        )
    hunspell = shutil.which("hunspell")
    if hunspell is None:
        print("  (kein hunspell-Programm installiert: Boden „hunspell-Prozess“ entfällt)")
        return
    times, sizes = [], []
    command = [hunspell, "-d", str(files.folder / files.name), "-l"]
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, input=b"Amt\n", stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
        # Its memory once the dictionary is loaded and it waits for text (VmHWM: the peak).
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        time.sleep(max(0.5, times[-1] * 3))
        status = Path(f"/proc/{process.pid}/status").read_text(encoding="utf-8")
        sizes.append(int(status.split("VmHWM:")[1].split()[0]) / 1024)
        process.communicate(b"")
    print(
        f"  {'hunspell-Prozess (Boden)':34s} gesamt {statistics.median(times) * 1000:6.1f} ms   "
        f"Prozess (max RSS) {statistics.median(sizes):6.1f} MB"
    )


def draft_figures(runs: int) -> bool:
    from stellungnahme_app import exchange
    from stellungnahme_app.settings import load_settings
    from stellungnahme_app.spelling import SpellChecker, spelling_findings, unknown_words
    from stellungnahme_app.workspace import Spelling

    spelling = Spelling(load_settings().settings)
    if spelling.setup is None:
        return True
    SpellChecker(spelling.setup)  # the dictionary is loaded once per process (measured above)
    cold, warm = [], []
    for _ in range(runs):
        checker = SpellChecker(spelling.setup)
        draft = exchange.read_file(REFERENCE)
        start = time.perf_counter()
        found = unknown_words(draft, checker.misspelt)
        cold.append(time.perf_counter() - start)
        start = time.perf_counter()
        unknown_words(draft, checker.misspelt)
        warm.append(time.perf_counter() - start)
    words = sum(len(text.split()) for text in _texts(draft))
    print(f"Referenzentwurf ({words} Wörter, {len(found)} unbekannt):")
    print(
        f"  ganz prüfen, kalt {statistics.median(cold) * 1000:7.1f} ms  "
        f"warm {statistics.median(warm) * 1000:6.1f} ms   "
        f"(Ziel kalt ≤ {DRAFT_GOAL_S * 1000:.0f} ms)"
    )
    spoilt = exchange.read_file(REFERENCE)
    for original, typo in TYPOS:
        _replace_once(spoilt, original, typo)
    checker = SpellChecker(spelling.setup)
    start = time.perf_counter()
    hinweise = spelling_findings(unknown_words(spoilt, checker.misspelt), checker.suggestions)
    took = time.perf_counter() - start
    print(
        f"  Hinweise mit Vorschlägen bei {len(TYPOS)} Tippfehlern: {took * 1000:7.1f} ms "
        f"({len(hinweise)} Hinweise; im Fenster im Hintergrundprozess)"
    )
    return statistics.median(cold) <= DRAFT_GOAL_S


def _texts(draft: object) -> list[str]:
    from stellungnahme_app.spelling import checked_texts

    return [text for _, text in checked_texts(draft)]  # type: ignore[arg-type]


def _replace_once(draft: object, original: str, typo: str) -> None:
    for contribution in draft.contributions:  # type: ignore[attr-defined]
        if original in contribution.text:
            contribution.text = contribution.text.replace(original, typo, 1)
            return
    for point in draft.resolution_points:  # type: ignore[attr-defined]
        if original in point.text:
            point.text = point.text.replace(original, typo, 1)
            return
    draft.conclusion = draft.conclusion.replace(original, typo, 1)  # type: ignore[attr-defined]
    draft.document_title = draft.document_title.replace(original, typo, 1)  # type: ignore[attr-defined]


def contribution_of(words: int) -> str:
    """About ``words`` words in paragraphs, from the correct administrative texts."""
    paragraphs = [
        paragraph
        for text_file in sorted(CORPUS.glob("*.txt"))
        for paragraph in text_file.read_text(encoding="utf-8").split("\n\n")
    ]
    chosen: list[str] = []
    count = 0
    while count < words:
        paragraph = paragraphs[len(chosen) % len(paragraphs)]
        chosen.append(paragraph.strip())
        count += len(paragraph.split())
    return "\n\n".join(chosen)


_TYPING = """
import json, os, statistics, sys, time
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
sys.path.insert(0, {benchmarks!r})
from bench_spelling import contribution_of
from stellungnahme_app.model import Contribution, Draft
from stellungnahme_app.settings import load_settings
from stellungnahme_app.store import Store
from stellungnahme_app.ui.app import create_application
from stellungnahme_app.ui.editor import DraftEditor
from stellungnahme_app.workspace import Workspace

def main():
    app = create_application()
    workspace = Workspace(Store.open(), load_settings().settings, [])
    editor = DraftEditor(workspace)
    editor.resize(1200, 800)
    editor.show()
    text = contribution_of(2000)
    draft = Draft(contributions=[Contribution("Jugendamt", "Stellungnahme des Jugendamts", text)])
    editor.set_draft(workspace.create_draft(draft))
    editor.jump_to("contributions[0].text")
    field = editor.steps[3].contributions.detail(0).text
    session = editor.spelling_session
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        session.check_queued()
        app.processEvents()
        if not session.pending():
            break
        time.sleep(0.01)
    app.processEvents()
    cursor = field.textCursor()
    cursor.setPosition(text.index(" ", len(text) // 2))
    field.setTextCursor(cursor)
    typed = "und die Verwaltung prüft das jhrlich "
    times = []
    for index in range({keys}):
        char = typed[index % len(typed)]
        start = time.perf_counter()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(field, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                    Qt.KeyboardModifier.NoModifier, char))
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    words = len(field.toPlainText().split())
    deadline = time.monotonic() + 30
    while session.available and not field.misspellings() and time.monotonic() < deadline:
        session.check_queued()
        app.processEvents()
        time.sleep(0.01)
    print(json.dumps({{"median_ms": statistics.median(times),
                      "misspelt": len(field.misspellings()),
                      "p95_ms": sorted(times)[int(len(times) * 0.95) - 1],
                      "max_ms": max(times), "words": words,
                      "available": session.available}}))

if __name__ == "__main__":
    main()
"""


def typing_figures(runs: int, keys: int) -> bool:
    code = _TYPING.format(benchmarks=str(Path(__file__).parent), keys=keys)
    environment = {"QT_QPA_PLATFORM": "offscreen"}
    results = {}
    for label, extra in (("an", {}), ("aus (Boden)", {"STELLUNGNAHME_DICTIONARY_PATH": ""})):
        figures = []
        for _ in range(runs):
            with tempfile.TemporaryDirectory(prefix="stellungnahme-bench-") as home:
                env = {**environment, **extra, "STELLUNGNAHME_HOME": home}
                figures.append(_run_python(code, env))
        assert all(f["available"] == (label == "an") for f in figures)
        assert all((f["misspelt"] > 0) == (label == "an") for f in figures), figures
        results[label] = figures
        median = statistics.median(f["median_ms"] for f in figures)
        p95 = statistics.median(f["p95_ms"] for f in figures)
        print(
            f"  Rechtschreibprüfung {label:12s} Median {median:6.2f} ms   95 % {p95:6.2f} ms   "
            f"({figures[0]['words']} Wörter, {figures[0]['misspelt']} angestrichen)"
        )
    on = statistics.median(f["median_ms"] for f in results["an"])
    off = statistics.median(f["median_ms"] for f in results["aus (Boden)"])
    print(f"  Verhältnis an/aus: {on / off:4.2f}   (Ziel an ≤ {KEY_GOAL_MS:.0f} ms)")
    return on <= KEY_GOAL_MS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--keys", type=int, default=120, help="keystrokes per typing run")
    args = parser.parse_args()
    os.environ.setdefault("STELLUNGNAHME_HOME", tempfile.mkdtemp(prefix="stellungnahme-bench-"))
    dictionary_figures(args.runs)
    draft_ok = draft_figures(args.runs)
    print("Tastendruck in einem Beitrag von 2.000 Wörtern (Mitte eines Absatzes):")
    typing_ok = typing_figures(args.runs, args.keys)
    ok = draft_ok and typing_ok
    print("Ziele erreicht" if ok else "Ziel VERFEHLT")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
