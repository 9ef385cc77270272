"""Pictures of the editor with a list and a pasted table: step 4, step 6 and step 8's preview.

Set ``STELLUNGNAHME_SCREENSHOTS`` to a folder to keep them and look at them as a clerk would.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from stellungnahme_app.model import Draft
from stellungnahme_app.ui.editor import DraftEditor

Screenshot = Callable[[QWidget, str], Path]
LIST_AND_TABLE = (
    "Die Kosten sind wie folgt geplant:\n\n"
    "Posten\tAnzahl\tBetrag 2024\n"
    "Dachsanierung\t1\t120.000,00 €\n"
    "Fenster (doppelt verglast)\t48\t86.400,00 €\n"
    "Summe\t\t206.400,00 €\n\n"
    "Wir schlagen vor:\n- Prüfung von Fördermitteln\n- Bericht an den Finanzausschuss\n\n"
    "1. Die Verwaltung prüft die Fördermittel.\n2. Der Ausschuss wird beteiligt."
)


def _check(picture: Path) -> None:
    image = QImage(str(picture))
    assert not image.isNull()
    assert image.width() > 300 and image.height() > 200


def test_a_contribution_with_a_list_and_a_table(
    qtbot: Any,
    make_editor: Callable[..., DraftEditor],
    reference_draft: Draft,
    save_screenshot: Screenshot,
) -> None:
    reference_draft.contributions[0].text = LIST_AND_TABLE
    reference_draft.attachments = ["Kostenaufstellung", "Anlage 2 – Lageplan", "", "Fotos"]
    editor = make_editor(reference_draft)
    editor.set_current_step(3)
    _check(save_screenshot(editor, "editor-liste-und-tabelle-schritt-4"))
    editor.set_current_step(5)
    _check(save_screenshot(editor, "editor-anlagen-nummeriert-schritt-6"))
    editor.show_export_step()
    step = editor.steps[7]
    preview = step.preview  # type: ignore[attr-defined]
    text = preview.toPlainText()
    start = preview.document().find("Die Kosten sind").position()
    cursor = preview.textCursor()
    cursor.setPosition(start)
    preview.setTextCursor(cursor)
    preview.ensureCursorVisible()
    assert "Posten" in text and "Prüfung von Fördermitteln" in text
    _check(save_screenshot(editor, "editor-liste-und-tabelle-vorschau"))
