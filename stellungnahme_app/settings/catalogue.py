"""The catalogue's lists: Dezernate and offices, their checks, and merging them by name.

A file's ``[[dezernate]]`` or ``[[offices]]`` list is checked entry by entry (a bad entry is
skipped alone) into *changes*: ``(name key, entry)`` pairs, where ``None`` removes the entry of
that name. :func:`merge_by_name` lays those changes over the list of the files before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from stellungnahme_app.office_headings import derive_heading
from stellungnahme_app.settings.checks import CheckContext, Invalid

DEZERNAT_KEYS = ("name", "short_name", "signatories", "deputies", "remove")
OFFICE_KEYS = ("name", "heading", "remove")


@dataclass(frozen=True)
class Dezernat:
    """A department led by a Beigeordnete(r); ``signatories`` are who sign for it, ``deputies``
    who sign in their place ("i. V.")."""

    name: str
    short_name: str = ""
    signatories: tuple[str, ...] = ()
    deputies: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """For lists: number and name, the word "Dezernat" once.

        ``Dezernat 05`` and ``Dezernat für Soziales, …`` read ``Dezernat 05 – Soziales, …``
        (as the administration writes it); without a short name, just the name.
        """
        if not self.short_name:
            return self.name
        first, _, rest = self.name.partition(" ")
        if rest and first.casefold() == self.short_name.split()[0].casefold():
            topic = rest.removeprefix("für ").strip()
            return f"{self.short_name} – {topic}"
        return f"{self.short_name} – {self.name}"


@dataclass(frozen=True)
class Office:
    """An office (Amt) and its contribution's heading, e.g. ``Stellungnahme des Jugendamts``."""

    name: str
    heading: str


class _Named(Protocol):
    @property
    def name(self) -> str: ...


NamedEntry = TypeVar("NamedEntry", bound=_Named)
_EntryCheck = Callable[[Any, str, CheckContext], tuple[str, Any]]


def name_key(name: str) -> str:
    """What two names must share to name the same entry: case and spacing do not count."""
    return " ".join(name.split()).casefold()


def merge_by_name(
    previous: Sequence[NamedEntry] | None, changes: Sequence[tuple[str, NamedEntry | None]]
) -> tuple[NamedEntry, ...]:
    """The list after one file's changes: same name replaces in place, new names are added at
    the end, ``None`` removes."""
    merged = {name_key(entry.name): entry for entry in previous or ()}
    for key, entry in changes:
        if entry is None:
            merged.pop(key, None)
        else:
            merged[key] = entry
    return tuple(merged.values())


def check_dezernate(value: Any, context: CheckContext) -> list[tuple[str, Dezernat | None]]:
    """A ``[[dezernate]]`` list as changes; bad entries are skipped one by one."""
    return _check_entries(value, context, _check_dezernat)


def check_offices(value: Any, context: CheckContext) -> list[tuple[str, Office | None]]:
    """An ``[[offices]]`` list as changes; bad entries are skipped one by one."""
    return _check_entries(value, context, _check_office)


def _check_entries(
    value: Any, context: CheckContext, check_entry: _EntryCheck
) -> list[tuple[str, Any]]:
    key = context.key
    if not isinstance(value, list):
        raise Invalid(f"„{context.label}“ muss eine Liste von Einträgen sein ([[{key}]])", key)
    entries: list[tuple[str, Any]] = []
    seen: set[str] = set()
    for index, entry in enumerate(value):
        entry_path = f"{key}[{index}]"
        try:
            entry_key, item = check_entry(entry, entry_path, context)
        except Invalid as invalid:
            context.problems.append(
                f"{context.where(invalid.key_path)}: {invalid.message} "
                f"({invalid.key_path}). Dieser Eintrag wird übergangen."
            )
            continue
        if entry_key in seen:
            context.problems.append(
                f"{context.where(entry_path + '.name')}: Der Name "
                f"„{item.name if item else entry_key}“ steht mehrfach in der Liste ({entry_path}); "
                "es gilt der letzte Eintrag."
            )
        seen.add(entry_key)
        entries.append((entry_key, item))
    return entries


def _check_entry_keys(
    entry: Any, entry_path: str, allowed: Sequence[str], context: CheckContext
) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise Invalid("Der Eintrag muss eine Tabelle mit „name = …“ sein", entry_path)
    for key in entry:
        if key not in allowed:
            context.problems.append(
                f"{context.where(f'{entry_path}.{key}')}: Der Schlüssel "
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
    entry: Any, entry_path: str, context: CheckContext
) -> tuple[str, Dezernat | None]:
    entry = _check_entry_keys(entry, entry_path, DEZERNAT_KEYS, context)
    name = " ".join(entry["name"].split())
    if entry.get("remove", False):
        return name_key(name), None
    short_name = entry.get("short_name", "")
    if not isinstance(short_name, str):
        raise Invalid("Der Kurzname muss ein Text sein", f"{entry_path}.short_name")
    signatories = _names(
        entry.get("signatories", []), "Die Unterzeichnenden", f"{entry_path}.signatories"
    )
    deputies = _names(
        entry.get("deputies", []), "Die Personen in Vertretung", f"{entry_path}.deputies"
    )
    return name_key(name), Dezernat(name, " ".join(short_name.split()), signatories, deputies)


def _names(value: Any, what: str, key_path: str) -> tuple[str, ...]:
    """A list of people's names, spaces tidied, each once."""
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise Invalid(f'{what} müssen eine Liste von Namen sein, z. B. ["Vorname Name"]', key_path)
    return tuple(dict.fromkeys(" ".join(s.split()) for s in value if s.strip()))


def _check_office(entry: Any, entry_path: str, context: CheckContext) -> tuple[str, Office | None]:
    entry = _check_entry_keys(entry, entry_path, OFFICE_KEYS, context)
    name = " ".join(entry["name"].split())
    if entry.get("remove", False):
        return name_key(name), None
    heading = entry.get("heading", "")
    if not isinstance(heading, str):
        raise Invalid("Die Überschrift muss ein Text sein", f"{entry_path}.heading")
    heading = " ".join(heading.split()) or derive_heading(name)
    return name_key(name), Office(name, heading)
