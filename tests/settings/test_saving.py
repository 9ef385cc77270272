"""Saving the user's settings: merged, atomic, never over the administrator's, nothing lost."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from stellungnahme_app import fileio
from stellungnahme_app.errors import ConfigError
from stellungnahme_app.fileio import FileWriteError
from stellungnahme_app.settings import (
    SettingsLocked,
    load_settings,
    save_user_settings,
)
from stellungnahme_app.settings.table import SETTING_TABLE, SettingDefinition

from .setting_files import write


def test_save_and_reload(user_file: Path) -> None:
    save_user_settings({"default_department": "Dezernat 05"}, user_file=user_file)
    save_user_settings({"default_signatory": "  Anke   Hofmann-Domke "}, user_file=user_file)
    stored = json.loads(user_file.read_text(encoding="utf-8"))
    assert stored == {
        "default_department": "Dezernat 05",
        "default_signatory": "Anke Hofmann-Domke",
    }
    loaded = load_settings(admin_files=[], user_file=user_file)
    assert loaded.problems == []
    assert loaded.settings.default_signatory == "Anke Hofmann-Domke"
    save_user_settings({"default_department": None, "default_signatory": ""}, user_file=user_file)
    assert json.loads(user_file.read_text(encoding="utf-8")) == {}


def test_save_defaults_to_the_data_folder(data_home: Path) -> None:
    save_user_settings({"default_signatory": "Jörg Würzbächer"})
    assert "Jörg Würzbächer" in (data_home / "einstellungen.json").read_text(encoding="utf-8")
    assert load_settings().settings.default_signatory == "Jörg Würzbächer"


def test_save_keeps_keys_it_does_not_know(user_file: Path) -> None:
    write(user_file, '{"zukunft": 1}')
    save_user_settings({"default_signatory": "A"}, user_file=user_file)
    assert json.loads(user_file.read_text(encoding="utf-8")) == {
        "zukunft": 1,
        "default_signatory": "A",
    }


def test_save_refuses_locked_keys(admin_file: Path, user_file: Path, word_template: Path) -> None:
    write(admin_file, f"template = '{word_template}'\n")
    write(user_file, '{"default_signatory": "A"}')
    before = user_file.read_bytes()
    with pytest.raises(SettingsLocked) as raised:
        save_user_settings(
            {"template": str(word_template), "default_signatory": "B"},
            user_file=user_file,
            admin_files=[admin_file],
        )
    assert raised.value.keys == ("template",)
    assert "Word-Vorlage" in raised.value.message and "Administrator" in raised.value.message
    assert isinstance(raised.value, ConfigError)
    assert user_file.read_bytes() == before


def test_save_refuses_locked_keys_of_the_default_admin_file(data_home: Path) -> None:
    write(data_home / "admin" / "stellungnahme.toml", 'default_signatory = "Amtsleitung"\n')
    with pytest.raises(SettingsLocked):
        save_user_settings({"default_signatory": "B"})


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"city": "Weimar"}, "nur der Administrator"),
        ({"farbe": "rot"}, "gibt es nicht"),
        ({"default_signatory": 5}, "muss ein Text sein"),
        ({"default_signatory": "x" * 2000}, "zu lang"),
        ({"template": "nirgends/vorlage.docx"}, "gibt es nicht"),
        ({"textbausteine_dir": "nirgends"}, "gibt es nicht"),
    ],
)
def test_save_refuses_bad_values(user_file: Path, values: dict[str, object], expected: str) -> None:
    with pytest.raises(ConfigError) as raised:
        save_user_settings(values, user_file=user_file)
    assert expected in raised.value.message
    assert not user_file.exists()


def test_save_puts_a_damaged_file_aside(user_file: Path) -> None:
    write(user_file, "{kaputt")
    save_user_settings({"default_signatory": "A"}, user_file=user_file)
    assert json.loads(user_file.read_text(encoding="utf-8")) == {"default_signatory": "A"}
    [aside] = user_file.parent.glob("einstellungen.defekt-*.json")
    assert aside.read_text(encoding="utf-8") == "{kaputt"


def test_a_damaged_file_held_for_a_moment_is_put_aside_all_the_same(
    user_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A virus scanner looking at the damaged file: Windows refuses the move for a moment."""
    write(user_file, "{kaputt")
    moves: list[Path] = []

    def held_at_first(source: Path, target: Path) -> None:
        moves.append(Path(target))
        if len(moves) == 1:
            error = PermissionError(13, "Der Prozess kann nicht auf die Datei zugreifen")
            error.winerror = 32  # type: ignore[attr-defined]  # set by Windows only
            raise error
        os.replace(source, target)

    monkeypatch.setattr(fileio, "_replace", held_at_first)
    save_user_settings({"default_signatory": "A"}, user_file=user_file)
    [aside] = user_file.parent.glob("einstellungen.defekt-*.json")
    assert aside.read_text(encoding="utf-8") == "{kaputt"
    assert moves[:2] == [aside, aside]


def test_save_into_an_impossible_folder_raises_german_error(tmp_path: Path) -> None:
    blocker = write(tmp_path / "datei", "x")
    with pytest.raises(FileWriteError) as raised:
        save_user_settings({"default_signatory": "A"}, user_file=blocker / "einstellungen.json")
    assert "datei" in raised.value.message


def test_save_onto_a_folder_raises_german_error(user_file: Path) -> None:
    user_file.mkdir(parents=True)
    with pytest.raises(FileWriteError) as raised:
        save_user_settings({"default_signatory": "A"}, user_file=user_file)
    assert "ist ein Ordner" in raised.value.message
    assert user_file.is_dir()


@pytest.mark.parametrize("definition", SETTING_TABLE, ids=lambda d: d.key)
def test_save_takes_exactly_the_keys_the_table_gives_users(
    definition: SettingDefinition, user_file: Path
) -> None:
    if definition.user_editable:
        save_user_settings({definition.key: definition.default}, user_file=user_file)
        assert json.loads(user_file.read_text(encoding="utf-8")) == {}
    else:
        with pytest.raises(ConfigError) as raised:
            save_user_settings({definition.key: definition.default}, user_file=user_file)
        assert f"„{definition.label}“ kann nur der Administrator" in raised.value.message
        assert not user_file.exists()


@pytest.mark.parametrize(
    "definition", [d for d in SETTING_TABLE if d.user_editable], ids=lambda d: d.key
)
def test_save_refuses_what_the_administrator_fixed_as_the_table_says(
    definition: SettingDefinition, admin_file: Path, user_file: Path
) -> None:
    write(admin_file, f"{definition.key} = {json.dumps(definition.default)}\n")
    change = {definition.key: definition.default}
    if definition.admin_lockable:
        with pytest.raises(SettingsLocked) as raised:
            save_user_settings(change, user_file=user_file, admin_files=[admin_file])
        assert raised.value.keys == (definition.key,)
        assert definition.label in raised.value.message
    else:
        save_user_settings(change, user_file=user_file, admin_files=[admin_file])


def test_a_missing_folder_asks_for_a_folder_not_a_file(user_file: Path, tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        save_user_settings({"textbausteine_dir": str(tmp_path / "weg")}, user_file=user_file)
    assert raised.value.message == (
        f"Den Ordner der Textbausteine „{tmp_path / 'weg'}“ gibt es nicht. "
        "Bitte wählen Sie einen vorhandenen Ordner."
    )


def test_a_missing_template_asks_for_an_existing_word_file(user_file: Path, tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        save_user_settings({"template": str(tmp_path / "weg.docx")}, user_file=user_file)
    assert raised.value.message == (
        f"Die Word-Vorlage „{tmp_path / 'weg.docx'}“ gibt es nicht. "
        "Bitte wählen Sie eine vorhandene Datei."
    )
