"""Attachments dragged out of Outlook: no file on disk, only FileGroupDescriptorW and
FileContents – built here byte for byte as Outlook hands them to Qt on Windows."""

from __future__ import annotations

import struct
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from stellungnahme_app import fileio, paths
from stellungnahme_app.store import Store
from stellungnahme_app.ui.error_reporting import visible_notices
from stellungnahme_app.ui.main_window import MainWindow
from stellungnahme_app.ui.motion_import_dialog import MotionImportDialog
from stellungnahme_app.ui.outlook_drops import (
    CONTENTS_FORMAT,
    DESCRIPTOR_FORMAT,
    INCOMING_FOLDER_NAME,
    described_files,
    safe_file_name,
)

MOTIONS = Path(__file__).parents[1] / "fixtures" / "motions"
FD_FILESIZE = 0x40
FD_PROGRESSUI = 0x4000


def file_descriptor(name: str, size: int | None) -> bytes:
    """One FILEDESCRIPTORW (shlobj_core.h): 592 bytes, the name in UTF-16 at offset 72."""
    flags = FD_PROGRESSUI | (FD_FILESIZE if size is not None else 0)
    size = size or 0
    encoded = name.encode("utf-16-le")
    assert len(encoded) < 520
    return (
        struct.pack("<I", flags)
        + bytes(16)  # clsid
        + struct.pack("<ii", 0, 0)  # sizel
        + struct.pack("<ii", 0, 0)  # pointl
        + struct.pack("<I", 0x20)  # dwFileAttributes: FILE_ATTRIBUTE_ARCHIVE
        + bytes(24)  # creation, last access, last write time
        + struct.pack("<II", size >> 32, size & 0xFFFFFFFF)
        + encoded.ljust(520, b"\0")
    )


def file_group_descriptor(*files: tuple[str, int | None]) -> bytes:
    """FILEGROUPDESCRIPTORW: cItems, then one FILEDESCRIPTORW per attachment."""
    return struct.pack("<I", len(files)) + b"".join(file_descriptor(n, s) for n, s in files)


def outlook_mime(files: list[tuple[str, bytes | None]]) -> QMimeData:
    """What Qt makes of an attachment dragged from Outlook (no URL, no file on disk).

    ``None`` as content: Outlook hands the content as a stream Qt cannot read (a whole
    e-mail, .msg) – FileContents is then empty.
    """
    mime = QMimeData()
    mime.setData(
        DESCRIPTOR_FORMAT,
        file_group_descriptor(*[(n, len(c) if c is not None else None) for n, c in files]),
    )
    mime.setData(CONTENTS_FORMAT, files[0][1] or b"")  # Qt reads the first file's content
    mime.setData('application/x-qt-windows-mime;value="RenPrivateItem"', b"")
    return mime


def drop(window: MainWindow, mime: QMimeData) -> tuple[bool, bool]:
    """Drag ``mime`` over ``window`` and drop it: (drag accepted, drop accepted)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the QPoint constructor
        enter = QDragEnterEvent(
            QPoint(20, 20),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    QApplication.sendEvent(window, enter)
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)
    return enter.isAccepted(), event.isAccepted()


def test_the_descriptor_names_each_attachment_with_its_size() -> None:
    data = file_group_descriptor(("Stellungnahme 0661-24.json", 1234), ("Anlage ä.pdf", None))
    found = described_files(data)
    assert [(f.name, f.size) for f in found] == [
        ("Stellungnahme 0661-24.json", 1234),
        ("Anlage ä.pdf", None),
    ]


@pytest.mark.parametrize("data", [b"", b"\x05\x00\x00\x00", b"\xff" * 40])
def test_a_broken_descriptor_names_nothing(data: bytes) -> None:
    assert described_files(data) == []


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("Stellungnahme.json", "Stellungnahme.json"),
        (r"..\..\Autostart\boese.json", "boese.json"),
        ("a/b:c*?.json", "b_c__.json"),
        ("CON.json", "_CON.json"),
        ("   .json . ", "Anhang.json"),
        ("", "Anhang"),
    ],
)
def test_an_attachment_gets_a_harmless_file_name(name: str, safe: str) -> None:
    assert safe_file_name(name) == safe


def test_an_exchange_file_dragged_from_outlook_is_imported(
    qtbot: QtBot,
    store: Store,
    reference_json_path: Path,
    open_main_window: Callable[..., MainWindow],
) -> None:
    window = open_main_window(store)
    mime = outlook_mime([("Stellungnahme_0661-24.json", reference_json_path.read_bytes())])
    with qtbot.waitSignal(window.imported, timeout=10_000) as imported:
        assert drop(window, mime) == (True, True)
    assert len(imported.args[0]) == 1
    assert [row.number for row in store.list_drafts()] == ["0661/24"]
    incoming = paths.data_dir() / INCOMING_FOLDER_NAME
    assert not incoming.exists() or list(incoming.iterdir()) == [], "the saved copy is removed"


def test_a_motion_dragged_from_outlook_opens_its_preview(
    qtbot: QtBot, store: Store, open_main_window: Callable[..., MainWindow]
) -> None:
    """A council motion e-mailed as PDF: its preview opens as for a PDF dropped from disk."""
    window = open_main_window(store)
    pdf = (MOTIONS / "antrag-schulwege.pdf").read_bytes()
    assert drop(window, outlook_mime([("Antrag Schulwege.pdf", pdf)])) == (True, True)

    def shown() -> list[MotionImportDialog]:
        return [d for d in window.findChildren(MotionImportDialog) if d.isVisible()]

    qtbot.waitUntil(lambda: len(shown()) == 1, timeout=10_000)
    [dialog] = shown()
    assert dialog.windowTitle() == "Antrag übernehmen – Antrag Schulwege.pdf"
    dialog.ok_button.click()
    [row] = store.list_drafts()
    assert row.number == "0815/25"


def test_a_broken_attachment_is_reported_by_its_name(
    qtbot: QtBot,
    store: Store,
    open_main_window: Callable[..., MainWindow],
    error_messages: Callable[[], list[str]],
) -> None:
    window = open_main_window(store)
    mime = outlook_mime([("Beitrag Jugendamt.json", b"{kaputt")])
    with qtbot.waitSignal(window.imported, timeout=10_000):
        drop(window, mime)
    [message] = error_messages()
    assert "„Beitrag Jugendamt.json“ konnte nicht importiert werden" in message
    assert store.list_drafts() == []


@pytest.mark.parametrize(
    ("files", "named"),
    [
        ([("A.json", b"{}"), ("B.json", b"{}")], "2 Anhänge"),
        ([("Antrag der Fraktion.msg", None)], "„Antrag der Fraktion.msg“"),
        ([("Foto.jpg", b"\xff\xd8")], "„Foto.jpg“"),
        ([("Antrag.pdf", b"%PDF-1.7"), ("Anlage.docx", b"PK")], "2 Anhänge"),
    ],
)
def test_what_cannot_be_taken_from_outlook_is_explained(
    store: Store,
    open_main_window: Callable[..., MainWindow],
    files: list[tuple[str, bytes | None]],
    named: str,
) -> None:
    """Several attachments at once, a whole e-mail, another kind of file: save it first."""
    window = open_main_window(store)
    assert drop(window, outlook_mime(files)) == (True, True)
    [notice] = visible_notices()
    text = f"{notice.text()} {notice.informativeText()}"
    notice.close()
    assert "zuerst speichern" in text and named in text
    assert store.list_drafts() == []


def test_leftovers_of_a_killed_run_are_removed_at_the_next_start(tmp_path: Path) -> None:
    incoming = paths.data_dir() / INCOMING_FOLDER_NAME
    ended = 4_194_304 + 1  # above Linux' largest process ID: no such process
    left = incoming / f"{fileio.TEMP_FOLDER_PREFIX}{ended}-abc"
    left.mkdir(parents=True)
    (left / "Stellungnahme.json").write_bytes(b"{}")
    assert left in fileio.clean_up_after_killed_writes(temp_folder=tmp_path)
    assert not left.exists()
