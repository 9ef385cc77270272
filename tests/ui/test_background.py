"""Slow work runs off the GUI thread, shows a busy indicator and reports back on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from stellungnahme_app.errors import ExportError
from stellungnahme_app.ui.background import run_in_background, running_jobs


def test_result_arrives_on_the_gui_thread_and_the_indicator_goes_away(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    release = threading.Event()
    threads: dict[str, object] = {}
    results: list[int] = []

    def work() -> int:
        threads["work"] = QThread.currentThread()
        assert release.wait(10)
        return 42

    def done(value: int) -> None:
        threads["done"] = QThread.currentThread()
        results.append(value)

    run_in_background(window, work, busy_text="PDF wird erstellt …", on_success=done)
    labels = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert "PDF wird erstellt …" in labels
    assert running_jobs() == 1
    assert QApplication.overrideCursor() is not None
    release.set()
    qtbot.waitUntil(lambda: results == [42])
    assert threads["work"] is not threads["done"]
    assert threads["done"] is QApplication.instance().thread()
    qtbot.waitUntil(
        lambda: (
            "PDF wird erstellt …"
            not in [label.text() for label in window.statusBar().findChildren(QLabel)]
        )
    )
    assert running_jobs() == 0
    assert QApplication.overrideCursor() is None


def test_a_failure_goes_to_on_error(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    errors: list[BaseException] = []

    def work() -> None:
        raise ExportError("LibreOffice ist nicht installiert.")

    run_in_background(
        widget,
        work,
        busy_text="PDF wird erstellt …",
        on_success=lambda _: None,
        on_error=errors.append,
    )
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert isinstance(errors[0], ExportError)
    assert running_jobs() == 0


def test_without_on_error_the_user_sees_the_message(
    qtbot: QtBot, error_messages: Callable[[], list[str]]
) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)

    def work() -> None:
        raise ExportError("LibreOffice ist nicht installiert.")

    run_in_background(widget, work, busy_text="PDF wird erstellt …", on_success=lambda _: None)
    qtbot.waitUntil(lambda: running_jobs() == 0)
    assert error_messages() == ["LibreOffice ist nicht installiert."]


def test_the_gui_stays_responsive_while_work_runs(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    release = threading.Event()
    finished: list[str] = []
    run_in_background(
        widget,
        lambda: release.wait(10),
        busy_text="Bitte warten …",
        on_success=lambda _: finished.append("ok"),
    )
    ticks: list[int] = []
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: ticks == [1])
    assert finished == []
    release.set()
    qtbot.waitUntil(lambda: finished == ["ok"])


def test_a_result_for_a_closed_window_is_dropped(qtbot: QtBot) -> None:
    widget = QWidget()
    release = threading.Event()
    called: list[object] = []
    run_in_background(widget, lambda: release.wait(10), busy_text="…", on_success=called.append)
    widget.deleteLater()
    qtbot.wait(10)
    release.set()
    qtbot.waitUntil(lambda: running_jobs() == 0)
    assert called == []
