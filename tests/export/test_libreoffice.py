"""Where LibreOffice is found (PATH, registry, installation folders) and the clean
environment its process starts with when the program runs frozen (PyInstaller)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from stellungnahme_app.export import libreoffice
from stellungnahme_app.export.libreoffice import (
    SOFFICE_VARIABLE,
    child_environment,
    find_soffice,
    registry_candidates,
)

PROGRAM = r"C:\Program Files\LibreOffice\program"


def reader(values: dict[tuple[str, str], str]) -> libreoffice.RegistryReader:
    """The registry as a table: (root, key) → the key's default value."""
    return lambda root, key: values.get((root, key))


# --------------------------------------------------------------------------- the registry


def test_the_install_path_of_libreoffice_names_its_program_folder() -> None:
    found = registry_candidates(
        reader({("HKLM", r"SOFTWARE\LibreOffice\UNO\InstallPath"): PROGRAM})
    )
    assert [str(path) for path in found] == [PROGRAM + r"\soffice.exe"]


def test_app_paths_name_soffice_itself_even_quoted() -> None:
    key = r"SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\soffice.exe"
    found = registry_candidates(reader({("HKLM", key): f'"{PROGRAM}\\soffice.exe"'}))
    assert [str(path) for path in found] == [PROGRAM + r"\soffice.exe"]


def test_a_32_bit_libreoffice_is_found_under_wow6432node() -> None:
    folder = r"C:\Program Files (x86)\LibreOffice\program"
    found = registry_candidates(
        reader({("HKLM", r"SOFTWARE\WOW6432Node\LibreOffice\UNO\InstallPath"): folder})
    )
    assert [str(path) for path in found] == [folder + r"\soffice.exe"]


def test_a_per_user_installation_comes_first_and_nothing_twice() -> None:
    own = r"C:\Users\anke\AppData\Local\Programs\LibreOffice\program"
    found = registry_candidates(
        reader(
            {
                ("HKLM", r"SOFTWARE\LibreOffice\UNO\InstallPath"): PROGRAM,
                (
                    "HKLM",
                    r"SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\soffice.exe",
                ): PROGRAM + r"\soffice.exe",
                ("HKCU", r"Software\LibreOffice\UNO\InstallPath"): own,
            }
        )
    )
    assert [str(path) for path in found] == [own + r"\soffice.exe", PROGRAM + r"\soffice.exe"]


def test_an_empty_registry_names_nothing() -> None:
    assert registry_candidates(reader({})) == []


def test_a_relative_registry_value_is_ignored() -> None:
    """A program folder "program" would mean the current folder: never run from there."""
    found = registry_candidates(reader({("HKLM", r"SOFTWARE\LibreOffice\UNO\InstallPath"): "x"}))
    assert found == []


@pytest.mark.windows_only(reason="reads the real registry")
def test_the_real_registry_can_be_read() -> None:
    found = registry_candidates(libreoffice.read_windows_registry)
    assert all(path.name.casefold() == "soffice.exe" for path in found)


# --------------------------------------------------------------------------- named outright


def test_the_administrator_can_name_soffice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    portable = tmp_path / "LibreOfficePortable" / "App" / "libreoffice" / "program"
    portable.mkdir(parents=True)
    soffice = portable / "soffice.exe"
    soffice.write_bytes(b"")
    soffice.chmod(0o755)
    monkeypatch.setenv(SOFFICE_VARIABLE, str(soffice))
    assert find_soffice() == soffice


@pytest.mark.parametrize("value", ["soffice.exe", "fehlt/soffice.exe", ""])
def test_a_relative_or_missing_soffice_named_is_not_used(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "soffice.exe").write_bytes(b"")
    monkeypatch.setenv(SOFFICE_VARIABLE, value)
    monkeypatch.setenv("PATH", str(tmp_path / "leer"))
    found = find_soffice()
    assert found is None or found.parent != tmp_path


# --------------------------------------------------------------------------- the child's world

BUNDLE = r"C:\Programme\Stellungnahme"
INTERNAL = BUNDLE + r"\_internal"


def test_windows_bundle_folders_leave_the_path_of_the_child() -> None:
    environment = {
        "Path": ";".join(
            [INTERNAL, r"C:\Windows\system32", INTERNAL.upper() + r"\PySide6", r"C:\Windows"]
        ),
        "QT_PLUGIN_PATH": INTERNAL + r"\PySide6\plugins",
        "_PYI_APPLICATION_HOME_DIR": INTERNAL,
        "_PYI_PARENT_PROCESS_LEVEL": "1",
        "USERPROFILE": r"C:\Users\anke",
        "SONST": r"C:\Programme\Stellungnahme-Daten;C:\Daten",
    }
    child = child_environment(environment, [INTERNAL, BUNDLE], windows=True)
    assert child == {
        "Path": r"C:\Windows\system32;C:\Windows",
        "USERPROFILE": r"C:\Users\anke",
        "SONST": r"C:\Programme\Stellungnahme-Daten;C:\Daten",
    }


def test_the_library_path_the_bootloader_saved_is_restored_on_linux() -> None:
    environment = {
        "LD_LIBRARY_PATH": "/opt/stellungnahme/_internal:/usr/local/lib",
        "LD_LIBRARY_PATH_ORIG": "/usr/local/lib",
        "PATH": "/opt/stellungnahme/_internal/bin:/usr/bin",
        "HOME": "/home/anke",
    }
    child = child_environment(environment, ["/opt/stellungnahme/_internal"], windows=False)
    assert child == {"LD_LIBRARY_PATH": "/usr/local/lib", "PATH": "/usr/bin", "HOME": "/home/anke"}


def test_without_a_bundle_the_environment_is_passed_on_unchanged() -> None:
    environment = {"PATH": "/usr/bin", "LD_LIBRARY_PATH": "/opt/x"}
    assert child_environment(environment, [], windows=False) == environment


def test_the_bundle_folders_of_the_running_program(monkeypatch: pytest.MonkeyPatch) -> None:
    assert libreoffice.bundle_folders() == []  # not frozen: run from source
    internal = Path("/opt/stellungnahme/_internal")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    monkeypatch.setattr(sys, "executable", str(internal.parent / "stellungnahme-cli"))
    assert libreoffice.bundle_folders() == [str(internal), str(internal.parent)]


@pytest.mark.windows_only(reason="SetDllDirectoryW is an API of Windows")
def test_the_child_starts_with_the_standard_dll_search_of_windows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)

    def dll_directory() -> str:
        buffer = ctypes.create_unicode_buffer(32768)
        kernel32.GetDllDirectoryW(len(buffer), buffer)
        return buffer.value

    assert kernel32.SetDllDirectoryW(str(tmp_path))  # as PyInstaller's bootloader does
    try:
        with libreoffice.standard_dll_search():
            assert dll_directory() == ""
        assert dll_directory() == str(tmp_path)
    finally:
        kernel32.SetDllDirectoryW(None)
