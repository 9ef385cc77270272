"""DraftSession on its own: saved within a second while typing, conflicts, failures, locks."""

from __future__ import annotations

import time
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from stellungnahme_app.model import Draft
from stellungnahme_app.store import ConflictError, DraftNotFound, Store
from stellungnahme_app.ui.draft_session import MAX_SAVE_DELAY_MS, DraftSession
from stellungnahme_app.workspace import OpenDraft, Workspace


def _session(qtbot: QtBot, workspace: Workspace, opened: OpenDraft) -> DraftSession:
    """A session as the editor page makes one; the tests change ``opened`` themselves."""
    return DraftSession(workspace, opened, flush=lambda: None)


def test_continuous_typing_is_saved_at_most_a_second_behind(
    qtbot: QtBot, workspace: Workspace, store: Store
) -> None:
    opened = workspace.create_draft(Draft(conclusion=""))
    session = _session(qtbot, workspace, opened)
    typed: list[tuple[float, int]] = []  # (when, length of the text after the keystroke)
    saved: list[tuple[float, int]] = []
    session.saved.connect(
        lambda _when: saved.append((time.monotonic(), len(opened.draft.conclusion)))
    )

    def keystroke() -> None:
        opened.draft.conclusion += "x"
        typed.append((time.monotonic(), len(opened.draft.conclusion)))
        session.mark_changed()

    typist = QTimer()
    typist.setInterval(60)  # about 16 keystrokes a second, without a pause
    typist.timeout.connect(keystroke)
    typist.start()
    qtbot.wait(3500)
    typist.stop()
    qtbot.waitUntil(lambda: not session.has_unsaved_changes(), timeout=2000)
    session.close()

    assert len(typed) > 30 and len(saved) >= 3, "saved while typing, not only after it"
    ceiling = MAX_SAVE_DELAY_MS / 1000 + 0.1  # the timer's own slack
    for when, length in typed:
        first_save = next(at for at, saved_length in saved if saved_length >= length)
        assert first_save - when <= max(ceiling, 1.0), f"{first_save - when:.2f} s nach Tippen"
    assert store.load(opened.id).draft.conclusion == "x" * len(typed)


def test_nothing_to_save_writes_nothing(qtbot: QtBot, workspace: Workspace, store: Store) -> None:
    opened = workspace.create_draft(Draft(document_title="Ruhig"))
    session = _session(qtbot, workspace, opened)
    assert session.save_now()
    assert store.load(opened.id).revision == opened.revision == 1
    session.close()


def test_a_new_draft_is_unused_until_something_is_entered(
    qtbot: QtBot, workspace: Workspace
) -> None:
    opened = workspace.new_draft()
    session = _session(qtbot, workspace, opened)
    session.mark_as_new()
    assert session.is_unused()
    opened.draft.document_title = "A"
    session.mark_changed()
    opened.draft.document_title = ""  # taken back: still counts as used
    session.mark_changed()
    assert not session.is_unused()
    assert not opened.is_new, "the workspace will not discard it"
    assert not workspace.discard_if_unused(opened)
    session.close()


def test_a_conflict_suspends_saving_until_resolved(
    qtbot: QtBot, workspace: Workspace, store: Store
) -> None:
    opened = workspace.create_draft(Draft(conclusion="Anfang"))
    session = _session(qtbot, workspace, opened)
    with Store.open(store.path) as elsewhere:
        theirs = elsewhere.load(opened.id)
        theirs.draft.conclusion = "Von nebenan"
        elsewhere.save(theirs)
    opened.draft.conclusion = "Meine Fassung"
    with qtbot.waitSignal(session.conflict, timeout=2000) as signal:
        session.mark_changed()
    assert isinstance(signal.args[0], ConflictError)
    assert signal.args[0].current.draft.conclusion == "Von nebenan"
    assert session.suspended and session.has_unsaved_changes()
    assert not session.save_now(), "no second attempt that could overwrite"
    assert store.load(opened.id).draft.conclusion == "Von nebenan"

    session.adopt(workspace.open_draft(opened.id))
    assert not session.suspended and not session.has_unsaved_changes()
    session.opened.draft.conclusion = "Danach"
    assert session.save_now()
    assert store.load(opened.id).draft.conclusion == "Danach"
    session.close()


def test_a_draft_purged_elsewhere_is_reported_as_vanished(
    qtbot: QtBot, workspace: Workspace, store: Store
) -> None:
    opened = workspace.create_draft(Draft(conclusion="Anfang"))
    session = _session(qtbot, workspace, opened)
    with Store.open(store.path) as elsewhere:
        elsewhere.delete(opened.id)
        elsewhere.purge_trash(older_than_days=None)
    opened.draft.conclusion = "Noch da"
    with qtbot.waitSignal(session.vanished, timeout=2000) as signal:
        assert not session.save_now()
    assert isinstance(signal.args[0], DraftNotFound)
    assert session.suspended
    session.close()


def test_a_failing_save_is_reported_and_stays_pending(
    qtbot: QtBot, workspace: Workspace, store: Store
) -> None:
    opened = workspace.create_draft(Draft(conclusion="Anfang"))
    session = _session(qtbot, workspace, opened)
    store.close()
    opened.draft.conclusion = "Nicht speicherbar"
    failures: list[Any] = []
    session.save_failed.connect(failures.append)
    assert not session.save_now()
    assert len(failures) == 1 and "geschlossen" in str(failures[0])
    assert session.has_unsaved_changes() and not session.suspended
    session.close()


def test_a_second_session_on_the_same_draft_learns_of_the_first(
    qtbot: QtBot, workspace: Workspace
) -> None:
    opened = workspace.create_draft(Draft())
    first = _session(qtbot, workspace, opened)
    second = _session(qtbot, workspace, workspace.open_draft(opened.id))
    assert not first.opened_elsewhere
    assert second.opened_elsewhere
    first.close()
    assert not second.check_elsewhere(), "free once the first one closed"
    second.close()


@pytest.mark.parametrize("closed_first", [True, False])
def test_a_closed_session_saves_nothing(
    qtbot: QtBot, workspace: Workspace, store: Store, closed_first: bool
) -> None:
    opened = workspace.create_draft(Draft(conclusion="Anfang"))
    session = _session(qtbot, workspace, opened)
    if closed_first:
        session.close()
    opened.draft.conclusion = "Nach dem Schließen"
    session.mark_changed()
    if not closed_first:
        session.close()
    qtbot.wait(MAX_SAVE_DELAY_MS + 200)
    assert session.save_now(), "nothing left to do for a closed session"
    assert store.load(opened.id).draft.conclusion == "Anfang"
