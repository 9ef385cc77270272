"""The markers ``windows_only`` and ``posix_only``: tests that prove one system's behaviour.

``windows_only`` runs only on Windows (the Windows CI job), ``posix_only`` everywhere else.
Both take an optional ``reason`` naming the difference of the systems meant, e.g.
``@pytest.mark.posix_only(reason="the fake soffice is a shell script")``. Loaded for every
test as a plugin (``tests/conftest.py``); the markers are registered in ``pyproject.toml``.
"""

from __future__ import annotations

import sys

import pytest

DEFAULT_REASONS = {"windows_only": "nur unter Windows", "posix_only": "nicht unter Windows"}


def runs_here(marker_name: str, platform: str = sys.platform) -> bool:
    """Whether a test with the marker ``marker_name`` runs on ``platform``."""
    if marker_name == "windows_only":
        return platform == "win32"
    if marker_name == "posix_only":
        return platform != "win32"
    return True


def pytest_runtest_setup(item: pytest.Item) -> None:
    for name, default in DEFAULT_REASONS.items():
        marker = item.get_closest_marker(name)
        if marker is not None and not runs_here(name):
            pytest.skip(marker.kwargs.get("reason", default))
