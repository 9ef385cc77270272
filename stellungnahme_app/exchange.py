"""The exchange format ``stellungnahme/1``: a draft as a UTF-8 JSON file.

Offices send each other their contributions in this format, and the store imports and
exports it. Reading is strict and never raises anything but
:class:`~stellungnahme_app.errors.ExchangeFormatError`, whose German message says what is
wrong and where: line and column for broken JSON, the key's path (``contributions[1].txt``)
for an unknown key or a value of the wrong type.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from stellungnahme_app.errors import ExchangeFormatError
from stellungnahme_app.fileio import FileReadError, atomic_write_bytes, read_bytes
from stellungnahme_app.model import (
    ASSESSMENT_KEYS,
    Assessments,
    Contribution,
    Draft,
    ResolutionPoint,
    Signature,
)
from stellungnahme_app.text import printable

FORMAT_ID = "stellungnahme/1"
FILE_SUFFIX = ".json"
MAX_FILE_BYTES = 50 * 1024 * 1024

_TOP_KEYS = (
    "format",
    "city",
    "department",
    "document_number",
    "document_title",
    "public",
    "assessments",
    "resolution_points",
    "contributions",
    "conclusion",
    "amended_resolution_points",
    "attachments",
    "signature",
)

# German wording for the messages of Python's JSON parser.
_JSON_MESSAGES = {
    "Expecting value": "hier wird ein Wert erwartet",
    "Expecting ',' delimiter": "hier fehlt ein Komma",
    "Expecting ':' delimiter": "hier fehlt ein Doppelpunkt",
    "Expecting property name enclosed in double quotes": (
        "hier wird ein Schlüssel in doppelten Anführungszeichen erwartet"
    ),
    "Unterminated string starting at": "eine Zeichenkette wird nicht abgeschlossen",
    "Invalid control character at": "ein Steuerzeichen steht ungeschützt in einer Zeichenkette",
    "Invalid \\escape": "eine ungültige Escape-Sequenz (\\…)",
    "Invalid \\uXXXX escape": "eine ungültige Unicode-Escape-Sequenz (\\uXXXX)",
    "Extra data": "nach dem Ende der Daten folgt weiterer Text",
}

T = TypeVar("T")

# Python refuses to turn longer digit strings into numbers (a guard against slow conversion).
MAX_INTEGER_DIGITS = sys.get_int_max_str_digits() or 4300


# --------------------------------------------------------------------------- reading


def read_file(path: Path | str) -> Draft:
    """Read a draft from a ``stellungnahme/1`` file."""
    path = Path(path)
    try:
        data = read_bytes(path, max_bytes=MAX_FILE_BYTES)
    except FileReadError as error:
        raise ExchangeFormatError(error.message) from None
    try:
        return loads(data)
    except ExchangeFormatError as error:
        raise ExchangeFormatError(f"„{path.name}“: {error.message}", path=error.path) from None


def loads(data: str | bytes) -> Draft:
    """Parse the text (or UTF-8 bytes) of a ``stellungnahme/1`` file into a draft."""
    try:
        return _parse(data)
    except ExchangeFormatError as error:
        if printable(error.message) == error.message:
            raise
        raise ExchangeFormatError(printable(error.message), path=error.path) from None


def _parse(data: str | bytes) -> Draft:
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ExchangeFormatError(
                "Die Datei ist nicht als UTF-8 gespeichert "
                f"(ungültiges Byte an Position {error.start + 1})."
            ) from None
    elif data.startswith("\ufeff"):
        data = data[1:]
    if not data.strip():
        raise ExchangeFormatError("Die Datei ist leer.")
    try:
        raw = json.loads(data, object_pairs_hook=_reject_duplicate_keys, parse_int=_integer)
    except json.JSONDecodeError as error:
        reason = _JSON_MESSAGES.get(error.msg, error.msg)
        raise ExchangeFormatError(
            f"Die Datei ist kein gültiges JSON: Zeile {error.lineno}, Spalte {error.colno}: "
            f"{reason}."
        ) from None
    except _DuplicateKey as error:
        raise ExchangeFormatError(
            f"Der Schlüssel „{error.key}“ steht mehrfach im selben Objekt.", path=error.key
        ) from None
    except RecursionError:
        raise ExchangeFormatError("Die Datei ist zu tief verschachtelt.") from None
    except _TooManyDigits as error:
        found = re.search(rf"\d{{{MAX_INTEGER_DIGITS + 1},}}", data)
        where = ""
        if found:
            start = found.start()
            line = data.count("\n", 0, start) + 1
            column = start - data.rfind("\n", 0, start)
            where = f"Zeile {line}, Spalte {column}: "
        raise ExchangeFormatError(
            f"{where}Die Datei enthält eine Zahl mit {error.digits} Ziffern; Zahlen mit mehr "
            f"als {MAX_INTEGER_DIGITS} Ziffern kann das Programm nicht lesen (keine Angabe "
            "des Formats ist eine Zahl)."
        ) from None
    return from_json_value(raw)


class _TooManyDigits(Exception):
    def __init__(self, digits: int) -> None:
        self.digits = digits


def _integer(digits: str) -> int:
    """``json``'s reading of an integer, refusing what ``int()`` would refuse with ValueError."""
    if len(digits.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise _TooManyDigits(len(digits.lstrip("-")))
    return int(digits)


def from_json_value(raw: Any) -> Draft:
    """Build a draft from already parsed JSON, checking every key and type."""
    if not isinstance(raw, dict):
        raise ExchangeFormatError(
            f"Die Datei enthält {_type_name(raw)} statt eines Objekts {{…}} auf oberster Ebene."
        )
    _check_format(raw)
    _reject_unknown_keys(raw, _TOP_KEYS, "")
    return Draft(
        city=_text(raw, "city", ""),
        department=_text(raw, "department", ""),
        document_number=_text(raw, "document_number", ""),
        document_title=_text(raw, "document_title", ""),
        public=_optional_bool(raw, "public", ""),
        assessments=_assessments(raw.get("assessments")),
        resolution_points=_list_of(
            raw, "resolution_points", _object_reader(ResolutionPoint, ("number", "text"))
        ),
        contributions=_list_of(
            raw, "contributions", _object_reader(Contribution, ("office", "heading", "text"))
        ),
        conclusion=_text(raw, "conclusion", ""),
        amended_resolution_points=_text(raw, "amended_resolution_points", ""),
        attachments=_list_of(raw, "attachments", _attachment),
        signature=_signature(raw.get("signature")),
    )


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _check_format(raw: dict[str, Any]) -> None:
    if "format" not in raw:
        raise ExchangeFormatError(
            f"Die Datei nennt kein Format. Erwartet wird „format“: „{FORMAT_ID}“.",
            path="format",
        )
    found = raw["format"]
    if not isinstance(found, str):
        raise _type_error("format", "Text", found)
    if found != FORMAT_ID:
        raise ExchangeFormatError(
            f"Die Datei hat das Format „{found}“; dieses Programm unterstützt nur „{FORMAT_ID}“.",
            path="format",
        )


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _reject_unknown_keys(raw: dict[str, Any], allowed: tuple[str, ...], prefix: str) -> None:
    for key in raw:
        if key not in allowed:
            path = _join(prefix, key)
            raise ExchangeFormatError(
                f"Unbekannter Schlüssel „{path}“. Erlaubt sind hier: {', '.join(allowed)}.",
                path=path,
            )


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "einen Wahrheitswert (true/false)"
    if isinstance(value, (int, float)):
        return "eine Zahl"
    if isinstance(value, str):
        return "einen Text"
    if isinstance(value, list):
        return "eine Liste"
    return "ein Objekt"


def _type_error(path: str, expected: str, value: Any) -> ExchangeFormatError:
    return ExchangeFormatError(
        f"„{path}“ muss {expected} sein, enthält aber {_type_name(value)}.", path=path
    )


def _text(raw: dict[str, Any], key: str, prefix: str) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _type_error(_join(prefix, key), "ein Text", value)
    return value


def _optional_bool(raw: dict[str, Any], key: str, prefix: str) -> bool | None:
    value = raw.get(key)
    if value is None or isinstance(value, bool):
        return value
    raise _type_error(_join(prefix, key), "true, false oder null", value)


def _assessments(raw: Any) -> Assessments:
    if raw is None:
        return Assessments()
    if not isinstance(raw, dict):
        raise _type_error("assessments", "ein Objekt", raw)
    _reject_unknown_keys(raw, ASSESSMENT_KEYS, "assessments")
    return Assessments(**{k: _optional_bool(raw, k, "assessments") for k in ASSESSMENT_KEYS})


def _list_of(raw: dict[str, Any], key: str, read_item: Callable[[Any, str], T]) -> list[T]:
    value = raw.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise _type_error(key, "eine Liste", value)
    return [read_item(item, f"{key}[{index}]") for index, item in enumerate(value)]


def _object_reader(cls: Callable[..., T], keys: tuple[str, ...]) -> Callable[[Any, str], T]:
    def read(item: Any, path: str) -> T:
        if not isinstance(item, dict):
            raise _type_error(path, "ein Objekt", item)
        _reject_unknown_keys(item, keys, path)
        return cls(**{k: _text(item, k, path) for k in keys})

    return read


def _attachment(item: Any, path: str) -> str:
    if not isinstance(item, str):
        raise _type_error(path, "ein Text", item)
    return item


def _signature(raw: Any) -> Signature:
    if raw is None:
        return Signature()
    if not isinstance(raw, dict):
        raise _type_error("signature", "ein Objekt", raw)
    _reject_unknown_keys(raw, ("name", "date", "deputy"), "signature")
    deputy = raw.get("deputy", False)
    if not isinstance(deputy, bool):
        raise _type_error("signature.deputy", "true oder false", deputy)
    return Signature(
        name=_text(raw, "name", "signature"), date=_date(raw.get("date")), deputy=deputy
    )


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _type_error("signature.date", "ein Datum als Text (JJJJ-MM-TT) oder null", value)
    try:
        if len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ExchangeFormatError(
            f"„signature.date“: „{value}“ ist kein gültiges Datum (erwartet JJJJ-MM-TT, "
            "z. B. 2024-04-30).",
            path="signature.date",
        ) from None


# --------------------------------------------------------------------------- writing


def to_json_value(draft: Draft) -> dict[str, Any]:
    """The draft as the JSON object of ``stellungnahme/1``, keys in the documented order."""
    return {
        "format": FORMAT_ID,
        "city": draft.city,
        "department": draft.department,
        "document_number": draft.document_number,
        "document_title": draft.document_title,
        "public": draft.public,
        "assessments": {k: draft.assessments.get(k) for k in ASSESSMENT_KEYS},
        "resolution_points": [
            {"number": p.number, "text": p.text} for p in draft.resolution_points
        ],
        "contributions": [
            {"office": c.office, "heading": c.heading, "text": c.text} for c in draft.contributions
        ],
        "conclusion": draft.conclusion,
        "amended_resolution_points": draft.amended_resolution_points,
        "attachments": list(draft.attachments),
        "signature": _signature_value(draft.signature),
    }


def _signature_value(signature: Signature) -> dict[str, Any]:
    value: dict[str, Any] = {
        "name": signature.name,
        "date": signature.date.isoformat() if signature.date else None,
    }
    if signature.deputy:  # written only when set: older programs read the file as before
        value["deputy"] = True
    return value


def dumps(draft: Draft) -> str:
    """The text of a ``stellungnahme/1`` file for ``draft`` (UTF-8, indented, final newline)."""
    return json.dumps(to_json_value(draft), ensure_ascii=False, indent=2) + "\n"


def encode(draft: Draft) -> bytes:
    """The bytes of a ``stellungnahme/1`` file; text that UTF-8 cannot hold is escaped."""
    try:
        return dumps(draft).encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(to_json_value(draft), ensure_ascii=True, indent=2) + "\n"
        return text.encode("ascii")


def write_file(draft: Draft, path: Path | str) -> None:
    """Write ``draft`` to ``path`` atomically."""
    atomic_write_bytes(Path(path), encode(draft))
