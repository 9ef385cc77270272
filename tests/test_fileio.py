"""Atomic writes: a failure never leaves a partial file or destroys the old one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stellungnahme_app import fileio
from stellungnahme_app.fileio import FileWriteError, atomic_target, atomic_write_bytes


def _folder_listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    atomic_write_bytes(target, b"eins")
    atomic_write_bytes(target, b"zwei")
    assert target.read_bytes() == b"zwei"
    assert _folder_listing(tmp_path) == ["a.txt"]


def test_failure_inside_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"alt")
    with pytest.raises(RuntimeError), atomic_target(target) as temp:
        temp.write_bytes(b"halb")
        raise RuntimeError("Abbruch mitten im Schreiben")
    assert target.read_bytes() == b"alt"
    assert _folder_listing(tmp_path) == ["a.txt"]


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(FileWriteError, match="existiert nicht"):
        atomic_write_bytes(tmp_path / "fehlt" / "a.txt", b"x")


def test_target_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "ordner").mkdir()
    with pytest.raises(FileWriteError, match="ist ein Ordner"):
        atomic_write_bytes(tmp_path / "ordner", b"x")


@pytest.mark.parametrize(
    "lock_name", ["~$Stellungnahme.docx", "~$ellungnahme.docx", ".~lock.Stellungnahme.docx#"]
)
def test_document_open_in_word_or_libreoffice(tmp_path: Path, lock_name: str) -> None:
    target = tmp_path / "Stellungnahme.docx"
    target.write_bytes(b"alt")
    (tmp_path / lock_name).write_bytes(b"")
    with pytest.raises(FileWriteError, match="geöffnet"):
        atomic_write_bytes(target, b"neu")
    assert target.read_bytes() == b"alt"


def test_replace_refused_by_the_system_reports_a_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows, replacing a document Word holds open fails with PermissionError."""
    target = tmp_path / "Stellungnahme.docx"
    target.write_bytes(b"alt")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fileio.os, "replace", refuse)
    with pytest.raises(FileWriteError, match="gesperrt"):
        atomic_write_bytes(target, b"neu")
    assert target.read_bytes() == b"alt"
    assert _folder_listing(tmp_path) == ["Stellungnahme.docx"]


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="needs POSIX permissions")
def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "nur-lesen"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(FileWriteError, match="keine Berechtigung"):
            atomic_write_bytes(folder / "a.txt", b"x")
    finally:
        folder.chmod(0o755)


def test_permissions_of_a_replaced_file_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"alt")
    target.chmod(0o640)
    atomic_write_bytes(target, b"neu")
    assert target.stat().st_mode & 0o777 == 0o640


def test_read_bytes(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_bytes(b"{}")
    assert fileio.read_bytes(target, max_bytes=10) == b"{}"


@pytest.mark.parametrize(
    ("name", "prepare", "fragment"),
    [
        ("fehlt.json", lambda p: None, "Die Vorlage „.*fehlt.json“ wurde nicht gefunden."),
        ("ordner", lambda p: p.mkdir(), "ist ein Ordner, keine Datei."),
        ("gross.json", lambda p: p.write_bytes(b"x" * 3000), "mit 2 KB zu groß .höchstens 1 KB."),
    ],
)
def test_read_bytes_explains_what_is_wrong(
    tmp_path: Path, name: str, prepare: object, fragment: str
) -> None:
    path = tmp_path / name
    prepare(path)  # type: ignore[operator]
    with pytest.raises(fileio.FileReadError, match=fragment):
        fileio.read_bytes(path, max_bytes=1024, subject="Die Vorlage")
