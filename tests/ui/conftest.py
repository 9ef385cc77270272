"""Every test here runs in a QApplication set up like the program's (helpers.qt_fixtures)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _german_application(german_application: object) -> None:
    """German translations and locale; an error message left open fails the test."""
