"""Where the settings files lie: the administrator's, the user's and the bundled ones.

The administrator's ``stellungnahme.toml`` may lie in the installation folder and in
``%PROGRAMDATA%\\Stellungnahme\\`` (:func:`admin_config_candidates`); the user's
``einstellungen.json`` lies in the data folder; the catalogue, the commented example of the
administrator's file, the example draft, the Word template and the Textbausteine are shipped
with the program.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from stellungnahme_app import paths

CATALOGUE_FILE_NAME = "catalogue.toml"
EXAMPLE_DRAFT_FILE_NAME = "beispiel-0661-24.json"
ADMIN_FILE_NAME = "stellungnahme.toml"
ADMIN_EXAMPLE_FILE_NAME = "stellungnahme-beispiel.toml"
ADMIN_CONFIG_VARIABLE = "STELLUNGNAHME_ADMIN_CONFIG"
USER_FILE_NAME = "einstellungen.json"
BUNDLED_TEMPLATE_NAME = "stellungnahme.docx"
BUNDLED_TEXTBAUSTEINE_NAME = "textbausteine"


def admin_config_candidates() -> list[Path]:
    """Where the administrator's ``stellungnahme.toml`` may lie, lowest precedence first.

    1. the installation folder (the folder of the program file; only for the installed,
       frozen program – a Python installation has none);
    2. ``%PROGRAMDATA%\\Stellungnahme\\`` on Windows, the system configuration folder
       (``platformdirs.site_config_dir``) elsewhere.

    When the environment variable ``STELLUNGNAHME_ADMIN_CONFIG`` is set, it names the only
    candidate instead (for tests, and for administrators trying out a file).
    """
    override = os.environ.get(ADMIN_CONFIG_VARIABLE)
    if override:
        return [Path(override).expanduser()]
    candidates: list[Path] = []
    if getattr(sys, "frozen", False):
        candidates.append(Path(sys.executable).resolve().parent / ADMIN_FILE_NAME)
    if sys.platform == "win32":
        program_data = os.environ.get("PROGRAMDATA") or r"C:\ProgramData"
        candidates.append(Path(program_data) / paths.APP_NAME / ADMIN_FILE_NAME)
    else:
        site = platformdirs.site_config_dir(paths.APP_NAME, appauthor=False)
        candidates.append(Path(site) / ADMIN_FILE_NAME)
    return candidates


def user_settings_file() -> Path:
    """The user's settings: ``einstellungen.json`` in the data folder."""
    return paths.data_dir() / USER_FILE_NAME


def catalogue_file() -> Path:
    """The bundled catalogue, ``resources/catalogue.toml``."""
    return paths.resources_dir() / CATALOGUE_FILE_NAME


def admin_example_file() -> Path:
    """The commented example of the administrator's file shipped in ``resources/``."""
    return paths.resources_dir() / ADMIN_EXAMPLE_FILE_NAME


def example_draft_file() -> Path:
    """The bundled example draft (Stellungnahme 0661/24 as exchange file)."""
    return paths.resources_dir() / EXAMPLE_DRAFT_FILE_NAME


def default_template() -> Path:
    """The bundled Word template, ``templates/stellungnahme.docx``."""
    return _bundled_templates_dir() / BUNDLED_TEMPLATE_NAME


def default_textbausteine_dir() -> Path:
    """The bundled Textbausteine, ``templates/textbausteine``."""
    return _bundled_templates_dir() / BUNDLED_TEXTBAUSTEINE_NAME


def _bundled_templates_dir() -> Path:
    try:
        return paths.templates_dir()
    except FileNotFoundError:
        return Path(paths.__file__).resolve().parent.parent / "templates"
