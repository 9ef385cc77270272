"""A new Stellungnahme from a motion in the window: menu, overview, drops, bad input, stopping."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from fixtures.motions import corpus
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QPushButton

from stellungnahme_app.store import Store
from stellungnahme_app.ui.background import CANCEL_BUTTON_NAME, running_jobs
from stellungnahme_app.ui.main_window import MainWindow
from stellungnahme_app.ui.motion_import import MAIN_FILE_BOX_NAME, SCAN_BOX_NAME
from stellungnahme_app.ui.motion_import_dialog import MotionImportDialog, PasteMotionDialog

MOTIONS = Path(__file__).parents[1] / "fixtures" / "motions"
OpenWindow = Callable[[Store], MainWindow]
DropFiles = Callable[[MainWindow, list[Path]], QDropEvent]


def choose_in_file_dialog(qtbot: Any, window: MainWindow, path: Path) -> None:
    qtbot.waitUntil(lambda: window.findChild(QFileDialog, "dateiauswahl") is not None)
    dialog = window.findChild(QFileDialog, "dateiauswahl")
    assert dialog.isVisible()
    dialog.selectFile(str(path))
    dialog.accept()


def preview(qtbot: Any, window: MainWindow) -> MotionImportDialog:
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in window.findChildren(MotionImportDialog)), timeout=10_000
    )
    return next(d for d in window.findChildren(MotionImportDialog) if d.isVisible())


def message_box(qtbot: Any, window: MainWindow, name: str) -> QMessageBox:
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, name) is not None, timeout=10_000)
    return window.findChild(QMessageBox, name)


def click(box: QMessageBox, text: str) -> None:
    for button in box.buttons():
        if button.text().replace("&", "") == text:
            button.click()
            return
    raise AssertionError(f"Kein Knopf „{text}“: {[b.text() for b in box.buttons()]}")


def test_new_from_a_motion_through_the_overview(
    qtbot: Any, store: Store, open_main_window: OpenWindow
) -> None:
    window = open_main_window(store)
    assert window.action_new_from_motion in window.menuBar().actions()[0].menu().actions()
    assert window.action_new_from_motion.shortcut().toString() == "Ctrl+Shift+N"
    qtbot.mouseClick(window.overview.new_from_motion_button, Qt.MouseButton.LeftButton)
    choose_in_file_dialog(qtbot, window, MOTIONS / "antrag-schulwege.pdf")
    dialog = preview(qtbot, window)
    assert dialog.windowTitle() == "Antrag übernehmen – antrag-schulwege.pdf"
    assert store.list_drafts() == []  # nothing before OK
    dialog.title.setText("Sichere Schulwege")
    dialog.ok_button.click()
    assert window.is_editing()
    opened = window.editor_page.session
    assert opened is not None
    stored = store.load(opened.draft_id)
    assert (stored.draft.document_number, stored.draft.document_title) == (
        "0815/25",
        "Sichere Schulwege",
    )
    assert [(p.number, p.text) for p in stored.draft.resolution_points] == (
        corpus.SCHULWEGE.expected_points
    )
    assert [v.what_happened for v in store.versions(opened.draft_id)] == [
        "Antrag übernommen aus „antrag-schulwege.pdf“"
    ]
    assert window.statusBar().currentMessage() == (
        "Neue Stellungnahme aus „antrag-schulwege.pdf“ angelegt: 4 Beschlusspunkte übernommen."
    )
    assert window.editor is not None and window.editor.current_step() == 0


def test_cancelling_the_preview_creates_nothing(
    qtbot: Any, store: Store, open_main_window: OpenWindow
) -> None:
    window = open_main_window(store)
    window.action_new_from_motion.trigger()
    choose_in_file_dialog(qtbot, window, MOTIONS / "antrag-radverkehr.docx")
    preview(qtbot, window).reject()
    assert store.list_drafts() == []
    assert not window.is_editing()


def test_dropping_motions_and_an_exchange_file_at_once(
    qtbot: Any,
    store: Store,
    open_main_window: OpenWindow,
    drop_files: DropFiles,
    reference_json_path: Path,
) -> None:
    window = open_main_window(store)
    record = MOTIONS / corpus.OPARL_SCHULWEGE_FILE
    with qtbot.waitSignal(window.imported):
        accepted = drop_files(
            window, [reference_json_path, MOTIONS / "antrag-spielplaetze.docx", record]
        ).isAccepted()
    assert accepted
    assert [s.number for s in store.list_drafts()] == ["0661/24"]  # imported as today
    first = preview(qtbot, window)
    assert first.reading.name == "antrag-spielplaetze.docx"
    first.ok_button.click()
    second = preview(qtbot, window)  # the next one after the first is done
    assert second is not first and second.reading.name == corpus.OPARL_SCHULWEGE_FILE
    assert second.number.text() == "0815/25"
    second.ok_button.click()
    assert sorted(s.number for s in store.list_drafts()) == ["0444/25", "0661/24", "0815/25"]


def test_a_scan_offers_to_paste_the_text_instead(
    qtbot: Any, store: Store, open_main_window: OpenWindow, type_text: Any
) -> None:
    window = open_main_window(store)
    window.motion_import.read_files([MOTIONS / corpus.SCAN_FILE])
    box = message_box(qtbot, window, SCAN_BOX_NAME)
    assert box.text() == "„scan-ohne-text.pdf“ ist ein Scan: Die Seiten sind Bilder ohne Text."
    click(box, "Text einfügen …")
    qtbot.waitUntil(lambda: window.findChild(PasteMotionDialog) is not None)
    paste = window.findChild(PasteMotionDialog)
    type_text(paste.text, "Drucksache 0815/25\nDer Stadtrat möge beschließen:\n01 Eins.\n02 Zwei.")
    paste.ok_button.click()
    dialog = preview(qtbot, window)
    assert [dialog.point_list.item(i).text() for i in range(2)] == ["01 – Eins.", "02 – Zwei."]
    dialog.ok_button.click()
    assert [s.number for s in store.list_drafts()] == ["0815/25"]


def test_a_missing_oparl_main_file_can_be_chosen(
    qtbot: Any, store: Store, open_main_window: OpenWindow, tmp_path: Path
) -> None:
    record = shutil.copyfile(MOTIONS / corpus.OPARL_RADVERKEHR_FILE, tmp_path / "paper.json")
    window = open_main_window(store)
    window.motion_import.read_files([record])
    box = message_box(qtbot, window, MAIN_FILE_BOX_NAME)
    assert corpus.OPARL_RADVERKEHR_MAIN_FILE_NAME in box.informativeText()
    click(box, "Hauptdatei wählen …")
    choose_in_file_dialog(qtbot, window, MOTIONS / "antrag-radverkehr.docx")
    dialog = preview(qtbot, window)
    assert (dialog.number.text(), dialog.title.text()) == ("1023/25", corpus.RADVERKEHR.title)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        (corpus.ENCRYPTED_FILE, "ist mit einem Kennwort geschützt"),
        (corpus.NO_POINTS_FILE, "wurden keine Beschlusspunkte gefunden"),
    ],
)
def test_unreadable_motions_say_why_and_create_nothing(
    qtbot: Any,
    store: Store,
    open_main_window: OpenWindow,
    error_messages: Callable[[], list[str]],
    name: str,
    reason: str,
) -> None:
    window = open_main_window(store)
    window.motion_import.read_files([MOTIONS / name])
    qtbot.waitUntil(lambda: running_jobs() == 0)
    [message] = error_messages()
    assert message.startswith(f"Der Antrag „{name}“ konnte nicht gelesen werden.")
    assert reason in message
    assert store.list_drafts() == []


def test_a_very_long_pdf_keeps_the_window_usable_and_can_be_stopped(
    qtbot: Any, store: Store, open_main_window: OpenWindow, tmp_path: Path
) -> None:
    long = tmp_path / "lang.pdf"
    with (
        pdfium.PdfDocument(MOTIONS / "antrag-schulwege.pdf") as source,
        pdfium.PdfDocument.new() as copy,
    ):
        copy.import_pages(source, [index % 2 for index in range(3000)])  # ten times 300
        copy.save(str(long))
    window = open_main_window(store)
    window.motion_import.read_files([long])
    ticks: list[int] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    label = window.statusBar().findChild(QLabel, "hintergrund_text")
    qtbot.waitUntil(lambda: "lang.pdf“ wird gelesen … Seite " in label.text())
    assert label.text().endswith(" von 3000")
    button = window.statusBar().findChild(QPushButton, CANCEL_BUTTON_NAME)
    assert button is not None and button.isVisible()
    qtbot.waitUntil(lambda: len(ticks) >= 5)  # the event loop runs while the PDF is read
    assert running_jobs() == 1
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=10_000)
    timer.stop()
    assert window.findChildren(MotionImportDialog) == []
    assert store.list_drafts() == []
