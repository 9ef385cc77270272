"""``make_motions.py`` still makes the corpus the tests use (LibreOffice, about a minute)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from stellungnahme_app.export.pdf import find_soffice
from stellungnahme_app.motion import MotionError, read_motion

SCRIPT = Path(__file__).parents[1] / "fixtures" / "motions" / "make_motions.py"


def outcome(path: Path) -> object:
    try:
        reading = read_motion(path)
    except MotionError as error:
        return type(error).__name__
    points = [(p.number, p.text, p.origin.pages) for p in reading.points]
    return reading.number, reading.title, points, reading.page_count


@pytest.mark.slow
@pytest.mark.office
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) fehlt")
def test_the_script_reproduces_what_the_committed_files_say(tmp_path: Path, motions: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--target", str(tmp_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    made = sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".docx", ".json"))
    committed = sorted(p.name for p in motions.iterdir() if p.suffix in (".pdf", ".docx", ".json"))
    assert made == committed
    for name in made:
        if name.startswith("oparl-"):
            assert (tmp_path / name).read_text("utf-8") == (motions / name).read_text("utf-8")
            continue
        assert outcome(tmp_path / name) == outcome(motions / name), name
