"""Keyboard focus is visible on every control, in the Fusion and in the classic Windows style,
at 100 % and at 200 %: a grab of the control with the focus differs from one without."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.focus_grabs import (
    MIN_CHANGED_PIXELS,
    changed_pixels,
    changed_row_pixels,
    focus_controls,
)
from PySide6.QtWidgets import QAbstractItemView, QApplication
from pytestqt.qtbot import QtBot

from stellungnahme_app.store import Store
from stellungnahme_app.ui.main_window import MainWindow

CHECK_SCRIPT = Path(__file__).with_name("focus_grab_check.py")
STYLES = ("fusion", "windows")


@pytest.fixture(params=STYLES)
def style(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    previous = qapp.style().name()
    qapp.setStyle(request.param)
    yield request.param
    qapp.setStyle(previous)


def test_focus_shows_on_every_kind_of_control(
    qtbot: QtBot, style: str, store: Store, reference_id: int, reference_window: MainWindow
) -> None:
    unseen = {}
    for name, show in focus_controls(reference_window, reference_id).items():
        changed = changed_pixels(show())
        if changed < MIN_CHANGED_PIXELS:
            unseen[name] = changed
    assert unseen == {}, f"Fokus kaum sichtbar ({style}): {unseen}"


def test_the_current_row_of_a_list_shows_it_has_the_focus(
    qtbot: QtBot, style: str, store: Store, reference_id: int, reference_window: MainWindow
) -> None:
    controls = focus_controls(reference_window, reference_id)
    for name in ("Übersicht: Zeile", "Liste der Schritte", "Befunde des Schritts", "Prüfergebnis"):
        view = controls[name]()
        assert isinstance(view, QAbstractItemView)
        # A line along the whole row, not a dotted frame around one cell.
        assert changed_row_pixels(view) >= view.viewport().width(), f"{name} ({style})"


def test_focus_shows_at_200_percent(
    run_at_200_percent: Callable[..., dict[str, Any]],
) -> None:
    found = run_at_200_percent(CHECK_SCRIPT)
    assert found.pop("scale") == 2.0
    assert len(found) == 2 * 8
    # Twice as many pixels along each edge: at least twice as many change.
    unseen = {name: n for name, n in found.items() if n < 2 * MIN_CHANGED_PIXELS}
    assert unseen == {}


def test_the_ring_never_becomes_a_pane_of_a_splitter(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLineEdit, QSplitter

    splitter = QSplitter()
    qtbot.addWidget(splitter)
    first, second = QLineEdit(), QLineEdit()
    splitter.addWidget(first)
    splitter.addWidget(second)
    splitter.show()
    splitter.activateWindow()
    qtbot.waitUntil(splitter.isActiveWindow)
    first.setFocus()
    second.setFocus()
    assert splitter.count() == 2
