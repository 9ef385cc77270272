"""The program as the AT-SPI test sees it (run by ``atspi_session.py`` on a real X server).

Starts the main window as the program does (the example Stellungnahme on an empty
database), opens the example at step 2 with every question answered "Nein" (so every
Textbaustein picker is shown), prints ``READY`` and runs until its standard input closes.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSocketNotifier

from stellungnahme_app.ui.app import create_application, start_main_window


def main() -> None:
    app = create_application()
    window = start_main_window()
    assert window is not None
    window.load_textbausteine()
    while window.editor is None:
        app.processEvents()
    [example] = window.workspace.list_drafts()
    assert window.open_draft(example.id, step=1)
    editor = window.editor
    for question in editor.steps[1].questions.values():  # type: ignore[attr-defined]
        question.no.click()
    app.processEvents()
    print("READY", flush=True)
    stdin = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    stdin.activated.connect(app.quit)
    app.exec()
    window.close()
    window.workspace.close()


if __name__ == "__main__":
    main()
