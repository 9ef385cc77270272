"""The declared table of settings: every key a settings file may set, each declared once.

One :class:`SettingDefinition` per key says all there is to know about it: its German label,
the kind of value and the check that turns a file's value into the program's, its default
(written as in a settings file), how a later file's value combines with an earlier one, and who
may set it. Everything that names keys is derived from :data:`SETTING_TABLE`: the constants
below, the built-in values that hold when no file can be read, what each layer may set, how it
is checked and merged, what the user may save, and the rows of the settings dialog.
(qutebrowser declares its options the same way, in ``configdata.yml``.)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from stellungnahme_app.rules import DEFAULT_NUMBER_EXAMPLE, DEFAULT_NUMBER_PATTERN
from stellungnahme_app.settings.catalogue import check_dezernate, check_offices, merge_by_name
from stellungnahme_app.settings.checks import (
    Check,
    CheckContext,
    check_number_pattern,
    check_optional_file,
    check_optional_folder,
    check_required_text,
    check_text,
    check_textbausteine_folder,
    check_word_template,
)

#: ``text`` a line of text, ``file``/``folder`` a path, ``optional_file``/``optional_folder``
#: a path or ``None`` (not set), ``list`` entries merged by name.
SettingKind = Literal["text", "file", "folder", "optional_file", "optional_folder", "list"]


def replace_earlier_value(previous: Any, value: Any) -> Any:
    """How most settings combine: the later file's value replaces the earlier one."""
    return value


@dataclass(frozen=True)
class SettingDefinition:
    """One row of the table: one key and everything about it."""

    key: str
    #: German, for messages and as the accessible name of its field.
    label: str
    kind: SettingKind
    #: Turns the value a file holds into the one the program uses (see :mod:`.checks`).
    check: Check
    #: The value as a settings file would hold it; it holds when no file sets the key. An
    #: empty path means the file shipped with the program.
    default: str | list[Any]
    #: German: what the setting is for.
    description: str
    #: The user may set it in ``einstellungen.json`` (through the settings dialog).
    user_editable: bool = False
    #: When the administrator's file sets it, the users' values for it no longer count.
    admin_lockable: bool = True
    #: The short label of its field in the settings dialog (only for user-editable keys).
    field_label: str = ""
    #: Combines a file's checked value with the value of the files before (or ``None``).
    merge: Callable[[Any, Any], Any] = replace_earlier_value


SETTING_TABLE: tuple[SettingDefinition, ...] = (
    SettingDefinition(
        key="city",
        label="Stadt",
        kind="text",
        check=check_required_text,
        default="Erfurt",
        description="Die Stadt im Titel: „Stellungnahme der Stadtverwaltung Erfurt zur "
        "Drucksache …“.",
    ),
    SettingDefinition(
        key="dezernate",
        label="Dezernate",
        kind="list",
        check=check_dezernate,
        default=[],
        merge=merge_by_name,
        description="Die Dezernate mit Kurznamen und den Personen, die für sie unterzeichnen.",
    ),
    SettingDefinition(
        key="offices",
        label="Ämter",
        kind="list",
        check=check_offices,
        default=[],
        merge=merge_by_name,
        description="Die Ämter mit der Überschrift ihres Beitrags im Genitiv.",
    ),
    SettingDefinition(
        key="number_pattern",
        label="Form der Drucksachennummer",
        kind="text",
        check=check_number_pattern,
        default=DEFAULT_NUMBER_PATTERN,
        description="Der reguläre Ausdruck, dem jede Drucksachennummer entsprechen muss.",
    ),
    SettingDefinition(
        key="number_example",
        label="Beispiel einer Drucksachennummer",
        kind="text",
        check=check_required_text,
        default=DEFAULT_NUMBER_EXAMPLE,
        description="Eine Nummer in dieser Form, als Beispiel in Hinweisen.",
    ),
    SettingDefinition(
        key="number_description",
        label="Beschreibung der Drucksachennummer",
        kind="text",
        check=check_text,
        default="vierstellige Nummer / zweistelliges Jahr",
        description="Die Form der Nummer in Worten, für Hinweise.",
    ),
    SettingDefinition(
        key="default_department",
        label="Voreingestelltes Dezernat",
        kind="text",
        check=check_text,
        default="",
        user_editable=True,
        field_label="Dezernat",
        description="Das Dezernat, mit dem neue Stellungnahmen beginnen; leer: keines.",
    ),
    SettingDefinition(
        key="default_signatory",
        label="Voreingestellte unterzeichnende Person",
        kind="text",
        check=check_text,
        default="",
        user_editable=True,
        field_label="Unterzeichnung",
        description="Wer neue Stellungnahmen unterzeichnet; leer: noch niemand.",
    ),
    SettingDefinition(
        key="template",
        label="Word-Vorlage",
        kind="file",
        check=check_word_template,
        default="",
        user_editable=True,
        field_label="Word-Vorlage",
        description="Die Word-Vorlage (.docx) der Ausgabe; leer: die mitgelieferte.",
    ),
    SettingDefinition(
        key="textbausteine_dir",
        label="Ordner der Textbausteine",
        kind="folder",
        check=check_textbausteine_folder,
        default="",
        user_editable=True,
        field_label="Textbausteine",
        description="Der Ordner der Textbausteine, ein Unterordner je Kategorie; leer: die "
        "mitgelieferten.",
    ),
    SettingDefinition(
        key="dictionary_dir",
        label="Ordner des Wörterbuchs",
        kind="optional_folder",
        check=check_optional_folder,
        default="",
        description="Der Ordner mit dem deutschen Wörterbuch der Rechtschreibprüfung (de_DE.aff "
        "und de_DE.dic); leer: das Programm sucht selbst (LibreOffice, Systemordner).",
    ),
    SettingDefinition(
        key="word_list",
        label="Zentrale Wortliste",
        kind="optional_file",
        check=check_optional_file,
        default="",
        description="Eine Textdatei mit Wörtern, die die Rechtschreibprüfung für alle Benutzer "
        "kennt, ein Wort je Zeile; leer: keine.",
    ),
)

#: The table by key.
DEFINITIONS: Mapping[str, SettingDefinition] = {d.key: d for d in SETTING_TABLE}

#: Every key a catalogue, administrator's or user's file may set, in the table's order.
SETTING_KEYS: tuple[str, ...] = tuple(DEFINITIONS)

#: What the settings dialog may offer the user (unless the administrator fixed it). The
#: catalogue itself (city, Dezernate, offices, number form) is the administrator's business:
#: a clerk who needs an office that is not listed types it into the contribution, and
#: :meth:`Settings.heading_for_office` derives its heading.
USER_EDITABLE_KEYS: tuple[str, ...] = tuple(d.key for d in SETTING_TABLE if d.user_editable)

#: German names of the settings, for messages and the settings dialog.
SETTING_LABELS: dict[str, str] = {d.key: d.label for d in SETTING_TABLE}


def built_in_value(definition: SettingDefinition) -> Any:
    """The value that holds when no file sets the key: its default, checked like a file's."""
    context = CheckContext(key=definition.key, label=definition.label, file=Path(__file__))
    return definition.merge(None, definition.check(definition.default, context))
