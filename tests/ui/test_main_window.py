"""The shell end to end: start-up, autosave, reopening, trash with undo, search, import, export."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.qt_fixtures import send_text
from PySide6.QtCore import QEvent, Qt, QThreadPool
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from stellungnahme_app import exchange, paths
from stellungnahme_app.model import Draft
from stellungnahme_app.settings import Settings
from stellungnahme_app.store import DraftNotFound, Status, Store
from stellungnahme_app.ui.error_reporting import visible_notices
from stellungnahme_app.ui.main_window import MainWindow
from stellungnahme_app.ui.window_state import window_settings

SAVE_TIMEOUT_MS = 1000
OpenWindow = Callable[[Store], MainWindow]
StartWindow = Callable[[], MainWindow]
EditField = Callable[[MainWindow, str, str], QWidget]


def table_numbers(window: MainWindow) -> list[str]:
    return [row.number for row in window.overview.model.rows()]


def test_start_on_an_empty_database_adds_the_example(start_window: StartWindow) -> None:
    window = start_window()
    assert table_numbers(window) == ["0661/24"]
    assert window.windowTitle() == "Übersicht – Stellungnahme"
    assert window.overview.selected_id() is not None
    window.close()
    window.workspace.close()
    again = start_window()
    assert table_numbers(again) == ["0661/24"], "das Beispiel nur beim ersten Start"


def test_an_edit_is_saved_within_a_second(
    qtbot: QtBot,
    store: Store,
    reference_id: int,
    reference_window: MainWindow,
    edit_field: EditField,
) -> None:
    window = reference_window
    edit_field(window, "document_title", "Neuer Titel")
    qtbot.waitUntil(
        lambda: store.load(reference_id).draft.document_title == "Neuer Titel",
        timeout=SAVE_TIMEOUT_MS,
    )
    assert window.save_label.text().startswith("Gespeichert ")
    assert window.windowTitle() == "0661/24 – Neuer Titel – Stellungnahme"


def test_ctrl_s_saves_at_once(
    qtbot: QtBot,
    store: Store,
    reference_id: int,
    reference_window: MainWindow,
    edit_field: EditField,
) -> None:
    field = edit_field(reference_window, "document_title", "Sofort")
    qtbot.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert store.load(reference_id).draft.document_title == "Sofort"


def test_a_draft_survives_closing_and_reopening_the_window(
    qtbot: QtBot, reference_draft: Draft, open_main_window: OpenWindow, edit_field: EditField
) -> None:
    first_store = Store.open()
    draft_id = first_store.create(reference_draft).id
    window = open_main_window(first_store)
    window.open_draft(draft_id)
    window.resize(700, 500)
    window.move(40, 30)
    edit_field(window, "document_title", "Bleibt erhalten")
    # Closed before the autosave timer fires: closing itself must save.
    window.close()
    first_store.close()

    second_store = Store.open()
    try:
        reopened = open_main_window(second_store)
        last = reopened.restore_window_state()
        assert last == draft_id
        reopened.reopen_last_draft(last)
        assert reopened.is_editing()
        assert reopened.editor is not None
        assert reopened.editor.draft().document_title == "Bleibt erhalten"
        assert (reopened.width(), reopened.height()) == (700, 500)
        reopened.close()
    finally:
        second_store.close()


def test_closing_on_the_overview_forgets_the_last_draft(
    qtbot: QtBot, reference_window: MainWindow
) -> None:
    window = reference_window
    window.show_overview()
    window.close()
    assert window_settings().value("entwurf/zuletzt") is None
    assert (paths.data_dir() / "fenster.ini").is_file()


def test_delete_moves_to_the_trash_and_undo_brings_it_back(
    qtbot: QtBot, store: Store, reference_draft: Draft, open_main_window: OpenWindow
) -> None:
    draft_id = store.create(reference_draft).id
    window = open_main_window(store)
    window.overview.select_draft(draft_id)
    window.overview.table.setFocus()
    qtbot.keyClick(window.overview.table, Qt.Key.Key_Delete)
    assert table_numbers(window) == []
    assert [row.id for row in store.list_drafts(trash=True)] == [draft_id]
    assert window.undo_label.text() == (
        "„0661/24 – Arbeitskreis Segregation“ liegt im Papierkorb. Strg+Z in der Liste holt ihn "
        "zurück."
    )
    assert window.undo_delete_button.isVisible()
    qtbot.mouseClick(window.undo_delete_button, Qt.MouseButton.LeftButton)
    assert table_numbers(window) == ["0661/24"]
    assert store.list_drafts(trash=True) == []
    assert not window.undo_delete_button.isVisible()
    assert window.undo_label.text() == (
        "„0661/24 – Arbeitskreis Segregation“ ist wiederhergestellt. Strg+Y löscht ihn wieder."
    )


def test_delete_of_the_open_draft_saves_it_first(
    qtbot: QtBot,
    store: Store,
    reference_id: int,
    reference_window: MainWindow,
    edit_field: EditField,
) -> None:
    draft_id, window = reference_id, reference_window
    edit_field(window, "document_title", "Vor dem Loeschen")
    window.show_overview()
    window.delete_draft(draft_id)
    assert window.session is None
    assert store.load(draft_id).draft.document_title == "Vor dem Loeschen"
    assert store.load(draft_id).deleted is not None


def test_search_filters_as_you_type(
    qtbot: QtBot, store: Store, reference_draft: Draft, open_main_window: OpenWindow
) -> None:
    store.create(reference_draft)
    other = Draft(document_number="0100/25", document_title="Radwege am Anger")
    store.create(other)
    window = open_main_window(store)
    assert sorted(table_numbers(window)) == ["0100/25", "0661/24"]
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.focusWidget() is window.overview.search_field
    qtbot.keyClicks(window.overview.search_field, "Radweg")
    qtbot.waitUntil(lambda: table_numbers(window) == ["0100/25"], timeout=2000)
    assert not window.overview.table.isColumnHidden(window.overview.model.column_index("snippet"))
    window.overview.search_field.clear()
    qtbot.waitUntil(lambda: len(table_numbers(window)) == 2, timeout=2000)
    qtbot.keyClicks(window.overview.search_field, "kein solches Wort")
    qtbot.waitUntil(lambda: table_numbers(window) == [], timeout=2000)
    assert window.overview.empty_label.isVisible()
    assert "kein solches Wort" in window.overview.empty_label.text()


def test_status_filter_and_overdue_deadline(
    qtbot: QtBot, store: Store, reference_draft: Draft, open_main_window: OpenWindow
) -> None:

    store.create(reference_draft, status=Status.IN_REVIEW, deadline=dt.date(2020, 1, 31))
    store.create(Draft(document_number="0100/25"))
    window = open_main_window(store)
    model = window.overview.model
    overdue_row = next(i for i, r in enumerate(model.rows()) if r.number == "0661/24")
    deadline = model.index(overdue_row, model.column_index("deadline"))
    assert deadline.data() == "31.01.2020 – überfällig"
    assert deadline.data(Qt.ItemDataRole.FontRole).bold()
    combo = window.overview.status_filter
    combo.setCurrentIndex(combo.findText("In Abstimmung"))
    assert table_numbers(window) == ["0661/24"]
    combo.setCurrentIndex(combo.findText("Abgeschlossen"))
    assert table_numbers(window) == []
    assert "Abgeschlossen" in window.overview.empty_label.text()


def test_new_and_duplicate(
    qtbot: QtBot,
    store: Store,
    app_settings: Settings,
    open_main_window: OpenWindow,
    edit_field: EditField,
) -> None:
    window = open_main_window(store)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.is_editing()
    assert window.session is not None
    new_id = window.session.draft_id
    assert store.load(new_id).draft.city == app_settings.city
    edit_field(window, "document_number", "0100/25")
    window.show_overview()
    window.duplicate_draft(new_id)
    assert len(store.list_drafts()) == 2


def _new_by_ctrl_n(qtbot: QtBot, window: MainWindow) -> int:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.is_editing()
    assert window.session is not None
    return window.session.draft_id


def test_an_untouched_new_draft_vanishes_when_going_back_to_the_overview(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow
) -> None:
    window = open_main_window(store)
    new_id = _new_by_ctrl_n(qtbot, window)
    assert window.editor is not None
    assert window.editor.draft().signature.date == dt.date.today(), "vom Programm vorbelegt"
    for _step in range(7):  # looking at every step is not entering anything
        qtbot.keyClick(window.editor, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.editor.current_step() == 7
    qtbot.mouseClick(window.editor_page.back_button, Qt.MouseButton.LeftButton)
    assert not window.is_editing()
    assert table_numbers(window) == []
    assert store.list_drafts() == [] and store.list_drafts(trash=True) == [], "für immer fort"
    with pytest.raises(DraftNotFound):
        store.load(new_id)


def test_an_untouched_new_draft_vanishes_when_another_is_opened_or_created(
    qtbot: QtBot, store: Store, reference_draft: Draft, open_main_window: OpenWindow
) -> None:
    other = store.create(reference_draft).id
    window = open_main_window(store)
    first_new = _new_by_ctrl_n(qtbot, window)
    second_new = _new_by_ctrl_n(qtbot, window)
    assert second_new != first_new
    assert [row.id for row in store.list_drafts()] == [second_new, other]
    assert window.open_draft(other)
    assert [row.id for row in store.list_drafts()] == [other]


def test_an_untouched_new_draft_vanishes_when_the_window_closes(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow
) -> None:
    window = open_main_window(store)
    _new_by_ctrl_n(qtbot, window)
    window.close()
    assert store.list_drafts() == []
    assert window_settings().value("entwurf/zuletzt") is None, "nicht als letzter gemerkt"


def test_anything_typed_keeps_a_new_draft(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow, edit_field: EditField
) -> None:
    window = open_main_window(store)
    typed_then_erased = _new_by_ctrl_n(qtbot, window)
    field = edit_field(window, "conclusion", "x")
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    window.show_overview()
    assert [row.id for row in store.list_drafts()] == [typed_then_erased]

    qtbot.mouseClick(window.overview.new_button, Qt.MouseButton.LeftButton)
    assert window.session is not None
    with_title = window.session.draft_id
    edit_field(window, "document_title", "Radwege")
    window.close()
    assert store.load(with_title).draft.document_title == "Radwege"
    assert {row.id for row in store.list_drafts()} == {typed_then_erased, with_title}


def test_a_new_draft_with_a_status_chosen_is_kept(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow
) -> None:
    window = open_main_window(store)
    new_id = _new_by_ctrl_n(qtbot, window)
    assert window.editor is not None
    window.editor.jump_to("status")
    status = window.focusWidget()
    assert status is not None
    qtbot.keyClick(status, Qt.Key.Key_Down)
    window.show_overview()
    assert store.load(new_id).status is list(Status)[1]


def test_new_settings_keep_an_untouched_new_draft_open_and_still_unused(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow
) -> None:
    window = open_main_window(store)
    new_id = _new_by_ctrl_n(qtbot, window)
    window.reload_settings()
    qtbot.waitUntil(window.is_editing, timeout=5000)  # after the Textbausteine are read again
    assert window.session is not None and window.session.draft_id == new_id
    window.show_overview()
    assert store.list_drafts() == []


def test_an_existing_draft_left_untouched_stays(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow
) -> None:
    empty = store.create(Draft()).id
    window = open_main_window(store)
    window.open_draft(empty)
    window.show_overview()
    window.close()
    assert [row.id for row in store.list_drafts()] == [empty]


def test_import_by_file_dialog(
    qtbot: QtBot,
    store: Store,
    reference_json_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    open_main_window: OpenWindow,
) -> None:
    window = open_main_window(store)
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        lambda *args, **kwargs: ([str(reference_json_path)], ""),
    )
    with qtbot.waitSignal(window.imported) as imported:
        qtbot.mouseClick(window.overview.import_button, Qt.MouseButton.LeftButton)
    assert len(imported.args[0]) == 1
    assert table_numbers(window) == ["0661/24"]
    imported = store.list_drafts()[0].id
    assert window.overview.selected_id() == imported
    assert [v.reason.label for v in store.versions(imported)] == ["Import"]
    assert store.load(imported).draft == exchange.read_file(reference_json_path)


def test_import_of_a_broken_file_says_what_is_wrong(
    qtbot: QtBot,
    store: Store,
    tmp_path: Path,
    error_messages: Callable[[], list[str]],
    open_main_window: OpenWindow,
) -> None:
    broken = tmp_path / "kaputt.json"
    broken.write_text('{"format": "stellungnahme/1", "city": 3}', encoding="utf-8")
    window = open_main_window(store)
    with qtbot.waitSignal(window.imported) as imported:
        window.import_files([broken])
    assert imported.args == [[]]
    [message] = error_messages()
    assert message.startswith("„kaputt.json“ konnte nicht importiert werden.")
    assert "„city“ muss ein Text sein" in message
    assert store.list_drafts() == []


def test_import_by_drag_and_drop(
    qtbot: QtBot,
    store: Store,
    reference_json_path: Path,
    tmp_path: Path,
    open_main_window: OpenWindow,
    drop_files: Callable[[MainWindow, list[Path]], QDropEvent],
) -> None:
    window = open_main_window(store)
    not_json = tmp_path / "brief.txt"
    not_json.write_text("Hallo", encoding="utf-8")
    assert not drop_files(window, [not_json]).isAccepted()
    with qtbot.waitSignal(window.imported):
        assert drop_files(window, [reference_json_path]).isAccepted()
    assert table_numbers(window) == ["0661/24"]
    assert "Ein Entwurf importiert." in window.statusBar().currentMessage()


def test_export_as_exchange_file(
    qtbot: QtBot, store: Store, reference_draft: Draft, tmp_path: Path, open_main_window: OpenWindow
) -> None:
    draft_id = store.create(reference_draft).id
    window = open_main_window(store)
    target = tmp_path / "weitergabe"
    assert window.export_file(draft_id, target)
    assert exchange.read_file(tmp_path / "weitergabe.json") == reference_draft


def test_the_recovery_notice_is_shown(
    qtbot: QtBot, reference_draft: Draft, start_window: StartWindow
) -> None:
    with Store.open() as first:
        first.create(reference_draft)
        first.backup()
        database = first.path
    database.write_bytes(b"Das ist keine Datenbank." * 100)
    window = start_window()
    qtbot.waitUntil(lambda: bool(visible_notices()))
    [notice] = visible_notices()
    assert notice.text() == "Die Entwurfsdatenbank wurde repariert."
    assert notice.informativeText() == window.workspace.recovery_notice
    notice.close()
    assert table_numbers(window) == ["0661/24"]


def test_the_editor_opens_the_step_of_ctrl_e(
    qtbot: QtBot, store: Store, reference_draft: Draft, open_main_window: OpenWindow
) -> None:
    draft_id = store.create(reference_draft).id
    window = open_main_window(store)
    window.overview.select_draft(draft_id)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.is_editing()
    assert window.editor is not None
    assert window.editor.current_step() == 7
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.editor.current_step() == 6
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.editor.current_step() == 7


def test_an_export_is_kept_as_a_version(
    qtbot: QtBot,
    store: Store,
    reference_id: int,
    reference_window: MainWindow,
    tmp_path: Path,
) -> None:
    draft_id, window = reference_id, reference_window
    assert window.editor is not None
    target = tmp_path / "Stellungnahme 0661-24.docx"
    window.editor.show_export_step()
    with qtbot.waitSignal(window.editor.export_done, timeout=20_000):
        window.editor.export_step.write(target, draft_mode=False)
    [version] = store.versions(draft_id)
    assert version.reason.label == "Export"
    assert str(target) in window.statusBar().currentMessage()


def test_several_files_import_together_and_failures_are_listed(
    qtbot: QtBot,
    store: Store,
    reference_json_path: Path,
    tmp_path: Path,
    open_main_window: OpenWindow,
    error_messages: Callable[[], list[str]],
) -> None:
    empty = tmp_path / "leer.json"
    empty.write_text("", encoding="utf-8")
    missing = tmp_path / "fehlt.json"
    window = open_main_window(store)
    with qtbot.waitSignal(window.imported) as imported:
        window.import_files([reference_json_path, empty, missing, reference_json_path])
    assert len(imported.args[0]) == 2
    assert table_numbers(window) == ["0661/24", "0661/24"]
    [message] = error_messages()
    assert message.startswith("2 Dateien konnten nicht importiert werden.")
    assert "„leer.json“: „leer.json“: Die Datei ist leer." in message
    assert "„fehlt.json“" in message
    assert "2 Entwürfe importiert." in window.statusBar().currentMessage()


def test_the_overview_is_fresh_when_the_window_becomes_active_again(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow
) -> None:
    window = open_main_window(store)
    assert table_numbers(window) == []
    with Store.open() as other_instance:
        other_instance.create(Draft(document_number="0100/25"))
    QApplication.sendEvent(window, QEvent(QEvent.Type.ActivationChange))
    assert table_numbers(window) == ["0100/25"]


def test_ctrl_z_in_the_list_takes_back_a_delete(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow
) -> None:
    draft_id = store.create(Draft(document_number="0100/25")).id
    window = open_main_window(store)
    window.overview.select_draft(draft_id)
    window.overview.table.setFocus()
    qtbot.keyClick(window.overview.table, Qt.Key.Key_Delete)
    assert table_numbers(window) == []
    qtbot.keyClick(window.overview.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert table_numbers(window) == ["0100/25"]
    assert not window.action_undo_delete.isEnabled()


def _delete_by_key(qtbot: QtBot, window: MainWindow, draft_id: int) -> None:
    window.overview.select_draft(draft_id)
    window.overview.table.setFocus()
    qtbot.keyClick(window.overview.table, Qt.Key.Key_Delete)


def test_ctrl_y_deletes_again_what_ctrl_z_took_back(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow
) -> None:
    draft_id = store.create(Draft(document_number="0100/25")).id
    window = open_main_window(store)
    _delete_by_key(qtbot, window, draft_id)
    assert "Strg+Z" in window.undo_label.text()
    table = window.overview.table
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert table_numbers(window) == ["0100/25"]
    qtbot.keyClick(table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert table_numbers(window) == []
    assert [row.id for row in store.list_drafts(trash=True)] == [draft_id]
    assert window.undo_delete_button.isVisible()


def test_ctrl_z_in_the_search_field_is_the_search_texts_own(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow, type_text: Callable[..., None]
) -> None:
    draft_id = store.create(Draft(document_number="0100/25")).id
    window = open_main_window(store)
    _delete_by_key(qtbot, window, draft_id)
    search = window.overview.search_field
    search.setFocus()
    qtbot.keyClick(search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    type_text(search, "Anger")
    qtbot.keyClick(search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert search.text() == ""
    assert [row.id for row in store.list_drafts(trash=True)] == [draft_id]
    window.overview.refresh()  # the search as you type is done before the store closes


def test_the_offer_to_take_back_a_delete_ends_when_a_draft_is_opened(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow
) -> None:
    kept = store.create(Draft(document_number="0200/25")).id
    deleted = store.create(Draft(document_number="0100/25")).id
    window = open_main_window(store)
    _delete_by_key(qtbot, window, deleted)
    assert window.open_draft(kept)
    assert not window.undo_delete_button.isVisible()
    window.show_overview()
    qtbot.keyClick(window.overview.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert table_numbers(window) == ["0200/25"]
    assert not window.undo_label.isVisible()


def _type_into_focus(text: str) -> None:
    """Type as the keyboard does: every key goes to whatever has the focus at that moment."""
    for char in text:
        focus = QApplication.focusWidget()
        assert focus is not None, "nichts hat den Tastaturfokus"
        send_text(focus, char)


@pytest.mark.parametrize("how", ["Strg+N", "Alt+N", "Klick"])
def test_after_neu_the_cursor_stands_in_the_number_field(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow, how: str
) -> None:
    window = open_main_window(store)
    if how == "Strg+N":
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    elif how == "Alt+N":
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(window.is_editing)  # a mnemonic "clicks" the button after a moment
    else:
        qtbot.mouseClick(window.overview.new_button, Qt.MouseButton.LeftButton)
    assert window.is_editing() and window.editor is not None
    number = window.editor.steps[0].first_field()
    assert QApplication.focusWidget() is number
    _type_into_focus("0661/24")
    assert window.editor.draft().document_number == "0661/24"


def test_text_typed_right_after_neu_is_kept_while_the_editor_gets_ready(
    qtbot: QtBot, start_window: StartWindow
) -> None:
    # Every worker thread busy: the Textbausteine cannot be read until the test lets go.
    pool = QThreadPool.globalInstance()
    release = threading.Event()
    for _ in range(pool.maxThreadCount()):
        pool.start(release.wait)
    try:
        window = start_window()
        qtbot.waitUntil(lambda: window._textbausteine.reading, timeout=5000)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        _type_into_focus("0661/24")
    finally:
        release.set()
    qtbot.waitUntil(window.is_editing, timeout=10_000)
    assert window.editor is not None
    assert window.editor.draft().document_number == "0661/24"
    assert window.overview.search_field.text() == ""


def test_opening_a_draft_puts_the_cursor_where_something_is_still_needed(
    qtbot: QtBot, store: Store, reference_draft: Draft, open_main_window: OpenWindow
) -> None:
    reference_draft.conclusion = ""
    reference_draft.signature.name = ""
    draft_id = store.create(reference_draft).id
    window = open_main_window(store)
    window.overview.select_draft(draft_id)
    window.overview.table.setFocus()
    qtbot.keyClick(window.overview.table, Qt.Key.Key_Return)
    assert window.editor is not None
    assert window.editor.current_step() == 4
    assert QApplication.focusWidget() is window.editor.steps[4].first_field()


def test_opening_a_complete_draft_starts_at_its_first_field(
    qtbot: QtBot, store: Store, reference_id: int, open_main_window: OpenWindow
) -> None:
    window = open_main_window(store)
    assert window.open_draft(reference_id)
    assert window.editor is not None
    assert window.editor.current_step() == 0
    assert QApplication.focusWidget() is window.editor.steps[0].first_field()


def test_the_view_menu_names_f7_for_the_next_misspelling(
    qtbot: QtBot, store: Store, open_main_window: Callable[[Store], MainWindow]
) -> None:
    draft_id = store.create(Draft(conclusion="Das ist jhrlich so.")).id
    window = open_main_window(store)
    assert not window.action_next_misspelling.isEnabled()
    assert window.action_next_misspelling.text().endswith("\tF7")
    assert window.open_draft(draft_id)
    assert window.action_next_misspelling.isEnabled()
    editor = window.editor
    assert editor is not None
    session = editor.spelling_session
    qtbot.waitUntil(
        lambda: (
            (session.check_queued() or True) and bool(session.draft_misspellings(editor.draft()))
        ),
        timeout=30_000,
    )
    window.action_next_misspelling.trigger()
    assert editor.current_step() == 4
    field = QApplication.focusWidget()
    assert field is not None and field.textCursor().selectedText() == "jhrlich"  # type: ignore[attr-defined]
    field._spelling.menu.close()  # type: ignore[attr-defined]
