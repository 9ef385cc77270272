"""Extras › Datensicherungen: list the backups, back up now, restore one (the state before
is kept aside), refused with a German message while another window holds the database."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from stellungnahme_app.model import Draft
from stellungnahme_app.store import Store
from stellungnahme_app.ui.backup_dialog import BackupDialog, format_size
from stellungnahme_app.ui.error_reporting import visible_notices
from stellungnahme_app.ui.main_window import MainWindow

OpenWindow = Callable[[Store], MainWindow]
EditField = Callable[[MainWindow, str, str], QWidget]


class SettableClock:
    """The store's clock, set by the test (backups are named after the moment they are made)."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def _shown_backup_dialog() -> BackupDialog:
    [dialog] = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, BackupDialog) and w.isVisible()
    ]
    return dialog


def _open_from_the_menu(qtbot: QtBot, window: MainWindow) -> BackupDialog:
    [extras] = [a.menu() for a in window.menuBar().actions() if a.text() == "E&xtras"]
    [entry] = [a for a in extras.actions() if a.text() == "Daten&sicherungen …"]
    entry.trigger()
    dialog = _shown_backup_dialog()
    qtbot.addWidget(dialog)
    return dialog


def _rows(dialog: BackupDialog) -> list[tuple[str, str]]:
    table = dialog.backup_list
    return [
        (table.topLevelItem(i).text(0), table.topLevelItem(i).text(1))
        for i in range(table.topLevelItemCount())
    ]


def _titles(database: Path) -> set[str]:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return {row[0] for row in connection.execute("SELECT title FROM drafts")}
    finally:
        connection.close()


def test_sizes_read_as_in_the_explorer() -> None:
    assert format_size(0) == "0 Byte"
    assert format_size(900) == "900 Byte"
    assert format_size(12 * 1024) == "12 KB"
    assert format_size(int(1.46 * 1024 * 1024)) == "1,5 MB"


def test_backups_are_listed_newest_first_with_german_date_and_size(
    qtbot: QtBot, open_main_window: OpenWindow
) -> None:
    clock = SettableClock(datetime(2024, 5, 3, 8, 15, tzinfo=UTC))
    with Store.open(clock=clock) as store:
        store.create(Draft(document_title="Erster Stand"))
        first = store.backup()
        clock.moment = datetime(2024, 5, 6, 14, 32, tzinfo=UTC)
        second = store.backup()
        window = open_main_window(store)
        dialog = _open_from_the_menu(qtbot, window)
        local = [datetime(2024, 5, 6, 14, 32, tzinfo=UTC), datetime(2024, 5, 3, 8, 15, tzinfo=UTC)]
        assert _rows(dialog) == [
            (f"{m.astimezone():%d.%m.%Y %H:%M}", format_size(p.stat().st_size))
            for m, p in zip(local, (second, first.with_name(first.name + ".gz")), strict=True)
        ]
        assert dialog.backup_list.currentItem() is dialog.backup_list.topLevelItem(0)
        assert dialog.restore_button.isEnabled()
        assert not dialog.empty_label.isVisible()
        dialog.close()
        window.close()


def test_without_backups_the_dialog_says_so_and_back_up_now_makes_one(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow
) -> None:
    window = open_main_window(store)
    dialog = _open_from_the_menu(qtbot, window)
    assert _rows(dialog) == []
    assert dialog.empty_label.isVisible()
    assert not dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.backup_now_button, Qt.MouseButton.LeftButton)
    assert len(store.backups()) == 1
    assert len(_rows(dialog)) == 1
    assert not dialog.empty_label.isVisible()
    assert dialog.restore_button.isEnabled()
    assert "Sicherung angelegt" in dialog.status_label.text()


def test_restore_closes_the_open_draft_saved_and_keeps_the_state_before_aside(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow, edit_field: EditField
) -> None:
    store.create(Draft(document_number="0100/25", document_title="Gesichert"))
    store.backup()
    later = store.create(Draft(document_number="0200/25", document_title="Danach")).id
    window = open_main_window(store)
    window.open_draft(later)
    edit_field(window, "document_title", "Danach bearbeitet")
    dialog = _open_from_the_menu(qtbot, window)

    qtbot.keyClick(dialog.backup_list, Qt.Key.Key_Return)  # Enter on a backup: restore it
    confirm = dialog.confirmation
    assert isinstance(confirm, QMessageBox) and confirm.isVisible()
    assert confirm.text().startswith("Alle Entwürfe auf den Stand der Sicherung vom ")
    assert "beiseitegelegt" in confirm.informativeText()
    assert confirm.defaultButton() is confirm.button(QMessageBox.StandardButton.Cancel)
    confirm.button(QMessageBox.StandardButton.Yes).click()

    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert not window.is_editing()
    assert window.session is None
    assert [row.number for row in window.overview.model.rows()] == ["0100/25"]
    previous = store.previous_database
    assert previous is not None and previous.is_file()
    assert _titles(previous) == {"Gesichert", "Danach bearbeitet"}, "vorher gespeichert"
    [notice] = visible_notices()
    assert "wiederhergestellt" in notice.text()
    assert str(previous) in notice.informativeText()
    notice.close()


def test_cancel_changes_nothing(qtbot: QtBot, store: Store, open_main_window: OpenWindow) -> None:
    store.create(Draft(document_title="Gesichert"))
    store.backup()
    store.create(Draft(document_title="Danach"))
    window = open_main_window(store)
    dialog = _open_from_the_menu(qtbot, window)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    dialog.confirmation.button(QMessageBox.StandardButton.Cancel).click()
    assert dialog.isVisible()
    assert len(store.list_drafts()) == 2
    assert store.previous_database is None
    dialog.close()


def test_another_window_holding_the_database_is_named_and_nothing_changes(
    qtbot: QtBot,
    store: Store,
    open_main_window: OpenWindow,
    edit_field: EditField,
    error_messages: Callable[[], list[str]],
) -> None:
    store.create(Draft(document_title="Gesichert"))
    store.backup()
    draft_id = store.create(Draft(document_title="Danach")).id
    window = open_main_window(store)
    window.open_draft(draft_id)
    assert window.editor is not None
    window.editor.set_current_step(2)
    with Store.open() as other_window:
        dialog = _open_from_the_menu(qtbot, window)
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        dialog.confirmation.button(QMessageBox.StandardButton.Yes).click()
        [message] = error_messages()
        assert message.startswith("Die Sicherung konnte nicht wiederhergestellt werden.")
        assert "in einem anderen Programmfenster geöffnet" in message
        assert dialog.isVisible(), "die Auswahl bleibt offen"
        assert {row.title for row in other_window.list_drafts()} == {"Gesichert", "Danach"}
    dialog.close()
    assert window.is_editing(), "der Entwurf ist wieder geöffnet, wo er war"
    assert window.session is not None and window.session.draft_id == draft_id
    assert window.editor.current_step() == 2
    edit_field(window, "document_title", "Weiter bearbeitet")
    window.save_now()
    assert store.load(draft_id).draft.document_title == "Weiter bearbeitet"
