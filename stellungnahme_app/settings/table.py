"""The keys of the settings: which exist, their German names, which the user may set."""

from __future__ import annotations

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


PATH_KEYS = frozenset({"template", "textbausteine_dir"})


FALLBACK_CITY = "Erfurt"


FALLBACK_NUMBER_DESCRIPTION = "vierstellige Nummer / zweistelliges Jahr"
