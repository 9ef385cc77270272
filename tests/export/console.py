"""Programs in their own processes: ``stellungnahme`` as a clerk runs it, a stand-in soffice."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest


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


#: What every fake soffice knows before its body runs: its arguments, the output folder and
#: the document to convert (the last argument), as LibreOffice gets them.
FAKE_PRELUDE = """\
import os, subprocess, sys, time
from pathlib import Path
args = sys.argv[1:]
outdir = Path(args[args.index("--outdir") + 1]) if "--outdir" in args else None
source = Path(args[-1]) if args else None
"""


def fake_soffice(folder: Path, body: str) -> Path:
    """A stand-in for soffice doing the Python code ``body`` (after :data:`FAKE_PRELUDE`).

    The program is a small wrapper that runs this Python on the body: a shell script
    ``soffice`` on POSIX, ``soffice.cmd`` on Windows (which the program runs when the
    administrator names it in ``STELLUNGNAHME_SOFFICE``, see :func:`soffice_environment`).
    """
    bin_dir = folder / "bin"
    bin_dir.mkdir(exist_ok=True)
    code = bin_dir / "soffice_body.py"
    code.write_text(FAKE_PRELUDE + body + "\n", encoding="utf-8")
    if os.name == "nt":
        script = bin_dir / "soffice.cmd"
        script.write_text(
            f'@"{sys.executable}" "{code}" %*\r\n@exit /b %ERRORLEVEL%\r\n', encoding="utf-8"
        )
        return script
    script = bin_dir / "soffice"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{code}" "$@"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return script


def soffice_environment(fake: Path) -> dict[str, str]:
    """The environment variables under which the program finds ``fake`` as its soffice."""
    return {
        "PATH": str(fake.parent) + os.pathsep + os.environ.get("PATH", ""),
        "STELLUNGNAHME_SOFFICE": str(fake),
    }


def use_soffice(monkeypatch: pytest.MonkeyPatch, fake: Path) -> None:
    """From now on in this test, the program finds ``fake`` as its soffice."""
    for name, value in soffice_environment(fake).items():
        monkeypatch.setenv(name, value)


def start_export(
    reference_json: Path, target: Path, temp: Path, soffice: Path, *, slow_disk: bool = False
) -> subprocess.Popen:
    """A child process exporting ``reference_json`` to ``target`` (its temp folder: ``temp``,
    its LibreOffice: the fake ``soffice``).

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
    environment = {
        **os.environ,
        **soffice_environment(soffice),
        **{name: str(temp) for name in ("TMPDIR", "TEMP", "TMP")},
    }
    speed = "langsam" if slow_disk else "normal"
    return subprocess.Popen(
        [sys.executable, "-c", script, str(reference_json), str(target), speed],
        env=environment,
        stdout=subprocess.PIPE,
        text=True,
    )
