"""Running the installed ``stellungnahme`` program in its own process, as a clerk does."""

from __future__ import annotations

import os
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
