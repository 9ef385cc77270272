"""The catalogue's lists: Dezernate and offices, their checks, and lookups by name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stellungnahme_app.office_headings import derive_heading
from stellungnahme_app.settings.checks import Invalid
from stellungnahme_app.settings.key_lines import toml_line, where
from stellungnahme_app.settings.table import SETTING_LABELS

_DEZERNAT_KEYS = ("name", "short_name", "signatories", "remove")


_OFFICE_KEYS = ("name", "heading", "remove")


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


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def check_entries(
    key: str, value: Any, path: Path, text: str, problems: list[str]
) -> list[tuple[str, Any]]:
    """Check a ``[[dezernate]]`` or ``[[offices]]`` list; bad entries are skipped one by one."""
    if not isinstance(value, list):
        raise Invalid(
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
        except Invalid as invalid:
            problems.append(
                f"{where(path, toml_line(text, invalid.key_path))}: {invalid.message} "
                f"({invalid.key_path}). Dieser Eintrag wird übergangen."
            )
            continue
        if name_key in seen:
            problems.append(
                f"{where(path, toml_line(text, entry_path + '.name'))}: Der Name "
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
        raise Invalid("Der Eintrag muss eine Tabelle mit „name = …“ sein", entry_path)
    for key in entry:
        if key not in allowed:
            problems.append(
                f"{where(path, toml_line(text, f'{entry_path}.{key}'))}: Der Schlüssel "
                f"„{entry_path}.{key}“ ist unbekannt und wird übergangen. Bekannt sind: "
                f"{', '.join(allowed)}."
            )
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise Invalid("Der Eintrag hat keinen Namen (name = „…“)", f"{entry_path}.name")
    remove = entry.get("remove", False)
    if not isinstance(remove, bool):
        raise Invalid("„remove“ muss true oder false sein", f"{entry_path}.remove")
    return entry


def _check_dezernat(
    entry: Any, entry_path: str, path: Path, text: str, problems: list[str]
) -> tuple[str, Dezernat | None]:
    entry = _check_entry_keys(entry, entry_path, _DEZERNAT_KEYS, path, text, problems)
    name = " ".join(entry["name"].split())
    if entry.get("remove", False):
        return name_key(name), None
    short_name = entry.get("short_name", "")
    if not isinstance(short_name, str):
        raise Invalid("Der Kurzname muss ein Text sein", f"{entry_path}.short_name")
    signatories = entry.get("signatories", [])
    if not isinstance(signatories, list) or not all(isinstance(s, str) for s in signatories):
        raise Invalid(
            'Die Unterzeichnenden müssen eine Liste von Namen sein, z. B. ["Vorname Name"]',
            f"{entry_path}.signatories",
        )
    cleaned = tuple(dict.fromkeys(" ".join(s.split()) for s in signatories if s.strip()))
    return name_key(name), Dezernat(name, " ".join(short_name.split()), cleaned)


def _check_office(
    entry: Any, entry_path: str, path: Path, text: str, problems: list[str]
) -> tuple[str, Office | None]:
    entry = _check_entry_keys(entry, entry_path, _OFFICE_KEYS, path, text, problems)
    name = " ".join(entry["name"].split())
    if entry.get("remove", False):
        return name_key(name), None
    heading = entry.get("heading", "")
    if not isinstance(heading, str):
        raise Invalid("Die Überschrift muss ein Text sein", f"{entry_path}.heading")
    heading = " ".join(heading.split()) or derive_heading(name)
    return name_key(name), Office(name, heading)
