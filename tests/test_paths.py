"""The data folder holds the drafts, so it is private to the user (POSIX modes; on Windows
the per-user profile folder already is)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from stellungnahme_app import paths

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_data_folder_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "neu" / "Stellungnahme"
    monkeypatch.setenv(paths.HOME_VARIABLE, str(folder))
    assert paths.data_dir() == folder
    assert _mode(folder) == 0o700


def test_the_default_data_folder_an_older_version_made_open_is_made_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(paths.HOME_VARIABLE)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    folder = tmp_path / "share" / paths.APP_NAME
    folder.mkdir(parents=True)
    folder.chmod(0o755)
    assert paths.data_dir() == folder
    assert _mode(folder) == 0o700


def test_a_folder_the_administrator_named_is_left_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "vom-admin"
    folder.mkdir()
    folder.chmod(0o750)
    monkeypatch.setenv(paths.HOME_VARIABLE, str(folder))
    assert paths.data_dir() == folder
    assert _mode(folder) == 0o750
