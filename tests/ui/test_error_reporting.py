"""Errors reach the user in German through one message box; details go to the log file."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from stellungnahme_app import paths
from stellungnahme_app.errors import StoreError
from stellungnahme_app.ui.error_reporting import show_error, user_message, visible_error_boxes


def _raise(error: BaseException) -> BaseException:
    try:
        raise error
    except BaseException as caught:
        return caught


def test_a_stellungnahme_error_shows_its_german_message(
    qtbot: QtBot, error_messages: Callable[[], list[str]]
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    show_error(parent, StoreError("Die Datenbank ist gesperrt. Bitte später erneut versuchen."))
    [box] = visible_error_boxes()
    assert box.windowTitle() == "Stellungnahme – Fehler"
    assert box.icon() is QMessageBox.Icon.Warning
    assert box.button(QMessageBox.StandardButton.Ok).text() == "OK"
    assert error_messages() == ["Die Datenbank ist gesperrt. Bitte später erneut versuchen."]
    assert visible_error_boxes() == []


def test_action_becomes_the_headline_and_the_message_the_explanation() -> None:
    headline, explanation = user_message(
        StoreError("Der Datenträger ist voll."),
        action="Der Entwurf konnte nicht gespeichert werden.",
    )
    assert headline == "Der Entwurf konnte nicht gespeichert werden."
    assert explanation == "Der Datenträger ist voll."


def test_an_unexpected_error_names_the_log_file_and_logs_the_traceback(
    qtbot: QtBot, error_messages: Callable[[], list[str]]
) -> None:
    show_error(None, _raise(ZeroDivisionError("division by zero")))
    [text] = error_messages()
    assert "unerwarteter Fehler" in text
    assert str(paths.log_file()) in text
    assert "ZeroDivisionError" not in text
    logged = paths.log_file().read_text(encoding="utf-8")
    assert "Traceback" in logged
    assert "ZeroDivisionError: division by zero" in logged


def test_the_same_error_twice_shows_one_box(
    qtbot: QtBot, error_messages: Callable[[], list[str]]
) -> None:
    for _ in range(5):
        show_error(None, StoreError("Der Datenträger ist voll."))
    show_error(None, StoreError("Etwas anderes."))
    assert sorted(error_messages()) == ["Der Datenträger ist voll.", "Etwas anderes."]
