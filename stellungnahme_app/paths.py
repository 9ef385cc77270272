"""Where the program finds its bundled files and keeps the user's data.

The data folder holds the database, its backups, the log file and the user's settings. It is
the per-user application data folder (on Windows ``%LOCALAPPDATA%\\Stellungnahme``) unless the
environment variable ``STELLUNGNAHME_HOME`` names another one; tests always set it. On POSIX
the program makes it private to the user (mode 0700); on Windows the per-user profile folder
already is.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Stellungnahme"
HOME_VARIABLE = "STELLUNGNAHME_HOME"
LOG_FILE_NAME = "stellungnahme.log"
PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def data_dir(create: bool = True) -> Path:
    """The user's data folder, created private on first use.

    The default folder, which only this program uses, is also made private if an older
    version left it readable for others; a folder named by ``STELLUNGNAHME_HOME`` is the
    administrator's choice and keeps its permissions.
    """
    override = os.environ.get(HOME_VARIABLE)
    if override:
        path = Path(override).expanduser()
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))
    if create:
        path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER_MODE)
        if not override:
            make_private(path, PRIVATE_FOLDER_MODE)
    return path


def make_private(path: Path, mode: int = PRIVATE_FILE_MODE) -> None:
    """Take away what others may do with a file or folder of the user's (POSIX; on Windows,
    where the profile folder is private, nothing). Best effort: a file of another owner, or
    one that vanished, stays as it is."""
    if os.name == "nt":
        return
    try:
        status = path.stat()
        if status.st_mode & 0o777 & ~mode and status.st_uid == os.getuid():
            os.chmod(path, mode)
    except OSError:
        pass


def log_file() -> Path:
    return data_dir() / LOG_FILE_NAME


def bundled_dir(name: str) -> Path:
    """A folder shipped with the program: ``templates`` or ``resources``.

    In a wheel (and a PyInstaller bundle) they lie inside the package; in a source checkout
    or an editable install they lie at the top of the project.
    """
    package = Path(__file__).resolve().parent
    candidates = [package / name, package.parent / name]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.insert(0, Path(frozen_root) / "stellungnahme_app" / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Der Programmordner „{name}“ fehlt – bitte neu installieren.")


def templates_dir() -> Path:
    return bundled_dir("templates")


def resources_dir() -> Path:
    return bundled_dir("resources")
