"""Fixtures for the settings tests: the files of the three layers in the test's folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from stellungnahme_app.settings import Settings, load_settings

from .setting_files import write


@pytest.fixture
def defaults(tmp_path: Path) -> Settings:
    loaded = load_settings(admin_files=[], user_file=tmp_path / "keine-einstellungen.json")
    assert loaded.problems == []
    return loaded.settings


@pytest.fixture
def admin_file(tmp_path: Path) -> Path:
    return tmp_path / "Programme" / "Stellungnahme" / "stellungnahme.toml"


@pytest.fixture
def user_file(tmp_path: Path) -> Path:
    return tmp_path / "home" / "einstellungen.json"


@pytest.fixture
def word_template(tmp_path: Path) -> Path:
    return write(tmp_path / "vorlagen" / "stadt.docx", "not really a docx; only existence counts")
