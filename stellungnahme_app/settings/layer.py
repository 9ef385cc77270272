"""One settings file read and checked: a layer of values, and German problems with file and line."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stellungnahme_app.fileio import FileReadError, read_bytes
from stellungnahme_app.settings.catalogue import check_entries
from stellungnahme_app.settings.checks import CHECKS, Invalid
from stellungnahme_app.settings.key_lines import json_line, toml_line, where
from stellungnahme_app.settings.table import SETTING_KEYS, SETTING_LABELS, USER_EDITABLE_KEYS

MAX_SETTINGS_FILE_BYTES = 2 * 1024 * 1024


@dataclass
class Layer:
    values: dict[str, Any]
    keys_set: set[str]


def read_layer(path: Path, kind: str, problems: list[str]) -> Layer | None:
    """Parse and check one file; ``None`` when it cannot be used at all."""
    found: list[str] = []
    layer = _parse_and_check(path, kind, found)
    problems.extend(f"{problem} {_ADVICE[kind]}" for problem in found)
    return layer


_ADVICE = {
    "catalogue": "Bitte das Programm neu installieren.",
    "admin": "Bitte geben Sie diese Meldung an Ihre IT-Betreuung weiter.",
    "user": "Bitte prüfen Sie Ihre Einstellungen im Programm.",
}


def _parse_and_check(path: Path, kind: str, problems: list[str]) -> Layer | None:
    text = _read_text(path, problems)
    if text is None:
        return None
    raw = _parse_toml(path, text, problems) if kind != "user" else _parse_json(path, text, problems)
    if raw is None:
        return None
    return _check_layer(raw, path, text, kind, problems)


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
    raw: Mapping[str, Any], path: Path, text: str, kind: str, problems: list[str]
) -> Layer:
    values: dict[str, Any] = {}
    keys_set: set[str] = set()
    allowed = USER_EDITABLE_KEYS if kind == "user" else SETTING_KEYS
    locate = json_line if kind == "user" else toml_line
    for key, value in raw.items():
        if key not in SETTING_KEYS:
            problems.append(
                f"{where(path, locate(text, key))}: Der Schlüssel „{key}“ ist unbekannt und "
                f"wird übergangen. Bekannt sind: {', '.join(allowed)}."
            )
            continue
        if key not in allowed:
            problems.append(
                f"{where(path, locate(text, key))}: „{SETTING_LABELS[key]}“ ({key}) kann nur "
                "der Administrator festlegen; der Wert in dieser Datei wird übergangen."
            )
            continue
        keys_set.add(key)
        try:
            if key in ("dezernate", "offices"):
                values[key] = check_entries(key, value, path, text, problems)
            else:
                values[key] = CHECKS[key](value, key, path)
        except Invalid as invalid:
            problems.append(
                f"{where(path, locate(text, invalid.key_path))}: {invalid.message} "
                f"({invalid.key_path}). Es gilt {_fallback_phrase(kind)}."
            )
    return Layer(values=values, keys_set=keys_set)


def _fallback_phrase(kind: str) -> str:
    if kind == "catalogue":
        return "ein eingebauter Grundwert"
    if kind == "admin":
        return "stattdessen der Standardwert"
    return "die Voreinstellung"
