"""Reading a motion (Antrag, Drucksache) in: from its PDF, its Word file or its OParl record.

Qt-free. :func:`read_motion` gives a :class:`MotionReading` – number, title and the
resolution points verbatim, each with where it stood (page, text) – or a German
:class:`MotionError` saying why the file cannot be read (a scan without text, a password,
damage, no resolution points). Nothing here stores anything: the application layer
(:mod:`stellungnahme_app.workspace.motion_import`) makes drafts of what was read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from stellungnahme_app.motion.errors import (
    DamagedFile,
    EncryptedPdf,
    MainFileMissing,
    MotionError,
    NoResolutionPoints,
    NotAPaper,
    NoTextLayer,
    UnknownFileType,
)
from stellungnahme_app.motion.motion_reading import (
    MotionReading,
    Origin,
    PageBox,
    ReadPoint,
    SourceKind,
)
from stellungnahme_app.motion.oparl import json_kind
from stellungnahme_app.motion.readers import (
    MOTION_SUFFIXES,
    file_kind,
    read_motion,
    read_motion_text,
)

if TYPE_CHECKING:
    from stellungnahme_app.motion.pdf_reader import PageImage


def render_page(path: Path, page_number: int, width: int) -> PageImage:
    """Page ``page_number`` (from 1) of the PDF at ``path``, ``width`` pixels wide (RGB)."""
    from stellungnahme_app.motion.pdf_reader import render_page as render

    return render(path, page_number, width)


__all__ = [
    "MOTION_SUFFIXES",
    "DamagedFile",
    "EncryptedPdf",
    "MainFileMissing",
    "MotionError",
    "MotionReading",
    "NoResolutionPoints",
    "NoTextLayer",
    "NotAPaper",
    "Origin",
    "PageBox",
    "ReadPoint",
    "SourceKind",
    "UnknownFileType",
    "file_kind",
    "json_kind",
    "read_motion",
    "read_motion_text",
    "render_page",
]
