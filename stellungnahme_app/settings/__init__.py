"""Catalogues and settings in three layers: bundled defaults < administrator < user.

The catalogue (the city, its Dezernate with their signatories, the offices with the heading of
their contribution, the form of a Drucksache number, the Word template and the folder of
Textbausteine) is data, declared once in ``resources/catalogue.toml``. Three files are read,
each overriding the one before:

1. ``resources/catalogue.toml`` – shipped with the program (the defaults);
2. the administrator's ``stellungnahme.toml`` – same keys, TOML; see
   :func:`admin_config_candidates` for where it lives. **Every key it sets is fixed** (the
   table declares every key admin-lockable): the user's values for it are ignored and
   :func:`save_user_settings` refuses them;
3. the user's ``einstellungen.json`` in the data folder – written by the program, and only
   :data:`USER_EDITABLE_KEYS` may appear in it.

The lists ``dezernate`` and ``offices`` are merged by name: an entry of a later file with the
same ``name`` replaces the earlier entry, a new name is added at the end, and an entry with
``remove = true`` removes the earlier one. Every other key simply replaces the earlier value.
Paths (``template``, ``textbausteine_dir``) may use ``~`` and ``%VARIABLE%``; a relative path
counts from the folder of the file that names it; an empty value means the bundled file.

A damaged file never stops the program: :func:`load_settings` skips a file it cannot parse,
or only the bad keys of a file it can, and reports each problem as a German sentence naming
the file and, where it can be found, the line. Below the catalogue lie the table's defaults,
which hold when no file can be read.

Every key is declared once, in :data:`.table.SETTING_TABLE` (label, kind and check, default,
who may set it); the rest of the package reads it from there. The modules: :mod:`.files`
(where the files lie), :mod:`.table` (the keys), :mod:`.checks` (single values),
:mod:`.catalogue` (Dezernate and offices, merged by name), :mod:`.key_lines` (the line of a
key), :mod:`.layer` (one file), :mod:`.loading` (the layers merged), :mod:`.in_effect` (the
result), :mod:`.saving` (the user's file). Everything callers need is importable from here.
"""

from stellungnahme_app.office_headings import derive_heading
from stellungnahme_app.settings.catalogue import Dezernat, Office
from stellungnahme_app.settings.checks import MAX_VALUE_LENGTH, resolve_path
from stellungnahme_app.settings.files import (
    ADMIN_CONFIG_VARIABLE,
    ADMIN_EXAMPLE_FILE_NAME,
    ADMIN_FILE_NAME,
    BUNDLED_TEMPLATE_NAME,
    BUNDLED_TEXTBAUSTEINE_NAME,
    CATALOGUE_FILE_NAME,
    EXAMPLE_DRAFT_FILE_NAME,
    USER_FILE_NAME,
    admin_config_candidates,
    admin_example_file,
    catalogue_file,
    default_template,
    default_textbausteine_dir,
    example_draft_file,
    user_settings_file,
)
from stellungnahme_app.settings.in_effect import Settings
from stellungnahme_app.settings.layer import MAX_SETTINGS_FILE_BYTES
from stellungnahme_app.settings.loading import LoadedSettings, load_settings
from stellungnahme_app.settings.saving import SettingsLocked, save_user_settings
from stellungnahme_app.settings.table import SETTING_KEYS, SETTING_LABELS, USER_EDITABLE_KEYS

__all__ = [
    "ADMIN_CONFIG_VARIABLE",
    "ADMIN_EXAMPLE_FILE_NAME",
    "ADMIN_FILE_NAME",
    "BUNDLED_TEMPLATE_NAME",
    "BUNDLED_TEXTBAUSTEINE_NAME",
    "CATALOGUE_FILE_NAME",
    "EXAMPLE_DRAFT_FILE_NAME",
    "MAX_SETTINGS_FILE_BYTES",
    "MAX_VALUE_LENGTH",
    "SETTING_KEYS",
    "SETTING_LABELS",
    "USER_EDITABLE_KEYS",
    "USER_FILE_NAME",
    "Dezernat",
    "LoadedSettings",
    "Office",
    "Settings",
    "SettingsLocked",
    "admin_config_candidates",
    "admin_example_file",
    "catalogue_file",
    "default_template",
    "default_textbausteine_dir",
    "derive_heading",
    "example_draft_file",
    "load_settings",
    "resolve_path",
    "save_user_settings",
    "user_settings_file",
]
