"""Where the settings files lie, and the files shipped with the program."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from stellungnahme_app.settings import (
    SETTING_KEYS,
    Settings,
    admin_config_candidates,
    admin_example_file,
    catalogue_file,
    example_draft_file,
    load_settings,
    user_settings_file,
)

from .setting_files import write


def test_default_call_reads_only_the_catalogue(data_home: Path) -> None:
    loaded = load_settings()
    assert loaded.problems == []
    assert loaded.sources == [catalogue_file()]
    assert user_settings_file() == data_home / "einstellungen.json"


def test_admin_config_variable_names_the_only_candidate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STELLUNGNAHME_ADMIN_CONFIG", str(tmp_path / "probe.toml"))
    assert admin_config_candidates() == [tmp_path / "probe.toml"]


def test_admin_candidates_installation_folder_then_programdata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STELLUNGNAHME_ADMIN_CONFIG")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "Stellungnahme" / "Stellungnahme.exe"))
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("PROGRAMDATA", str(tmp_path / "ProgramData"))
    assert admin_config_candidates() == [
        tmp_path / "Stellungnahme" / "stellungnahme.toml",
        tmp_path / "ProgramData" / "Stellungnahme" / "stellungnahme.toml",
    ]


def test_admin_candidates_unfrozen_elsewhere_is_the_site_config_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("STELLUNGNAHME_ADMIN_CONFIG")
    monkeypatch.setattr(sys, "platform", "linux")
    [candidate] = admin_config_candidates()
    assert candidate.name == "stellungnahme.toml"
    assert candidate.parent.name == "Stellungnahme"


def test_admin_file_found_through_the_variable(data_home: Path) -> None:
    write(data_home / "admin" / "stellungnahme.toml", 'city = "Weimar"\n')
    loaded = load_settings()
    assert loaded.settings.city == "Weimar"
    assert loaded.settings.locked == {"city"}


def test_bundled_example_draft_is_the_reference(reference_json_path: Path) -> None:
    example = example_draft_file()
    assert example.read_bytes() == reference_json_path.read_bytes()


def test_admin_example_file_as_shipped_changes_nothing(defaults: Settings) -> None:
    example = admin_example_file()
    loaded = load_settings(admin_files=[example])
    assert loaded.problems == []
    assert loaded.settings == defaults


def test_admin_example_file_with_every_line_enabled(tmp_path: Path) -> None:
    text = admin_example_file().read_text(encoding="utf-8")
    enabled = re.sub(r"(?m)^# (?=[a-z_]+ = |\[\[)", "", text)
    admin = write(tmp_path / "stellungnahme.toml", enabled)
    loaded = load_settings(admin_files=[admin])
    # only the example's Windows and network paths do not exist here
    assert len(loaded.problems) == 4, loaded.problems
    assert "Word-Vorlage" in loaded.problems[0] and "Textbausteine" in loaded.problems[1]
    assert "Ordner des Wörterbuchs" in loaded.problems[2]
    assert "Zentrale Wortliste" in loaded.problems[3]
    current = loaded.settings
    assert current.dezernat("Dezernat NN") is not None
    assert current.office("Stabsstelle Klimaschutz") is not None
    assert current.office("Stadtarchiv") is None
    assert current.locked == set(SETTING_KEYS) - {
        "city",
        "default_department",
        "default_signatory",
    }
