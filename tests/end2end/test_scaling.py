"""Usable at 150 and 200 % scaling: nothing cut off, no sideways scrolling, no pixel font
sizes, sharp icons.

Runs ``scaled_window_check.py`` in a process of its own at 200 % on a screen of 1280×720
logical pixels – a laptop's screen at its usual magnification (fixture ``run_at_200_percent``)
– and at 150 % on a Full-HD desk screen (``run_at_150_percent``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

CHECK_SCRIPT = Path(__file__).with_name("scaled_window_check.py")


def test_the_window_and_dialogs_are_usable_at_200_percent(
    run_at_200_percent: Callable[..., dict[str, Any]], screenshot_dir: Path
) -> None:
    found = run_at_200_percent(CHECK_SCRIPT, str(screenshot_dir))
    assert found["scale"] == 2.0
    assert found["screen"] == [1280, 720]
    assert found["problems"] == []
    assert found["blurred_icons"] == []


def test_the_window_and_dialogs_are_usable_at_150_percent(
    run_at_150_percent: Callable[..., dict[str, Any]], screenshot_dir: Path
) -> None:
    found = run_at_150_percent(CHECK_SCRIPT, str(screenshot_dir))
    assert found["scale"] == 1.5
    assert found["screen"] == [1280, 720]
    assert found["problems"] == []
    assert found["blurred_icons"] == []
