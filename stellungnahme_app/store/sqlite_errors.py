"""What an error SQLite reports means for the user: a German :class:`StoreError`."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from stellungnahme_app.store import recovery
from stellungnahme_app.store.errors import StoreBusyError, StoreDamagedError, StoreError

log = logging.getLogger(__name__)


def store_error(error: sqlite3.Error, path: Path) -> StoreError:
    """A German :class:`StoreError` for an error SQLite reported."""
    text = str(error).lower()
    log.warning("SQLite-Fehler bei %s: %s", path, error)
    if "locked" in text or "busy" in text:
        return StoreBusyError(
            "Die Entwurfsdatenbank ist gerade durch ein anderes Programmfenster belegt. "
            "Bitte versuchen Sie es in einigen Sekunden erneut."
        )
    if "readonly" in text or "read-only" in text:
        return StoreError(
            f"In die Entwurfsdatenbank „{path}“ kann nicht geschrieben werden "
            "(schreibgeschützt). Bitte wenden Sie sich an die IT."
        )
    if "disk is full" in text:
        return StoreError(
            f"Auf dem Laufwerk von „{path.parent}“ ist nicht genug Platz frei. Bitte schaffen "
            "Sie Platz und versuchen Sie es erneut; Ihr Text ist noch nicht gespeichert."
        )
    if recovery.is_damage(error):
        return StoreDamagedError(
            "Die Entwurfsdatenbank ist beschädigt. Bitte schließen Sie das Programm und "
            "starten Sie es neu: Beim Start wird sie aus der letzten Sicherung "
            "wiederhergestellt, die beschädigte Datei bleibt erhalten."
        )
    if "unable to open" in text or "disk i/o" in text:
        return StoreError(
            f"Auf die Entwurfsdatenbank „{path}“ kann nicht zugegriffen werden. Bitte "
            "prüfen Sie, ob das Laufwerk erreichbar ist, und versuchen Sie es erneut."
        )
    return StoreError(f"Die Entwurfsdatenbank meldet einen Fehler: {error}.")
