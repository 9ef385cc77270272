"""Saving the user's own settings to ``einstellungen.json``, never over the administrator's."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from stellungnahme_app.errors import ConfigError
from stellungnahme_app.fileio import (
    FileWriteError,
    atomic_write_bytes,
    describe_os_error,
    replace_file,
)
from stellungnahme_app.settings.checks import MAX_VALUE_LENGTH, CheckContext, Invalid
from stellungnahme_app.settings.files import ADMIN_FILE_NAME, user_settings_file
from stellungnahme_app.settings.loading import admin_layers, present
from stellungnahme_app.settings.table import DEFINITIONS, SettingDefinition

log = logging.getLogger(__name__)


class SettingsLocked(ConfigError):
    """The user tried to change a setting the administrator has fixed."""

    def __init__(self, message: str, *, keys: Sequence[str]) -> None:
        super().__init__(message)
        self.keys = tuple(keys)


def save_user_settings(
    values: Mapping[str, Any],
    *,
    user_file: Path | None = None,
    admin_files: Sequence[Path] | None = None,
) -> None:
    """Store the given user settings, merged with the user's file, atomically.

    Only :data:`USER_EDITABLE_KEYS` may be given; a value is a text, ``""`` or ``None``
    (both: back to the default). Paths must exist. Raises :class:`SettingsLocked` for keys
    the administrator has fixed (``admin_files`` as for :func:`load_settings`), and
    :class:`~stellungnahme_app.errors.ConfigError` for anything else that cannot be stored;
    in both cases the file is left unchanged.
    """
    target = user_settings_file() if user_file is None else Path(user_file)
    for key in values:
        definition = DEFINITIONS.get(key)
        if definition is None:
            raise ConfigError(f"Die Einstellung „{key}“ gibt es nicht.")
        if not definition.user_editable:
            raise ConfigError(
                f"„{definition.label}“ kann nur der Administrator in „{ADMIN_FILE_NAME}“ festlegen."
            )
    locked = _locked_keys(admin_files)
    refused = [key for key in values if key in locked]
    if refused:
        labels = ", ".join(f"„{DEFINITIONS[k].label}“" for k in refused)
        raise SettingsLocked(
            f"{labels} hat Ihr Administrator für alle festgelegt; "
            "Sie können es nicht ändern. Bitte wenden Sie sich an die IT-Betreuung.",
            keys=refused,
        )
    cleaned = {
        key: _clean_user_value(DEFINITIONS[key], value, target) for key, value in values.items()
    }

    stored = _read_user_file_for_update(target)
    for key, value in cleaned.items():
        if value:
            stored[key] = value
        else:
            stored.pop(key, None)
    data = json.dumps(stored, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FileWriteError(describe_os_error(error, target)) from error
    atomic_write_bytes(target, data.encode("utf-8"))


def _locked_keys(admin_files: Sequence[Path] | None) -> frozenset[str]:
    return frozenset(
        key for _, layer in admin_layers(admin_files, []) for key in layer.keys_locked()
    )


def _clean_user_value(definition: SettingDefinition, value: Any, target: Path) -> str:
    label = definition.label
    if value is None:
        return ""
    if isinstance(value, Path):
        value = str(value)
    if not isinstance(value, str):
        raise ConfigError(f"„{label}“ muss ein Text sein.")
    is_path = definition.kind in ("file", "folder")
    cleaned = value.strip() if is_path else " ".join(value.split())
    if len(cleaned) > MAX_VALUE_LENGTH:
        raise ConfigError(f"„{label}“ ist zu lang (höchstens {MAX_VALUE_LENGTH} Zeichen).")
    if is_path and cleaned:
        try:
            definition.check(cleaned, CheckContext(definition.key, label, target))
        except Invalid as invalid:
            wanted = (
                "einen vorhandenen Ordner"
                if definition.kind == "folder"
                else "eine vorhandene Datei"
            )
            raise ConfigError(f"{invalid.message}. Bitte wählen Sie {wanted}.") from None
    return cleaned


def _read_user_file_for_update(target: Path) -> dict[str, Any]:
    """The user's stored values; a damaged file is kept aside, never silently lost."""
    if not present(target):
        return {}
    if target.is_dir():
        raise FileWriteError(describe_os_error(IsADirectoryError(), target))
    try:
        data = target.read_bytes()
    except OSError as error:
        raise FileWriteError(
            f"Ihre Einstellungen in „{target}“ können nicht gelesen werden "
            f"({error.strerror or error}); es wurde nichts gespeichert."
        ) from error
    try:
        raw = json.loads(data.decode("utf-8-sig"))
        if isinstance(raw, dict):
            return raw
    except (UnicodeDecodeError, json.JSONDecodeError):
        pass
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = target.with_name(f"{target.stem}.defekt-{stamp}{target.suffix}")
    try:
        replace_file(target, aside)
    except OSError as error:
        raise FileWriteError(
            f"Ihre Einstellungsdatei „{target}“ ist beschädigt und konnte nicht beiseitegelegt "
            f"werden ({error.strerror or error}); es wurde nichts gespeichert."
        ) from error
    log.warning("Beschädigte Einstellungsdatei beiseitegelegt: %s", aside)
    return {}
