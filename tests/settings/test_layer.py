"""One settings file: damaged, unknown or misplaced content is named with file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stellungnahme_app.settings import (
    MAX_SETTINGS_FILE_BYTES,
    Settings,
    catalogue_file,
    load_settings,
)
from stellungnahme_app.settings.table import SETTING_TABLE, SettingDefinition

from .setting_files import only_problem, write


def test_user_may_not_set_catalogue_keys(user_file: Path) -> None:
    write(user_file, '{\n  "city": "Weimar",\n  "default_signatory": "A. B."\n}\n')
    loaded = load_settings(admin_files=[], user_file=user_file)
    problem = only_problem(loaded)
    assert str(user_file) in problem and "Zeile 2" in problem
    assert "nur der Administrator" in problem
    assert loaded.settings.city == "Erfurt"
    assert loaded.settings.default_signatory == "A. B."


def test_toml_syntax_error_names_file_and_line(admin_file: Path) -> None:
    write(admin_file, '# Kommentar\ncity = "Weimar"\nnumber_example = 0661/24\n')
    loaded = load_settings(admin_files=[admin_file])
    problem = only_problem(loaded)
    assert f"„{admin_file}“, Zeile 3, Spalte" in problem
    assert "kein gültiges TOML" in problem
    # the whole damaged file is skipped: nothing from it applies or is locked
    assert loaded.settings.city == "Erfurt"
    assert loaded.settings.locked == frozenset()
    assert loaded.sources == [catalogue_file()]


def test_windows_path_in_double_quotes_gets_a_hint(admin_file: Path) -> None:
    write(admin_file, 'template = "C:\\Vorlagen\\neu.docx"\n')
    problem = only_problem(load_settings(admin_files=[admin_file]))
    assert "Zeile 1" in problem
    assert "einfache Anführungszeichen" in problem


def test_wrong_type_skips_only_that_key(admin_file: Path) -> None:
    write(admin_file, 'number_description = "Nummer/Jahr"\n\ncity = 5\n')
    loaded = load_settings(admin_files=[admin_file])
    problem = only_problem(loaded)
    assert f"„{admin_file}“, Zeile 3" in problem
    assert "„Stadt“ muss ein Text sein (city)" in problem
    assert loaded.settings.city == "Erfurt"
    assert loaded.settings.number_description == "Nummer/Jahr"
    assert loaded.sources[-1] == admin_file


def test_unknown_keys_are_named_with_path_and_line(admin_file: Path) -> None:
    write(
        admin_file,
        'stadt = "Weimar"\n\n[[offices]]\nname = "Amt für Zeitreisen"\nheadline = "x"\n',
    )
    loaded = load_settings(admin_files=[admin_file])
    assert len(loaded.problems) == 2, loaded.problems
    first, second = loaded.problems
    assert "Zeile 1" in first and "„stadt“ ist unbekannt" in first
    assert "Zeile 5" in second and "„offices[0].headline“ ist unbekannt" in second
    # the rest of the entry is good and used, with a derived heading
    assert loaded.settings.heading_for_office("Amt für Zeitreisen") == (
        "Stellungnahme des Amts für Zeitreisen"
    )


def test_admin_file_not_utf8(admin_file: Path) -> None:
    admin_file.parent.mkdir(parents=True)
    admin_file.write_bytes('city = "Weimar"\n# Kämmerei\n'.encode("cp1252"))
    loaded = load_settings(admin_files=[admin_file])
    problem = only_problem(loaded)
    assert "Zeile 2" in problem and "UTF-8" in problem
    assert loaded.settings.city == "Erfurt"


def test_admin_file_with_byte_order_mark_is_read(admin_file: Path) -> None:
    admin_file.parent.mkdir(parents=True)
    admin_file.write_bytes('\ufeffcity = "Weimar"\n'.encode())
    loaded = load_settings(admin_files=[admin_file])
    assert loaded.problems == []
    assert loaded.settings.city == "Weimar"


def test_admin_path_that_is_a_folder(admin_file: Path) -> None:
    admin_file.mkdir(parents=True)
    loaded = load_settings(admin_files=[admin_file])
    assert "ist ein Ordner" in only_problem(loaded)


def test_huge_file_is_refused(admin_file: Path) -> None:
    write(admin_file, "# " + "x" * (MAX_SETTINGS_FILE_BYTES + 10) + "\n")
    assert "zu groß" in only_problem(load_settings(admin_files=[admin_file]))


def test_damaged_user_json(user_file: Path) -> None:
    write(user_file, '{\n  "default_signatory": "Anke Hofmann-Domke",\n')
    loaded = load_settings(admin_files=[], user_file=user_file)
    problem = only_problem(loaded)
    assert f"„{user_file}“, Zeile 3" in problem and "beschädigt" in problem
    assert loaded.settings.default_signatory == ""
    assert loaded.sources == [catalogue_file()]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[1, 2]", "erwartet wird ein JSON-Objekt"),
        ('{"default_signatory": 5}', "muss ein Text sein (default_signatory)"),
        ('{"colour": "rot"}', "„colour“ ist unbekannt"),
    ],
)
def test_bad_user_values(user_file: Path, content: str, expected: str) -> None:
    write(user_file, content)
    loaded = load_settings(admin_files=[], user_file=user_file)
    assert expected in only_problem(loaded)
    assert loaded.settings.default_signatory == ""


@pytest.mark.parametrize(
    "definition", [d for d in SETTING_TABLE if not d.user_editable], ids=lambda d: d.key
)
def test_the_user_file_cannot_set_what_the_table_keeps_from_users(
    definition: SettingDefinition, user_file: Path, defaults: Settings
) -> None:
    write(user_file, json.dumps({definition.key: definition.default}))
    loaded = load_settings(admin_files=[], user_file=user_file)
    problem = only_problem(loaded)
    assert f"„{definition.label}“ ({definition.key}) kann nur der Administrator" in problem
    assert loaded.settings == defaults
