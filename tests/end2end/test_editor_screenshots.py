"""Pictures of every step of the editor and its dialogs, at 100 % and at 200 %.

Set ``STELLUNGNAHME_SCREENSHOTS`` to a folder to keep them and look at them as a clerk
would. Each test also checks the pictures are not empty; the 200 % check fails on anything
cut off, sideways scrolling or fonts in pixels.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from stellungnahme_app.contribution_import import plan_contribution_import
from stellungnahme_app.model import Contribution, Draft
from stellungnahme_app.ui.editor import DraftEditor
from stellungnahme_app.ui.editor.contribution_import_dialog import ContributionImportDialog
from stellungnahme_app.ui.editor.step_pruefung import PruefungStep

Screenshot = Callable[[QWidget, str], Path]
CHECK_SCRIPT = Path(__file__).with_name("scaled_editor_check.py")


def _check(picture: Path) -> None:
    image = QImage(str(picture))
    assert not image.isNull()
    assert image.width() > 300 and image.height() > 200


def test_every_step_filled_and_empty(
    qtbot: Any,
    make_editor: Callable[..., DraftEditor],
    open_in_store: Callable[..., Any],
    reference_draft: Draft,
    save_screenshot: Screenshot,
) -> None:
    reference_draft.attachments = ["Lageplan", "Kostenschätzung"]
    editor = make_editor(reference_draft)
    pruefung = editor.steps[1]
    assert isinstance(pruefung, PruefungStep)
    for index in range(8):
        editor.set_current_step(index)
        _check(save_screenshot(editor, f"editor-schritt-{index + 1}"))
    editor.set_current_step(1)
    qtbot.mouseClick(pruefung.questions["legal"].no, Qt.MouseButton.LeftButton)
    _check(save_screenshot(editor, "editor-schritt-2-nein"))

    editor.set_draft(open_in_store(Draft(city="Erfurt")))
    for index in range(8):
        editor.set_current_step(index)
        _check(save_screenshot(editor, f"editor-leer-schritt-{index + 1}"))

    begun = Draft(city="Erfurt", document_number="661/24", document_title="Arbeitskreis")
    editor.set_draft(open_in_store(begun))
    _check(save_screenshot(editor, "editor-begonnen-schritt-1"))


def test_contribution_import_dialog(
    qtbot: Any, reference_draft: Draft, save_screenshot: Screenshot
) -> None:
    own = reference_draft.copy()
    own.contributions[0].text = "Älterer Stand des Sozialamts."
    incoming = reference_draft.copy()
    incoming.contributions.append(Contribution("Jugendamt", "Stellungnahme des Jugendamts", "…"))
    dialog = ContributionImportDialog(plan_contribution_import(own, incoming), "beitrag.json")
    qtbot.addWidget(dialog)
    dialog.show()
    _check(save_screenshot(dialog, "editor-beitrag-importieren"))


def test_the_editor_at_200_percent(
    run_at_200_percent: Callable[..., dict[str, Any]],
    screenshot_dir: Path,
    reference_json_path: Path,
) -> None:
    found = run_at_200_percent(CHECK_SCRIPT, str(reference_json_path), str(screenshot_dir))
    assert found["scale"] == 2.0
    assert found["problems"] == []
    _check(screenshot_dir / "200-editor-voll-schritt-4.png")


def test_misspellings_underlined_offered_and_listed(
    qtbot: Any, make_editor: Callable[..., DraftEditor], save_screenshot: Screenshot
) -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    draft = Draft(
        city="Erfurt",
        document_number="0661/24",
        document_title="Arbeitskreis Segregatoin",
        contributions=[
            Contribution(
                "Amt für Soziales",
                "Stellungnahme des Amts für Soziales",
                "Der Sozialbericht erscheint jhrlich und wird im Stadtrat beraten. Die "
                "Verwaltnug prüft die Vorschläge der Fraktion (ISEK, Drucksache 0661/24).",
            )
        ],
        conclusion="Der Stadtrat solte dem Antrag nicht folgen.",
    )
    editor = make_editor(draft)
    session = editor.spelling_session

    def settled() -> bool:
        session.check_queued()
        return not session.pending() and len(session.draft_misspellings(editor.draft())) == 4

    qtbot.waitUntil(settled, timeout=30_000)
    editor.set_current_step(0)
    _check(save_screenshot(editor, "rechtschreibung-schritt-1"))
    editor.jump_to("contributions[0].text")
    _check(save_screenshot(editor, "rechtschreibung-schritt-4"))
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F7)
    field = QApplication.focusWidget()
    menu = field._spelling.menu  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: menu.actions()[0].isEnabled(), timeout=30_000)
    _check(save_screenshot(editor, "rechtschreibung-f7"))
    save_screenshot(menu, "rechtschreibung-f7-menue")
    menu.close()
    editor.show_export_step()
    findings = editor.export_step.findings

    def spelling_items() -> list[Any]:
        items = [findings.item(row) for row in range(findings.count())]
        return [item for item in items if "Rechtschreibung" in item.text()]

    # Listed in the order of the fields, among the rules' findings.
    qtbot.waitUntil(lambda: len(spelling_items()) == 4, timeout=30_000)
    findings.scrollToItem(spelling_items()[0])
    _check(save_screenshot(editor, "rechtschreibung-schritt-8"))
