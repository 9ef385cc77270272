"""German texts for :mod:`argparse`, which has no German translation of its own."""

from __future__ import annotations

import argparse

_GERMAN = {
    "usage: ": "Aufruf: ",
    "positional arguments": "Argumente",
    "options": "Optionen",
    "optional arguments": "Optionen",
    "show this help message and exit": "diese Hilfe zeigen und beenden",
    "show program's version number and exit": "Versionsnummer zeigen und beenden",
    "the following arguments are required: %s": "diese Angaben fehlen: %s",
    "unrecognized arguments: %s": "unbekannte Angaben: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ungültige Auswahl: %(value)r (möglich: %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": "Angabe %(argument_name)s: %(message)s",
    "expected one argument": "erwartet einen Wert",
    "expected at least one argument": "erwartet mindestens einen Wert",
    "ambiguous option: %(option)s could match %(matches)s": (
        "mehrdeutige Option: %(option)s passt zu %(matches)s"
    ),
    "%(prog)s: error: %(message)s\n": "%(prog)s: Fehler: %(message)s\n",
    "invalid %(type)s value: %(value)r": "ungültiger Wert (%(type)s): %(value)r",
    "not allowed with argument %s": "nicht zusammen mit %s erlaubt",
}


def _translate(message: str) -> str:
    return _GERMAN.get(message, message)


def install() -> None:
    """Make argparse speak German. argparse looks its texts up through ``argparse._``."""
    argparse._ = _translate  # type: ignore[attr-defined]
