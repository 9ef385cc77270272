"""Files dropped onto the window: which of them the program can take."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData

from stellungnahme_app import exchange


def dropped_exchange_files(mime: QMimeData | None) -> list[Path]:
    """The local ``stellungnahme/1`` files (``.json``) among what was dropped."""
    if mime is None or not mime.hasUrls():
        return []
    return [
        Path(url.toLocalFile())
        for url in mime.urls()
        if url.isLocalFile() and url.toLocalFile().casefold().endswith(exchange.FILE_SUFFIX)
    ]
