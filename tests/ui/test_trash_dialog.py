"""The trash lists deleted drafts and brings them back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from stellungnahme_app.model import Draft
from stellungnahme_app.store import Store
from stellungnahme_app.ui.main_window import MainWindow
from stellungnahme_app.ui.overview_page import DraftTableView
from stellungnahme_app.ui.trash_dialog import TrashDialog
from stellungnahme_app.workspace import Workspace

OpenWindow = Callable[[Store], MainWindow]


def test_restore_from_the_trash(
    qtbot: QtBot, store: Store, reference_draft: Draft, open_main_window: OpenWindow
) -> None:
    kept = store.create(Draft(document_number="0100/25")).id
    deleted = store.create(reference_draft).id
    store.delete(deleted)
    window = open_main_window(store)
    assert [r.id for r in window.overview.model.rows()] == [kept]
    qtbot.mouseClick(window.overview.trash_button, Qt.MouseButton.LeftButton)
    [dialog] = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, TrashDialog) and w.isVisible()
    ]
    assert [r.number for r in dialog.model.rows()] == ["0661/24"]
    deleted_column = dialog.model.column_index("deleted")
    assert dialog.model.index(0, deleted_column).data()  # the date it was deleted
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rows() == []
    assert dialog.empty_label.isVisible()
    assert sorted(r.id for r in window.overview.model.rows()) == sorted([kept, deleted])
    assert window.overview.selected_id() == deleted
    dialog.close()


def test_an_empty_trash_says_so(qtbot: QtBot, store: Store, workspace: Workspace) -> None:
    dialog = TrashDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty_label.isVisible()
    assert not dialog.restore_button.isEnabled()


LONG_TITLE = "Kostenfreies Mittagessen an allen Grundschulen der Stadt"
SOZIALES = "Dezernat für Soziales, Bildung, Jugend und Gesundheit"


def _title_not_cut(table: DraftTableView, key: str = "title") -> bool:
    column = table.table_model.column_index(key)
    return table.columnWidth(column) >= table.sizeHintForColumn(column)


def test_the_trash_shows_whole_titles_when_there_is_room(
    qtbot: QtBot, store: Store, workspace: Workspace
) -> None:
    draft_id = store.create(
        Draft(document_number="0715/24", document_title=LONG_TITLE, department=SOZIALES)
    ).id
    store.delete(draft_id)
    dialog = TrashDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    table = dialog.table
    assert _title_not_cut(table), "der Titel wird abgeschnitten, obwohl Platz ist"
    viewport = table.viewport().width()
    used = sum(table.columnWidth(c) for c in range(table.table_model.columnCount()))
    assert used <= viewport, "die Tabelle muss seitlich rollen"
    # Narrower: the Dezernat gives way first, the title last.
    dialog.resize(dialog.width() * 2 // 3, dialog.height())
    QApplication.processEvents()
    department = table.table_model.column_index("department")
    title = table.table_model.column_index("title")
    if not _title_not_cut(table):
        assert table.columnWidth(department) <= table.fontMetrics().averageCharWidth() * 14
    assert table.columnWidth(title) > table.columnWidth(department)
