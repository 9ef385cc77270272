"""The checks of single values: texts, the number form, paths; a refused value is ``Invalid``."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from stellungnahme_app.settings.files import default_template, default_textbausteine_dir
from stellungnahme_app.settings.table import SETTING_LABELS

MAX_VALUE_LENGTH = 1000


class Invalid(Exception):
    """A value cannot be used; ``message`` is German, ``key_path`` names the value."""

    def __init__(self, message: str, key_path: str) -> None:
        super().__init__(message)
        self.message = message
        self.key_path = key_path


def check_text(value: Any, key: str, path: Path, *, required: bool = False) -> str:
    if not isinstance(value, str):
        raise Invalid(f"„{SETTING_LABELS.get(key, key)}“ muss ein Text sein", key)
    cleaned = " ".join(value.split())
    if required and not cleaned:
        raise Invalid(f"„{SETTING_LABELS.get(key, key)}“ darf nicht leer sein", key)
    if len(cleaned) > MAX_VALUE_LENGTH:
        raise Invalid(f"„{SETTING_LABELS.get(key, key)}“ ist zu lang", key)
    return cleaned


def check_required_text(value: Any, key: str, path: Path) -> str:
    return check_text(value, key, path, required=True)


def check_pattern(value: Any, key: str, path: Path) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid("Die Form der Drucksachennummer muss ein nicht leerer Text sein", key)
    try:
        re.compile(value)
    except re.error as error:
        raise Invalid(
            f"Die Form der Drucksachennummer „{value}“ ist kein gültiger regulärer Ausdruck "
            f"({error.msg})",
            key,
        ) from error
    return value


def check_path(value: Any, key: str, path: Path) -> Path:
    if not isinstance(value, str):
        raise Invalid(f"„{SETTING_LABELS[key]}“ muss ein Pfad in Anführungszeichen sein", key)
    if not value.strip():
        return default_template() if key == "template" else default_textbausteine_dir()
    resolved = resolve_path(value, relative_to=path.absolute().parent)
    if key == "template":
        if not resolved.is_file():
            raise Invalid(f"Die Word-Vorlage „{resolved}“ gibt es nicht", key)
        if resolved.suffix.casefold() != ".docx":
            raise Invalid(f"Die Word-Vorlage „{resolved}“ ist keine .docx-Datei", key)
    elif not resolved.is_dir():
        raise Invalid(f"Den Ordner der Textbausteine „{resolved}“ gibt es nicht", key)
    return resolved


def resolve_path(value: str, *, relative_to: Path) -> Path:
    """A configured path: ``~`` and ``%VARIABLE%``/``$VARIABLE`` expanded, relative → absolute."""
    expanded = Path(os.path.expanduser(os.path.expandvars(value.strip())))
    return expanded if expanded.is_absolute() else relative_to / expanded


CHECKS: dict[str, Callable[[Any, str, Path], Any]] = {
    "city": check_required_text,
    "number_pattern": check_pattern,
    "number_example": check_required_text,
    "number_description": check_text,
    "template": check_path,
    "textbausteine_dir": check_path,
    "default_department": check_text,
    "default_signatory": check_text,
}
