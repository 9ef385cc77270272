"""Version history of the open draft: list, preview, restore (the state before is kept)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextBlock
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from stellungnahme_app import export, form
from stellungnahme_app.model import Draft
from stellungnahme_app.store import ExportKind, Store, VersionReason
from stellungnahme_app.ui.document_preview import DocumentPreview
from stellungnahme_app.ui.history_dialog import HistoryDialog
from stellungnahme_app.ui.main_window import MainWindow

OpenWindow = Callable[[Store], MainWindow]
EditField = Callable[[MainWindow, str, str], QWidget]


@pytest.fixture(autouse=True)
def windows_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOGNAME", "mmueller")


def _shown_history() -> HistoryDialog:
    [dialog] = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, HistoryDialog) and w.isVisible()
    ]
    return dialog


def test_history_lists_previews_and_restores_a_version(
    qtbot: QtBot,
    store: Store,
    reference_draft: Draft,
    reference_id: int,
    reference_window: MainWindow,
    edit_field: EditField,
) -> None:
    draft_id, window = reference_id, reference_window
    store.keep_version(draft_id, VersionReason.EXPORT, detail=ExportKind.WORD.value)
    edit_field(window, "document_title", "Zweite Fassung")
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_H, ctrl_shift)
    dialog = _shown_history()
    assert dialog.version_list.count() == 1, "die nächste Bearbeitungsversion erst nach 10 min"
    assert (
        dialog.version_list.item(0)
        .text()
        .endswith(" · Als Word-Dokument ausgegeben\nVersion 1 · mmueller")
    )
    assert dialog.version_list.currentRow() == 0
    preview = dialog.preview.toPlainText()
    assert "Stellungnahme der Stadtverwaltung Erfurt zur Drucksache 0661/24" in preview
    assert reference_draft.document_title in preview
    assert "Zweite Fassung" not in preview

    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    confirm = dialog.confirmation
    assert isinstance(confirm, QMessageBox)
    assert confirm.text().startswith("Die Fassung vom ")
    assert "(Version 1)" in confirm.text()
    confirm.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())

    assert window.editor is not None
    assert window.editor.draft().document_title == reference_draft.document_title
    assert store.load(draft_id).draft.document_title == reference_draft.document_title
    reasons = [v.reason for v in store.versions(draft_id)]
    assert reasons[0] is VersionReason.RESTORE
    kept = store.load_version(store.versions(draft_id)[0].id)
    assert kept.document_title == "Zweite Fassung", "der Stand davor bleibt als Version"
    edit_field(window, "document_title", "Nach der Wiederherstellung")
    window.save_now()
    assert store.load(draft_id).draft.document_title == "Nach der Wiederherstellung"


def test_the_preview_reads_like_the_document_as_the_editor_shows_it(
    qtbot: QtBot,
    store: Store,
    reference_draft: Draft,
    reference_id: int,
    reference_window: MainWindow,
) -> None:
    window = reference_window
    store.keep_version(reference_id, VersionReason.EXPORT)
    assert window.editor is not None
    window.editor.show_export_step()
    editor_preview = window.editor.export_step.preview
    window.show_history()
    dialog = _shown_history()
    assert isinstance(dialog.preview, DocumentPreview)
    assert isinstance(editor_preview, DocumentPreview), "dasselbe Vorschaufeld wie Schritt 8"
    assert dialog.preview.toHtml() == editor_preview.toHtml()

    paragraphs = [p for p in dialog.preview.toPlainText().split("\n") if p.strip()]
    expected = [line.replace("\t", "\u2003") for line in export.document_text(reference_draft)]
    assert [p.replace("\u2028", "\n") for p in paragraphs] == expected
    title = _block_starting(dialog.preview, "Stellungnahme der Stadtverwaltung Erfurt")
    assert title.blockFormat().headingLevel() == 2
    label = _block_starting(dialog.preview, form.LABEL_DOCUMENT_TITLE)
    assert label.charFormat().font().bold() or label.begin().fragment().charFormat().font().bold()
    assert "{" not in dialog.preview.toPlainText(), "kein JSON"
    dialog.close()


def _block_starting(preview: DocumentPreview, text: str) -> QTextBlock:
    block = preview.document().begin()
    while block.isValid():
        if block.text().startswith(text):
            return block
        block = block.next()
    raise AssertionError(f"Kein Absatz beginnt mit {text!r}")


def test_cancel_keeps_the_current_state(
    qtbot: QtBot, store: Store, reference_id: int, reference_window: MainWindow
) -> None:
    draft_id, window = reference_id, reference_window
    store.keep_version(draft_id, VersionReason.EDIT)
    window.show_history()
    dialog = _shown_history()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    dialog.confirmation.button(QMessageBox.StandardButton.Cancel).click()
    assert dialog.isVisible()
    assert [v.reason for v in store.versions(draft_id)] == [VersionReason.EDIT]
    dialog.close()


def test_a_draft_without_versions_says_so(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow
) -> None:
    draft_id = store.create(Draft(document_number="0100/25")).id
    window = open_main_window(store)
    dialog = HistoryDialog(window.workspace, draft_id, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.version_list.count() == 0
    assert dialog.empty_label.isVisible()
    assert not dialog.restore_button.isEnabled()


def test_the_pages_of_a_version_are_drawn_in_their_tab_where_libreoffice_is_there(
    qtbot: QtBot,
    store: Store,
    reference_id: int,
    reference_window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from stellungnahme_app.export import office_converter
    from stellungnahme_app.export.libreoffice import find_soffice

    soffice = find_soffice()
    if soffice is None or office_converter.office_python(soffice) is None:
        pytest.skip("LibreOffice mit eigenem Python (uno) ist nicht installiert")
    monkeypatch.delenv("STELLUNGNAHME_WARM_OFFICE")
    try:
        store.keep_version(reference_id, VersionReason.EXPORT, detail=ExportKind.WORD.value)
        ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        qtbot.keyClick(reference_window, Qt.Key.Key_H, ctrl_shift)
        dialog = _shown_history()
        pages = dialog.page_preview
        assert pages is not None
        assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())][-1] == "&Seiten"
        with qtbot.waitSignal(pages.pages_shown, timeout=90_000) as shown:
            dialog.tabs.setCurrentWidget(pages)
        assert pages.page_label.text() == f"Seite 1 von {shown.args[0]}"
        dialog.close()
    finally:
        office_converter.stop_session()
