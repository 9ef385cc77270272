"""Loading: the catalogue, the administrator's files and the user's file, merged in that order.

Below the catalogue lie the table's built-in values (:func:`.table.built_in_value`), so that
every key has a value even when no file can be read.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stellungnahme_app.rules import number_matches
from stellungnahme_app.settings.files import (
    admin_config_candidates,
    catalogue_file,
    user_settings_file,
)
from stellungnahme_app.settings.in_effect import Settings
from stellungnahme_app.settings.layer import Layer, read_layer
from stellungnahme_app.settings.table import DEFINITIONS, SETTING_TABLE, built_in_value

log = logging.getLogger(__name__)


@dataclass
class LoadedSettings:
    """The result of :func:`load_settings`."""

    settings: Settings
    #: German sentences about damaged files, naming file and line; empty when all is well.
    problems: list[str] = field(default_factory=list)
    #: The files that were read, lowest precedence first (each later one overrides).
    sources: list[Path] = field(default_factory=list)


def load_settings(
    *, admin_files: Sequence[Path] | None = None, user_file: Path | None = None
) -> LoadedSettings:
    """Read the catalogue, the administrator's files and the user's file, and merge them.

    ``admin_files`` defaults to :func:`admin_config_candidates` (files that do not exist are
    skipped silently), ``user_file`` to :func:`user_settings_file`. Never raises for a
    damaged or unreadable file: the problem is described in ``problems`` and the program
    goes on with what could be read.
    """
    problems: list[str] = []
    sources: list[Path] = []
    values = {definition.key: built_in_value(definition) for definition in SETTING_TABLE}

    try:
        catalogue: Path | None = catalogue_file()
    except FileNotFoundError as error:
        problems.append(str(error))
        catalogue = None
    if catalogue is not None:
        if catalogue.is_file():
            layer = read_layer(catalogue, "catalogue", problems)
            if layer is not None:
                sources.append(catalogue)
                _apply(values, layer.values)
        else:
            problems.append(
                f"Der Katalog „{catalogue}“ fehlt. Es gelten eingebaute Grundwerte ohne "
                "Dezernate und Ämter – bitte das Programm neu installieren."
            )

    locked: set[str] = set()
    for admin_file, layer in admin_layers(admin_files, problems):
        sources.append(admin_file)
        _apply(values, layer.values)
        locked |= layer.keys_locked()

    user_path = user_settings_file() if user_file is None else Path(user_file)
    if present(user_path):
        layer = read_layer(user_path, "user", problems)
        if layer is not None:
            sources.append(user_path)
            ignored = sorted(layer.keys_set & locked)
            if ignored:
                log.info("Vom Administrator festgelegt, Benutzerwerte übergangen: %s", ignored)
            _apply(values, {k: v for k, v in layer.values.items() if k not in locked})

    _check_consistency(values, problems)
    settings = Settings(**values, locked=frozenset(locked))
    return LoadedSettings(settings=settings, problems=problems, sources=sources)


def admin_layers(
    admin_files: Sequence[Path] | None, problems: list[str]
) -> Iterator[tuple[Path, Layer]]:
    """The administrator's files that exist and can be read, lowest precedence first."""
    for admin_file in admin_config_candidates() if admin_files is None else admin_files:
        admin_file = Path(admin_file)
        if present(admin_file):
            layer = read_layer(admin_file, "admin", problems)
            if layer is not None:
                yield admin_file, layer


def present(path: Path) -> bool:
    """True when ``path`` exists or cannot be checked (reading it then reports why)."""
    try:
        return path.exists()
    except OSError:
        return True


def _apply(values: dict[str, Any], layer_values: Mapping[str, Any]) -> None:
    """Lay one file's checked values over the values so far."""
    for key, value in layer_values.items():
        values[key] = DEFINITIONS[key].merge(values[key], value)


def _check_consistency(values: dict[str, Any], problems: list[str]) -> None:
    if not number_matches(values["number_example"], values["number_pattern"]):
        problems.append(
            f"Das Beispiel „{values['number_example']}“ passt nicht zur eingestellten Form der "
            f"Drucksachennummer „{values['number_pattern']}“. Bitte den Administrator, beides "
            "in „stellungnahme.toml“ aufeinander abzustimmen."
        )
