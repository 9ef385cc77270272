"""Atomic writes: a failure never leaves a partial file or destroys the old one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
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


# --------------------------------------------------------------------------- after a kill

posix_only = pytest.mark.skipif(os.name == "nt", reason="kills a child process with SIGKILL")


def run_and_kill_itself(code: str, temp: Path) -> None:
    """Run ``code`` in a child Python process, which then kills itself with SIGKILL."""
    script = (
        "import os, signal\nfrom pathlib import Path\n"
        "from stellungnahme_app.fileio import atomic_target, private_temp_folder\n"
        f"{code}\n"
    )
    environment = {**os.environ, "TMPDIR": str(temp)}
    result = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, timeout=60
    )
    assert result.returncode == -signal.SIGKILL, result.stderr


@posix_only
def test_the_clean_up_removes_the_temporary_file_of_a_killed_write(tmp_path: Path) -> None:
    target = tmp_path / "Stellungnahme_0661-24.docx"
    target.write_bytes(b"alt")
    temp = tmp_path / "temp"
    temp.mkdir()
    run_and_kill_itself(
        f"with atomic_target(Path({str(target)!r})) as temp:\n"
        "    temp.write_bytes(b'halb')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)",
        temp,
    )
    [left] = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert left.name.startswith(".Stellungnahme_0661-24.")
    assert fileio.clean_up_after_killed_writes(temp_folder=temp) == [left]
    assert _folder_listing(tmp_path) == ["Stellungnahme_0661-24.docx", "temp"]
    assert target.read_bytes() == b"alt"
    assert fileio.clean_up_after_killed_writes(temp_folder=temp) == []


@posix_only
def test_the_clean_up_removes_the_private_folder_of_a_killed_export(tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    run_and_kill_itself(
        "with private_temp_folder() as folder:\n"
        "    (folder / 'Stellungnahme.docx').write_bytes(b'Kopie')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)",
        temp,
    )
    [left] = list(temp.iterdir())
    assert left.name.startswith(fileio.TEMP_FOLDER_PREFIX)
    assert fileio.clean_up_after_killed_writes(temp_folder=temp) == [left]
    assert list(temp.iterdir()) == []


def test_the_clean_up_leaves_what_running_processes_write_alone(tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    target = tmp_path / "offen.json"
    with (
        atomic_target(target) as writing,
        fileio.private_temp_folder() as own_folder,
    ):
        other = temp / f"{fileio.TEMP_FOLDER_PREFIX}{os.getppid()}-laeuft"  # a live process
        other.mkdir()
        assert fileio.clean_up_after_killed_writes(temp_folder=temp) == []
        assert writing.exists() and own_folder.exists() and other.exists()
        writing.write_bytes(b"fertig")
    assert target.read_bytes() == b"fertig"


def test_a_note_never_removes_anything_but_a_temporary_file(
    tmp_path: Path, data_home: Path
) -> None:
    precious = tmp_path / "Haushalt.xlsx"
    precious.write_bytes(b"wichtig")
    journal = data_home / fileio.JOURNAL_FOLDER_NAME
    journal.mkdir(exist_ok=True)
    ended = 4_194_304 + 1  # above Linux' largest process ID: no such process
    (journal / f"{ended}-a.txt").write_text(str(precious), encoding="utf-8")
    (journal / f"{ended}-b.txt").write_bytes(b"\xff\xfe kaputt")
    assert fileio.clean_up_after_killed_writes(temp_folder=tmp_path) == []
    assert precious.read_bytes() == b"wichtig"
    assert list(journal.iterdir()) == []


def test_process_is_running() -> None:
    assert fileio.process_is_running(os.getpid())
    assert not fileio.process_is_running(4_194_304 + 1)
    assert not fileio.process_is_running(0)
