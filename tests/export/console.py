"""Programs in their own processes: ``stellungnahme`` as a clerk runs it, a stand-in soffice."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path


def program() -> Path:
    """The console script of this environment (``.venv/bin/stellungnahme``)."""
    name = "stellungnahme.exe" if os.name == "nt" else "stellungnahme"
    return Path(sys.executable).parent / name


def run_program(*argv: object, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``stellungnahme ARGV…`` in ``cwd``; stdout and stderr as text."""
    return subprocess.run(
        [str(program()), *map(str, argv)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
        cwd=cwd,
    )


def path_with(script: Path) -> str:
    """PATH with the fake soffice's folder first (the shell tools stay reachable)."""
    return str(script.parent) + os.pathsep + os.environ.get("PATH", "")


def fake_soffice(folder: Path, body: str) -> Path:
    """A stand-in for soffice: a shell script doing ``body``."""
    bin_dir = folder / "bin"
    bin_dir.mkdir(exist_ok=True)
    script = bin_dir / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return script


def start_export(
    reference_json: Path, target: Path, temp: Path, path: str, *, slow_disk: bool = False
) -> subprocess.Popen:
    """A child process exporting ``reference_json`` to ``target`` (its temp folder: ``temp``).

    It prints ``bereit`` before it starts. ``slow_disk`` makes flushing a file to disk take
    0.1 s, as on a network drive, which widens the moment between a temporary file's
    creation and its replacing the target.
    """
    script = (
        "import sys, time\nfrom pathlib import Path\nfrom stellungnahme_app import exchange\n"
        "from stellungnahme_app import fileio\n"
        "from stellungnahme_app.export import export_document\n"
        "if sys.argv[3] == 'langsam':\n"
        "    flush = fileio._fsync\n"
        "    fileio._fsync = lambda path: (time.sleep(0.1), flush(path))\n"
        "draft = exchange.read_file(Path(sys.argv[1]))\n"
        "print('bereit', flush=True)\n"
        "export_document(draft, Path(sys.argv[2]), draft_mode=True)\n"
    )
    environment = {**os.environ, "PATH": path, "TMPDIR": str(temp)}
    speed = "langsam" if slow_disk else "normal"
    return subprocess.Popen(
        [sys.executable, "-c", script, str(reference_json), str(target), speed],
        env=environment,
        stdout=subprocess.PIPE,
        text=True,
    )
