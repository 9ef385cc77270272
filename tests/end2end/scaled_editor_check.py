"""Looks at the editor on its own at 200 % (run by ``test_editor_screenshots.py``).

Qt reads ``QT_SCALE_FACTOR`` once, so this runs in a process of its own. It shows every
step of the editor with a richly filled draft and with an empty one, in its usual size and
:data:`NARROW_WIDTH` logical pixels wide, plus the contribution import dialog, checks each
with the shell's :func:`layout_problems` (nothing cut off, no sideways scrolling, no scroll
bar without need, no pixel fonts), saves the pictures and prints the findings as JSON.
Usage: ``python scaled_editor_check.py <reference.json> [screenshot folder]``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scaled_window_check import NARROW_WIDTH, layout_problems

from stellungnahme_app import exchange
from stellungnahme_app.contribution_import import plan_contribution_import
from stellungnahme_app.model import Contribution, Draft
from stellungnahme_app.settings import load_settings
from stellungnahme_app.store import Store
from stellungnahme_app.textbausteine import load_textbausteine
from stellungnahme_app.ui.app import create_application
from stellungnahme_app.ui.editor import DraftEditor
from stellungnahme_app.ui.editor.contribution_import_dialog import (
    ContributionImportDialog,
)
from stellungnahme_app.workspace import Workspace


def main(reference: Path, shots: Path | None) -> int:
    app = create_application()
    settings = load_settings().settings
    textbausteine, _problems = load_textbausteine(settings.textbausteine_dir)
    workspace = Workspace(Store.open(), settings, textbausteine)  # in the test's data folder
    editor = DraftEditor(workspace)
    screen = editor.screen().availableGeometry()
    editor.resize(int(screen.width() * 0.9), int(screen.height() * 0.85))
    editor.show()
    problems: list[str] = []

    def look(widget: object, where: str, picture: str) -> None:
        app.processEvents()
        problems.extend(layout_problems(widget, where))  # type: ignore[arg-type]
        if shots is not None:
            widget.grab().save(str(shots / f"{picture}.png"))  # type: ignore[attr-defined]

    rich = exchange.read_file(reference)
    rich.assessments.legal = False
    rich.attachments = ["Lageplan zum Sozialraum Erfurt-Nord", "Kostenschätzung"]
    usual_width = editor.width()
    for width, size in ((usual_width, ""), (NARROW_WIDTH, "schmal-")):
        editor.resize(width, editor.height())
        for name, draft in (("voll", rich.copy()), ("leer", Draft(city=settings.city))):
            editor.set_draft(workspace.create_draft(draft))
            for step in range(8):
                editor.set_current_step(step)
                look(
                    editor,
                    f"{width} px breit, {name}, Schritt {step + 1}",
                    f"200-editor-{size}{name}-schritt-{step + 1}",
                )
        editor.resize(usual_width, editor.height())

    incoming = rich.copy()
    incoming.contributions.append(Contribution("Jugendamt", "Stellungnahme des Jugendamts", "…"))
    own = rich.copy()
    own.contributions[0].text = "Älterer Stand."
    dialog = ContributionImportDialog(
        plan_contribution_import(own, incoming), "beitrag.json", editor
    )
    dialog.show()
    look(dialog, "Beitrag importieren", "200-editor-beitrag-importieren")
    dialog.close()
    editor.close()
    found = {"scale": editor.devicePixelRatioF(), "problems": problems}
    print(json.dumps(found, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None))
