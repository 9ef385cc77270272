"""LibreOffice on this machine: where its ``soffice`` is, and the clean start of its process.

:func:`find_soffice` looks, in this order, at the file the administrator names in
``STELLUNGNAHME_SOFFICE`` (e.g. a portable LibreOffice), the absolute folders of the PATH,
on Windows the registry (App Paths and LibreOffice's ``UNO\\InstallPath``, also the 32-bit
view under ``WOW6432Node`` and a per-user installation), and the usual installation
folders. Never in the current folder.

The program runs as a PyInstaller bundle, whose bootloader points the library search of the
process at the bundle: on Windows with ``SetDllDirectoryW``, on Linux through
``LD_LIBRARY_PATH``; run-time hooks may put bundle folders at the front of ``PATH``. Child
processes inherit all of that, and LibreOffice would load the bundle's copies of the VC
runtime or Qt. So its process gets :func:`child_environment` (every bundle folder taken out,
the bootloader's own variables dropped) and starts inside :func:`standard_dll_search`.
"""

from __future__ import annotations

import contextlib
import logging
import ntpath
import os
import posixpath
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path, PureWindowsPath

log = logging.getLogger(__name__)

#: The full path of ``soffice`` the administrator may name (LibreOffice Portable, own folder).
SOFFICE_VARIABLE = "STELLUNGNAHME_SOFFICE"
#: What the administrator may name on Windows: the program or a wrapper script around it.
WINDOWS_PROGRAM_SUFFIXES = (".exe", ".com", ".cmd", ".bat")

#: Reads the default value of a registry key: (``"HKLM"`` or ``"HKCU"``, key) → text or None.
RegistryReader = Callable[[str, str], str | None]

_APP_PATH = r"Microsoft\Windows\CurrentVersion\App Paths\soffice.exe"
_UNO_INSTALL_PATH = r"LibreOffice\UNO\InstallPath"
#: Where installers of LibreOffice note it, per user first; "file" names soffice.exe itself,
#: "folder" its program folder.
REGISTRY_KEYS: tuple[tuple[str, str, str], ...] = (
    ("HKCU", rf"Software\{_APP_PATH}", "file"),
    ("HKCU", rf"Software\{_UNO_INSTALL_PATH}", "folder"),
    ("HKLM", rf"SOFTWARE\{_UNO_INSTALL_PATH}", "folder"),
    ("HKLM", rf"SOFTWARE\{_APP_PATH}", "file"),
    ("HKLM", rf"SOFTWARE\WOW6432Node\{_UNO_INSTALL_PATH}", "folder"),
    ("HKLM", rf"SOFTWARE\WOW6432Node\{_APP_PATH}", "file"),
)


def find_soffice() -> Path | None:
    """LibreOffice's ``soffice`` (see the module docstring for where it is looked for).

    Never in the current folder: ``shutil.which`` on Windows looks there first, and ``.``,
    an empty entry or a relative folder in PATH mean it too – a ``soffice.bat`` planted in the
    folder where the command line runs would be executed. Only absolute paths count, and in
    PATH on Windows only ``soffice.exe``.
    """
    named = _named_by_the_administrator(os.environ.get(SOFFICE_VARIABLE, ""))
    if named is not None:
        return named
    names = ("soffice.exe",) if os.name == "nt" else ("soffice", "libreoffice")
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        if not folder or not os.path.isabs(folder):
            continue
        for name in names:
            candidate = Path(folder) / name
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return candidate
    candidates = registry_candidates(read_windows_registry) if sys.platform == "win32" else []
    for candidate in [*candidates, *installation_candidates(os.environ)]:
        if candidate.is_file():
            return candidate
    return None


def _named_by_the_administrator(value: str) -> Path | None:
    if not value.strip():
        return None
    candidate = Path(value.strip().strip('"'))
    usable = candidate.is_absolute() and candidate.is_file()
    if usable and os.name == "nt":
        usable = candidate.suffix.casefold() in WINDOWS_PROGRAM_SUFFIXES
    elif usable:
        usable = os.access(candidate, os.X_OK)
    if not usable:
        log.warning(
            "%s=%s ist kein ausführbares Programm; gesucht wird weiter", SOFFICE_VARIABLE, value
        )
        return None
    return candidate


def installation_candidates(environ: Mapping[str, str]) -> list[Path]:
    """Where installers put soffice: Program Files (64 and 32 bit), then macOS."""
    roots: list[str] = [
        environ[variable]
        for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")
        if environ.get(variable)
    ]
    roots += [r"C:\Program Files", r"C:\Program Files (x86)"]
    candidates: list[Path] = []
    for root in dict.fromkeys(roots):
        candidates.append(Path(root) / "LibreOffice" / "program" / "soffice.exe")
    candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    return candidates


def registry_candidates(read: RegistryReader) -> list[Path]:
    """The ``soffice.exe`` files the registry names (:data:`REGISTRY_KEYS`), each once."""
    found: list[Path] = []
    for root, key, kind in REGISTRY_KEYS:
        value = (read(root, key) or "").strip().strip('"').strip()
        if not value or not PureWindowsPath(value).is_absolute():
            continue
        path = PureWindowsPath(value)
        if kind == "folder":
            path = path / "soffice.exe"
        candidate = Path(str(path))
        if candidate not in found:
            found.append(candidate)
    return found


def read_windows_registry(root: str, key: str) -> str | None:
    """Windows: the default value of ``root\\key`` (environment variables expanded)."""
    import winreg

    hive = {"HKLM": winreg.HKEY_LOCAL_MACHINE, "HKCU": winreg.HKEY_CURRENT_USER}[root]
    try:
        with winreg.OpenKey(hive, key, 0, winreg.KEY_READ) as handle:
            value, kind = winreg.QueryValueEx(handle, "")
    except OSError:
        return None
    if not isinstance(value, str):
        return None
    return winreg.ExpandEnvironmentStrings(value) if kind == winreg.REG_EXPAND_SZ else value


# --------------------------------------------------------------------------- a clean start


def bundle_folders() -> list[str]:
    """The folders of the running PyInstaller bundle (none when run from source)."""
    if not getattr(sys, "frozen", False):
        return []
    folders = [getattr(sys, "_MEIPASS", ""), os.path.dirname(sys.executable)]
    return [folder for folder in dict.fromkeys(folders) if folder]


def child_environment(
    environ: Mapping[str, str], bundle: Sequence[str], *, windows: bool = os.name == "nt"
) -> dict[str, str]:
    """``environ`` for a program that is not part of the bundle in the folders ``bundle``.

    Every entry inside a bundle folder leaves every list of folders (``PATH``,
    ``QT_PLUGIN_PATH`` …); a variable left empty goes. ``LD_LIBRARY_PATH`` gets back the value
    the bootloader saved in ``LD_LIBRARY_PATH_ORIG``, and the bootloader's own variables
    (``_PYI_…``) go, so nothing of the bundle reaches the child.
    """
    child = dict(environ)
    if not bundle:
        return child
    paths = ntpath if windows else posixpath
    separator = ";" if windows else ":"
    roots = [paths.normcase(paths.normpath(folder)) for folder in bundle]

    def inside_bundle(entry: str) -> bool:
        if not entry.strip() or not paths.isabs(entry.strip()):
            return False
        normal = paths.normcase(paths.normpath(entry.strip()))
        return any(
            normal == root or normal.startswith(root.rstrip(paths.sep) + paths.sep)
            for root in roots
        )

    for name, value in list(child.items()):
        if name.startswith("_PYI_") or name == "_MEIPASS2":
            del child[name]
            continue
        entries = value.split(separator)
        if not any(inside_bundle(entry) for entry in entries):
            continue
        kept = [entry for entry in entries if entry and not inside_bundle(entry)]
        if kept:
            child[name] = separator.join(kept)
        else:
            del child[name]
    original = child.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is not None and not windows:
        child["LD_LIBRARY_PATH"] = original
    return child


_DLL_DIRECTORY_LOCK = threading.Lock()


@contextlib.contextmanager
def standard_dll_search() -> Iterator[None]:
    """Windows, frozen: while the body starts a child, the DLL search is Windows' own.

    The bootloader's ``SetDllDirectoryW(<bundle>)`` is inherited by child processes; it is
    undone for the moment of the start and set again afterwards (the program itself still
    loads its DLLs from the bundle).
    """
    if sys.platform != "win32" or not getattr(sys, "frozen", False):
        yield
        return
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.GetDllDirectoryW.argtypes = (wintypes.DWORD, wintypes.LPWSTR)
    kernel32.GetDllDirectoryW.restype = wintypes.DWORD
    kernel32.SetDllDirectoryW.argtypes = (wintypes.LPCWSTR,)
    kernel32.SetDllDirectoryW.restype = wintypes.BOOL
    with _DLL_DIRECTORY_LOCK:
        buffer = ctypes.create_unicode_buffer(32768)
        length = kernel32.GetDllDirectoryW(len(buffer), buffer)
        previous = buffer.value if length else None
        kernel32.SetDllDirectoryW(None)
        try:
            yield
        finally:
            kernel32.SetDllDirectoryW(previous)
