"""The declared table of settings: every entry is complete, consistent and used everywhere.

Like qutebrowser's test of its ``configdata.yml``: each entry is checked on its own (label,
default, kind, flags), and the table is held against everything else that names keys – the
``Settings`` result, the bundled catalogue and the administrator's example file.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

import pytest

from stellungnahme_app.settings import (
    SETTING_KEYS,
    SETTING_LABELS,
    USER_EDITABLE_KEYS,
    Settings,
    admin_example_file,
    catalogue_file,
)
from stellungnahme_app.settings.catalogue import DEZERNAT_KEYS, OFFICE_KEYS, merge_by_name
from stellungnahme_app.settings.checks import CheckContext, Invalid
from stellungnahme_app.settings.table import (
    DEFINITIONS,
    SETTING_TABLE,
    SettingDefinition,
    built_in_value,
)

every_setting = pytest.mark.parametrize(
    "definition", SETTING_TABLE, ids=[definition.key for definition in SETTING_TABLE]
)


def test_keys_are_unique_and_the_lookup_covers_them() -> None:
    keys = [definition.key for definition in SETTING_TABLE]
    assert len(set(keys)) == len(keys) == len(DEFINITIONS)
    assert all(DEFINITIONS[definition.key] is definition for definition in SETTING_TABLE)


def test_the_lists_of_keys_and_labels_come_from_the_table() -> None:
    assert [definition.key for definition in SETTING_TABLE] == list(SETTING_KEYS)
    assert {d.key: d.label for d in SETTING_TABLE} == SETTING_LABELS
    assert USER_EDITABLE_KEYS == (
        "default_department",
        "default_signatory",
        "template",
        "textbausteine_dir",
    )
    assert set(USER_EDITABLE_KEYS) <= set(SETTING_KEYS)


def test_settings_has_one_field_per_key_in_the_order_of_the_table() -> None:
    fields = [field.name for field in dataclasses.fields(Settings)]
    assert fields == [*SETTING_KEYS, "locked"]


@every_setting
def test_key_is_a_toml_and_python_name(definition: SettingDefinition) -> None:
    assert re.fullmatch(r"[a-z][a-z_]*[a-z]", definition.key)


@every_setting
def test_label_and_description_are_german_sentences(definition: SettingDefinition) -> None:
    label = definition.label
    assert label.strip() == label and label[:1].isupper()
    assert "_" not in label and label != definition.key
    assert not label.endswith((".", ":"))
    assert list(SETTING_LABELS.values()).count(label) == 1
    assert definition.description[:1].isupper() and definition.description.endswith(".")


@every_setting
def test_default_passes_its_own_check(definition: SettingDefinition, tmp_path: Path) -> None:
    problems: list[str] = []
    context = CheckContext(
        key=definition.key,
        label=definition.label,
        file=tmp_path / "stellungnahme.toml",
        problems=problems,
    )
    checked = definition.check(definition.default, context)
    assert problems == []
    value = definition.merge(None, checked)
    assert value == built_in_value(definition)
    expected_type = {
        "text": str,
        "file": Path,
        "folder": Path,
        "optional_file": type(None),  # an empty default: not set
        "optional_folder": type(None),
        "list": tuple,
    }[definition.kind]
    assert isinstance(value, expected_type)


@every_setting
def test_kind_matches_check_and_merge(definition: SettingDefinition) -> None:
    value = built_in_value(definition)
    if definition.kind == "list":
        assert definition.merge is merge_by_name
        assert definition.default == [] and value == ()
    else:
        assert definition.merge is not merge_by_name
        assert isinstance(definition.default, str)
    if definition.kind == "file":
        assert value.is_file() and value.suffix == ".docx"
    if definition.kind == "folder":
        assert value.is_dir()
    if definition.kind.startswith("optional_"):
        assert definition.default == "" and value is None


@every_setting
def test_what_users_may_set_the_administrator_can_fix(definition: SettingDefinition) -> None:
    if definition.user_editable:
        assert definition.admin_lockable
        # the user's file and the settings dialog hold texts and paths, never lists
        assert definition.kind in ("text", "file", "folder")
        assert definition.field_label and definition.field_label[:1].isupper()
        assert not definition.field_label.endswith(":") and "&" not in definition.field_label
    else:
        assert definition.field_label == ""


def test_bundled_catalogue_sets_every_key_and_nothing_else() -> None:
    catalogue = tomllib.loads(catalogue_file().read_text(encoding="utf-8"))
    assert set(catalogue) == set(SETTING_KEYS)


def test_catalogue_entries_use_only_known_entry_keys() -> None:
    catalogue = tomllib.loads(catalogue_file().read_text(encoding="utf-8"))
    assert {key for entry in catalogue["dezernate"] for key in entry} <= set(DEZERNAT_KEYS)
    assert {key for entry in catalogue["offices"] for key in entry} <= set(OFFICE_KEYS)


def test_administrators_example_sets_only_known_keys() -> None:
    text = admin_example_file().read_text(encoding="utf-8")
    enabled = tomllib.loads(re.sub(r"(?m)^# (?=[a-z_]+ = |\[\[)", "", text))
    assert enabled, "the example enables nothing when uncommented"
    assert set(enabled) <= set(SETTING_KEYS)
    assert {key for entry in enabled.get("dezernate", []) for key in entry} <= set(DEZERNAT_KEYS)
    assert {key for entry in enabled.get("offices", []) for key in entry} <= set(OFFICE_KEYS)
    # what the example shows the administrator fixing, the table lets the administrator fix
    assert all(DEFINITIONS[key].admin_lockable for key in enabled)


@pytest.mark.parametrize(
    ("key", "make"),
    [("dictionary_dir", Path.mkdir), ("word_list", Path.touch)],
)
def test_optional_paths_must_exist_when_set(key: str, make: object, tmp_path: Path) -> None:
    definition = DEFINITIONS[key]
    context = CheckContext(key=key, label=definition.label, file=tmp_path / "stellungnahme.toml")
    target = tmp_path / "woerterbuch"
    with pytest.raises(Invalid, match=f"„{definition.label}“|{definition.label}"):
        definition.check("woerterbuch", context)
    make(target)  # type: ignore[operator]
    assert definition.check("woerterbuch", context) == target  # relative to the file
    assert definition.check("  ", context) is None


def test_the_spelling_settings_are_the_administrator_s() -> None:
    for key in ("dictionary_dir", "word_list"):
        assert not DEFINITIONS[key].user_editable and DEFINITIONS[key].admin_lockable
