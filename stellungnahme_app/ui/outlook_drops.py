"""Attachments dragged straight out of Outlook onto the window.

Outlook hands no file over, only a description and the content: ``FileGroupDescriptorW``
(the number of files, then one ``FILEDESCRIPTORW`` of 592 bytes each, the file's name in
UTF-16 at offset 72 and its size at offset 64) and ``FileContents``. Qt on Windows offers both
under ``application/x-qt-windows-mime;value="…"``; the content it can read is that of the
first file only, and none at all for a whole e-mail (a ``.msg``, handed over as a storage).

So one attachment of a kind the window takes (an exchange file, a motion: PDF, Word file or
OParl record) is written to a private folder in the data folder (:data:`INCOMING_FOLDER_NAME`)
under its own (harmless) name and taken as if that file had been dropped. The copy of an
exchange file is removed when its import is done; that of a motion, which its preview reads
while open, at the next start (as after a killed run). Anything else – several attachments
at once, a whole e-mail, another kind of file – gets a notice that says to save the
attachment first.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData

from stellungnahme_app import fileio, paths
from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.fileio import INCOMING_FOLDER_NAME
from stellungnahme_app.ui.error_reporting import show_error, show_notice
from stellungnahme_app.ui.file_drops import TAKEN_SUFFIXES, sorted_files

if TYPE_CHECKING:
    from stellungnahme_app.ui.main_window import MainWindow

__all__ = ["CONTENTS_FORMAT", "DESCRIPTOR_FORMAT", "INCOMING_FOLDER_NAME"]

DESCRIPTOR_FORMAT = 'application/x-qt-windows-mime;value="FileGroupDescriptorW"'
CONTENTS_FORMAT = 'application/x-qt-windows-mime;value="FileContents"'

_DESCRIPTOR_SIZE = 592
_SIZE_OFFSET = 64
_NAME_OFFSET = 72
_FD_FILESIZE = 0x40
_NOT_IN_NAMES = re.compile(r'[\x00-\x1f<>:"/\\|?*]')
_RESERVED_NAMES = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\.|$)", re.IGNORECASE)

SAVE_FIRST = "Anhänge aus Outlook bitte zuerst speichern."
HOW_TO_SAVE = (
    "Bitte speichern Sie den Anhang zuerst (in Outlook: Rechtsklick auf den Anhang › "
    "„Speichern unter …“) und ziehen Sie dann die gespeicherte Datei in dieses Fenster – "
    "oder wählen Sie „Importieren …“."
)


@dataclass(frozen=True)
class DescribedFile:
    """One attachment as Outlook describes it (``size`` when Outlook gives it)."""

    name: str
    size: int | None


def described_files(descriptor: bytes) -> list[DescribedFile]:
    """The files a ``FILEGROUPDESCRIPTORW`` describes; nothing for a broken one."""
    if len(descriptor) < 4:
        return []
    (count,) = struct.unpack_from("<I", descriptor, 0)
    if len(descriptor) < 4 + count * _DESCRIPTOR_SIZE:
        return []
    files = []
    for index in range(count):
        start = 4 + index * _DESCRIPTOR_SIZE
        (flags,) = struct.unpack_from("<I", descriptor, start)
        high, low = struct.unpack_from("<II", descriptor, start + _SIZE_OFFSET)
        raw = descriptor[start + _NAME_OFFSET : start + _DESCRIPTOR_SIZE]
        name = raw.decode("utf-16-le", errors="replace").split("\0", 1)[0]
        size = (high << 32 | low) if flags & _FD_FILESIZE else None
        files.append(DescribedFile(name, size))
    return files


def offered_attachments(mime: QMimeData | None) -> list[DescribedFile]:
    """The attachments dragged from Outlook (none for anything else)."""
    if mime is None or not mime.hasFormat(DESCRIPTOR_FORMAT):
        return []
    return described_files(bytes(mime.data(DESCRIPTOR_FORMAT).data()))


def holds_files(mime: QMimeData | None) -> bool:
    """Whether ``mime`` carries files – from the file manager or out of Outlook – which the
    window takes (or explains), and which a text field leaves to it instead of typing in
    their path or name."""
    if mime is None:
        return False
    return mime.hasFormat(DESCRIPTOR_FORMAT) or any(url.isLocalFile() for url in mime.urls())


def safe_file_name(name: str) -> str:
    """``name`` as a plain file name: no folder, no reserved or forbidden characters."""
    base = re.split(r"[\\/]", name)[-1]
    base = _NOT_IN_NAMES.sub("_", base).strip().rstrip(". ")
    stem, dot, suffix = base.rpartition(".")
    if dot and not stem.strip(" ._"):
        base = f"Anhang.{suffix.strip()}"
    elif not base.strip(" ._"):
        base = "Anhang"
    if _RESERVED_NAMES.match(base):
        base = "_" + base
    return base[:120]


def take_outlook_drop(
    window: MainWindow, mime: QMimeData, *, suffixes: Collection[str] = TAKEN_SUFFIXES
) -> None:
    """Take the one attachment dragged from Outlook like a dropped file, or say to save it
    first."""
    files = offered_attachments(mime)
    content = bytes(mime.data(CONTENTS_FORMAT).data()) if mime.hasFormat(CONTENTS_FORMAT) else b""
    problem = _why_not(files, content, suffixes)
    if problem is not None:
        show_notice(window, SAVE_FIRST, details=f"{problem} {HOW_TO_SAVE}")
        return
    try:
        saved = _save_attachment(files[0].name, content)
    except StellungnahmeError as error:
        show_error(window, error, action=f"„{files[0].name}“ konnte nicht übernommen werden.")
        return

    files_taken = sorted_files([saved])
    if files_taken.exchange:

        def imported(_ids: object) -> None:
            window.imported.disconnect(imported)
            shutil.rmtree(saved.parent, ignore_errors=True)

        window.imported.connect(imported)
        window.import_files(files_taken.exchange)
    window.motion_import.read_files(files_taken.motions)


def _why_not(files: list[DescribedFile], content: bytes, suffixes: Collection[str]) -> str | None:
    if not files:
        return "Outlook hat keine Datei übergeben."
    if len(files) > 1:
        return f"Es wurden {len(files)} Anhänge auf einmal gezogen."
    name = files[0].name
    if not any(name.casefold().endswith(suffix) for suffix in suffixes):
        kinds = ", ".join(suffixes)
        return f"„{name}“ ist keine Datei, die hier übernommen wird ({kinds})."
    if not content:
        return f"Der Inhalt von „{name}“ lässt sich nicht direkt aus Outlook lesen."
    return None


def _save_attachment(name: str, content: bytes) -> Path:
    """Write the attachment to a new private folder in the data folder; its path."""
    root = paths.data_dir() / INCOMING_FOLDER_NAME
    try:
        root.mkdir(exist_ok=True)
        folder = tempfile.mkdtemp(prefix=f"{fileio.TEMP_FOLDER_PREFIX}{os.getpid()}-", dir=root)
    except OSError as error:
        raise fileio.FileWriteError(fileio.describe_os_error(error, root / name)) from error
    target = Path(folder) / safe_file_name(name)
    fileio.atomic_write_bytes(target, content)
    return target
