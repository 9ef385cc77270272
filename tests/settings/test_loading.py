"""Loading: the three layers in order, locking, and defaults whatever the files hold."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stellungnahme_app.settings import Settings, catalogue_file, load_settings
from stellungnahme_app.settings.table import SETTING_TABLE, SettingDefinition, built_in_value

from .setting_files import json_values, only_problem, write


def test_three_layers_and_locking(admin_file: Path, user_file: Path, word_template: Path) -> None:
    write(
        admin_file,
        f'city = "Erfurt"\ntemplate = {str(word_template)!r}\n',
    )
    own_template = write(user_file.parent / "meine.docx", "x")
    write(
        user_file,
        json.dumps(
            {
                "template": str(own_template),
                "default_department": "Dezernat 05",
                "default_signatory": "Anke Hofmann-Domke",
            }
        ),
    )
    loaded = load_settings(admin_files=[admin_file], user_file=user_file)
    assert loaded.problems == []
    assert loaded.sources == [catalogue_file(), admin_file, user_file]
    current = loaded.settings
    assert current.locked == {"city", "template"}
    assert current.is_locked("template") and not current.is_locked("default_department")
    assert current.template == word_template  # the user's own template is ignored
    assert current.default_department == "Dezernat 05"
    assert current.default_signatory == "Anke Hofmann-Domke"


def test_user_file_sets_template_when_not_locked(user_file: Path, word_template: Path) -> None:
    write(user_file, json.dumps({"template": str(word_template)}))
    loaded = load_settings(admin_files=[], user_file=user_file)
    assert loaded.problems == []
    assert loaded.settings.template == word_template


def test_later_admin_file_overrides_earlier(tmp_path: Path) -> None:
    install = write(tmp_path / "install" / "stellungnahme.toml", 'city = "Gotha"\n')
    machine = write(
        tmp_path / "programdata" / "stellungnahme.toml",
        'city = "Weimar"\nnumber_description = "Nummer/Jahr"\n',
    )
    loaded = load_settings(admin_files=[install, machine, tmp_path / "fehlt.toml"])
    assert loaded.problems == []
    assert loaded.settings.city == "Weimar"
    assert loaded.settings.locked == {"city", "number_description"}
    assert loaded.sources[1:] == [install, machine]


def test_example_not_matching_the_pattern_is_reported(admin_file: Path) -> None:
    write(admin_file, "number_pattern = '^DS \\d+/\\d{4}$'\n")
    loaded = load_settings(admin_files=[admin_file])
    assert "„0661/24“ passt nicht" in only_problem(loaded)
    assert loaded.settings.number_pattern == r"^DS \d+/\d{4}$"


def test_everything_damaged_still_loads_the_defaults(
    admin_file: Path, user_file: Path, defaults: Settings
) -> None:
    write(admin_file, "[[offices]\n")
    write(user_file, "\x00\x01")
    loaded = load_settings(admin_files=[admin_file], user_file=user_file)
    assert len(loaded.problems) == 2
    assert loaded.settings == defaults


@settings(max_examples=60, deadline=None)
@given(admin_text=st.text(max_size=300), user_value=json_values)
def test_no_file_content_makes_loading_fail(admin_text: str, user_value: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        admin = write(Path(folder) / "stellungnahme.toml", admin_text)
        user = write(Path(folder) / "einstellungen.json", json.dumps(user_value))
        loaded = load_settings(admin_files=[admin], user_file=user)
    assert loaded.settings.city
    assert re.compile(loaded.settings.number_pattern)
    assert all(isinstance(p, str) and p for p in loaded.problems)


def _toml_value(value: object) -> str:
    return json.dumps(value)  # a JSON string or empty list is also TOML


@pytest.mark.parametrize("definition", SETTING_TABLE, ids=lambda d: d.key)
def test_a_key_the_administrator_sets_is_locked_as_the_table_says(
    definition: SettingDefinition, admin_file: Path, defaults: Settings
) -> None:
    write(admin_file, f"{definition.key} = {_toml_value(definition.default)}\n")
    loaded = load_settings(admin_files=[admin_file])
    assert loaded.problems == []
    assert loaded.settings.is_locked(definition.key) == definition.admin_lockable
    value = getattr(loaded.settings, definition.key)
    if definition.kind == "list":  # an empty list changes no entry of the catalogue's
        assert value == getattr(defaults, definition.key)
    else:
        assert value == built_in_value(definition)
