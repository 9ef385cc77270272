"""Refusing a database on a network drive: SQLite's file locking is not safe there.

:func:`is_network_path` decides from the text of a path alone (UNC paths such as
``\\\\server\\share\\…``) and is testable anywhere; on Windows :func:`is_on_network_drive`
also asks the system whether a drive letter is a mapped network drive.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from stellungnahme_app.store.errors import NetworkPathError

_DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a network drive


def is_network_path(path: str) -> bool:
    """True for a UNC path (``\\\\server\\share``, ``//server/share``, ``\\\\?\\UNC\\…``).

    Local device and long-path prefixes (``\\\\?\\C:\\…``, ``\\\\.\\C:\\…``) are not network
    paths. Works on the text alone, on any platform.
    """
    text = path.replace("/", "\\")
    if text[:8].upper() == "\\\\?\\UNC\\":
        return True
    if text.startswith(("\\\\?\\", "\\\\.\\")):
        return False
    return text.startswith("\\\\") and len(text) > 2 and text[2] != "\\"


def is_on_network_drive(path: Path) -> bool:
    """True if ``path`` is a UNC path or, on Windows, lies on a mapped network drive."""
    candidates = {str(path)}
    with contextlib.suppress(OSError):
        candidates.add(str(path.resolve()))
    if any(is_network_path(candidate) for candidate in candidates):
        return True
    if sys.platform == "win32":
        return any(_windows_drive_is_remote(candidate) for candidate in candidates)
    return False


def _windows_drive_is_remote(path: str) -> bool:
    import ctypes

    drive, _ = os.path.splitdrive(path)
    if not drive:
        return False
    root = drive.rstrip("\\/") + "\\"
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    kernel32.GetDriveTypeW.argtypes = [ctypes.c_wchar_p]
    kernel32.GetDriveTypeW.restype = ctypes.c_uint
    return kernel32.GetDriveTypeW(root) == _DRIVE_REMOTE


def refuse_network_path(path: Path) -> None:
    """Raise :class:`NetworkPathError` with a German explanation if ``path`` is remote."""
    if not is_on_network_drive(path):
        return
    raise NetworkPathError(
        f"Die Entwurfsdatenbank „{path}“ liegt auf einem Netzlaufwerk. Dort kann die "
        "Datenbank nicht sicher gesperrt werden; gleichzeitige Zugriffe könnten Entwürfe "
        "beschädigen. Bitte legen Sie die Daten auf einem lokalen Laufwerk ab – "
        "üblicherweise im Ordner „%LOCALAPPDATA%\\Stellungnahme“. Ist die Umgebungsvariable "
        "STELLUNGNAHME_HOME gesetzt, lassen Sie sie von der IT auf einen lokalen Ordner "
        "setzen oder entfernen."
    )
