"""Where the program finds its bundled files and keeps the user's data.

The data folder holds the database, its backups, the log file and the user's settings. It is
the per-user application data folder (on Windows ``%LOCALAPPDATA%\\Stellungnahme``) unless the
environment variable ``STELLUNGNAHME_HOME`` names another one; tests always set it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Stellungnahme"
HOME_VARIABLE = "STELLUNGNAHME_HOME"
LOG_FILE_NAME = "stellungnahme.log"


def data_dir(create: bool = True) -> Path:
    """The user's data folder, created on first use."""
    override = os.environ.get(HOME_VARIABLE)
    if override:
        path = Path(override).expanduser()
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


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
