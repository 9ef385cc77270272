"""The drafts table: columns, sorting, keyboard, and how it reads the store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from stellungnahme_app.model import Draft
from stellungnahme_app.store import Status, Store, VersionReason
from stellungnahme_app.ui.main_window import MainWindow
from stellungnahme_app.ui.overview_page import PAGE_ROWS, OverviewPage
from stellungnahme_app.workspace import Workspace

OpenWindow = Callable[[Store], MainWindow]


def _column(page: OverviewPage, key: str) -> list[str]:
    model = page.table.model()
    column = page.model.column_index(key)
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_columns_in_german_and_sorting_by_deadline(
    qtbot: QtBot, store: Store, workspace: Workspace
) -> None:
    store.create(Draft(document_number="0003/25"), deadline=None)
    store.create(Draft(document_number="0001/25"), deadline=dt.date(2030, 3, 1))
    store.create(Draft(document_number="0002/25"), deadline=dt.date(2030, 1, 15))
    page = OverviewPage(workspace)
    qtbot.addWidget(page)
    page.refresh()
    headers = [
        page.model.headerData(i, Qt.Orientation.Horizontal) for i in range(page.model.columnCount())
    ]
    assert headers[:6] == ["Drucksache", "Titel", "Dezernat", "Status", "Frist", "zuletzt geändert"]
    assert page.table.isColumnHidden(page.model.column_index("snippet"))
    page.table.sortByColumn(page.model.column_index("deadline"), Qt.SortOrder.AscendingOrder)
    assert _column(page, "number") == ["0002/25", "0001/25", "0003/25"], "ohne Frist zuletzt"
    assert _column(page, "deadline") == ["15.01.2030", "01.03.2030", ""]
    assert _column(page, "title") == ["(ohne Titel)"] * 3
    assert _column(page, "status") == ["Entwurf"] * 3
    page.table.sortByColumn(page.model.column_index("number"), Qt.SortOrder.AscendingOrder)
    assert _column(page, "number") == ["0001/25", "0002/25", "0003/25"]


def test_sorting_by_status_follows_the_drafts_life(
    qtbot: QtBot, store: Store, workspace: Workspace
) -> None:
    for number, status in (("1", Status.DONE), ("2", Status.DRAFT), ("3", Status.FOR_SIGNATURE)):
        store.create(Draft(document_number=number), status=status)
    page = OverviewPage(workspace)
    qtbot.addWidget(page)
    page.refresh()
    page.table.sortByColumn(page.model.column_index("status"), Qt.SortOrder.AscendingOrder)
    assert _column(page, "status") == ["Entwurf", "Zur Unterschrift", "Abgeschlossen"]


def test_enter_opens_the_selected_draft_and_buttons_follow_the_selection(
    qtbot: QtBot, store: Store, workspace: Workspace
) -> None:
    page = OverviewPage(workspace)
    qtbot.addWidget(page)
    page.refresh()
    assert not page.open_button.isEnabled()
    assert "Noch keine Entwürfe" in page.empty_label.text()
    draft_id = store.create(Draft(document_number="0661/24")).id
    page.refresh()
    assert page.open_button.isEnabled()
    with qtbot.waitSignal(page.open_requested) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [draft_id]


def test_the_overview_is_usable_by_keyboard(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow
) -> None:
    store.create(Draft(document_number="0661/24"))
    window = open_main_window(store)
    page = window.overview
    page.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is page.search_field
    # From the search straight to its hits, then the filter and the buttons.
    qtbot.keyClick(page.search_field, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.status_filter
    qtbot.keyClick(page.status_filter, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.new_button
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.is_editing()
    qtbot.keyClick(window, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert not window.is_editing()
    assert QApplication.focusWidget() is page.table


def _many(store: Store, count: int) -> None:
    drafts = [
        Draft(document_number=f"{n:04d}/25", document_title=f"Titel {n:04d}") for n in range(count)
    ]
    store.create_all(drafts, reason=VersionReason.IMPORT)


def test_a_long_list_reads_only_the_lines_it_shows(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow
) -> None:
    _many(store, 1000)
    window = open_main_window(store)
    page = window.overview
    qtbot.waitExposed(window)
    QApplication.processEvents()
    assert page.model.rowCount() == 1000, "the scroll bar knows the whole list"
    assert 0 < page.model.lines_read <= PAGE_ROWS
    page.table.sortByColumn(page.model.column_index("title"), Qt.SortOrder.AscendingOrder)
    QApplication.processEvents()
    title = page.model.column_index("title")
    first_two = [page.model.index(row, title).data() for row in (0, 1)]
    assert first_two == ["Titel 0000", "Titel 0001"], "sorted in SQL"
    page.table.scrollToBottom()
    QApplication.processEvents()
    last = page.model.index(999, page.model.column_index("number")).data()
    assert last == "0999/25"
    assert page.model.lines_read < 1000


def test_selecting_a_draft_far_down_the_list_scrolls_to_it(
    qtbot: QtBot, store: Store, workspace: Workspace
) -> None:
    _many(store, 600)
    page = OverviewPage(workspace)
    qtbot.addWidget(page)
    page.refresh()
    oldest = store.list_ids()[-1]
    page.select_draft(oldest)
    assert page.selected_id() == oldest
    page.refresh()
    assert page.selected_id() == oldest, "the selection survives a refresh"


def test_search_hits_sort_by_the_column_clicked(
    qtbot: QtBot, store: Store, workspace: Workspace
) -> None:
    for number in ("0002/25", "0003/25", "0001/25"):
        store.create(Draft(document_number=number, document_title="Anger"))
    page = OverviewPage(workspace)
    qtbot.addWidget(page)
    page.search_field.setText("Anger")
    page.refresh()
    page.table.sortByColumn(page.model.column_index("number"), Qt.SortOrder.AscendingOrder)
    assert _column(page, "number") == ["0001/25", "0002/25", "0003/25"]
    page.table.sortByColumn(page.model.column_index("number"), Qt.SortOrder.DescendingOrder)
    assert _column(page, "number") == ["0003/25", "0002/25", "0001/25"]


def test_coming_back_to_the_window_rereads_the_list_only_if_another_window_changed_it(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow
) -> None:
    store.create(Draft(document_number="0100/25"))
    window = open_main_window(store)
    resets: list[bool] = []
    window.overview.model.modelReset.connect(lambda: resets.append(True))
    QApplication.sendEvent(window, QEvent(QEvent.Type.ActivationChange))
    assert resets == [], "nothing changed: the list is not read twice"
    with Store.open() as other_instance:
        other_instance.create(Draft(document_number="0101/25"))
    QApplication.sendEvent(window, QEvent(QEvent.Type.ActivationChange))
    assert resets == [True]


def test_down_from_the_search_goes_to_the_first_hit_and_return_opens_it(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow, type_text: Callable[..., None]
) -> None:
    store.create(Draft(document_number="0100/25", document_title="Radwege am Anger"))
    wanted = store.create(Draft(document_number="0200/25", document_title="Radwege im Norden")).id
    store.create(Draft(document_number="0300/25", document_title="Schulbau"))
    window = open_main_window(store)
    page = window.overview
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_text(page.search_field, "Radwege")
    qtbot.waitUntil(lambda: len(page.model.rows()) == 2, timeout=2000)
    page.table.sortByColumn(page.model.column_index("number"), Qt.SortOrder.DescendingOrder)
    qtbot.keyClick(page.search_field, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.table
    assert page.table.currentIndex().row() == 0
    assert page.selected_id() == wanted
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.is_editing()
    assert window.session is not None and window.session.draft_id == wanted


def test_down_from_a_search_before_its_hits_are_shown_waits_for_them(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow, type_text: Callable[..., None]
) -> None:
    store.create(Draft(document_number="0100/25", document_title="Schulbau"))
    wanted = store.create(Draft(document_number="0200/25", document_title="Radwege")).id
    window = open_main_window(store)
    page = window.overview
    page.search_field.setFocus()
    type_text(page.search_field, "Radwege")
    qtbot.keyClick(page.search_field, Qt.Key.Key_Down)  # at once, before the search ran
    assert QApplication.focusWidget() is page.table
    assert page.selected_id() == wanted


def test_titles_are_whole_when_there_is_room_and_give_way_last(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow
) -> None:
    title = "Kostenfreies Mittagessen an allen Grundschulen der Stadt"
    store.create(
        Draft(
            document_number="0715/24",
            document_title=title,
            department="Dezernat für Soziales, Bildung, Jugend und Gesundheit",
        )
    )
    window = open_main_window(store)
    table = window.overview.table
    title_column = table.table_model.column_index("title")
    department = table.table_model.column_index("department")
    # 150 pixels short of room for every text: the Dezernat gives way, the title stays whole.
    window.resize(window.width() + table.wanted_width() - 150 - table.width(), window.height())
    QApplication.processEvents()
    assert table.columnWidth(title_column) >= table.sizeHintForColumn(title_column)
    assert table.columnWidth(department) < table.sizeHintForColumn(department)
    total = sum(table.columnWidth(c) for c in range(table.table_model.columnCount()))
    assert total <= table.viewport().width(), "no scrolling sideways"
