"""Atomic writes: a failure never leaves a partial file or destroys the old one."""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path

import pytest
from helpers.hard_kill import run_killing_itself

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


WORD_LOCKS = ["~$Stellungnahme.docx", "~$ellungnahme.docx"]  # Word shortens long names


@pytest.mark.parametrize(
    "lock_name",
    [
        *(pytest.param(name, marks=pytest.mark.posix_only) for name in WORD_LOCKS),
        ".~lock.Stellungnahme.docx#",
    ],
)
def test_document_open_in_word_or_libreoffice(tmp_path: Path, lock_name: str) -> None:
    """Where nothing tells a live lock file from a stale one, every lock file counts."""
    target = tmp_path / "Stellungnahme.docx"
    target.write_bytes(b"alt")
    (tmp_path / lock_name).write_bytes(b"")
    with pytest.raises(FileWriteError, match="geöffnet"):
        atomic_write_bytes(target, b"neu")
    assert target.read_bytes() == b"alt"


@pytest.mark.windows_only(reason="Word holds its lock file open without delete sharing")
@pytest.mark.parametrize("lock_name", WORD_LOCKS)
def test_a_lock_file_word_holds_open_blocks_the_write(tmp_path: Path, lock_name: str) -> None:
    target = tmp_path / "Stellungnahme.docx"
    target.write_bytes(b"alt")
    lock = tmp_path / lock_name
    lock.write_bytes(b"Anke Hofmann-Domke")
    with open(lock, "rb"), pytest.raises(FileWriteError, match="geöffnet"):
        atomic_write_bytes(target, b"neu")
    assert target.read_bytes() == b"alt"
    assert lock.exists()


@pytest.mark.windows_only(reason="Word holds its lock file open without delete sharing")
@pytest.mark.parametrize("lock_name", WORD_LOCKS)
def test_a_stale_lock_file_of_word_is_removed(tmp_path: Path, lock_name: str) -> None:
    """Word crashed and left its hidden lock file: nobody holds it, so it is stale."""
    target = tmp_path / "Stellungnahme.docx"
    target.write_bytes(b"alt")
    (tmp_path / lock_name).write_bytes(b"Anke Hofmann-Domke")
    atomic_write_bytes(target, b"neu")
    assert target.read_bytes() == b"neu"
    assert _folder_listing(tmp_path) == ["Stellungnahme.docx"]


# --------------------------------------------------------------------------- Windows refusing


def windows_error(winerror: int, target: Path) -> PermissionError:
    """The error ``os.replace`` raises on Windows for ``winerror`` (errno EACCES).

    On Linux ``OSError`` has no ``winerror``; it is set by hand, as Windows would set it.
    """
    texts = {
        5: "Zugriff verweigert",
        32: "Der Prozess kann nicht auf die Datei zugreifen, da sie von einem anderen "
        "Prozess verwendet wird",
        33: "Der Prozess kann nicht auf die Datei zugreifen, da ein anderer Prozess einen "
        "Teil der Datei gesperrt hat",
    }
    error = PermissionError(errno.EACCES, texts[winerror], str(target))
    error.winerror = winerror  # type: ignore[attr-defined]
    return error


class RefusingReplace:
    """Stands in for ``os.replace``: refuses ``times`` times as Windows would, then replaces."""

    def __init__(self, winerror: int, times: int = 1_000) -> None:
        self.winerror = winerror
        self.times = times
        self.calls = 0

    def __call__(self, source: Path, target: Path) -> None:
        self.calls += 1
        if self.calls <= self.times:
            raise windows_error(self.winerror, Path(target))
        os.replace(source, target)


@pytest.mark.parametrize("winerror", [5, 32, 33])
def test_a_file_held_for_a_moment_is_replaced_after_a_short_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, winerror: int
) -> None:
    """A virus scanner, the search indexer or OneDrive holds the file for a moment."""
    target = tmp_path / "Stellungnahme.docx"
    target.write_bytes(b"alt")
    refusing = RefusingReplace(winerror, times=3)
    monkeypatch.setattr(fileio, "_replace", refusing)
    atomic_write_bytes(target, b"neu")
    assert target.read_bytes() == b"neu"
    assert refusing.calls == 4
    assert _folder_listing(tmp_path) == ["Stellungnahme.docx"]


@pytest.mark.parametrize("winerror", [32, 33])
def test_a_file_open_in_word_is_reported_as_open_after_a_bounded_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, winerror: int
) -> None:
    target = tmp_path / "Stellungnahme.docx"
    target.write_bytes(b"alt")
    refusing = RefusingReplace(winerror)
    monkeypatch.setattr(fileio, "_replace", refusing)
    started = time.monotonic()
    with pytest.raises(FileWriteError) as caught:
        atomic_write_bytes(target, b"neu")
    waited = time.monotonic() - started
    assert refusing.calls == fileio.REPLACE_ATTEMPTS
    assert 0.5 < waited < 5
    message = caught.value.message
    assert "Stellungnahme.docx" in message and "geöffnet" in message
    assert "Berechtigung" not in message
    assert target.read_bytes() == b"alt"
    assert _folder_listing(tmp_path) == ["Stellungnahme.docx"]


def test_access_denied_is_reported_as_missing_permission_not_as_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WinError 5: no right to replace the file (os.access says yes for folders on Windows)."""
    target = tmp_path / "Stellungnahme.docx"
    target.write_bytes(b"alt")
    monkeypatch.setattr(fileio, "_replace", RefusingReplace(5))
    with pytest.raises(FileWriteError) as caught:
        atomic_write_bytes(target, b"neu")
    message = caught.value.message
    assert "keine Berechtigung" in message and "Stellungnahme.docx" in message
    assert "Word" not in message
    assert target.read_bytes() == b"alt"
    assert _folder_listing(tmp_path) == ["Stellungnahme.docx"]


def test_other_errors_are_not_waited_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []

    def disk_full(source: Path, target: Path) -> None:
        calls.append(target)
        raise OSError(errno.ENOSPC, "Auf dem Datenträger ist nicht genug Speicherplatz.")

    monkeypatch.setattr(fileio, "_replace", disk_full)
    with pytest.raises(FileWriteError, match="nicht genug Platz"):
        atomic_write_bytes(tmp_path / "a.txt", b"x")
    assert len(calls) == 1
    assert _folder_listing(tmp_path) == []


def test_a_read_only_target_gets_a_read_only_message(tmp_path: Path) -> None:
    """Not "open in Word" and no temporary file left that inherited the read-only bit."""
    target = tmp_path / "Stellungnahme.docx"
    target.write_bytes(b"alt")
    target.chmod(stat.S_IREAD)
    try:
        with pytest.raises(FileWriteError) as caught:
            atomic_write_bytes(target, b"neu")
        message = caught.value.message
        assert "schreibgeschützt" in message and "Stellungnahme.docx" in message
        assert "Word" not in message
        assert target.read_bytes() == b"alt"
        assert _folder_listing(tmp_path) == ["Stellungnahme.docx"]
    finally:
        target.chmod(stat.S_IREAD | stat.S_IWRITE)


@pytest.mark.posix_only(reason="Windows ignores the write bit of a folder")
@pytest.mark.skipif(os.name != "nt" and os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "nur-lesen"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(FileWriteError, match="keine Berechtigung"):
            atomic_write_bytes(folder / "a.txt", b"x")
    finally:
        folder.chmod(0o755)


@pytest.mark.posix_only(reason="Windows has no file modes, only the read-only attribute")
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


def run_and_kill_itself(code: str, temp: Path) -> None:
    """Run ``code`` in a child Python process, which then dies hard (``kill_itself()``)."""
    run_killing_itself(
        "from stellungnahme_app.fileio import atomic_target, private_temp_folder\n" + code,
        env={**os.environ, "TMPDIR": str(temp), "TEMP": str(temp), "TMP": str(temp)},
    )


def test_the_clean_up_removes_the_temporary_file_of_a_killed_write(tmp_path: Path) -> None:
    target = tmp_path / "Stellungnahme_0661-24.docx"
    target.write_bytes(b"alt")
    temp = tmp_path / "temp"
    temp.mkdir()
    run_and_kill_itself(
        f"with atomic_target(Path({str(target)!r})) as temp:\n"
        "    temp.write_bytes(b'halb')\n"
        "    kill_itself()",
        temp,
    )
    [left] = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert left.name.startswith(".Stellungnahme_0661-24.")
    assert fileio.clean_up_after_killed_writes(temp_folder=temp) == [left]
    assert _folder_listing(tmp_path) == ["Stellungnahme_0661-24.docx", "temp"]
    assert target.read_bytes() == b"alt"
    assert fileio.clean_up_after_killed_writes(temp_folder=temp) == []


def test_the_clean_up_removes_the_private_folder_of_a_killed_export(tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    run_and_kill_itself(
        "with private_temp_folder() as folder:\n"
        "    (folder / 'Stellungnahme.docx').write_bytes(b'Kopie')\n"
        "    kill_itself()",
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
