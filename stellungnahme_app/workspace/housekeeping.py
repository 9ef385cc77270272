"""Tidying up after the program: what a killed run left behind is removed on the next start.

A program killed while writing (a document, a backup, a PDF through LibreOffice) leaves
temporary files beside the target and private folders in the system's temporary folder.
:func:`clean_up_after_killed_runs` removes those of processes that no longer run – never the
files of a second window that is still writing. The window runs it after its first paint, off
the GUI thread; the command line before each command.
"""

from __future__ import annotations

import logging
from pathlib import Path

from stellungnahme_app.fileio import clean_up_after_killed_writes

log = logging.getLogger(__name__)


def clean_up_after_killed_runs(*, temp_folder: Path | None = None) -> list[Path]:
    """Remove the leftovers of killed runs; returns what was removed (never raises)."""
    try:
        removed = clean_up_after_killed_writes(temp_folder=temp_folder)
    except OSError:
        log.warning("Aufräumen nach abgebrochenen Läufen fehlgeschlagen", exc_info=True)
        return []
    if removed:
        log.info("Reste abgebrochener Läufe entfernt: %s", ", ".join(map(str, removed)))
    return removed
