"""The MSI source and its build commands (WiX itself runs only on the Windows build)."""

from __future__ import annotations

import re
import struct
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import build_installer
import bundle_config as config
import pytest

WIX = "{http://wixtoolset.org/schemas/v4/wxs}"
SOURCE = build_installer.WXS_FILE.read_text("utf-8")
# The identity of the product across versions: changing it breaks upgrades on every desk.
UPGRADE_CODE = "5B7C1E1A-3D0F-4C9B-9A51-0D6E2B8F4A17"


@pytest.fixture(scope="module")
def package() -> ET.Element:
    element = ET.fromstring(SOURCE.encode("utf-8")).find(f"{WIX}Package")
    assert element is not None
    return element


def defines(command: list[str]) -> dict[str, str]:
    return dict(command[i + 1].split("=", 1) for i, part in enumerate(command) if part == "-d")


def test_package_identity(package: ET.Element) -> None:
    assert package.get("Name") == "Stellungnahme"
    assert package.get("Manufacturer") == "Stadtverwaltung Erfurt"
    assert package.get("UpgradeCode") == UPGRADE_CODE
    uuid.UUID(UPGRADE_CODE)
    assert package.get("Language") == "1031"
    assert package.get("Version") == "$(var.Version)"


def test_default_scope_is_dual_purpose(package: ET.Element) -> None:
    assert package.get("Scope") == "$(var.InstallScope)"
    assert re.search(r"<\?define InstallScope = perUserOrMachine \?>", SOURCE)


def test_upgrades_replace_older_versions_and_refuse_downgrades(package: ET.Element) -> None:
    upgrade = package.find(f"{WIX}MajorUpgrade")
    assert upgrade is not None
    assert "neuere Version" in upgrade.get("DowngradeErrorMessage", "")
    # Each version has a fixed ProductCode: a package must not "upgrade" its own version.
    assert upgrade.get("AllowSameVersionUpgrades") is None
    assert package.get("ProductCode") == "$(var.ProductCode)"


def test_installs_under_program_files_which_windows_redirects_per_user(
    package: ET.Element,
) -> None:
    """ProgramFiles64Folder becomes %LOCALAPPDATA%\\Programs in a per-user installation."""
    folder = package.find(f"{WIX}StandardDirectory")
    assert folder is not None and folder.get("Id") == "ProgramFiles64Folder"
    install = folder.find(f"{WIX}Directory")
    assert install is not None
    assert (install.get("Id"), install.get("Name")) == ("INSTALLFOLDER", "Stellungnahme")


def test_the_whole_bundle_is_harvested(package: ET.Element) -> None:
    group = package.find(f"{WIX}ComponentGroup")
    assert group is not None and group.get("Directory") == "INSTALLFOLDER"
    harvest = group.find(f"{WIX}Files")
    assert harvest is not None and harvest.get("Include") == "!(bindpath.Bundle)\\**"
    main = group.find(f"{WIX}Component/{WIX}File")
    assert main is not None and main.get("Source") == "!(bindpath.Bundle)\\Stellungnahme.exe"
    assert main.get("KeyPath") == "yes"
    excluded = [e.get("Files") for e in harvest.findall(f"{WIX}Exclude")]
    assert excluded == [main.get("Source")]  # not twice in the package
    features = [ref.get("Id") for ref in package.findall(f"{WIX}Feature/{WIX}ComponentGroupRef")]
    assert features == [group.get("Id")]


def test_the_start_menu_entry_has_a_component_of_its_own_with_a_registry_key_path(
    package: ET.Element,
) -> None:
    """ICE43/ICE57: a shortcut in the Start menu – per user in a per-user installation –
    must not sit in the component of the program file (a per-machine key path) but in its own
    with a registry value under HKMU (HKCU per user, HKLM per machine) as key path."""
    assert package.find(f".//{WIX}File/{WIX}Shortcut") is None
    menus = [
        d for d in package.findall(f"{WIX}StandardDirectory") if d.get("Id") == "ProgramMenuFolder"
    ]
    assert len(menus) == 1
    [component] = menus[0].findall(f"{WIX}Component")
    [shortcut] = component.findall(f"{WIX}Shortcut")
    assert shortcut.get("Name") == "Stellungnahme"
    assert shortcut.get("Target") == "[INSTALLFOLDER]Stellungnahme.exe"
    assert shortcut.get("WorkingDirectory") == "INSTALLFOLDER"
    [key_path] = component.findall(f"{WIX}RegistryValue")
    assert key_path.get("Root") == "HKMU"
    assert key_path.get("Key") == r"Software\Stadtverwaltung Erfurt\Stellungnahme"
    assert key_path.get("KeyPath") == "yes"
    assert component.find(f"{WIX}File") is None
    refs = [ref.get("Id") for ref in package.findall(f"{WIX}Feature/{WIX}ComponentRef")]
    assert refs == [component.get("Id")]


def test_uninstall_never_touches_the_users_data_folder() -> None:
    """The data folder is written by the program only; the package must not name it."""
    code = re.sub(r"<!--.*?-->", "", SOURCE, flags=re.S)
    for forbidden in ("RemoveFolder", "RemoveFile", "LocalAppDataFolder", "AppDataFolder"):
        assert forbidden not in code
    assert "CustomAction" not in code  # nothing runs that could delete files
    # In the registry only the Start menu entry's key path, removed with the program.
    assert re.findall(r"<Registry\w*", code) == ["<RegistryValue"]


def test_every_variable_the_source_uses_is_defined_by_the_build_command() -> None:
    used = set(re.findall(r"\$\(var\.(\w+)\)", SOURCE))
    defined_in_source = set(re.findall(r"<\?define (\w+)", SOURCE))
    for variant in build_installer.VARIANTS:
        command = build_installer.wix_command(
            "wix", Path("dist/Stellungnahme"), Path("out.msi"), "1.2.3", variant
        )
        assert used - defined_in_source <= set(defines(command))
        bindpaths = {
            command[i + 1].split("=", 1)[0] for i, p in enumerate(command) if p == "-bindpath"
        }
        assert set(re.findall(r"!\(bindpath\.(\w+)\)", SOURCE)) == bindpaths


def test_build_commands_use_absolute_paths_and_the_package_version() -> None:
    variant = build_installer.VARIANTS[0]
    command = build_installer.wix_command(
        "wix", Path("dist/Stellungnahme"), Path("out/x.msi"), "1.2.3rc1", variant
    )
    values = defines(command)
    assert values["Version"] == "1.2.3"
    assert values["InstallScope"] == "perUserOrMachine"
    assert Path(values["IconFile"]).is_absolute() and Path(values["IconFile"]).is_file()
    for name in ("NotesFile", "BannerFile", "DialogFile"):
        assert Path(values[name]).is_absolute() and Path(values[name]).is_file(), name
    bundle = command[command.index("-bindpath") + 1].split("=", 1)[1]
    assert Path(bundle).is_absolute()
    assert Path(command[command.index("-out") + 1]).is_absolute()
    assert command[command.index("-culture") + 1] == "de-DE"
    assert "WixToolset.UI.wixext" in command


def test_two_packages_one_dual_purpose_one_per_machine_for_gpo() -> None:
    scopes = [variant.scope for variant in build_installer.VARIANTS]
    assert scopes == ["perUserOrMachine", "perMachine"]
    names = [build_installer.package_name("1.2.3", v) for v in build_installer.VARIANTS]
    assert names == ["Stellungnahme-1.2.3-x64.msi", "Stellungnahme-1.2.3-x64-alle-benutzer.msi"]


def test_dry_run_prints_both_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert build_installer.main(["--dry-run", "--bundle", "dist/Stellungnahme"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    assert all(line.startswith("wix build ") for line in lines)
    version = config.msi_version(config.read_version())
    assert f"Stellungnahme-{version}-x64.msi" in lines[0]


def test_installer_refuses_a_missing_bundle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build_installer.main(["--bundle", str(tmp_path / "fehlt")]) == 1
    assert "packaging/build.py" in capsys.readouterr().out


def test_notes_shown_by_the_installer_are_plain_rtf_in_german() -> None:
    data = build_installer.NOTES_FILE.read_bytes()
    assert data.startswith(rb"{\rtf1\ansi\ansicpg1252")
    assert data.isascii()  # umlauts as \'xx escapes, which every RTF reader understands
    text = data.decode("ascii")
    assert text.count("{") - text.count(r"\{") == text.count("}") - text.count(r"\}")
    assert r"Entw\'fcrfe" in text and r"%LOCALAPPDATA%\\Stellungnahme" in text


@pytest.mark.parametrize(
    ("picture", "size"),
    [(build_installer.BANNER_FILE, (493, 58)), (build_installer.DIALOG_FILE, (493, 312))],
)
def test_installer_pictures_are_24_bit_bitmaps_of_the_size_wix_expects(
    picture: Path, size: tuple[int, int]
) -> None:
    data = picture.read_bytes()
    assert data[:2] == b"BM"
    width, height, _planes, bits = struct.unpack_from("<iiHH", data, 18)
    assert (width, abs(height)) == size
    assert bits == 24


def test_product_codes_are_fixed_per_version_and_scope() -> None:
    standard, per_machine = build_installer.VARIANTS
    code = build_installer.product_code("1.2.3", standard)
    assert code == build_installer.product_code("1.2.3rc1", standard)  # same MSI version
    assert re.fullmatch(r"\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", code)
    others = {
        build_installer.product_code("1.2.4", standard),
        build_installer.product_code("1.2.3", per_machine),
    }
    assert code not in others and len(others) == 2
    assert code.strip("{}") != UPGRADE_CODE


def test_product_code_list_names_each_package_with_its_code() -> None:
    text = build_installer.product_codes_text("1.2.3")
    for variant in build_installer.VARIANTS:
        line = f"{build_installer.package_name('1.2.3', variant)}  "
        assert line + build_installer.product_code("1.2.3", variant) in text
    assert "msiexec /x" in text
    assert build_installer.product_codes_name("1.2.3") == "Stellungnahme-1.2.3-ProductCodes.txt"
