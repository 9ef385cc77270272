"""Catalogues and settings in three layers: bundled defaults < administrator < user.

The catalogue (the city, its Dezernate with their signatories, the offices with the heading of
their contribution, the form of a Drucksache number, the Word template and the folder of
Textbausteine) is data, declared once in ``resources/catalogue.toml``. Three files are read,
each overriding the one before:

1. ``resources/catalogue.toml`` – shipped with the program (the defaults);
2. the administrator's ``stellungnahme.toml`` – same keys, TOML; see
   :func:`admin_config_candidates` for where it lives. **Every key it sets is fixed**: the
   user's values for it are ignored and :func:`save_user_settings` refuses them;
3. the user's ``einstellungen.json`` in the data folder – written by the program, and only
   :data:`USER_EDITABLE_KEYS` may appear in it.

The lists ``dezernate`` and ``offices`` are merged by name: an entry of a later file with the
same ``name`` replaces the earlier entry, a new name is added at the end, and an entry with
``remove = true`` removes the earlier one. Every other key simply replaces the earlier value.
Paths (``template``, ``textbausteine_dir``) may use ``~`` and ``%VARIABLE%``; a relative path
counts from the folder of the file that names it; an empty value means the bundled file.

A damaged file never stops the program: :func:`load_settings` skips a file it cannot parse,
or only the bad keys of a file it can, and reports each problem as a German sentence naming
the file and, where it can be found, the line.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import sys
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from stellungnahme_app import paths
from stellungnahme_app.errors import ConfigError
from stellungnahme_app.fileio import (
    FileReadError,
    FileWriteError,
    atomic_write_bytes,
    describe_os_error,
    read_bytes,
)
from stellungnahme_app.office_headings import derive_heading
from stellungnahme_app.rules import DEFAULT_NUMBER_EXAMPLE, DEFAULT_NUMBER_PATTERN, number_matches

log = logging.getLogger(__name__)

CATALOGUE_FILE_NAME = "catalogue.toml"
EXAMPLE_DRAFT_FILE_NAME = "beispiel-0661-24.json"
ADMIN_FILE_NAME = "stellungnahme.toml"
ADMIN_EXAMPLE_FILE_NAME = "stellungnahme-beispiel.toml"
ADMIN_CONFIG_VARIABLE = "STELLUNGNAHME_ADMIN_CONFIG"
USER_FILE_NAME = "einstellungen.json"
BUNDLED_TEMPLATE_NAME = "stellungnahme.docx"
BUNDLED_TEXTBAUSTEINE_NAME = "textbausteine"
MAX_SETTINGS_FILE_BYTES = 2 * 1024 * 1024
MAX_VALUE_LENGTH = 1000

#: Every key a catalogue, administrator's or user's file may set.
SETTING_KEYS: tuple[str, ...] = (
    "city",
    "dezernate",
    "offices",
    "number_pattern",
    "number_example",
    "number_description",
    "template",
    "textbausteine_dir",
    "default_department",
    "default_signatory",
)

#: What the settings dialog may offer the user (unless the administrator fixed it). The
#: catalogue itself (city, Dezernate, offices, number form) is the administrator's business:
#: a clerk who needs an office that is not listed types it into the contribution, and
#: :meth:`Settings.heading_for_office` derives its heading.
USER_EDITABLE_KEYS: tuple[str, ...] = (
    "default_department",
    "default_signatory",
    "template",
    "textbausteine_dir",
)

#: German names of the settings, for messages and the settings dialog.
SETTING_LABELS: dict[str, str] = {
    "city": "Stadt",
    "dezernate": "Dezernate",
    "offices": "Ämter",
    "number_pattern": "Form der Drucksachennummer",
    "number_example": "Beispiel einer Drucksachennummer",
    "number_description": "Beschreibung der Drucksachennummer",
    "template": "Word-Vorlage",
    "textbausteine_dir": "Ordner der Textbausteine",
    "default_department": "Voreingestelltes Dezernat",
    "default_signatory": "Voreingestellte unterzeichnende Person",
}

_PATH_KEYS = frozenset({"template", "textbausteine_dir"})
_DEZERNAT_KEYS = ("name", "short_name", "signatories", "remove")
_OFFICE_KEYS = ("name", "heading", "remove")

_FALLBACK_CITY = "Erfurt"
_FALLBACK_NUMBER_DESCRIPTION = "vierstellige Nummer / zweistelliges Jahr"


class SettingsLocked(ConfigError):
    """The user tried to change a setting the administrator has fixed."""

    def __init__(self, message: str, *, keys: Sequence[str]) -> None:
        super().__init__(message)
        self.keys = tuple(keys)


@dataclass(frozen=True)
class Dezernat:
    """A department led by a Beigeordnete(r); ``signatories`` are who may sign for it."""

    name: str
    short_name: str = ""
    signatories: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """For lists: ``Dezernat 05 – Dezernat für Soziales, …`` or just the name."""
        return f"{self.short_name} – {self.name}" if self.short_name else self.name


@dataclass(frozen=True)
class Office:
    """An office (Amt) and its contribution's heading, e.g. ``Stellungnahme des Jugendamts``."""

    name: str
    heading: str


@dataclass(frozen=True)
class Settings:
    """The settings in effect: every layer merged."""

    city: str
    dezernate: tuple[Dezernat, ...]
    offices: tuple[Office, ...]
    number_pattern: str
    number_example: str
    number_description: str
    template: Path
    textbausteine_dir: Path
    default_department: str = ""
    default_signatory: str = ""
    locked: frozenset[str] = frozenset()

    def office(self, name: str) -> Office | None:
        """The catalogue's office of that name (ignoring case and spacing), else ``None``."""
        wanted = _name_key(name)
        return next((o for o in self.offices if _name_key(o.name) == wanted), None)

    def dezernat(self, name: str) -> Dezernat | None:
        """The Dezernat called ``name`` or with that short name (``Dezernat 05``), else ``None``."""
        wanted = _name_key(name)
        if not wanted:
            return None
        for dezernat in self.dezernate:
            if wanted in (_name_key(dezernat.name), _name_key(dezernat.short_name)):
                return dezernat
        return None

    def signatories(self, department: str) -> tuple[str, ...]:
        """Who may sign for ``department``; for an unknown one, everyone in the catalogue."""
        dezernat = self.dezernat(department)
        if dezernat is not None:
            return dezernat.signatories
        return tuple(dict.fromkeys(s for d in self.dezernate for s in d.signatories))

    def heading_for_office(self, name: str) -> str:
        """The catalogue's heading for the office, else one derived from its name."""
        office = self.office(name)
        return office.heading if office is not None else derive_heading(name)

    def is_locked(self, key: str) -> bool:
        """True when the administrator has fixed ``key``."""
        return key in self.locked


@dataclass
class LoadedSettings:
    """The result of :func:`load_settings`."""

    settings: Settings
    #: German sentences about damaged files, naming file and line; empty when all is well.
    problems: list[str] = field(default_factory=list)
    #: The files that were read, lowest precedence first (each later one overrides).
    sources: list[Path] = field(default_factory=list)


# --------------------------------------------------------------------------- file locations


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


# --------------------------------------------------------------------------- loading


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
    values = _fallback_values()

    try:
        catalogue: Path | None = catalogue_file()
    except FileNotFoundError as error:
        problems.append(str(error))
        catalogue = None
    if catalogue is not None:
        if catalogue.is_file():
            layer = _read_layer(catalogue, "catalogue", problems)
            if layer is not None:
                sources.append(catalogue)
                _apply(values, layer.values)
        else:
            problems.append(
                f"Der Katalog „{catalogue}“ fehlt. Es gelten eingebaute Grundwerte ohne "
                "Dezernate und Ämter – bitte das Programm neu installieren."
            )

    locked: set[str] = set()
    for admin_file, layer in _admin_layers(admin_files, problems):
        sources.append(admin_file)
        _apply(values, layer.values)
        locked |= layer.keys_set

    user_path = user_settings_file() if user_file is None else Path(user_file)
    if _present(user_path):
        layer = _read_layer(user_path, "user", problems)
        if layer is not None:
            sources.append(user_path)
            ignored = sorted(layer.keys_set & locked)
            if ignored:
                log.info("Vom Administrator festgelegt, Benutzerwerte übergangen: %s", ignored)
            _apply(values, {k: v for k, v in layer.values.items() if k not in locked})

    _check_consistency(values, problems)
    settings = Settings(
        city=values["city"],
        dezernate=tuple(values["dezernate"].values()),
        offices=tuple(values["offices"].values()),
        number_pattern=values["number_pattern"],
        number_example=values["number_example"],
        number_description=values["number_description"],
        template=values["template"],
        textbausteine_dir=values["textbausteine_dir"],
        default_department=values["default_department"],
        default_signatory=values["default_signatory"],
        locked=frozenset(locked),
    )
    return LoadedSettings(settings=settings, problems=problems, sources=sources)


def _admin_layers(
    admin_files: Sequence[Path] | None, problems: list[str]
) -> Iterator[tuple[Path, _Layer]]:
    """The administrator's files that exist and can be read, lowest precedence first."""
    for admin_file in admin_config_candidates() if admin_files is None else admin_files:
        admin_file = Path(admin_file)
        if _present(admin_file):
            layer = _read_layer(admin_file, "admin", problems)
            if layer is not None:
                yield admin_file, layer


def _present(path: Path) -> bool:
    """True when ``path`` exists or cannot be checked (reading it then reports why)."""
    try:
        return path.exists()
    except OSError:
        return True


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


def _fallback_values() -> dict[str, Any]:
    """What holds when even the catalogue cannot be read."""
    return {
        "city": _FALLBACK_CITY,
        "dezernate": {},
        "offices": {},
        "number_pattern": DEFAULT_NUMBER_PATTERN,
        "number_example": DEFAULT_NUMBER_EXAMPLE,
        "number_description": _FALLBACK_NUMBER_DESCRIPTION,
        "template": default_template(),
        "textbausteine_dir": default_textbausteine_dir(),
        "default_department": "",
        "default_signatory": "",
    }


def _apply(values: dict[str, Any], layer_values: Mapping[str, Any]) -> None:
    """Lay one file's validated values over the values so far."""
    for key, value in layer_values.items():
        if key in ("dezernate", "offices"):
            merged: dict[str, Any] = dict(values[key])
            for name_key, entry in value:
                if entry is None:
                    merged.pop(name_key, None)
                else:
                    merged[name_key] = entry
            values[key] = merged
        else:
            values[key] = value


def _check_consistency(values: dict[str, Any], problems: list[str]) -> None:
    if not number_matches(values["number_example"], values["number_pattern"]):
        problems.append(
            f"Das Beispiel „{values['number_example']}“ passt nicht zur eingestellten Form der "
            f"Drucksachennummer „{values['number_pattern']}“. Bitte den Administrator, beides "
            "in „stellungnahme.toml“ aufeinander abzustimmen."
        )


# --------------------------------------------------------------------------- one file


@dataclass
class _Layer:
    values: dict[str, Any]
    keys_set: set[str]


class _Invalid(Exception):
    """A value cannot be used; ``message`` is German, ``key_path`` names the value."""

    def __init__(self, message: str, key_path: str) -> None:
        super().__init__(message)
        self.message = message
        self.key_path = key_path


def _read_layer(path: Path, kind: str, problems: list[str]) -> _Layer | None:
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


def _parse_and_check(path: Path, kind: str, problems: list[str]) -> _Layer | None:
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
            f"{_where(path, line)}: Die Datei ist nicht in UTF-8 gespeichert. Sie wird nicht "
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
            where = f"{_where(path, int(match.group(1)))}, Spalte {match.group(2)}"
        elif match:
            where = f"{_where(path, None)}, am Dateiende"
        else:
            where = _where(path, None)
        reason = _TOML_POSITION.sub("", detail).strip()
        hint = ""
        if "escape" in reason.casefold():
            hint = (
                " Tipp: Windows-Pfade in einfache Anführungszeichen setzen, z. B. "
                "template = 'C:\\Vorlagen\\stellungnahme.docx'."
            )
        problems.append(
            f"{where}: Die Datei ist kein gültiges TOML ({reason}). Sie wird nicht verwendet; "
            f"es gelten die übrigen Einstellungen.{hint}"
        )
        return None


def _parse_json(path: Path, text: str, problems: list[str]) -> dict[str, Any] | None:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        problems.append(
            f"{_where(path, error.lineno)}, Spalte {error.colno}: Die Datei ist beschädigt "
            f"(kein gültiges JSON: {error.msg}). Ihre eigenen Einstellungen werden nicht "
            "verwendet; beim nächsten Speichern der Einstellungen wird die Datei ersetzt."
        )
        return None
    if not isinstance(raw, dict):
        problems.append(
            f"{_where(path, 1)}: Die Datei enthält keine Einstellungen (erwartet wird ein "
            "JSON-Objekt). Ihre eigenen Einstellungen werden nicht verwendet."
        )
        return None
    return raw


def _check_layer(
    raw: Mapping[str, Any], path: Path, text: str, kind: str, problems: list[str]
) -> _Layer:
    values: dict[str, Any] = {}
    keys_set: set[str] = set()
    allowed = USER_EDITABLE_KEYS if kind == "user" else SETTING_KEYS
    locate = _json_line if kind == "user" else _toml_line
    for key, value in raw.items():
        if key not in SETTING_KEYS:
            problems.append(
                f"{_where(path, locate(text, key))}: Der Schlüssel „{key}“ ist unbekannt und "
                f"wird übergangen. Bekannt sind: {', '.join(allowed)}."
            )
            continue
        if key not in allowed:
            problems.append(
                f"{_where(path, locate(text, key))}: „{SETTING_LABELS[key]}“ ({key}) kann nur "
                "der Administrator festlegen; der Wert in dieser Datei wird übergangen."
            )
            continue
        keys_set.add(key)
        try:
            if key in ("dezernate", "offices"):
                values[key] = _check_entries(key, value, path, text, problems)
            else:
                values[key] = _CHECKS[key](value, key, path)
        except _Invalid as invalid:
            problems.append(
                f"{_where(path, locate(text, invalid.key_path))}: {invalid.message} "
                f"({invalid.key_path}). Es gilt {_fallback_phrase(kind)}."
            )
    return _Layer(values=values, keys_set=keys_set)


def _fallback_phrase(kind: str) -> str:
    if kind == "catalogue":
        return "ein eingebauter Grundwert"
    if kind == "admin":
        return "stattdessen der Standardwert"
    return "die Voreinstellung"


def _check_text(value: Any, key: str, path: Path, *, required: bool = False) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"„{SETTING_LABELS.get(key, key)}“ muss ein Text sein", key)
    cleaned = " ".join(value.split())
    if required and not cleaned:
        raise _Invalid(f"„{SETTING_LABELS.get(key, key)}“ darf nicht leer sein", key)
    if len(cleaned) > MAX_VALUE_LENGTH:
        raise _Invalid(f"„{SETTING_LABELS.get(key, key)}“ ist zu lang", key)
    return cleaned


def _check_required_text(value: Any, key: str, path: Path) -> str:
    return _check_text(value, key, path, required=True)


def _check_pattern(value: Any, key: str, path: Path) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Invalid("Die Form der Drucksachennummer muss ein nicht leerer Text sein", key)
    try:
        re.compile(value)
    except re.error as error:
        raise _Invalid(
            f"Die Form der Drucksachennummer „{value}“ ist kein gültiger regulärer Ausdruck "
            f"({error.msg})",
            key,
        ) from error
    return value


def _check_path(value: Any, key: str, path: Path) -> Path:
    if not isinstance(value, str):
        raise _Invalid(f"„{SETTING_LABELS[key]}“ muss ein Pfad in Anführungszeichen sein", key)
    if not value.strip():
        return default_template() if key == "template" else default_textbausteine_dir()
    resolved = resolve_path(value, relative_to=path.absolute().parent)
    if key == "template":
        if not resolved.is_file():
            raise _Invalid(f"Die Word-Vorlage „{resolved}“ gibt es nicht", key)
        if resolved.suffix.casefold() != ".docx":
            raise _Invalid(f"Die Word-Vorlage „{resolved}“ ist keine .docx-Datei", key)
    elif not resolved.is_dir():
        raise _Invalid(f"Den Ordner der Textbausteine „{resolved}“ gibt es nicht", key)
    return resolved


def resolve_path(value: str, *, relative_to: Path) -> Path:
    """A configured path: ``~`` and ``%VARIABLE%``/``$VARIABLE`` expanded, relative → absolute."""
    expanded = Path(os.path.expanduser(os.path.expandvars(value.strip())))
    return expanded if expanded.is_absolute() else relative_to / expanded


_CHECKS: dict[str, Callable[[Any, str, Path], Any]] = {
    "city": _check_required_text,
    "number_pattern": _check_pattern,
    "number_example": _check_required_text,
    "number_description": _check_text,
    "template": _check_path,
    "textbausteine_dir": _check_path,
    "default_department": _check_text,
    "default_signatory": _check_text,
}


def _check_entries(
    key: str, value: Any, path: Path, text: str, problems: list[str]
) -> list[tuple[str, Any]]:
    """Check a ``[[dezernate]]`` or ``[[offices]]`` list; bad entries are skipped one by one."""
    if not isinstance(value, list):
        raise _Invalid(
            f"„{SETTING_LABELS[key]}“ muss eine Liste von Einträgen sein ([[{key}]])", key
        )
    entries: list[tuple[str, Any]] = []
    seen: set[str] = set()
    for index, entry in enumerate(value):
        entry_path = f"{key}[{index}]"
        try:
            name_key, item = (
                _check_dezernat(entry, entry_path, path, text, problems)
                if key == "dezernate"
                else _check_office(entry, entry_path, path, text, problems)
            )
        except _Invalid as invalid:
            problems.append(
                f"{_where(path, _toml_line(text, invalid.key_path))}: {invalid.message} "
                f"({invalid.key_path}). Dieser Eintrag wird übergangen."
            )
            continue
        if name_key in seen:
            problems.append(
                f"{_where(path, _toml_line(text, entry_path + '.name'))}: Der Name "
                f"„{item.name if item else name_key}“ steht mehrfach in der Liste ({entry_path}); "
                "es gilt der letzte Eintrag."
            )
        seen.add(name_key)
        entries.append((name_key, item))
    return entries


def _check_entry_keys(
    entry: Any, entry_path: str, allowed: Sequence[str], path: Path, text: str, problems: list[str]
) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise _Invalid("Der Eintrag muss eine Tabelle mit „name = …“ sein", entry_path)
    for key in entry:
        if key not in allowed:
            problems.append(
                f"{_where(path, _toml_line(text, f'{entry_path}.{key}'))}: Der Schlüssel "
                f"„{entry_path}.{key}“ ist unbekannt und wird übergangen. Bekannt sind: "
                f"{', '.join(allowed)}."
            )
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _Invalid("Der Eintrag hat keinen Namen (name = „…“)", f"{entry_path}.name")
    remove = entry.get("remove", False)
    if not isinstance(remove, bool):
        raise _Invalid("„remove“ muss true oder false sein", f"{entry_path}.remove")
    return entry


def _check_dezernat(
    entry: Any, entry_path: str, path: Path, text: str, problems: list[str]
) -> tuple[str, Dezernat | None]:
    entry = _check_entry_keys(entry, entry_path, _DEZERNAT_KEYS, path, text, problems)
    name = " ".join(entry["name"].split())
    if entry.get("remove", False):
        return _name_key(name), None
    short_name = entry.get("short_name", "")
    if not isinstance(short_name, str):
        raise _Invalid("Der Kurzname muss ein Text sein", f"{entry_path}.short_name")
    signatories = entry.get("signatories", [])
    if not isinstance(signatories, list) or not all(isinstance(s, str) for s in signatories):
        raise _Invalid(
            'Die Unterzeichnenden müssen eine Liste von Namen sein, z. B. ["Vorname Name"]',
            f"{entry_path}.signatories",
        )
    cleaned = tuple(dict.fromkeys(" ".join(s.split()) for s in signatories if s.strip()))
    return _name_key(name), Dezernat(name, " ".join(short_name.split()), cleaned)


def _check_office(
    entry: Any, entry_path: str, path: Path, text: str, problems: list[str]
) -> tuple[str, Office | None]:
    entry = _check_entry_keys(entry, entry_path, _OFFICE_KEYS, path, text, problems)
    name = " ".join(entry["name"].split())
    if entry.get("remove", False):
        return _name_key(name), None
    heading = entry.get("heading", "")
    if not isinstance(heading, str):
        raise _Invalid("Die Überschrift muss ein Text sein", f"{entry_path}.heading")
    heading = " ".join(heading.split()) or derive_heading(name)
    return _name_key(name), Office(name, heading)


def _where(path: Path, line: int | None) -> str:
    return f"Einstellungsdatei „{path}“" + (f", Zeile {line}" if line else "")


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


# --------------------------------------------------------------------------- line numbers


def _toml_line(text: str, key_path: str) -> int | None:
    """Best effort: the line where ``key`` or ``table[i].key`` is set in a TOML text."""
    lines = text.splitlines()
    entry = re.fullmatch(r"([A-Za-z_]+)\[(\d+)\](?:\.(.+))?", key_path)
    if entry is None:
        return _first_line(lines, 0, len(lines), key_path, top_level=True)
    table, index, key = entry.group(1), int(entry.group(2)), entry.group(3)
    header = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]")
    starts = [number for number, line in enumerate(lines) if header.match(line)]
    if index >= len(starts):
        return _first_line(lines, 0, len(lines), table, top_level=True)
    start = starts[index]
    end = next(
        (n for n in range(start + 1, len(lines)) if re.match(r"^\s*\[", lines[n])), len(lines)
    )
    if key is None:
        return start + 1
    return _first_line(lines, start + 1, end, key, top_level=False) or start + 1


def _first_line(lines: list[str], start: int, end: int, key: str, *, top_level: bool) -> int | None:
    assignment = re.compile(rf"""^\s*["']?{re.escape(key)}["']?\s*=""")
    for number in range(start, end):
        if top_level and re.match(r"^\s*\[", lines[number]):
            break
        if assignment.match(lines[number]):
            return number + 1
    return None


def _json_line(text: str, key_path: str) -> int | None:
    """The line of ``"key":`` in a JSON text (the user file is flat)."""
    needle = json.dumps(key_path.split(".")[0].split("[")[0]) + ":"
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line.replace('" :', '":'):
            return number
    return None


# --------------------------------------------------------------------------- saving


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
        if key not in SETTING_KEYS:
            raise ConfigError(f"Die Einstellung „{key}“ gibt es nicht.")
        if key not in USER_EDITABLE_KEYS:
            raise ConfigError(
                f"„{SETTING_LABELS[key]}“ kann nur der Administrator in „{ADMIN_FILE_NAME}“ "
                "festlegen."
            )
    locked = _locked_keys(admin_files)
    refused = [key for key in values if key in locked]
    if refused:
        labels = ", ".join(f"„{SETTING_LABELS[k]}“" for k in refused)
        raise SettingsLocked(
            f"{labels} hat Ihr Administrator für alle festgelegt; "
            "Sie können es nicht ändern. Bitte wenden Sie sich an die IT-Betreuung.",
            keys=refused,
        )
    cleaned = {key: _clean_user_value(key, value, target) for key, value in values.items()}

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
    return frozenset(key for _, layer in _admin_layers(admin_files, []) for key in layer.keys_set)


def _clean_user_value(key: str, value: Any, target: Path) -> str:
    label = SETTING_LABELS[key]
    if value is None:
        return ""
    if isinstance(value, Path):
        value = str(value)
    if not isinstance(value, str):
        raise ConfigError(f"„{label}“ muss ein Text sein.")
    cleaned = " ".join(value.split()) if key not in _PATH_KEYS else value.strip()
    if len(cleaned) > MAX_VALUE_LENGTH:
        raise ConfigError(f"„{label}“ ist zu lang (höchstens {MAX_VALUE_LENGTH} Zeichen).")
    if key in _PATH_KEYS and cleaned:
        try:
            _check_path(cleaned, key, target)
        except _Invalid as invalid:
            raise ConfigError(
                f"{invalid.message}. Bitte wählen Sie eine vorhandene Datei."
            ) from None
    return cleaned


def _read_user_file_for_update(target: Path) -> dict[str, Any]:
    """The user's stored values; a damaged file is kept aside, never silently lost."""
    if not _present(target):
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
        target.replace(aside)
    except OSError as error:
        raise FileWriteError(
            f"Ihre Einstellungsdatei „{target}“ ist beschädigt und konnte nicht beiseitegelegt "
            f"werden ({error.strerror or error}); es wurde nichts gespeichert."
        ) from error
    log.warning("Beschädigte Einstellungsdatei beiseitegelegt: %s", aside)
    return {}
