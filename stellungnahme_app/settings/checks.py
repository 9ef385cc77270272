"""The checks of single values from a settings file: texts, the number form, paths.

A check takes a value as the file holds it and a :class:`CheckContext` (which file, which key,
its German label) and returns the value the program uses, or raises :class:`Invalid` with a
German message. Which check a key gets is declared in :mod:`.table`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stellungnahme_app.settings.files import default_template, default_textbausteine_dir
from stellungnahme_app.settings.key_lines import where

MAX_VALUE_LENGTH = 1000


class Invalid(Exception):
    """A value cannot be used; ``message`` is German, ``key_path`` names the value."""

    def __init__(self, message: str, key_path: str) -> None:
        super().__init__(message)
        self.message = message
        self.key_path = key_path


def _no_line(key_path: str) -> int | None:
    return None


@dataclass(frozen=True)
class CheckContext:
    """What a check needs besides the value: where it comes from and what it is called."""

    key: str
    label: str
    #: The file that holds the value; a relative path counts from its folder.
    file: Path
    #: The line on which a key path (``offices[2].heading``) is set in the file, if known.
    locate: Callable[[str], int | None] = _no_line
    #: Problems that skip part of a value (one entry of a list), German, naming file and line.
    problems: list[str] = field(default_factory=list)

    def where(self, key_path: str) -> str:
        """``Einstellungsdatei „…“, Zeile 3`` for a key path of this file."""
        return where(self.file, self.locate(key_path))


#: The signature of every check.
Check = Callable[[Any, CheckContext], Any]


def check_text(value: Any, context: CheckContext, *, required: bool = False) -> str:
    """A text on one line (runs of spaces and line breaks become one space)."""
    if not isinstance(value, str):
        raise Invalid(f"„{context.label}“ muss ein Text sein", context.key)
    cleaned = " ".join(value.split())
    if required and not cleaned:
        raise Invalid(f"„{context.label}“ darf nicht leer sein", context.key)
    if len(cleaned) > MAX_VALUE_LENGTH:
        raise Invalid(f"„{context.label}“ ist zu lang", context.key)
    return cleaned


def check_required_text(value: Any, context: CheckContext) -> str:
    """A text as :func:`check_text` that must not be empty."""
    return check_text(value, context, required=True)


def check_number_pattern(value: Any, context: CheckContext) -> str:
    """A regular expression for Drucksache numbers."""
    if not isinstance(value, str) or not value.strip():
        raise Invalid("Die Form der Drucksachennummer muss ein nicht leerer Text sein", context.key)
    try:
        re.compile(value)
    except re.error as error:
        raise Invalid(
            f"Die Form der Drucksachennummer „{value}“ ist kein gültiger regulärer Ausdruck "
            f"({error.msg})",
            context.key,
        ) from error
    return value


def check_word_template(value: Any, context: CheckContext) -> Path:
    """An existing ``.docx`` file; empty means the bundled template."""
    resolved = _configured_path(value, context)
    if resolved is None:
        return default_template()
    if not resolved.is_file():
        raise Invalid(f"Die Word-Vorlage „{resolved}“ gibt es nicht", context.key)
    if resolved.suffix.casefold() != ".docx":
        raise Invalid(f"Die Word-Vorlage „{resolved}“ ist keine .docx-Datei", context.key)
    return resolved


def check_textbausteine_folder(value: Any, context: CheckContext) -> Path:
    """An existing folder; empty means the bundled Textbausteine."""
    resolved = _configured_path(value, context)
    if resolved is None:
        return default_textbausteine_dir()
    if not resolved.is_dir():
        raise Invalid(f"Den Ordner der Textbausteine „{resolved}“ gibt es nicht", context.key)
    return resolved


def check_optional_folder(value: Any, context: CheckContext) -> Path | None:
    """An existing folder, or ``None`` when empty (the program then looks for itself)."""
    resolved = _configured_path(value, context)
    if resolved is not None and not resolved.is_dir():
        raise Invalid(f"Den Ordner „{resolved}“ ({context.label}) gibt es nicht", context.key)
    return resolved


def check_optional_file(value: Any, context: CheckContext) -> Path | None:
    """An existing file, or ``None`` when empty (then there is none)."""
    resolved = _configured_path(value, context)
    if resolved is not None and not resolved.is_file():
        raise Invalid(f"Die Datei „{resolved}“ ({context.label}) gibt es nicht", context.key)
    return resolved


def _configured_path(value: Any, context: CheckContext) -> Path | None:
    """The path a file names, resolved; ``None`` for an empty value."""
    if not isinstance(value, str):
        raise Invalid(f"„{context.label}“ muss ein Pfad in Anführungszeichen sein", context.key)
    if not value.strip():
        return None
    return resolve_path(value, relative_to=context.file.absolute().parent)


def resolve_path(value: str, *, relative_to: Path) -> Path:
    """A configured path: ``~`` and ``%VARIABLE%``/``$VARIABLE`` expanded, relative → absolute."""
    expanded = Path(os.path.expanduser(os.path.expandvars(value.strip())))
    return expanded if expanded.is_absolute() else relative_to / expanded
