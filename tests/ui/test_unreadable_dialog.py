"""A damaged draft is named at start and brought back through its versions."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from stellungnahme_app.model import Draft
from stellungnahme_app.store import Store, VersionReason
from stellungnahme_app.ui.error_reporting import visible_notices
from stellungnahme_app.ui.history_dialog import VERSION_ID_ROLE, HistoryDialog
from stellungnahme_app.ui.main_window import MainWindow
from stellungnahme_app.ui.unreadable_dialog import UnreadableDraftsDialog


def _damaged_draft() -> int:
    """A stored draft with a version, whose status then gets a byte that is not UTF-8."""
    with Store.open() as store:
        store.create(Draft(document_title="Gesund"))
        damaged = store.create(Draft(document_title="Domplatz")).id
        store.keep_version(damaged, VersionReason.EXPORT)
        path = store.path
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "UPDATE drafts SET status = CAST(? AS TEXT) WHERE id = ?", (b"entw\xffrf", damaged)
        )
    connection.close()
    return damaged


def test_a_damaged_draft_is_named_and_comes_back_through_its_versions(
    qtbot: QtBot,
    start_window: Callable[[], MainWindow],
    find_nameless_controls: Callable[[QWidget], list[str]],
) -> None:
    damaged = _damaged_draft()
    window = start_window()
    qtbot.waitUntil(lambda: bool(visible_notices()), timeout=10_000)
    [notice] = visible_notices()
    assert notice.text() == "Ein Entwurf ist beschädigt und fehlt in der Übersicht."
    assert f"Entwurf Nr. {damaged}" in notice.informativeText()
    notice.close()
    assert [row.title for row in window.overview.model.rows()] == ["Gesund"]

    window.action_unreadable.trigger()
    dialog = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, UnreadableDraftsDialog)
    )
    assert dialog.draft_list.count() == 1
    assert dialog.draft_list.item(0).text().startswith(f"Entwurf Nr. {damaged}: ")
    assert find_nameless_controls(dialog) == []
    qtbot.mouseClick(dialog.history_button, Qt.MouseButton.LeftButton)
    history = next(w for w in QApplication.topLevelWidgets() if isinstance(w, HistoryDialog))
    qtbot.waitUntil(history.isVisible)
    assert history.version_list.count() == 1
    history.restore_requested.emit(int(history.version_list.item(0).data(VERSION_ID_ROLE)))
    history.close()
    qtbot.waitUntil(lambda: len(window.overview.model.rows()) == 2)
    assert sorted(row.title for row in window.overview.model.rows()) == ["Domplatz", "Gesund"]
    dialog.refresh()
    assert dialog.draft_list.count() == 0 and dialog.empty_label.isVisibleTo(dialog)
    dialog.close()
