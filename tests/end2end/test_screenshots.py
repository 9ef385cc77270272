"""Pictures of every page, step and dialog, to look at as a clerk would.

Set ``STELLUNGNAHME_SCREENSHOTS`` to a folder to keep them; each test also checks the
picture is not empty. The README's ``docs/screenshot.png`` is ``hauptfenster-editor.png``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from stellungnahme_app.errors import StoreError
from stellungnahme_app.model import Draft
from stellungnahme_app.store import ExportKind, Status, Store, VersionReason
from stellungnahme_app.ui.backup_dialog import BackupDialog
from stellungnahme_app.ui.error_reporting import show_error, visible_error_boxes
from stellungnahme_app.ui.main_window import MainWindow

OpenWindow = Callable[[Store], MainWindow]
Screenshot = Callable[[QWidget, str], Path]


def _check(picture: Path) -> None:
    image = QImage(str(picture))
    assert not image.isNull()
    assert image.width() > 300 and image.height() > 80


def _fill_store(store: Store, reference_draft: Draft) -> int:
    store.create(
        Draft(document_number="0712/24", document_title="Sanierung der Grundschule Am Anger"),
        status=Status.FOR_SIGNATURE,
        deadline=dt.date.today() + dt.timedelta(days=9),
    )
    store.create(
        Draft(document_number="0588/24", document_title="Radverkehrskonzept Innenstadt"),
        status=Status.DONE,
    )
    return store.create(reference_draft, status=Status.IN_REVIEW, deadline=dt.date(2024, 5, 3)).id


def test_main_window_pages_and_steps(
    qtbot: QtBot,
    tmp_path: Path,
    store: Store,
    reference_draft: Draft,
    open_main_window: OpenWindow,
    save_screenshot: Screenshot,
) -> None:
    draft_id = _fill_store(store, reference_draft)
    window = open_main_window(store)
    window.resize(1180, 780)
    window.overview.refresh()
    _check(save_screenshot(window, "hauptfenster-uebersicht"))
    window.overview.search_field.setText("Segregation")
    window.overview.refresh()
    _check(save_screenshot(window, "hauptfenster-suche"))
    window.overview.search_field.clear()
    window.open_draft(draft_id)
    assert window.editor is not None
    for step in range(8):
        window.editor.set_current_step(step)
        QApplication.processEvents()
        _check(save_screenshot(window, f"schritt-{step + 1}"))
    window.editor.set_current_step(7)
    _check(save_screenshot(window, "hauptfenster-editor"))
    with qtbot.waitSignal(window.editor.export_done, timeout=20_000):
        window.editor.export_step.write(tmp_path / "stellungnahme.docx", draft_mode=False)
    _check(save_screenshot(window, "schritt-8-nach-der-ausgabe"))  # offers "Zur Unterschrift"
    window.show_overview()
    window.delete_draft(draft_id)
    _check(save_screenshot(window, "hauptfenster-geloescht"))
    window.new_draft()
    _check(save_screenshot(window, "neue-stellungnahme"))


def test_dialogs(
    qtbot: QtBot,
    store: Store,
    reference_draft: Draft,
    open_main_window: OpenWindow,
    shell_dialogs: Callable[[MainWindow, int], dict[str, QWidget]],
    save_screenshot: Screenshot,
    error_messages: Callable[[], list[str]],
) -> None:
    draft_id = _fill_store(store, reference_draft)
    kept = store.keep_version(draft_id, VersionReason.EXPORT, detail=ExportKind.WORD.value)
    store.name_version(kept.id, "Fassung für den Dezernenten")
    old = Draft(
        document_number="0100/25",
        document_title="Kostenfreies Mittagessen an allen Grundschulen der Stadt",
        department="Dezernat für Soziales, Bildung, Jugend und Gesundheit",
    )
    store.delete(store.create(old).id)
    store.backup()
    window = open_main_window(store)
    opened = window.workspace.open_draft(draft_id)  # what the Dezernat's office rewrote since
    point = opened.draft.resolution_points[0]
    point.text = point.text.replace("dritten", "vierten")
    opened.draft.attachments = [*opened.draft.attachments, "Lageplan"]
    window.workspace.save(opened)
    for name, dialog in shell_dialogs(window, draft_id).items():
        dialog.show()
        QApplication.processEvents()
        _check(save_screenshot(dialog, f"dialog-{name}"))
        if isinstance(dialog, BackupDialog):
            dialog.ask_to_restore()
            assert dialog.confirmation is not None
            QApplication.processEvents()
            _check(save_screenshot(dialog.confirmation, "dialog-sicherung-wiederherstellen"))
            dialog.confirmation.reject()
        dialog.close()
    show_error(
        window, StoreError("Die Entwurfsdatenbank ist gesperrt. Bitte später erneut versuchen.")
    )
    [box] = visible_error_boxes()
    _check(save_screenshot(box, "dialog-fehler"))
    error_messages()
    show_error(window, RuntimeError("intern"))
    [box] = visible_error_boxes()
    _check(save_screenshot(box, "dialog-unerwarteter-fehler"))
    error_messages()


def test_motion_import(
    qtbot: QtBot,
    store: Store,
    reference_draft: Draft,
    open_main_window: OpenWindow,
    save_screenshot: Screenshot,
) -> None:
    """The preview of a motion (PDF with its page, Word with its text, into an open draft),
    the question for a scan and the paste dialog, and the overview with its new button."""
    from fixtures.motions import corpus

    from stellungnahme_app.motion import read_motion
    from stellungnahme_app.ui.motion_import_dialog import MotionImportDialog, PasteMotionDialog

    motions = Path(__file__).parents[1] / "fixtures" / "motions"
    window = open_main_window(store)
    window.resize(900, 640)  # the overview's buttons wrap in a narrow window
    _check(save_screenshot(window, "hauptfenster-uebersicht-schmal"))
    for name, file, draft in (
        ("antrag-pdf", "antrag-schulwege.pdf", None),
        ("antrag-word", "antrag-radverkehr.docx", None),
        ("antrag-in-entwurf", "antrag-schulwege.pdf", reference_draft),
        ("antrag-oparl", corpus.OPARL_SCHULWEGE_FILE, None),
    ):
        dialog = MotionImportDialog(read_motion(motions / file), window, draft=draft)
        qtbot.addWidget(dialog)
        dialog.resize(1200, 760)  # as on a desk's screen (the test screen is smaller)
        dialog.show()
        if name == "antrag-pdf":
            dialog.point_list.setCurrentRow(1)
        QApplication.processEvents()
        _check(save_screenshot(dialog, f"dialog-{name}"))
        dialog.close()
    paste = PasteMotionDialog(corpus.SCAN_FILE, window)
    qtbot.addWidget(paste)
    paste.show()
    _check(save_screenshot(paste, "dialog-antragstext-einfuegen"))
    paste.close()
