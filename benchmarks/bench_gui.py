"""Cold start of the desktop application and its memory with the example draft open.

For each run a fresh process starts the application exactly as ``stellungnahme`` does
(German Qt set-up, store, settings, Textbausteine, main window) in a data folder of its own
and reports back:

* **first paint**: seconds from before the process was spawned (the parent's clock) to the
  first paint of the main window – goal ≤ 0.8 s;
* **draft open**: seconds from the first paint until the example draft is shown in the editor
  (reopened by itself on later starts, as the last open draft);
* **RSS**: resident memory with the example draft open in the editor – goal ≤ 200 MB.

Run ``first`` uses an empty data folder (the example draft is added: the very first start),
the following runs reuse it (an ordinary morning). The platform defaults to ``offscreen``;
pass ``--platform xcb`` under ``xvfb-run`` for a real X server.

    .venv/bin/python benchmarks/bench_gui.py [--runs 5] [--platform offscreen]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIRST_PAINT_GOAL_S = 0.8
MEMORY_GOAL_MB = 200.0


def resident_megabytes() -> tuple[float, float]:
    """Current and peak resident memory of this process in MB (Linux and Windows)."""
    if sys.platform == "win32":
        import ctypes
        from ctypes import wintypes

        class Counters(ctypes.Structure):
            _fields_ = [
                ("cb", wintypes.DWORD),
                ("PageFaultCount", wintypes.DWORD),
                ("PeakWorkingSetSize", ctypes.c_size_t),
                ("WorkingSetSize", ctypes.c_size_t),
                ("QuotaPeakPagedPoolUsage", ctypes.c_size_t),
                ("QuotaPagedPoolUsage", ctypes.c_size_t),
                ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
                ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
                ("PagefileUsage", ctypes.c_size_t),
                ("PeakPagefileUsage", ctypes.c_size_t),
            ]

        counters = Counters()
        counters.cb = ctypes.sizeof(counters)
        process = ctypes.windll.kernel32.GetCurrentProcess()  # type: ignore[attr-defined]
        ctypes.windll.psapi.GetProcessMemoryInfo(  # type: ignore[attr-defined]
            process, ctypes.byref(counters), counters.cb
        )
        return counters.WorkingSetSize / 2**20, counters.PeakWorkingSetSize / 2**20
    values: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = float(rest.split()[0]) / 1024
    return values["VmRSS"], values["VmHWM"]


def child() -> int:
    """Start the application as ``run_app`` does; report first paint, open draft, memory."""
    started_imports = time.time()
    from PySide6.QtCore import QEvent, QObject, QTimer

    from stellungnahme_app import logs
    from stellungnahme_app.ui.app import create_application, start_main_window
    from stellungnahme_app.ui.error_reporting import install_excepthook

    report: dict[str, float] = {"imports_done": time.time() - started_imports}
    logs.configure()
    app = create_application()
    install_excepthook()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "first_paint" not in report:
                report["first_paint"] = time.time()
                QTimer.singleShot(0, open_example)
            return False

    watcher = FirstPaint()
    app.installEventFilter(watcher)
    window = start_main_window()
    if window is None:
        return 2

    def open_example() -> None:
        # A later start reopens the draft that was open at closing (right after the first
        # paint); the very first start shows the overview, so the example is opened here.
        assert window is not None
        if not window.is_editing():
            window.open_draft(window.overview.model.rows()[0].id)
        for _ in range(5):
            app.processEvents()
        report["draft_open"] = time.time() - report["first_paint"]
        report["rss_mb"], report["peak_rss_mb"] = resident_megabytes()
        window.close()
        app.quit()

    app.exec()
    window.workspace.close()
    print("BENCH " + json.dumps(report))
    return 0


def run_once(home: Path, platform: str) -> dict[str, float]:
    environment = dict(os.environ)
    environment["STELLUNGNAHME_HOME"] = str(home)
    environment.setdefault("QT_QPA_PLATFORM", platform)
    environment["QT_QPA_PLATFORM"] = platform
    started = time.time()
    result = subprocess.run(
        [sys.executable, __file__, "--child"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"Der Start ist fehlgeschlagen:\n{result.stderr}")
    line = next(x for x in result.stdout.splitlines() if x.startswith("BENCH "))
    report = json.loads(line[len("BENCH ") :])
    report["first_paint"] -= started
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--platform", default="offscreen")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child()
    with tempfile.TemporaryDirectory(prefix="bench-gui-") as folder:
        home = Path(folder)
        reports = [run_once(home, args.platform) for _ in range(args.runs)]
    print(f"Plattform: {args.platform}, {args.runs} Starts (der erste mit leerem Datenordner)")
    print(f"{'Start':>6} {'erstes Bild':>12} {'Entwurf offen':>14} {'RSS':>9} {'RSS max':>9}")
    for index, report in enumerate(reports, start=1):
        print(
            f"{index:>6} {report['first_paint']:>10.3f} s {report['draft_open']:>12.3f} s "
            f"{report['rss_mb']:>6.1f} MB {report['peak_rss_mb']:>6.1f} MB"
        )
    warm = reports[1:] or reports
    first_paint = statistics.median(r["first_paint"] for r in warm)
    memory = max(r["rss_mb"] for r in reports)
    paint_verdict = "erreicht" if first_paint <= FIRST_PAINT_GOAL_S else "VERFEHLT"
    memory_verdict = "erreicht" if memory <= MEMORY_GOAL_MB else "VERFEHLT"
    print(
        f"Median erstes Bild (ohne ersten Start): {first_paint:.3f} s "
        f"(Ziel ≤ {FIRST_PAINT_GOAL_S} s) – {paint_verdict}"
    )
    print(
        f"Höchster Speicher mit offenem Beispiel: {memory:.1f} MB "
        f"(Ziel ≤ {MEMORY_GOAL_MB:.0f} MB) – {memory_verdict}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
