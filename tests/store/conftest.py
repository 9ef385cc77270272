"""Fixtures for the store tests: a real database file in the test's data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from stellungnahme_app.store import Store

from .clock import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(data_home: Path) -> Path:
    return data_home / "stellungnahme.db"


@pytest.fixture
def store(db_path: Path, clock: FakeClock) -> Iterator[Store]:
    with Store.open(db_path, clock=clock) as opened:
        yield opened
