"""Settings: the bundled catalogue, the three layers, locking, damaged files, saving."""

from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stellungnahme_app import settings as settings_module
from stellungnahme_app.errors import ConfigError
from stellungnahme_app.fileio import FileWriteError
from stellungnahme_app.settings import (
    USER_EDITABLE_KEYS,
    Dezernat,
    LoadedSettings,
    Office,
    Settings,
    SettingsLocked,
    admin_config_candidates,
    load_settings,
    save_user_settings,
    user_settings_file,
)


@pytest.fixture
def defaults(tmp_path: Path) -> Settings:
    loaded = load_settings(admin_files=[], user_file=tmp_path / "keine-einstellungen.json")
    assert loaded.problems == []
    return loaded.settings


def test_catalogue_loads_without_problems(defaults: Settings) -> None:
    assert defaults.city == "Erfurt"
    assert defaults.number_pattern == r"^\d{4}/\d{2}$"
    assert defaults.number_example == "0661/24"
    assert defaults.number_description == "vierstellige Nummer / zweistelliges Jahr"
    assert re.fullmatch(defaults.number_pattern, defaults.number_example)
    assert defaults.locked == frozenset()


def test_every_office_is_valid_and_unique(defaults: Settings) -> None:
    assert 20 <= len(defaults.offices) <= 30
    names = [o.name for o in defaults.offices]
    assert len({n.casefold() for n in names}) == len(names)
    for office in defaults.offices:
        assert office.name.strip() == office.name != ""
        assert office.heading.startswith(("Stellungnahme des ", "Stellungnahme der "))
        # The catalogue and the genitive rules for unlisted offices agree on every entry.
        assert office.heading == settings_module.derive_heading(office.name)


def test_every_dezernat_is_valid_and_unique(defaults: Settings) -> None:
    names = [d.name for d in defaults.dezernate]
    assert len(set(names)) == len(names) >= 5
    for dezernat in defaults.dezernate:
        assert dezernat.name.strip() == dezernat.name != ""
        assert all(s.strip() == s != "" for s in dezernat.signatories)


def test_reference_dezernat_and_signatory(defaults: Settings) -> None:
    dezernat = defaults.dezernat("Dezernat für Soziales, Bildung, Jugend und Gesundheit")
    assert dezernat is not None
    assert dezernat.short_name == "Dezernat 05"
    assert dezernat.signatories == ("Anke Hofmann-Domke",)
    assert defaults.dezernat("Dezernat 05") == dezernat
    assert defaults.signatories(dezernat.name) == ("Anke Hofmann-Domke",)


@pytest.mark.parametrize(
    ("office", "heading"),
    [
        ("Amt für Soziales", "Stellungnahme des Amts für Soziales"),
        ("Jugendamt", "Stellungnahme des Jugendamts"),
        ("Kämmerei", "Stellungnahme der Kämmerei"),
        ("Kulturdirektion", "Stellungnahme der Kulturdirektion"),
        ("Rechtsamt", "Stellungnahme des Rechtsamts"),
        (
            "Amt für Stadtentwicklung und Stadtplanung",
            "Stellungnahme des Amts für Stadtentwicklung und Stadtplanung",
        ),
    ],
)
def test_catalogue_headings_in_genitive(defaults: Settings, office: str, heading: str) -> None:
    assert defaults.office(office) is not None
    assert defaults.heading_for_office(office) == heading
    assert settings_module.derive_heading(office) == heading


# --------------------------------------------------------------------------- helpers


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def only_problem(loaded: LoadedSettings) -> str:
    assert len(loaded.problems) == 1, loaded.problems
    return loaded.problems[0]


@pytest.fixture
def admin_file(tmp_path: Path) -> Path:
    return tmp_path / "Programme" / "Stellungnahme" / "stellungnahme.toml"


@pytest.fixture
def user_file(tmp_path: Path) -> Path:
    return tmp_path / "home" / "einstellungen.json"


@pytest.fixture
def word_template(tmp_path: Path) -> Path:
    return write(tmp_path / "vorlagen" / "stadt.docx", "not really a docx; only existence counts")


# --------------------------------------------------------------------------- locations


def test_default_call_reads_only_the_catalogue(data_home: Path) -> None:
    loaded = load_settings()
    assert loaded.problems == []
    assert loaded.sources == [settings_module.catalogue_file()]
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


# --------------------------------------------------------------------------- layering


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
    assert loaded.sources == [settings_module.catalogue_file(), admin_file, user_file]
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


def test_relative_paths_count_from_the_admin_files_folder(admin_file: Path) -> None:
    template = write(admin_file.parent / "vorlagen" / "erfurt.docx", "x")
    bausteine = admin_file.parent / "bausteine"
    bausteine.mkdir(parents=True)
    write(admin_file, "template = 'vorlagen/erfurt.docx'\ntextbausteine_dir = 'bausteine'\n")
    loaded = load_settings(admin_files=[admin_file], user_file=None)
    assert loaded.problems == []
    assert loaded.settings.template == template
    assert loaded.settings.textbausteine_dir == bausteine


def test_paths_expand_environment_variables(
    admin_file: Path, word_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VORLAGEN", str(word_template.parent))
    write(admin_file, "template = '$VORLAGEN/stadt.docx'\n")
    loaded = load_settings(admin_files=[admin_file])
    assert loaded.problems == []
    assert loaded.settings.template == word_template


def test_admin_lists_merge_by_name(admin_file: Path) -> None:
    write(
        admin_file,
        """
[[dezernate]]
name = "Dezernat für Bau und Verkehr"
short_name = "Dezernat 06"
signatories = ["Erika Musterfrau", "Max Mustermann"]

[[offices]]
name = "Amt für Soziales"
heading = "Stellungnahme des Amtes für Soziales"

[[offices]]
name = "Stadtarchiv"
remove = true

[[offices]]
name = "Stabsstelle Klimaschutz"
heading = "Stellungnahme der Stabsstelle Klimaschutz"
""",
    )
    loaded = load_settings(admin_files=[admin_file])
    assert loaded.problems == []
    current = loaded.settings
    defaults = load_settings(admin_files=[]).settings
    assert len(current.dezernate) == len(defaults.dezernate)
    assert current.dezernat("Dezernat 06") == Dezernat(
        "Dezernat für Bau und Verkehr", "Dezernat 06", ("Erika Musterfrau", "Max Mustermann")
    )
    assert current.heading_for_office("Amt für Soziales") == "Stellungnahme des Amtes für Soziales"
    assert current.office("Stadtarchiv") is None
    assert current.offices[-1] == Office(
        "Stabsstelle Klimaschutz", "Stellungnahme der Stabsstelle Klimaschutz"
    )
    assert len(current.offices) == len(defaults.offices)
    # the order of the catalogue is kept: a replaced entry stays where it was
    assert [o.name for o in current.offices][:2] == [o.name for o in defaults.offices][:2]
    assert current.locked == {"dezernate", "offices"}


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


def test_user_may_not_set_catalogue_keys(user_file: Path) -> None:
    write(user_file, '{\n  "city": "Weimar",\n  "default_signatory": "A. B."\n}\n')
    loaded = load_settings(admin_files=[], user_file=user_file)
    problem = only_problem(loaded)
    assert str(user_file) in problem and "Zeile 2" in problem
    assert "nur der Administrator" in problem
    assert loaded.settings.city == "Erfurt"
    assert loaded.settings.default_signatory == "A. B."


def test_office_lookup_ignores_case_and_spacing(defaults: Settings) -> None:
    assert defaults.office("  jugendAMT ") == Office("Jugendamt", "Stellungnahme des Jugendamts")
    assert defaults.dezernat("") is None
    assert defaults.office("Amt für Zeitreisen") is None
    assert defaults.heading_for_office("Amt für Zeitreisen") == (
        "Stellungnahme des Amts für Zeitreisen"
    )


def test_signatories_of_unknown_department_are_everyone(defaults: Settings) -> None:
    assert defaults.signatories("Dezernat für Zeitreisen") == ("Anke Hofmann-Domke",)


# --------------------------------------------------------------------------- damaged files


def test_toml_syntax_error_names_file_and_line(admin_file: Path) -> None:
    write(admin_file, '# Kommentar\ncity = "Weimar"\nnumber_example = 0661/24\n')
    loaded = load_settings(admin_files=[admin_file])
    problem = only_problem(loaded)
    assert f"„{admin_file}“, Zeile 3, Spalte" in problem
    assert "kein gültiges TOML" in problem
    # the whole damaged file is skipped: nothing from it applies or is locked
    assert loaded.settings.city == "Erfurt"
    assert loaded.settings.locked == frozenset()
    assert loaded.sources == [settings_module.catalogue_file()]


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


def test_bad_entry_is_skipped_alone(admin_file: Path) -> None:
    write(
        admin_file,
        """
[[dezernate]]
name = "Dezernat A"
signatories = "Erika Musterfrau"

[[dezernate]]
name = "Dezernat B"
signatories = ["Max Mustermann"]

[[offices]]
heading = "Stellungnahme ohne Namen"
""",
    )
    loaded = load_settings(admin_files=[admin_file])
    assert len(loaded.problems) == 2, loaded.problems
    assert "Zeile 4" in loaded.problems[0] and "dezernate[0].signatories" in loaded.problems[0]
    assert "Zeile 10" in loaded.problems[1] and "offices[0].name" in loaded.problems[1]
    assert loaded.settings.dezernat("Dezernat A") is None
    assert loaded.settings.dezernat("Dezernat B") is not None


def test_bad_regex_keeps_the_default_pattern(admin_file: Path) -> None:
    write(admin_file, "number_pattern = '^(\\d{4}/\\d{2}$'\n")
    loaded = load_settings(admin_files=[admin_file])
    problem = only_problem(loaded)
    assert "Zeile 1" in problem and "kein gültiger regulärer Ausdruck" in problem
    assert loaded.settings.number_pattern == r"^\d{4}/\d{2}$"


def test_example_not_matching_the_pattern_is_reported(admin_file: Path) -> None:
    write(admin_file, "number_pattern = '^DS \\d+/\\d{4}$'\n")
    loaded = load_settings(admin_files=[admin_file])
    assert "„0661/24“ passt nicht" in only_problem(loaded)
    assert loaded.settings.number_pattern == r"^DS \d+/\d{4}$"


def test_missing_template_and_folder(admin_file: Path, tmp_path: Path) -> None:
    write(
        admin_file,
        f"template = '{tmp_path / 'weg.docx'}'\ntextbausteine_dir = '{tmp_path / 'weg'}'\n",
    )
    loaded = load_settings(admin_files=[admin_file])
    assert len(loaded.problems) == 2, loaded.problems
    assert "Zeile 1" in loaded.problems[0] and str(tmp_path / "weg.docx") in loaded.problems[0]
    assert "Zeile 2" in loaded.problems[1] and "Ordner der Textbausteine" in loaded.problems[1]
    assert loaded.settings.template == settings_module.default_template()
    assert loaded.settings.textbausteine_dir == settings_module.default_textbausteine_dir()
    # the administrator's intent stands: users cannot set their own instead
    assert loaded.settings.locked == {"template", "textbausteine_dir"}


def test_template_must_be_a_docx(admin_file: Path, tmp_path: Path) -> None:
    write(tmp_path / "alt.doc", "x")
    write(admin_file, f"template = '{tmp_path / 'alt.doc'}'\n")
    assert "keine .docx-Datei" in only_problem(load_settings(admin_files=[admin_file]))


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
    write(admin_file, "# " + "x" * (settings_module.MAX_SETTINGS_FILE_BYTES + 10) + "\n")
    assert "zu groß" in only_problem(load_settings(admin_files=[admin_file]))


def test_damaged_user_json(user_file: Path) -> None:
    write(user_file, '{\n  "default_signatory": "Anke Hofmann-Domke",\n')
    loaded = load_settings(admin_files=[], user_file=user_file)
    problem = only_problem(loaded)
    assert f"„{user_file}“, Zeile 3" in problem and "beschädigt" in problem
    assert loaded.settings.default_signatory == ""
    assert loaded.sources == [settings_module.catalogue_file()]


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


def test_everything_damaged_still_loads_the_defaults(
    admin_file: Path, user_file: Path, defaults: Settings
) -> None:
    write(admin_file, "[[offices]\n")
    write(user_file, "\x00\x01")
    loaded = load_settings(admin_files=[admin_file], user_file=user_file)
    assert len(loaded.problems) == 2
    assert loaded.settings == defaults


# --------------------------------------------------------------------------- saving


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


def test_user_editable_keys_are_setting_keys() -> None:
    assert set(USER_EDITABLE_KEYS) <= set(settings_module.SETTING_KEYS)
    assert set(settings_module.SETTING_LABELS) == set(settings_module.SETTING_KEYS)
    assert {"default_department", "default_signatory", "template"} <= set(USER_EDITABLE_KEYS)


def test_bundled_example_draft_is_the_reference(reference_json_path: Path) -> None:
    example = settings_module.example_draft_file()
    assert example.read_bytes() == reference_json_path.read_bytes()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=20), children, max_size=4)
    ),
    max_leaves=12,
)


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


@settings(max_examples=60, deadline=None)
@given(
    entries=st.lists(
        st.dictionaries(
            st.sampled_from(["name", "short_name", "signatories", "heading", "remove", "x"]),
            json_values,
            max_size=5,
        ),
        max_size=4,
    )
)
def test_no_list_entry_makes_loading_fail(entries: list[dict[str, object]]) -> None:
    data = {"dezernate": entries, "offices": entries}
    with tempfile.TemporaryDirectory() as folder:
        admin = Path(folder) / "stellungnahme.toml"
        admin.write_text(_to_toml(data), encoding="utf-8")
        loaded = load_settings(admin_files=[admin])
    for dezernat in loaded.settings.dezernate:
        assert dezernat.name and all(isinstance(s, str) for s in dezernat.signatories)
    for office in loaded.settings.offices:
        assert office.name and office.heading


def _to_toml(data: dict[str, object]) -> str:
    """A small TOML writer for tests (inline tables; tomllib cannot write)."""

    def value(item: object) -> str:
        if item is None:
            return '""'
        if isinstance(item, bool):
            return "true" if item else "false"
        if isinstance(item, int | float):
            return repr(item) if not isinstance(item, float) or item == item else "0"
        if isinstance(item, str):
            return json.dumps(item)
        if isinstance(item, list):
            return "[" + ", ".join(value(i) for i in item) + "]"
        assert isinstance(item, dict)
        return "{" + ", ".join(f"{json.dumps(k)} = {value(v)}" for k, v in item.items()) + "}"

    return "".join(f"{key} = {value(item)}\n" for key, item in data.items())


# --------------------------------------------------------------------------- example file


def test_admin_example_file_as_shipped_changes_nothing(defaults: Settings) -> None:
    example = settings_module.admin_example_file()
    loaded = load_settings(admin_files=[example])
    assert loaded.problems == []
    assert loaded.settings == defaults


def test_admin_example_file_with_every_line_enabled(tmp_path: Path) -> None:
    text = settings_module.admin_example_file().read_text(encoding="utf-8")
    enabled = re.sub(r"(?m)^# (?=[a-z_]+ = |\[\[)", "", text)
    admin = write(tmp_path / "stellungnahme.toml", enabled)
    loaded = load_settings(admin_files=[admin])
    # only the example's network paths do not exist here
    assert len(loaded.problems) == 2, loaded.problems
    assert "Word-Vorlage" in loaded.problems[0] and "Textbausteine" in loaded.problems[1]
    current = loaded.settings
    assert current.dezernat("Dezernat NN") is not None
    assert current.office("Stabsstelle Klimaschutz") is not None
    assert current.office("Stadtarchiv") is None
    assert current.locked == set(settings_module.SETTING_KEYS) - {
        "city",
        "default_department",
        "default_signatory",
    }
