"""Fixtures for the application layer's tests: a workspace on a real store in the test folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from stellungnahme_app.workspace import Workspace, load_configuration


@pytest.fixture
def workspace() -> Iterator[Workspace]:
    """A workspace on a new database in the test's own data folder."""
    opened = Workspace.open()
    yield opened
    opened.close()


@pytest.fixture
def admin_file(data_home: Path) -> Callable[[str], Path]:
    """Write the administrator's ``stellungnahme.toml`` (the path the tests point to)."""

    def write(text: str) -> Path:
        path = data_home / "admin" / "stellungnahme.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        assert load_configuration().problems == []
        return path

    return write
