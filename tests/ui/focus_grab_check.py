"""Grabs controls of the real window with and without the keyboard focus in the Fusion and
the classic Windows style (run by ``test_focus_frame.py`` in a process of its own, at 200 %)
and prints, as JSON, how many pixels changed for each. Usage: ``python focus_grab_check.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from helpers.focus_grabs import changed_pixels, focus_controls

from stellungnahme_app.ui.app import create_application, start_main_window


def main() -> None:
    app = create_application()
    window = start_main_window()  # an empty database: the example draft is added
    assert window is not None
    window.load_textbausteine()
    while window.editor is None:
        app.processEvents()
    [example] = window.workspace.list_drafts()
    found: dict[str, object] = {"scale": window.devicePixelRatioF()}
    for style in ("fusion", "windows"):
        app.setStyle(style)
        for name, show in focus_controls(window, example.id).items():
            found[f"{style}, {name}"] = changed_pixels(show())
    window.close()
    window.workspace.close()
    print(json.dumps(found))


if __name__ == "__main__":
    main()
