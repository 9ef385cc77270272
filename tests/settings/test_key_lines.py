"""Finding the line on which a key is set in a TOML or JSON settings file."""

from __future__ import annotations

from pathlib import Path

import pytest

from stellungnahme_app.settings.key_lines import json_line, toml_line, where

ADMIN_TEXT = """\
# Kommentar mit city = "nicht hier"
city = "Weimar"
'number_example' = "0661/24"

[[offices]]
name = "Amt für Soziales"

[[offices]]
name = "Jugendamt"
heading = "Stellungnahme des Jugendamts"

[[dezernate]]
name = "Dezernat 05"
"""


@pytest.mark.parametrize(
    ("key_path", "line"),
    [
        ("city", 2),
        ("number_example", 3),  # a quoted key
        ("offices[0]", 5),
        ("offices[0].name", 6),
        ("offices[1].heading", 10),
        ("offices[1].short_name", 8),  # not set: the entry's header
        ("dezernate[0].name", 13),
        ("offices[7].name", None),  # no such entry, and no offices = … line
        ("number_pattern", None),
    ],
)
def test_toml_line(key_path: str, line: int | None) -> None:
    assert toml_line(ADMIN_TEXT, key_path) == line


def test_toml_line_ignores_keys_of_tables_for_top_level_keys() -> None:
    text = '[[offices]]\nname = "Jugendamt"\n'
    assert toml_line(text, "name") is None


def test_toml_line_of_an_inline_list_is_the_list() -> None:
    assert toml_line('city = "Erfurt"\noffices = [{name = 5}]\n', "offices[0].name") == 2


def test_json_line() -> None:
    text = '{\n  "default_signatory": "A",\n  "template" : "x.docx"\n}\n'
    assert json_line(text, "default_signatory") == 2
    assert json_line(text, "template") == 3
    assert json_line(text, "textbausteine_dir") is None


def test_where_names_file_and_line_when_known(tmp_path: Path) -> None:
    path = tmp_path / "stellungnahme.toml"
    assert where(path, 4) == f"Einstellungsdatei „{path}“, Zeile 4"
    assert where(path, None) == f"Einstellungsdatei „{path}“"
