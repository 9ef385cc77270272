"""Slow work runs off the GUI thread, shows a busy indicator and reports back on the GUI thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QProgressDialog,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from stellungnahme_app.cancellation import Cancellation
from stellungnahme_app.errors import ExportError
from stellungnahme_app.ui.background import CANCEL_BUTTON_NAME, run_in_background, running_jobs


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


def test_work_can_be_cancelled_from_the_status_bar(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    cancellation = Cancellation()
    finished = threading.Event()
    results: list[object] = []
    cancelled: list[bool] = []

    def work() -> str:
        page = 0
        try:
            while True:  # like reading a PDF of endless pages
                page += 1
                cancellation.report(f"Seite {page}")
                time.sleep(0.005)
        finally:
            finished.set()

    run_in_background(
        window,
        work,
        busy_text="Antrag wird gelesen …",
        on_success=results.append,
        on_error=results.append,
        cancellation=cancellation,
        on_cancelled=lambda: cancelled.append(True),
    )
    label = window.statusBar().findChild(QLabel, "hintergrund_text")
    qtbot.waitUntil(lambda: label.text().startswith("Antrag wird gelesen … Seite "))
    button = window.statusBar().findChild(QPushButton, CANCEL_BUTTON_NAME)
    assert button.accessibleName() == "Antrag wird gelesen abbrechen"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert finished.wait(5)
    qtbot.waitUntil(lambda: cancelled == [True])
    assert results == []  # neither a result nor an error message
    qtbot.waitUntil(lambda: running_jobs() == 0)
    assert window.statusBar().findChild(QPushButton, CANCEL_BUTTON_NAME) is None or not (
        window.statusBar().findChild(QPushButton, CANCEL_BUTTON_NAME).isVisible()
    )


def test_a_result_arriving_after_cancel_is_dropped(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    cancellation = Cancellation()
    release = threading.Event()
    results: list[object] = []
    cancelled: list[bool] = []

    def work() -> int:
        assert release.wait(10)
        return 7  # done before it looked at the cancellation

    run_in_background(
        widget,
        work,
        busy_text="Antrag wird gelesen …",
        on_success=results.append,
        cancellation=cancellation,
        on_cancelled=lambda: cancelled.append(True),
    )
    dialog = widget.findChild(QProgressDialog, "hintergrund_dialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)  # after its short delay
    (button,) = dialog.findChildren(QPushButton)
    assert button.text() == "Abbrechen"
    button.click()
    assert cancellation.cancelled
    release.set()
    qtbot.waitUntil(lambda: cancelled == [True])
    assert results == []
    qtbot.waitUntil(lambda: running_jobs() == 0)
