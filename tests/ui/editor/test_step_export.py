"""Step 8 – Prüfen und exportieren: findings as links, the preview, the export buttons."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from stellungnahme_app import export
from stellungnahme_app.model import Draft
from stellungnahme_app.store import Status, Store, VersionReason
from stellungnahme_app.ui.editor import DraftEditor
from stellungnahme_app.ui.editor.step_export import FIELD_ROLE, ExportStep
from stellungnahme_app.ui.editor.step_pruefung import PruefungStep
from stellungnahme_app.ui.main_window import MainWindow


def _step(editor: DraftEditor) -> ExportStep:
    return editor.export_step


def _save_via_dialog(qtbot: Any, editor: DraftEditor, button: Any, target: Path) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = _step(editor).findChild(QFileDialog, "dateiauswahl")
    assert dialog is not None
    assert dialog.isVisible()
    dialog.selectFile(str(target))
    dialog.accept()


def test_unanswered_assessments_block_the_final_export(
    qtbot: Any, make_editor: Callable[..., DraftEditor], reference_draft: Draft
) -> None:
    reference_draft.assessments.legal = None
    reference_draft.assessments.financial = None
    editor = make_editor(reference_draft)
    editor.show_export_step()
    step = _step(editor)
    assert not step.final_docx.isEnabled()
    assert not step.final_pdf.isEnabled()
    assert step.draft_docx.isEnabled()
    assert step.blocked_reason.isVisible()
    assert "gesperrt, solange Fehler bestehen" in step.blocked_reason.text()
    assert step.summary.text().startswith("2 Fehler verhindern die endgültige Ausgabe")
    assert "gesperrt" in step.final_docx.toolTip()
    errors = [
        step.findings.item(i)
        for i in range(step.findings.count())
        if step.findings.item(i).text().startswith("Fehler:")
    ]
    assert [item.data(FIELD_ROLE) for item in errors] == [
        "assessments.legal",
        "assessments.financial",
    ]
    assert "(Schritt 2: Prüfung)" in errors[1].text()


def test_a_finding_jumps_to_its_radio_button(
    qtbot: Any, make_editor: Callable[..., DraftEditor], reference_draft: Draft
) -> None:
    reference_draft.assessments.financial = None
    editor = make_editor(reference_draft)
    editor.show_export_step()
    step = _step(editor)
    item = step.findings.item(0)
    assert item.data(FIELD_ROLE) == "assessments.financial"
    rect = step.findings.visualItemRect(item)
    qtbot.mouseClick(step.findings.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.current_step() == 1
    pruefung = editor.steps[1]
    assert isinstance(pruefung, PruefungStep)
    qtbot.waitUntil(pruefung.questions["financial"].yes.hasFocus)

    qtbot.mouseClick(pruefung.questions["financial"].no, Qt.MouseButton.LeftButton)
    editor.show_export_step()
    assert step.final_docx.isEnabled(), "answering removes the block"


def test_keyboard_enter_on_a_finding_jumps_too(
    qtbot: Any, make_editor: Callable[..., DraftEditor], reference_draft: Draft
) -> None:
    reference_draft.contributions[1].text = ""
    editor = make_editor(reference_draft)
    editor.show_export_step()
    step = _step(editor)
    step.findings.setFocus()
    rows = [step.findings.item(i).data(FIELD_ROLE) for i in range(step.findings.count())]
    step.findings.setCurrentRow(rows.index("contributions[1].text"))
    qtbot.keyClick(step.findings, Qt.Key.Key_Return)
    assert editor.current_step() == 3
    contribution = editor.steps[3].contributions.detail(1)  # type: ignore[attr-defined]
    qtbot.waitUntil(contribution.text.hasFocus)


def test_preview_reads_like_the_document(
    reference_editor: DraftEditor, reference_draft: Draft
) -> None:
    reference_editor.show_export_step()
    preview = _step(reference_editor).preview.toPlainText()
    paragraphs = [p for p in preview.split("\n") if p.strip()]
    expected = [line.replace("\t", "\u2003") for line in export.document_text(reference_draft)]
    assert [p.replace("\u2028", "\n") for p in paragraphs] == expected


def test_preview_follows_edits_after_a_pause(qtbot: Any, reference_editor: DraftEditor) -> None:
    reference_editor.show_export_step()
    reference_editor.draft().conclusion = "Ganz neues Fazit."
    reference_editor.steps[4].changed.emit()
    qtbot.waitUntil(lambda: "Ganz neues Fazit." in _step(reference_editor).preview.toPlainText())


def test_final_docx_export_writes_the_document(
    qtbot: Any,
    reference_editor: DraftEditor,
    reference_draft: Draft,
    read_docx: Callable[[Path], list[str]],
    tmp_path: Path,
) -> None:
    reference_editor.show_export_step()
    step = _step(reference_editor)
    target = tmp_path / "stellungnahme.docx"
    with qtbot.waitSignal(reference_editor.export_done, timeout=20_000) as signal:
        _save_via_dialog(qtbot, reference_editor, step.final_docx, target)
    assert signal.args == [target, False]
    assert target.is_file()
    assert read_docx(target) == read_docx(
        export.export_document(reference_draft, tmp_path / "referenz.docx")
    )
    assert step.open_button.isVisible()
    assert step.folder_button.isVisible()
    assert str(target) in step.result.text()


def test_draft_export_works_with_errors_and_is_marked(
    qtbot: Any, editor: DraftEditor, read_docx: Callable[[Path], list[str]], tmp_path: Path
) -> None:
    editor.show_export_step()
    step = _step(editor)
    target = tmp_path / "entwurf.docx"
    with qtbot.waitSignal(editor.export_done, timeout=20_000) as signal:
        _save_via_dialog(qtbot, editor, step.draft_docx, target)
    assert signal.args == [target, True]
    document = docx.Document(str(target))
    header_text = " ".join(
        p.text for section in document.sections for p in section.header.paragraphs
    )
    body_text = " ".join(read_docx(target))
    assert "ENTWURF" in header_text + body_text


def test_default_file_name_is_offered(qtbot: Any, reference_editor: DraftEditor) -> None:
    reference_editor.show_export_step()
    step = _step(reference_editor)
    qtbot.mouseClick(step.final_docx, Qt.MouseButton.LeftButton)
    dialog = step.findChild(QFileDialog, "dateiauswahl")
    assert dialog is not None
    assert dialog.selectedFiles()[0].endswith("Stellungnahme_0661-24.docx")
    dialog.reject()


def test_draft_file_name_is_offered(qtbot: Any, reference_editor: DraftEditor) -> None:
    reference_editor.show_export_step()
    step = _step(reference_editor)
    qtbot.mouseClick(step.draft_docx, Qt.MouseButton.LeftButton)
    dialog = step.findChild(QFileDialog, "dateiauswahl")
    assert dialog is not None
    assert dialog.selectedFiles()[0].endswith("Stellungnahme_0661-24_Entwurf.docx")
    dialog.reject()


def test_a_locked_target_gives_a_german_message(
    qtbot: Any,
    reference_editor: DraftEditor,
    tmp_path: Path,
    error_messages: Callable[[], list[str]],
) -> None:
    reference_editor.show_export_step()
    step = _step(reference_editor)
    target = tmp_path / "offen.docx"
    target.write_bytes(b"alt")
    (tmp_path / "~$offen.docx").write_bytes(b"lock")
    step.write(target, draft_mode=False)
    qtbot.waitUntil(lambda: bool(step.final_docx.isEnabled()) and not step._busy)
    messages = error_messages()
    assert len(messages) == 1
    assert messages[0].startswith("Das Dokument konnte nicht gespeichert werden.")
    assert "in Word oder LibreOffice geöffnet" in messages[0]
    assert target.read_bytes() == b"alt"


@pytest.mark.slow
@pytest.mark.office
def test_pdf_export_runs_in_the_background(
    qtbot: Any, reference_editor: DraftEditor, tmp_path: Path
) -> None:
    if export.find_soffice() is None:
        pytest.skip("LibreOffice ist nicht installiert")
    reference_editor.show_export_step()
    step = _step(reference_editor)
    target = tmp_path / "stellungnahme.pdf"
    with qtbot.waitSignal(reference_editor.export_done, timeout=120_000):
        _save_via_dialog(qtbot, reference_editor, step.final_pdf, target)
        assert not step.final_pdf.isEnabled(), "no second export while one runs"
    assert target.read_bytes().startswith(b"%PDF")


class _UrlRecorder(QObject):
    """Stands in for the desktop's file opener (Qt's own hook for URL schemes)."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toLocalFile())


def test_open_and_open_folder_after_export(
    qtbot: Any, reference_editor: DraftEditor, tmp_path: Path
) -> None:
    reference_editor.show_export_step()
    step = _step(reference_editor)
    target = tmp_path / "stellungnahme.docx"
    with qtbot.waitSignal(reference_editor.export_done, timeout=20_000):
        step.write(target, draft_mode=False)
    recorder = _UrlRecorder()
    QDesktopServices.setUrlHandler("file", recorder, "open")
    try:
        qtbot.mouseClick(step.open_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(step.folder_button, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert recorder.opened == [str(target), str(tmp_path)]


def test_an_export_finishing_after_another_draft_was_opened_is_not_reported(
    qtbot: Any, reference_editor: DraftEditor, tmp_path: Path, open_in_store: Any
) -> None:
    reference_editor.show_export_step()
    step = _step(reference_editor)
    target = tmp_path / "frueher.docx"
    with qtbot.assertNotEmitted(reference_editor.export_done, wait=100):
        step.write(target, draft_mode=True)
        reference_editor.set_draft(open_in_store(Draft(document_title="Anderer Entwurf")))
        qtbot.waitUntil(lambda: not step._busy, timeout=20_000)
    assert target.is_file()
    assert not step.open_button.isVisible()


def test_the_page_true_preview_follows_edits_where_libreoffice_is_there(
    qtbot: Any,
    make_editor: Callable[..., DraftEditor],
    reference_draft: Draft,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from stellungnahme_app.export import office_converter
    from stellungnahme_app.export.libreoffice import find_soffice

    soffice = find_soffice()
    if soffice is None or office_converter.office_python(soffice) is None:
        pytest.skip("LibreOffice mit eigenem Python (uno) ist nicht installiert")
    monkeypatch.delenv("STELLUNGNAHME_WARM_OFFICE")
    try:
        editor = make_editor(reference_draft)
        step = _step(editor)
        assert step.page_preview is not None and not step.preview.isVisibleTo(step)
        with qtbot.waitSignal(step.page_preview.pages_shown, timeout=90_000) as shown:
            editor.show_export_step()
        pages = shown.args[0]
        assert step.page_preview.page_label.text() == f"Seite 1 von {pages}"
        editor.draft().conclusion = "Ganz neues Fazit. " * 800
        editor.steps[4].changed.emit()
        with qtbot.waitSignal(step.page_preview.pages_shown, timeout=90_000) as longer:
            editor.show_export_step()
        assert longer.args[0] > pages
    finally:
        office_converter.stop_session()


def test_without_libreoffice_step_8_shows_the_flowing_preview(
    reference_editor: DraftEditor,
) -> None:
    step = _step(reference_editor)
    assert step.page_preview is None
    reference_editor.show_export_step()
    assert step.preview.isVisible()


def test_with_nothing_to_fix_the_step_says_so(
    make_editor: Callable[..., DraftEditor], reference_draft: Draft
) -> None:
    reference_draft.assessments.financial = True  # the published document's one Hinweis gone
    editor = make_editor(reference_draft)
    editor.show_export_step()
    step = _step(editor)
    assert step.summary.text().startswith("Keine Fehler, keine Hinweise")
    assert step.findings.isVisible()
    assert [step.findings.item(i).text() for i in range(step.findings.count())] == [
        "Keine Fehler, keine Hinweise."
    ]
    assert not step.findings.item(0).flags() & Qt.ItemFlag.ItemIsEnabled


def test_findings_are_listed_in_the_order_of_the_fields(
    make_editor: Callable[..., DraftEditor],
) -> None:
    editor = make_editor(Draft(city=""))
    editor.show_export_step()
    step = _step(editor)
    fields = [step.findings.item(i).data(FIELD_ROLE) for i in range(step.findings.count())]
    assert fields[:5] == ["document_number", "document_title", "department", "public", "city"]


def test_the_preview_starts_at_the_top_for_each_draft(
    qtbot: Any,
    reference_editor: DraftEditor,
    reference_draft: Draft,
    open_in_store: Callable[..., Any],
) -> None:
    reference_editor.show_export_step()
    scroll = _step(reference_editor).preview.verticalScrollBar()
    qtbot.waitUntil(lambda: scroll.maximum() > 0)
    scroll.setValue(scroll.maximum())
    reference_editor.set_draft(open_in_store(reference_draft.copy()))
    reference_editor.show_export_step()
    assert scroll.value() == 0


def test_with_nothing_to_fix_the_cursor_goes_to_the_final_export(
    qtbot: Any, make_editor: Callable[..., DraftEditor], reference_draft: Draft
) -> None:
    reference_draft.assessments.financial = True
    editor = make_editor(reference_draft)
    editor.show_export_step()
    qtbot.waitUntil(_step(editor).final_docx.hasFocus)


def test_after_the_final_export_the_status_zur_unterschrift_is_offered(
    qtbot: Any, store: Store, reference_id: int, reference_window: MainWindow, tmp_path: Path
) -> None:
    editor = reference_window.editor
    assert editor is not None
    reference_window.show_export_step()
    step = _step(editor)
    assert not step.status_offer.isVisible()
    with qtbot.waitSignal(editor.export_done, timeout=20_000):
        step.write(tmp_path / "entwurf.docx", draft_mode=True)
    assert not step.status_offer.isVisible(), "not after a draft"
    with qtbot.waitSignal(editor.export_done, timeout=20_000):
        step.write(tmp_path / "stellungnahme.docx", draft_mode=False)
    assert step.status_offer.isVisible()
    assert "Zur Unterschrift" in step.status_button.text().replace("&", "")
    qtbot.mouseClick(step.status_button, Qt.MouseButton.LeftButton)
    assert editor.open_draft().status is Status.FOR_SIGNATURE
    assert not step.status_offer.isVisible()
    assert reference_window.session is not None
    reference_window.session.save_now()
    assert store.load(reference_id).status is Status.FOR_SIGNATURE
    assert VersionReason.STATUS in [v.reason for v in store.versions(reference_id)]
    editor.set_current_step(0)
    assert editor.steps[0].status.currentText() == "Zur Unterschrift"  # type: ignore[attr-defined]
    with qtbot.waitSignal(editor.export_done, timeout=20_000):
        step.write(tmp_path / "nochmal.docx", draft_mode=False)
    assert not step.status_offer.isVisible(), "the status is set already"
