"""Logging off or shutting down with the program open: the draft is saved at once, nothing asks.

Qt calls the slot of ``QGuiApplication.commitDataRequest`` when Windows asks whether the
session may end (WM_QUERYENDSESSION); a ``QSessionManager`` cannot be made in Python, so the
tests call the handler connected to the signal as Qt would, then close the window as Qt does
at WM_ENDSESSION.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import SIGNAL, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from stellungnahme_app import exchange, paths
from stellungnahme_app.store import Store
from stellungnahme_app.ui import session_end
from stellungnahme_app.ui.background import run_in_background, running_jobs
from stellungnahme_app.ui.main_window import MainWindow

EditField = Callable[[MainWindow, str, str], QWidget]


@pytest.fixture(autouse=True)
def _no_session_end_left_over() -> Iterator[None]:
    yield
    session_end.forget_session_end()


def open_dialogs() -> list[str]:
    return [
        f"{type(w).__name__}: {getattr(w, 'text', lambda: '')()}"
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QDialog | QMessageBox) and w.isVisible()
    ]


def test_the_handler_is_connected_to_the_session_managers_request(
    start_window: Callable[[], MainWindow],
) -> None:
    app = QApplication.instance()
    before = app.receivers(SIGNAL("commitDataRequest(QSessionManager&)"))
    window = start_window()
    handler = session_end.handler_of(app)
    assert handler is not None and handler.window is window
    assert app.receivers(SIGNAL("commitDataRequest(QSessionManager&)")) == before + 1


def test_at_log_off_the_last_keystrokes_are_saved_at_once(
    store: Store, reference_id: int, reference_window: MainWindow, edit_field: EditField
) -> None:
    """Not up to 0.9 s later: Windows may end the process right after the request."""
    edit_field(reference_window, "document_title", "Vor dem Abmelden")
    assert store.load(reference_id).draft.document_title != "Vor dem Abmelden"
    session_end.SessionEnd(reference_window).commit_data()
    assert store.load(reference_id).draft.document_title == "Vor dem Abmelden"
    assert open_dialogs() == []


def test_closing_at_log_off_asks_nothing_even_while_a_pdf_is_made(
    qtbot: QtBot, store: Store, reference_window: MainWindow, edit_field: EditField
) -> None:
    window = reference_window
    release = threading.Event()
    run_in_background(window, lambda: release.wait(10), busy_text="PDF wird erstellt …",
                      on_success=lambda _: None)  # fmt: skip
    edit_field(window, "conclusion", "Noch schnell geändert")
    session_end.SessionEnd(window).commit_data()
    window.close()  # Qt closes the windows when the session ends
    assert open_dialogs() == []
    assert not window.isVisible()
    release.set()
    qtbot.waitUntil(lambda: running_jobs() == 0)


def test_a_draft_that_cannot_be_saved_at_log_off_goes_to_an_emergency_copy(
    store: Store, reference_window: MainWindow, edit_field: EditField
) -> None:
    window = reference_window
    store.close()  # the database is gone from under the window
    edit_field(window, "document_title", "Nicht speicherbar")
    session_end.SessionEnd(window).commit_data()
    window.close()
    assert open_dialogs() == [], "no error box and no question may hold up the log-off"
    assert not window.isVisible()
    [rescued] = (paths.data_dir() / "notfallkopien").glob("*.json")
    assert exchange.read_file(rescued).document_title == "Nicht speicherbar"


def test_a_conflict_at_log_off_is_kept_and_asked_about_only_if_the_session_goes_on(
    qtbot: QtBot,
    store: Store,
    reference_id: int,
    reference_window: MainWindow,
    edit_field: EditField,
) -> None:
    window = reference_window
    with Store.open() as other:  # another window saved the draft meanwhile
        theirs = other.load(reference_id)
        theirs.draft.conclusion = "Fazit von nebenan"
        other.save(theirs)
    edit_field(window, "document_title", "Meine Fassung")
    session_end.SessionEnd(window).commit_data()
    assert open_dialogs() == []
    [rescued] = (paths.data_dir() / "notfallkopien").glob("*.json")
    assert exchange.read_file(rescued).document_title == "Meine Fassung"
    assert store.load(reference_id).draft.conclusion == "Fazit von nebenan", "not overwritten"
    session_end.forget_session_end()  # the log-off was cancelled
    qtbot.waitUntil(lambda: any("ConflictDialog" in d for d in open_dialogs()), timeout=3000)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.close()


def test_after_the_session_end_passed_closing_asks_again(
    qtbot: QtBot, store: Store, open_main_window: Callable[[Store], MainWindow]
) -> None:
    """The log-off was cancelled (another program refused): everything as usual again."""
    window = open_main_window(store)
    session_end.SessionEnd(window).commit_data()
    session_end.forget_session_end()
    release = threading.Event()
    run_in_background(window, lambda: release.wait(10), busy_text="PDF wird erstellt …",
                      on_success=lambda _: None)  # fmt: skip
    asked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, answer)
    window.close()
    assert asked and window.isVisible()
    release.set()
    qtbot.waitUntil(lambda: running_jobs() == 0)
