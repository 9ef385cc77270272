"""A database on a network drive is refused with a German explanation."""

from __future__ import annotations

from pathlib import Path

import pytest

from stellungnahme_app.store import NetworkPathError, Store, is_network_path
from stellungnahme_app.store.location import is_on_network_drive


@pytest.mark.parametrize(
    "path",
    [
        r"\\server\share\stellungnahme.db",
        r"\\fs01.erfurt.de\home$\mueller\Stellungnahme\stellungnahme.db",
        "//server/share/stellungnahme.db",
        r"\\?\UNC\server\share\stellungnahme.db",
        r"\\?\unc\server\share\x.db",
        r"\\192.168.1.5\daten",
    ],
)
def test_unc_paths_are_network_paths(path: str) -> None:
    assert is_network_path(path)


@pytest.mark.parametrize(
    "path",
    [
        r"C:\Users\mueller\AppData\Local\Stellungnahme\stellungnahme.db",
        r"\\?\C:\Users\mueller\stellungnahme.db",
        r"\\.\C:\daten.db",
        "/home/mueller/.local/share/Stellungnahme/stellungnahme.db",
        "relative/stellungnahme.db",
        "",
        "\\",
        r"\\",
        r"\\\server",
    ],
)
def test_local_paths_are_not(path: str) -> None:
    assert not is_network_path(path)


def test_local_temp_folder_is_not_on_a_network_drive(tmp_path: Path) -> None:
    assert not is_on_network_drive(tmp_path / "stellungnahme.db")


def test_opening_on_a_unc_path_is_refused_in_german() -> None:
    with pytest.raises(NetworkPathError) as caught:
        Store.open(Path(r"\\server\share\stellungnahme.db"))
    message = caught.value.message
    assert "Netzlaufwerk" in message
    assert "lokalen Laufwerk" in message
    assert "%LOCALAPPDATA%" in message


def test_data_folder_on_a_unc_path_is_refused_before_anything_is_created(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STELLUNGNAHME_HOME", r"\\fileserver\home$\mueller")
    with pytest.raises(NetworkPathError):
        Store.open()
    assert list(tmp_path.iterdir()) == []
