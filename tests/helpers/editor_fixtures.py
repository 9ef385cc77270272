"""Fixtures for the editor's tests: a shown DraftEditor on a real workspace (a plugin, see
``tests/conftest.py``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from stellungnahme_app.model import Draft
from stellungnahme_app.settings import Settings
from stellungnahme_app.store import Status
from stellungnahme_app.textbausteine import Textbaustein, load_textbausteine
from stellungnahme_app.ui.editor import DraftEditor
from stellungnahme_app.workspace import OpenDraft, Workspace


def docx_paragraphs(path: Path) -> list[str]:
    """The texts of a .docx: body paragraphs, then every table's cells row by row."""
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [cell.text for cell in row.cells]
    return texts


@pytest.fixture
def read_docx() -> Callable[[Path], list[str]]:
    """:func:`docx_paragraphs` as a fixture: ``read_docx(path)``."""
    return docx_paragraphs


@pytest.fixture
def textbausteine(app_settings: Settings) -> list[Textbaustein]:
    items, problems = load_textbausteine(app_settings.textbausteine_dir)
    assert problems == []
    return items


@pytest.fixture
def open_in_store(workspace: Workspace) -> Callable[..., OpenDraft]:
    """Call with a draft (and status, deadline): it is stored and returned opened."""

    def create(
        draft: Draft | None = None, *, status: Status = Status.DRAFT, deadline: Any = None
    ) -> OpenDraft:
        return workspace.create_draft(
            draft if draft is not None else Draft(), status=status, deadline=deadline
        )

    return create


@pytest.fixture
def make_editor(
    qtbot: Any, workspace: Workspace, open_in_store: Callable[..., OpenDraft]
) -> Callable[..., DraftEditor]:
    """Call with a draft (default: empty) and optionally ``status=``/``deadline=``: it is
    stored, and a shown, active editor edits that very object (the test reads it back)."""

    def make(draft: Draft | None = None, **metadata: Any) -> DraftEditor:
        editor = DraftEditor(workspace)
        qtbot.addWidget(editor)
        opened = open_in_store(draft, **metadata)
        if draft is not None:
            opened.draft = draft
        editor.set_draft(opened)
        editor.resize(
            editor.fontMetrics().averageCharWidth() * 150, editor.fontMetrics().height() * 45
        )
        editor.show()
        editor.activateWindow()
        assert QTest.qWaitForWindowActive(editor, 5000), "Editor wurde nicht aktiv"
        return editor

    return make


@pytest.fixture
def editor(make_editor: Callable[..., DraftEditor]) -> DraftEditor:
    return make_editor()


@pytest.fixture
def reference_editor(
    make_editor: Callable[..., DraftEditor], reference_draft: Draft
) -> DraftEditor:
    return make_editor(reference_draft)


def answer_next_message_box(button_text: str) -> None:
    """Click the button ``button_text`` of the next modal message box (opened by ``exec``)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        for button in box.buttons():
            if button.text().replace("&", "") == button_text:
                button.click()
                return
        raise AssertionError(f"Kein Knopf „{button_text}“ in {[b.text() for b in box.buttons()]}")

    QTimer.singleShot(0, click)


@pytest.fixture
def answer_message_box() -> Callable[[str], None]:
    """Call before the action: clicks ``button_text`` in the message box it opens."""
    return answer_next_message_box
