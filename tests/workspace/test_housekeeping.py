"""After a killed run, the next start of the command line or the window tidies up."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from stellungnahme_app.workspace.housekeeping import clean_up_after_killed_runs

posix_only = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")


def _killed_while_writing(target: Path) -> Path:
    """A process that dies (SIGKILL) halfway through writing ``target``; its temp file."""
    script = (
        "import os, signal\nfrom pathlib import Path\n"
        "from stellungnahme_app.fileio import atomic_target\n"
        f"with atomic_target(Path({str(target)!r})) as temp:\n"
        "    temp.write_bytes(b'halb')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert result.returncode == -signal.SIGKILL, result.stderr
    [left] = [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
    return left


@posix_only
def test_the_leftovers_of_a_killed_write_are_removed(tmp_path: Path) -> None:
    left = _killed_while_writing(tmp_path / "Stellungnahme.docx")
    assert clean_up_after_killed_runs(temp_folder=tmp_path / "leer") == [left]
    assert not left.exists()
    assert clean_up_after_killed_runs(temp_folder=tmp_path / "leer") == []


@posix_only
def test_the_command_line_tidies_up_before_its_command(
    tmp_path: Path, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    left = _killed_while_writing(tmp_path / "Stellungnahme.docx")
    code, _out, _err = run_cli("drafts", "list")
    assert code == 0
    assert not left.exists()


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    from stellungnahme_app.cli.main import main

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
