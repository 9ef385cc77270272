"""Reading a motion (Antrag, Drucksache) in: from its PDF, its Word file or its OParl record.

Qt-free. :func:`read_motion` gives a :class:`MotionReading` – number, title and the
resolution points verbatim, each with where it stood (page, text) – or a German
:class:`MotionError` saying why the file cannot be read (a scan without text, a password,
damage, no resolution points). Nothing here stores anything: the application layer
(:mod:`stellungnahme_app.workspace.motion_import`) makes drafts of what was read.
"""

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
]
