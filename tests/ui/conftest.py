"""Shared fixtures for the Qt tests (pytest-qt, offscreen).

Every Qt test runs with the application configured as the real one (German translations and
locale). An error message left on screen at the end of a test fails it: a test that expects
an error reads and closes it with ``error_messages()``.
Screenshots go to ``$STELLUNGNAHME_SCREENSHOTS`` when set (to look at them), else to a
temporary folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from stellungnahme_app.ui.app import configure_application
from stellungnahme_app.ui.error_reporting import visible_error_boxes

SCREENSHOT_VARIABLE = "STELLUNGNAHME_SCREENSHOTS"


@pytest.fixture(autouse=True)
def german_application(qapp: QApplication) -> Iterator[QApplication]:
    """The QApplication set up like the real program; fails on error messages left open."""
    configure_application(qapp)
    yield qapp
    leftover = [f"{box.text()} {box.informativeText()}" for box in visible_error_boxes()]
    for box in visible_error_boxes():
        box.close()
    assert leftover == [], f"Unerwartete Fehlermeldung angezeigt: {leftover}"


@pytest.fixture
def error_messages(qapp: QApplication) -> Callable[[], list[str]]:
    """Call to get the texts of the error messages on screen (and close them)."""

    def take() -> list[str]:
        boxes = visible_error_boxes()
        texts = [f"{box.text()}\n{box.informativeText()}".strip() for box in boxes]
        for box in boxes:
            box.close()
        return texts

    return take


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    configured = os.environ.get(SCREENSHOT_VARIABLE)
    folder = Path(configured) if configured else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def save_screenshot(qapp: QApplication, screenshot_dir: Path) -> Callable[[QWidget, str], Path]:
    """Call with a widget and a file stem; the widget is painted to ``<stem>.png``."""

    def save(widget: QWidget, name: str) -> Path:
        qapp.processEvents()
        target = screenshot_dir / f"{name}.png"
        assert widget.grab().save(str(target)), f"Bildschirmfoto {target} nicht gespeichert"
        return target

    return save
