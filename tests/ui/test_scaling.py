"""Usable at 200 % scaling: nothing cut off, no sideways scrolling, no pixel font sizes.

Runs ``scaled_window_check.py`` in a process of its own with ``QT_SCALE_FACTOR=2`` on an
offscreen screen of 2560×1440 pixels, i.e. 1280×720 at 200 % – a laptop's screen at its
usual magnification.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CHECK_SCRIPT = Path(__file__).with_name("scaled_window_check.py")
SCREEN = {
    "screens": [
        {
            "name": "Bildschirm",
            "x": 0,
            "y": 0,
            "width": 2560,
            "height": 1440,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        }
    ]
}


def test_the_window_and_dialogs_are_usable_at_200_percent(
    tmp_path: Path, screenshot_dir: Path
) -> None:
    config = tmp_path / "bildschirm.json"
    config.write_text(json.dumps(SCREEN), encoding="utf-8")
    environment = dict(os.environ)
    environment["QT_SCALE_FACTOR"] = "2"
    environment["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    result = subprocess.run(
        [sys.executable, str(CHECK_SCRIPT), str(screenshot_dir)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["scale"] == 2.0
    assert found["screen"] == [1280, 720]
    assert found["problems"] == []
