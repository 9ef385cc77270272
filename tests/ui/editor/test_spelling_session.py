"""The editor's spell-check session: answers arrive later, and a closed editor is left alone."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtTest import QTest

from stellungnahme_app.model import Draft, Signature
from stellungnahme_app.spelling import Word, find_dictionary
from stellungnahme_app.ui.editor import DraftEditor
from stellungnahme_app.ui.error_reporting import visible_notices
from stellungnahme_app.workspace import Configuration, OpenDraft, Workspace


def test_a_word_is_unknown_until_the_background_checker_answers(
    qtbot: Any, make_editor: Callable[..., DraftEditor]
) -> None:
    session = make_editor(Draft()).spelling_session
    word = Word(0, 7, "Kwartir")
    assert session.status(word) is None
    assert session.pending()
    qtbot.waitUntil(lambda: session.status(word) is False, timeout=30_000)
    assert session.status(Word(0, 3, "Amt")) in (None, True)


def test_findings_asked_for_by_a_closed_editor_are_dropped(
    qtbot: Any, workspace: Workspace, open_in_store: Callable[..., OpenDraft]
) -> None:
    editor = DraftEditor(workspace)  # not the fixture's: this test deletes it itself
    signed = Signature(name="Anke Hofmann-Domke")  # no default date announced later
    editor.set_draft(open_in_store(Draft(conclusion="Das ist jhrlich.", signature=signed)))
    session = editor.spelling_session
    arrived: list[object] = []
    session.status(Word(0, 9, "Neuwortig"))  # still unanswered: the session asks again later
    session.fetch_findings(editor.draft(), arrived.append)
    shiboken6.delete(editor)
    assert not shiboken6.isValid(session)
    QTest.qWait(300)  # the retry would have come by now (pytest-qt fails on its exception)
    assert arrived == []


def test_a_dictionary_that_cannot_be_loaded_turns_the_marks_off_and_f7_says_why(
    qtbot: Any,
    workspace: Workspace,
    make_editor: Callable[..., DraftEditor],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    system = find_dictionary().found
    assert system is not None
    folder = tmp_path / "wörterbuch"
    folder.mkdir()
    shutil.copyfile(system.aff, folder / "de_DE.aff")
    shutil.copyfile(system.dic, folder / "de_DE.dic")
    monkeypatch.setenv("HUNSPELL_PATH_ENCODING", "ascii")  # „ö“ cannot be encoded: no load
    settings = dataclasses.replace(workspace.settings, dictionary_dir=folder)
    workspace.use_configuration(Configuration(settings))
    editor = make_editor(Draft(conclusion="Das ist jhrlich so."))
    session = editor.spelling_session
    qtbot.waitUntil(lambda: session.failure is not None, timeout=30_000)
    assert not session.available
    assert "kann nicht geladen werden" in session.failure
    editor.next_misspelling()
    qtbot.waitUntil(lambda: bool(visible_notices()), timeout=10_000)
    notice = visible_notices()[0]
    assert "kann nicht geladen werden" in notice.text()
    notice.close()
