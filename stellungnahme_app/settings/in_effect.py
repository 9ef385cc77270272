"""The settings in effect: every layer merged, with lookups in the catalogue by name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from stellungnahme_app.office_headings import derive_heading
from stellungnahme_app.settings.catalogue import Dezernat, Office, name_key


@dataclass(frozen=True)
class Settings:
    """The settings in effect: every layer merged.

    One field per key of :data:`~stellungnahme_app.settings.table.SETTING_TABLE`, in its
    order (a test holds the two together), and the keys the administrator has fixed.
    """

    city: str
    dezernate: tuple[Dezernat, ...]
    offices: tuple[Office, ...]
    number_pattern: str
    number_example: str
    number_description: str
    default_department: str
    default_signatory: str
    template: Path
    textbausteine_dir: Path
    dictionary_dir: Path | None
    word_list: Path | None
    locked: frozenset[str] = frozenset()

    def office(self, name: str) -> Office | None:
        """The catalogue's office of that name (ignoring case and spacing), else ``None``."""
        wanted = name_key(name)
        return next((o for o in self.offices if name_key(o.name) == wanted), None)

    def dezernat(self, name: str) -> Dezernat | None:
        """The Dezernat called ``name`` or with that short name (``Dezernat 05``), else ``None``."""
        wanted = name_key(name)
        if not wanted:
            return None
        for dezernat in self.dezernate:
            if wanted in (name_key(dezernat.name), name_key(dezernat.short_name)):
                return dezernat
        return None

    def signatories(self, department: str) -> tuple[str, ...]:
        """Who may sign for ``department``; for an unknown one, everyone in the catalogue."""
        dezernat = self.dezernat(department)
        if dezernat is not None:
            return dezernat.signatories
        return tuple(dict.fromkeys(s for d in self.dezernate for s in d.signatories))

    def deputies(self, department: str) -> tuple[str, ...]:
        """Who may sign in place of the Beigeordnete of ``department`` ("i. V.")."""
        dezernat = self.dezernat(department)
        return dezernat.deputies if dezernat is not None else ()

    def heading_for_office(self, name: str) -> str:
        """The catalogue's heading for the office, else one derived from its name."""
        office = self.office(name)
        return office.heading if office is not None else derive_heading(name)

    def is_locked(self, key: str) -> bool:
        """True when the administrator has fixed ``key``."""
        return key in self.locked
