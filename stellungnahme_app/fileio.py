"""Reading and writing the user's files with German messages for everything that can go wrong.

Reading (:func:`read_bytes`) refuses folders and oversized files and names the file in every
message. Writing never leaves a half-written file or destroys the old one.

Every file the program writes for the user (drafts, documents, settings) goes through
:func:`atomic_target`: the content is written to a temporary file in the target's folder,
flushed to disk, and only then moved over the target in one step. Problems of the
environment (missing folder, no permission, file open in Word, a read-only file, disk full)
become a :class:`~stellungnahme_app.errors.StellungnahmeError` subclass with a German message.

Windows refuses to replace a file another program holds open: a virus scanner, the search
indexer or OneDrive for a moment, Word for as long as the document is open. So
:func:`replace_file` tries again for a bounded time (:data:`REPLACE_ATTEMPTS`), and the message
tells a file held open (WinError 32/33) from missing permission (WinError 5) and from a
read-only file. A hidden ``~$`` lock file Word left behind when it crashed would block every
write to that name: on Windows Word holds its lock file open without delete sharing, so a
lock file that can be removed is stale – and is removed.

A process that is killed (Task-Manager, log-off, power) cannot remove what it had under
way. So every temporary file beside a target is first noted in the data folder (a small
file per write in ``unfertige-dateien/``, named by the process ID), and every private
temporary folder (:func:`private_temp_folder`, where the export keeps copies of the
document) carries the process ID in its name. :func:`clean_up_after_killed_writes`, called
by the application and the command line at start, removes what processes that no longer
run left behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from stellungnahme_app import paths
from stellungnahme_app.errors import StellungnahmeError

JOURNAL_FOLDER_NAME = "unfertige-dateien"
#: Folder in the data folder for files taken in without a file on disk (Outlook attachments),
#: in private folders named like :func:`private_temp_folder`'s.
INCOMING_FOLDER_NAME = "eingang"
TEMP_FILE_SUFFIX = ".tmp"
TEMP_FOLDER_PREFIX = "stellungnahme-"
_OWNER_RE = re.compile(r"^(\d+)-")

#: How often :func:`replace_file` tries while Windows says the file is held (about 1.5 s).
REPLACE_ATTEMPTS = 10
_WINDOWS_ACCESS_DENIED = 5
_WINDOWS_HELD_OPEN = frozenset({32, 33})  # sharing violation, lock violation
_WINDOWS_MAYBE_FOR_A_MOMENT = _WINDOWS_HELD_OPEN | {_WINDOWS_ACCESS_DENIED}

# The one call that moves a finished file over its target. Tests point it to a stand-in that
# raises what only Windows raises (a file held open by another program, WinError 32).
_replace = os.replace


class FileReadError(StellungnahmeError):
    """A file could not be read (missing, a folder, too large, no permission)."""


class FileWriteError(StellungnahmeError):
    """A file could not be written; the previous file, if any, is unchanged."""


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.0f} MB"
    return f"{max(size // 1024, 1)} KB"


def read_bytes(path: Path, *, max_bytes: int, subject: str = "Die Datei") -> bytes:
    """The content of ``path``; :class:`FileReadError` with a German message otherwise.

    ``subject`` names the kind of file in the messages (``Die Vorlage``, ``Der Textbaustein``).
    """
    try:
        if path.is_dir():
            raise FileReadError(f"„{path}“ ist ein Ordner, keine Datei.")
        size = path.stat().st_size
        if size > max_bytes:
            raise FileReadError(
                f"{subject} „{path.name}“ ist mit {_size_text(size)} zu groß "
                f"(höchstens {_size_text(max_bytes)})."
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise FileReadError(f"{subject} „{path}“ wurde nicht gefunden.") from None
    except PermissionError:
        raise FileReadError(
            f"{subject} „{path}“ darf nicht gelesen werden (keine Berechtigung)."
        ) from None
    except OSError as error:
        raise FileReadError(
            f"{subject} „{path}“ kann nicht gelesen werden: {error.strerror or error}."
        ) from None


def office_lock_files(target: Path) -> list[Path]:
    """The lock files Word and LibreOffice keep beside a document while it is open."""
    name = target.name
    candidates = [
        target.with_name("~$" + name),
        target.with_name("~$" + name[2:]) if len(name) > 2 else None,
        target.with_name(".~lock." + name + "#"),
    ]
    return [c for c in candidates if c is not None and c.exists()]


def is_read_only(path: Path) -> bool:
    """True for an existing file without write permission for its owner.

    On Windows that is the file's "Schreibgeschützt" attribute.
    """
    try:
        return not path.stat().st_mode & stat.S_IWUSR and path.is_file()
    except OSError:
        return False


def read_only_message(target: Path) -> str:
    return (
        f"Die Datei „{target.name}“ ist schreibgeschützt und kann nicht ersetzt werden. Bitte "
        "wählen Sie einen anderen Dateinamen oder heben Sie den Schreibschutz auf "
        "(Rechtsklick auf die Datei › Eigenschaften › „Schreibgeschützt“)."
    )


def _winerror(error: OSError) -> int | None:
    return getattr(error, "winerror", None)


def describe_os_error(error: OSError, target: Path) -> str:
    """A German sentence for an operating-system error while writing ``target``.

    Never judged by ``os.access`` on the folder: on Windows it says yes for every folder.
    """
    folder = target.parent
    if isinstance(error, FileNotFoundError) and not folder.is_dir():
        return f"Der Ordner „{folder}“ existiert nicht. Bitte wählen Sie einen vorhandenen Ordner."
    if isinstance(error, IsADirectoryError) or target.is_dir():
        return f"„{target}“ ist ein Ordner, keine Datei. Bitte wählen Sie einen Dateinamen."
    if isinstance(error, PermissionError):
        if _winerror(error) in _WINDOWS_HELD_OPEN:
            return (
                f"Die Datei „{target.name}“ ist gesperrt: sie ist gerade in einem anderen "
                "Programm geöffnet, vermutlich in Word. Bitte schließen Sie sie dort und "
                "versuchen Sie es erneut."
            )
        if is_read_only(target):
            return read_only_message(target)
        if target.exists():
            return (
                f"Die Datei „{target.name}“ im Ordner „{folder}“ darf nicht ersetzt werden "
                "(keine Berechtigung). Bitte wählen Sie einen anderen Ordner, z. B. "
                "„Dokumente“."
            )
        return (
            f"In den Ordner „{folder}“ darf nicht geschrieben werden (keine Berechtigung). "
            "Bitte wählen Sie einen anderen Ordner, z. B. „Dokumente“."
        )
    if error.errno == errno.ENOSPC:
        return f"Auf dem Laufwerk von „{folder}“ ist nicht genug Platz frei."
    if error.errno == errno.EROFS:
        return f"Der Ordner „{folder}“ liegt auf einem schreibgeschützten Laufwerk."
    return f"Die Datei „{target}“ konnte nicht geschrieben werden: {error.strerror or error}."


def replace_file(source: Path, target: Path) -> None:
    """Move ``source`` over ``target`` in one step (``os.replace``).

    While Windows refuses because another program holds a file for a moment (WinError 5,
    32 or 33), it tries again after a short pause, :data:`REPLACE_ATTEMPTS` times in all;
    then the last error is raised. Other errors are raised at once.
    """
    for attempt in range(1, REPLACE_ATTEMPTS + 1):
        try:
            _replace(source, target)
            return
        except PermissionError as error:
            if attempt == REPLACE_ATTEMPTS or _winerror(error) not in _WINDOWS_MAYBE_FOR_A_MOMENT:
                raise
        time.sleep(min(0.05 * 1.5 ** (attempt - 1), 0.2))


def _remove_stale_word_locks(target: Path) -> None:
    """Windows: remove Word's ``~$`` lock files of ``target`` that no Word holds open."""
    if sys.platform != "win32":
        return  # elsewhere a lock file cannot tell whether its Word still runs
    for lock in office_lock_files(target):
        if lock.name.startswith("~$"):
            with contextlib.suppress(OSError):
                lock.unlink()


@contextlib.contextmanager
def atomic_target(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` at once.

    If the body raises, the temporary file is removed and ``target`` is left as it was.
    """
    target = Path(target)
    _remove_stale_word_locks(target)
    locks = office_lock_files(target)
    if locks:
        raise FileWriteError(
            f"Die Datei „{target.name}“ ist gerade in Word oder LibreOffice geöffnet. Bitte "
            "schließen Sie sie dort und versuchen Sie es erneut. (Ist sie nirgends geöffnet, "
            f"kann die Sperrdatei „{locks[0].name}“ gelöscht werden.)"
        )
    if target.is_dir():
        raise FileWriteError(describe_os_error(IsADirectoryError(), target))
    if not target.parent.is_dir():
        raise FileWriteError(describe_os_error(FileNotFoundError(), target))
    if is_read_only(target):
        raise FileWriteError(read_only_message(target))
    temp = target.parent / f".{target.stem[:40]}.{secrets.token_hex(4)}{TEMP_FILE_SUFFIX}"
    with _noted(temp):
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o600)
        except OSError as error:
            raise FileWriteError(describe_os_error(error, target)) from error
        os.close(fd)
        _copy_mode(target, temp)
        try:
            yield temp
            _fsync(temp)
            replace_file(temp, target)
        except OSError as error:
            raise FileWriteError(describe_os_error(error, target)) from error
        finally:
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)


_O_BINARY = getattr(os, "O_BINARY", 0)


def atomic_write_bytes(target: Path | str, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically (see :func:`atomic_target`)."""
    with atomic_target(target) as temp:
        temp.write_bytes(data)


def _copy_mode(target: Path, temp: Path) -> None:
    """Give the new file the old one's permissions (it is created private), always writable.

    Not on Windows: there a mode only sets the read-only attribute, which would keep the
    temporary file from being written and deleted.
    """
    if os.name == "nt":
        return
    try:
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        os.chmod(temp, mode | stat.S_IWUSR)
    except OSError:
        pass


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


# --------------------------------------------------------------------------- after a kill


def _journal_folder() -> Path | None:
    """``unfertige-dateien/`` in the data folder; ``None`` if it cannot be written."""
    try:
        folder = paths.data_dir() / JOURNAL_FOLDER_NAME
        folder.mkdir(exist_ok=True)
    except OSError:
        return None
    return folder


@contextlib.contextmanager
def _noted(temp: Path) -> Iterator[None]:
    """While the body runs, a note in the data folder names ``temp`` and this process."""
    folder = _journal_folder()
    note = folder / f"{os.getpid()}-{secrets.token_hex(6)}.txt" if folder else None
    if note is not None:
        try:
            note.write_text(str(temp.absolute()), encoding="utf-8")
        except OSError:
            note = None  # writing works without the note; only the clean-up would miss it
    try:
        yield
    finally:
        if note is not None:
            with contextlib.suppress(OSError):
                note.unlink(missing_ok=True)


@contextlib.contextmanager
def private_temp_folder() -> Iterator[Path]:
    """A new folder in the system's temporary folder, removed with its content afterwards.

    Its name ``stellungnahme-<process ID>-…`` tells the clean-up whose it is. Removing it
    never raises: on Windows a file another process still holds (LibreOffice finishing, a
    virus scanner) cannot be deleted, so it is tried a few times and whatever is left goes at
    the next start (:func:`clean_up_after_killed_writes`).
    """
    folder = Path(tempfile.mkdtemp(prefix=f"{TEMP_FOLDER_PREFIX}{os.getpid()}-"))
    try:
        yield folder
    finally:
        for attempt in range(1, 4):
            shutil.rmtree(folder, ignore_errors=True)
            if not folder.exists():
                break
            time.sleep(0.1 * attempt)


def clean_up_after_killed_writes(*, temp_folder: Path | None = None) -> list[Path]:
    """Remove what killed processes of the program left behind; returns what was removed.

    Temporary files beside targets (from the notes in the data folder) and private folders
    in ``temp_folder`` (the system's temporary folder) and in the data folder's
    :data:`INCOMING_FOLDER_NAME` – only those of processes that no
    longer run, so a second window of the program that is still writing is left alone.
    """
    removed: list[Path] = []
    journal = _journal_folder()
    notes = sorted(journal.glob("*.txt")) if journal is not None else []
    for note in notes:
        if not _owner_has_ended(note.name):
            continue
        try:
            temp = Path(note.read_text(encoding="utf-8").strip())
        except (OSError, UnicodeDecodeError):
            temp = None
        # A note can only ever remove one of our own temporary files, whatever it says.
        if temp is not None and temp.name.startswith(".") and temp.name.endswith(TEMP_FILE_SUFFIX):
            with contextlib.suppress(OSError):
                if temp.is_file():
                    temp.unlink()
                    removed.append(temp)
        with contextlib.suppress(OSError):
            note.unlink()
    root = Path(temp_folder) if temp_folder is not None else Path(tempfile.gettempdir())
    incoming = [journal.parent / INCOMING_FOLDER_NAME] if journal is not None else []
    for folder in (f for r in (root, *incoming) for f in sorted(r.glob(TEMP_FOLDER_PREFIX + "*"))):
        if _owner_has_ended(folder.name.removeprefix(TEMP_FOLDER_PREFIX)) and _own_folder(folder):
            shutil.rmtree(folder, ignore_errors=True)
            if not folder.exists():
                removed.append(folder)
    return removed


def _owner_has_ended(name: str) -> bool:
    """True if ``name`` starts with the ID of another process that no longer runs."""
    match = _OWNER_RE.match(name)
    if match is None:
        return False
    pid = int(match.group(1))
    return pid != os.getpid() and not process_is_running(pid)


def _own_folder(folder: Path) -> bool:
    """A real folder (no link) of this user: never follow what another user placed there."""
    try:
        if folder.is_symlink() or not folder.is_dir():
            return False
        return os.name == "nt" or folder.stat().st_uid == os.getuid()
    except OSError:
        return False


def process_is_running(pid: int) -> bool:
    """True while a process with ID ``pid`` exists (also one of another user)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_process_is_running(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _windows_process_is_running(pid: int) -> bool:
    """OpenProcess/GetExitCodeProcess: ``os.kill(pid, 0)`` would end the process on Windows."""
    import ctypes
    from ctypes import wintypes

    process_query_limited_information = 0x1000
    still_active = 259
    error_access_denied = 5
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    kernel32.GetExitCodeProcess.restype = wintypes.BOOL
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return ctypes.get_last_error() == error_access_denied
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)
