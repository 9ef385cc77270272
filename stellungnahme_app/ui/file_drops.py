"""Files dropped onto the window: which of them the program can take, and as what.

Exchange files (``stellungnahme/1``) are imported as drafts; motions – a PDF, a Word file
or an OParl ``Paper`` record – start a new draft from the motion. Both kinds of JSON end in
``.json``: they are told apart by their content (:func:`stellungnahme_app.motion.json_kind`),
and a JSON file that is neither goes to the import, which says what is wrong with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMimeData

from stellungnahme_app import exchange

MOTION_DOCUMENT_SUFFIXES = (".pdf", ".docx")
#: Every kind of file the window takes (by the end of its name).
TAKEN_SUFFIXES = (exchange.FILE_SUFFIX, *MOTION_DOCUMENT_SUFFIXES)


@dataclass
class DroppedFiles:
    exchange: list[Path] = field(default_factory=list)
    motions: list[Path] = field(default_factory=list)


def _local_files(mime: QMimeData | None) -> list[Path]:
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def _suffix(path: Path) -> str:
    return path.suffix.casefold()


def may_take(mime: QMimeData | None) -> bool:
    """Whether something dropped may be taken (by name only: asked on every mouse move)."""
    return any(_suffix(path) in TAKEN_SUFFIXES for path in _local_files(mime))


def dropped_files(mime: QMimeData | None) -> DroppedFiles:
    """The exchange files and the motions among what was dropped, in the order dropped."""
    return sorted_files(_local_files(mime))


def sorted_files(paths: Iterable[Path]) -> DroppedFiles:
    """The exchange files and the motions among ``paths``, in their order."""
    from stellungnahme_app.motion import json_kind

    files = DroppedFiles()
    for path in paths:
        suffix = _suffix(path)
        if suffix in MOTION_DOCUMENT_SUFFIXES:
            files.motions.append(path)
        elif suffix == exchange.FILE_SUFFIX:
            is_paper = json_kind(path) == "paper"
            (files.motions if is_paper else files.exchange).append(path)
    return files
