"""Looks at the main window and the shell's dialogs at 200 % (run by ``test_scaling.py``).

Qt reads ``QT_SCALE_FACTOR`` once, when the application starts, so this runs in a process of
its own and prints what it found as JSON: every control that is cut off (smaller than it
needs), every page that needs scrolling sideways or shows a scroll bar it does not need,
every font set in pixels, every step icon not drawn at the screen's device pixel ratio
(it would look blurred). The window is looked at in its usual size and once more only
:data:`NARROW_WIDTH` logical pixels wide (half a laptop screen, a window beside another).
Usage: ``python scaled_window_check.py [screenshot folder]``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)

from stellungnahme_app.ui.app import create_application, start_main_window
from stellungnahme_app.ui.backup_dialog import BackupDialog
from stellungnahme_app.ui.editor.step_list import StepList
from stellungnahme_app.ui.history_dialog import HistoryDialog
from stellungnahme_app.ui.settings_dialog import SettingsDialog
from stellungnahme_app.ui.trash_dialog import TrashDialog

SIZED_TYPES = (QAbstractButton, QComboBox, QLineEdit, QLabel)
NARROW_WIDTH = 800


def _name(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    shown = text() if callable(text) else ""
    return f"{type(widget).__name__} {widget.objectName()!r} {str(shown)[:40]!r}"


def layout_problems(root: QWidget, where: str) -> list[str]:
    """What a clerk at 200 % would find cramped or cut off in ``root``."""
    problems = []
    screen = root.screen().availableGeometry()
    hint = root.minimumSizeHint()
    if hint.width() > screen.width() or hint.height() > screen.height():
        problems.append(f"{where}: braucht mindestens {hint.width()}×{hint.height()}")
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.font().pixelSize() != -1:
            problems.append(f"{where}: Schrift in Pixeln: {_name(widget)}")
        if "px" in widget.styleSheet() and "font" in widget.styleSheet():
            problems.append(f"{where}: Schriftgröße im Stylesheet: {_name(widget)}")
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QScrollArea) and widget.horizontalScrollBar().isVisible():
            problems.append(f"{where}: muss seitlich scrollen: {_name(widget)}")
        if isinstance(widget, QScrollArea) and needless_vertical_scroll_bar(widget):
            problems.append(f"{where}: Bildlaufleiste ohne Not: {_name(widget)}")
        if isinstance(widget, QLabel) and (widget.wordWrap() or not widget.text()):
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), QComboBox):
            continue  # the text part of an editable list sits inside the list's frame
        if isinstance(widget, SIZED_TYPES):
            need = widget.minimumSizeHint()
            if widget.width() + 1 < need.width() or widget.height() + 1 < need.height():
                problems.append(
                    f"{where}: abgeschnitten ({widget.width()}×{widget.height()} statt "
                    f"{need.width()}×{need.height()}): {_name(widget)}"
                )
    return problems


def needless_vertical_scroll_bar(area: QScrollArea) -> bool:
    """The area shows a vertical scroll bar although its page would fit without one."""
    bar = area.verticalScrollBar()
    page = area.widget()
    if not bar.isVisible() or page is None or area.horizontalScrollBar().isVisible():
        return False
    width = area.viewport().width() + bar.width()
    if page.hasHeightForWidth():
        needed = page.heightForWidth(width)
    else:
        needed = page.minimumSizeHint().height()
    return needed <= area.viewport().height()


def blurred_step_icons(window: QWidget) -> list[str]:
    """The steps whose icon Qt would have to scale up to the screen's pixels."""
    steps = window.findChild(StepList)
    assert steps is not None, "die Schrittliste fehlt"
    ratio = window.devicePixelRatioF()
    return [
        steps.item(row).text().splitlines()[0]
        for row in range(steps.count())
        if steps.item(row).icon().pixmap(steps.iconSize(), ratio).devicePixelRatio() != ratio
    ]


def main(shots: Path | None) -> int:
    app = create_application()
    window = start_main_window()
    assert window is not None
    app.processEvents()
    screen = window.screen().availableGeometry()
    found: dict[str, object] = {
        "screen": [screen.width(), screen.height()],
        "scale": window.devicePixelRatioF(),
        "window": [window.width(), window.height()],
        "problems": [],
    }
    problems: list[str] = found["problems"]  # type: ignore[assignment]
    percent = round(window.devicePixelRatioF() * 100)

    def look(widget: QWidget, where: str, picture: str) -> None:
        app.processEvents()
        problems.extend(layout_problems(widget, where))
        if shots is not None:
            widget.grab().save(str(shots / f"{percent}-{picture}.png"))

    look(window, "Übersicht", "uebersicht")
    draft_id = window.overview.model.rows()[0].id
    window.open_draft(draft_id)
    deadline = time.monotonic() + 30
    while window.editor is None or not window.is_editing():  # the Textbausteine are read first
        assert time.monotonic() < deadline, "der Entwurf wurde nicht geöffnet"
        app.processEvents()
    for step in range(8):
        window.editor.set_current_step(step)
        look(window, f"Schritt {step + 1}", f"schritt-{step + 1}")
    found["blurred_icons"] = blurred_step_icons(window)
    window.resize(NARROW_WIDTH, window.height())
    for step in range(8):
        window.editor.set_current_step(step)
        look(window, f"{NARROW_WIDTH} px breit, Schritt {step + 1}", f"schmal-schritt-{step + 1}")
    window.show_overview()
    look(window, f"{NARROW_WIDTH} px breit, Übersicht", "schmal-uebersicht")
    window.workspace.back_up_now()
    for dialog, name in (
        (BackupDialog(window.workspace, window), "datensicherungen"),
        (SettingsDialog(window.settings, window), "einstellungen"),
        (TrashDialog(window.workspace, window), "papierkorb"),
        (HistoryDialog(window.workspace, draft_id, window), "versionen"),
    ):
        dialog.show()
        look(dialog, f"Dialog {name}", f"dialog-{name}")
        dialog.close()
    window.close()
    window.workspace.close()
    print(json.dumps(found, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
