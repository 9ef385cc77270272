"""ADMIN.md tells administrators the truth: its example configuration loads without a single
problem, names every setting, and its package names and commands exist."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import build_installer
import bundle_config as config
import pytest

from stellungnahme_app import settings

GUIDE = (config.PACKAGING_DIR / "ADMIN.md").read_text("utf-8")


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", GUIDE, flags=re.S | re.M)


@pytest.fixture
def example_config() -> str:
    blocks = code_blocks("toml")
    assert len(blocks) == 1, "ADMIN.md soll genau ein TOML-Beispiel enthalten"
    return blocks[0]


def test_example_configuration_loads_without_problems(example_config: str, tmp_path: Path) -> None:
    admin_file = tmp_path / "stellungnahme.toml"
    admin_file.write_text(example_config, encoding="utf-8")
    loaded = settings.load_settings(admin_files=[admin_file], user_file=tmp_path / "none.json")
    assert loaded.problems == []
    assert admin_file in loaded.sources
    active_keys = set(tomllib.loads(example_config))
    assert loaded.settings.locked == frozenset(active_keys)
    result = loaded.settings
    assert result.city == "Erfurt"
    assert result.dezernat("Dezernat 06") is not None
    assert result.office("Stadtarchiv") is None  # removed by the example
    assert result.heading_for_office("Stabsstelle Digitalisierung") == (
        "Stellungnahme der Stabsstelle Digitalisierung"
    )


def test_example_names_every_setting(example_config: str) -> None:
    """Commented or not, an administrator finds every key the program reads."""
    named = set(re.findall(r"^#?\s*\[*(\w+)\]*\s*=|^\[\[(\w+)\]\]", example_config, re.M))
    keys = {key for pair in named for key in pair if key}
    assert set(settings.SETTING_KEYS) <= keys


def test_commented_defaults_in_the_example_load_when_switched_on(
    example_config: str, tmp_path: Path
) -> None:
    switched_on = re.sub(r"^# (default_\w+ = )", r"\1", example_config, flags=re.M)
    assert switched_on != example_config
    admin_file = tmp_path / "stellungnahme.toml"
    admin_file.write_text(switched_on, encoding="utf-8")
    loaded = settings.load_settings(admin_files=[admin_file], user_file=tmp_path / "none.json")
    assert loaded.problems == []
    assert loaded.settings.default_signatory in loaded.settings.signatories(
        loaded.settings.default_department
    )


def test_the_file_locations_named_are_those_the_program_reads() -> None:
    assert f"%PROGRAMDATA%\\Stellungnahme\\{settings.ADMIN_FILE_NAME}" in GUIDE
    assert settings.ADMIN_CONFIG_VARIABLE in GUIDE
    assert "STELLUNGNAHME_HOME" in GUIDE
    assert settings.USER_FILE_NAME in GUIDE


def test_package_names_match_what_the_build_produces() -> None:
    names = set(re.findall(r"Stellungnahme-[\d.]+-x64[\w-]*\.msi", GUIDE))
    expected = {build_installer.package_name("1.0.0", v) for v in build_installer.VARIANTS}
    assert names == expected


def test_the_product_code_list_the_guide_names_is_what_the_build_writes() -> None:
    assert build_installer.product_codes_name("1.0.0") in GUIDE


def test_silent_install_and_uninstall_command_lines_are_given() -> None:
    commands = "\n".join(code_blocks("bat"))
    assert re.search(r"msiexec /i \S+x64\.msi\" /qn", commands)
    assert re.search(r"msiexec /i \S+x64\.msi\" ALLUSERS=1 /qn", commands)
    assert re.search(r"msiexec /x \S+\.msi\" /qn", commands)
    assert re.search(r"msiexec /x \{\S+\} /qn", commands)


def test_bundled_files_the_guide_points_to_exist() -> None:
    """``_internal\\stellungnahme_app\\resources\\…`` in the guide is ``resources/…`` here."""
    mentioned = re.findall(r"_internal\\stellungnahme_app\\(\w+)\\([\w.-]+)", GUIDE)
    assert mentioned
    for folder, name in mentioned:
        assert (config.ROOT / folder / name).is_file(), f"{folder}/{name}"


def cli_invocations() -> list[list[str]]:
    """Every ``stellungnahme-cli …`` call the guide shows, as its words up to the first
    file name, placeholder or option value."""
    calls = []
    for line in re.findall(r"stellungnahme-cli(?:\.exe\"?)?( [^\n`]*)", GUIDE):
        words = []
        for word in line.split():
            if not re.fullmatch(r"[a-z][a-z-]*", word):
                break
            words.append(word)
        calls.append(words)
    return calls


def test_every_command_the_guide_shows_exists() -> None:
    from stellungnahme_app.cli.main import main as cli_main

    calls = {tuple(call) for call in cli_invocations() if call}
    assert {("drafts", "backup"), ("drafts", "restore-backup"), ("template-check",)} <= calls
    for call in sorted(calls):
        with pytest.raises(SystemExit) as exit_info:
            cli_main([*call, "--help"])
        assert exit_info.value.code == 0, f"stellungnahme-cli {' '.join(call)} gibt es nicht"


def test_exit_codes_in_the_guide_are_the_command_lines() -> None:
    from stellungnahme_app.cli.main import ExitCode

    section = GUIDE[GUIDE.index("## 7.") : GUIDE.index("## 8.")]
    for code in ExitCode:
        assert f"`{int(code)}`" in section


@pytest.mark.parametrize("code", ["0", "3010", "1602", "1603", "1618", "1638", "1925"])
def test_every_exit_code_of_msiexec_a_distribution_sees_is_explained(code: str) -> None:
    assert re.search(rf"^\| `{code}` \| \S", GUIDE, flags=re.M), f"msiexec-Code {code}"


def test_an_update_while_the_program_runs_is_described_with_the_real_folder() -> None:
    from stellungnahme_app.workspace.documents import EMERGENCY_FOLDER_NAME

    section = GUIDE[GUIDE.index("**Aktualisieren, während das Programm läuft:**") :]
    section = section[: section.index("\n\n")]
    assert f"\\{EMERGENCY_FOLDER_NAME}\\" in section
    assert "`3010`" in section and "Neustart-Manager" in section
