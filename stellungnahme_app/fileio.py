"""Reading and writing the user's files with German messages for everything that can go wrong.

Reading (:func:`read_bytes`) refuses folders and oversized files and names the file in every
message. Writing never leaves a half-written file or destroys the old one.

Every file the program writes for the user (drafts, documents, settings) goes through
:func:`atomic_target`: the content is written to a temporary file in the target's folder,
flushed to disk, and only then moved over the target in one step. Problems of the
environment (missing folder, no permission, file open in Word, disk full) become a
:class:`~stellungnahme_app.errors.StellungnahmeError` subclass with a German message.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from stellungnahme_app.errors import StellungnahmeError


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


def describe_os_error(error: OSError, target: Path) -> str:
    """A German sentence for an operating-system error while writing ``target``."""
    folder = target.parent
    if isinstance(error, FileNotFoundError) and not folder.is_dir():
        return f"Der Ordner „{folder}“ existiert nicht. Bitte wählen Sie einen vorhandenen Ordner."
    if isinstance(error, IsADirectoryError) or target.is_dir():
        return f"„{target}“ ist ein Ordner, keine Datei. Bitte wählen Sie einen Dateinamen."
    if isinstance(error, PermissionError):
        if target.exists() and os.access(folder, os.W_OK):
            return (
                f"Die Datei „{target.name}“ ist gesperrt – vermutlich ist sie gerade in Word "
                "geöffnet. Bitte schließen Sie sie dort und versuchen Sie es erneut."
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


@contextlib.contextmanager
def atomic_target(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` at once.

    If the body raises, the temporary file is removed and ``target`` is left as it was.
    """
    target = Path(target)
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
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix="." + target.stem[:40] + ".", suffix=".tmp", dir=target.parent
        )
    except OSError as error:
        raise FileWriteError(describe_os_error(error, target)) from error
    os.close(fd)
    temp = Path(temp_name)
    _copy_mode(target, temp)
    try:
        yield temp
        _fsync(temp)
        os.replace(temp, target)
    except OSError as error:
        raise FileWriteError(describe_os_error(error, target)) from error
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)


def atomic_write_bytes(target: Path | str, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically (see :func:`atomic_target`)."""
    with atomic_target(target) as temp:
        temp.write_bytes(data)


def _copy_mode(target: Path, temp: Path) -> None:
    """Give the new file the old one's permissions (mkstemp makes it private)."""
    try:
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        os.chmod(temp, mode)
    except OSError:
        pass


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())
