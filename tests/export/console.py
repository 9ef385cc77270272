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
