"""One settings file read and checked: a layer of values, and German problems with file and line.

Which keys a file may set, and how each value is checked, comes from :mod:`.table`: the
catalogue and the administrator's files may set every key, the user's file only the
user-editable ones.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Literal

from stellungnahme_app.fileio import FileReadError, read_bytes
from stellungnahme_app.settings.checks import CheckContext, Invalid
from stellungnahme_app.settings.key_lines import json_line, toml_line, where
from stellungnahme_app.settings.table import DEFINITIONS, SETTING_KEYS, USER_EDITABLE_KEYS

MAX_SETTINGS_FILE_BYTES = 2 * 1024 * 1024

#: Which of the three files: the bundled catalogue, an administrator's or the user's.
LayerSource = Literal["catalogue", "admin", "user"]


@dataclass
class Layer:
    """The checked values of one file."""

    #: Each key's checked value, ready for :attr:`SettingDefinition.merge`.
    values: dict[str, Any]
    #: Every key the file may set and sets, also those whose value was refused.
    keys_set: set[str]

    def keys_locked(self) -> set[str]:
        """The keys this file fixes for all users when it is an administrator's."""
        return {key for key in self.keys_set if DEFINITIONS[key].admin_lockable}


def read_layer(path: Path, source: LayerSource, problems: list[str]) -> Layer | None:
    """Parse and check one file; ``None`` when it cannot be used at all."""
    found: list[str] = []
    layer = _parse_and_check(path, source, found)
    problems.extend(f"{problem} {_ADVICE[source]}" for problem in found)
    return layer


_ADVICE: dict[LayerSource, str] = {
    "catalogue": "Bitte das Programm neu installieren.",
    "admin": "Bitte geben Sie diese Meldung an Ihre IT-Betreuung weiter.",
    "user": "Bitte prüfen Sie Ihre Einstellungen im Programm.",
}


def _parse_and_check(path: Path, source: LayerSource, problems: list[str]) -> Layer | None:
    text = _read_text(path, problems)
    if text is None:
        return None
    parse = _parse_json if source == "user" else _parse_toml
    raw = parse(path, text, problems)
    if raw is None:
        return None
    return _check_layer(raw, path, text, source, problems)


def _read_text(path: Path, problems: list[str]) -> str | None:
    try:
        data = read_bytes(path, max_bytes=MAX_SETTINGS_FILE_BYTES, subject="Die Einstellungsdatei")
    except FileReadError as error:
        problems.append(f"{error.message} Es gelten die Standardeinstellungen.")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(
            f"{where(path, line)}: Die Datei ist nicht in UTF-8 gespeichert. Sie wird nicht "
            "verwendet; bitte im Editor mit der Codierung „UTF-8“ speichern."
        )
        return None


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)|\(at end of document\)")


def _parse_toml(path: Path, text: str, problems: list[str]) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        detail = str(error)
        match = _TOML_POSITION.search(detail)
        if match and match.group(1):
            place = f"{where(path, int(match.group(1)))}, Spalte {match.group(2)}"
        elif match:
            place = f"{where(path, None)}, am Dateiende"
        else:
            place = where(path, None)
        reason = _TOML_POSITION.sub("", detail).strip()
        hint = ""
        if "escape" in reason.casefold():
            hint = (
                " Tipp: Windows-Pfade in einfache Anführungszeichen setzen, z. B. "
                "template = 'C:\\Vorlagen\\stellungnahme.docx'."
            )
        problems.append(
            f"{place}: Die Datei ist kein gültiges TOML ({reason}). Sie wird nicht verwendet; "
            f"es gelten die übrigen Einstellungen.{hint}"
        )
        return None


def _parse_json(path: Path, text: str, problems: list[str]) -> dict[str, Any] | None:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        problems.append(
            f"{where(path, error.lineno)}, Spalte {error.colno}: Die Datei ist beschädigt "
            f"(kein gültiges JSON: {error.msg}). Ihre eigenen Einstellungen werden nicht "
            "verwendet; beim nächsten Speichern der Einstellungen wird die Datei ersetzt."
        )
        return None
    if not isinstance(raw, dict):
        problems.append(
            f"{where(path, 1)}: Die Datei enthält keine Einstellungen (erwartet wird ein "
            "JSON-Objekt). Ihre eigenen Einstellungen werden nicht verwendet."
        )
        return None
    return raw


def _check_layer(
    raw: Mapping[str, Any], path: Path, text: str, source: LayerSource, problems: list[str]
) -> Layer:
    values: dict[str, Any] = {}
    keys_set: set[str] = set()
    allowed = USER_EDITABLE_KEYS if source == "user" else SETTING_KEYS
    locate = partial(json_line if source == "user" else toml_line, text)
    for key, value in raw.items():
        definition = DEFINITIONS.get(key)
        if definition is None:
            problems.append(
                f"{where(path, locate(key))}: Der Schlüssel „{key}“ ist unbekannt und "
                f"wird übergangen. Bekannt sind: {', '.join(allowed)}."
            )
            continue
        if key not in allowed:
            problems.append(
                f"{where(path, locate(key))}: „{definition.label}“ ({key}) kann nur "
                "der Administrator festlegen; der Wert in dieser Datei wird übergangen."
            )
            continue
        keys_set.add(key)
        context = CheckContext(key, definition.label, path, locate, problems)
        try:
            values[key] = definition.check(value, context)
        except Invalid as invalid:
            problems.append(
                f"{where(path, locate(invalid.key_path))}: {invalid.message} "
                f"({invalid.key_path}). Es gilt {_fallback_phrase(source)}."
            )
    return Layer(values=values, keys_set=keys_set)


def _fallback_phrase(source: LayerSource) -> str:
    if source == "catalogue":
        return "ein eingebauter Grundwert"
    if source == "admin":
        return "stattdessen der Standardwert"
    return "die Voreinstellung"
