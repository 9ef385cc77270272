"""What the window remembers, and the size it opens with the first time."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from stellungnahme_app.store import Store
from stellungnahme_app.ui.main_window import MainWindow
from stellungnahme_app.ui.window_state import first_window_size

CONTENT = QSize(980, 714)  # 140 characters, 42 lines of the usual system font


@pytest.mark.parametrize(
    ("available", "at_least"),
    [
        (QSize(1920, 1040), QSize(1280, 800)),  # full HD with a task bar
        (QSize(1680, 1010), QSize(1280, 800)),
        (QSize(1366, 728), QSize(1280, 690)),  # a small laptop: as tall as it fits
        (QSize(2560, 1400), QSize(1920, 1050)),  # a big screen: three quarters of it
    ],
)
def test_the_first_window_is_at_least_1280_by_800_where_the_screen_allows(
    available: QSize, at_least: QSize
) -> None:
    size = first_window_size(available, CONTENT)
    assert size.width() >= at_least.width() and size.height() >= at_least.height()
    assert size.width() <= available.width() and size.height() <= available.height()


def test_the_first_window_never_outgrows_a_small_screen() -> None:
    size = first_window_size(QSize(1024, 600), CONTENT)
    assert size.width() <= 1024 and size.height() <= 600
    assert size.width() >= 900 and size.height() >= 550


def test_the_real_window_fits_its_screen(
    qtbot: QtBot, store: Store, open_main_window: object
) -> None:
    window: MainWindow = open_main_window(store)  # type: ignore[operator]
    available = window.screen().availableGeometry().size()
    assert window.size() == first_window_size(available, window.content_size())
