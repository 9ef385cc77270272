"""Accessibility walker (EN 301 549 ch. 11 / BITV 2.0): every control has an accessible name.

Walks the main window (overview, editor with every step, the reference draft loaded so that
lists of points, contributions and attachments are filled) and every dialog of the shell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from stellungnahme_app.errors import StoreError
from stellungnahme_app.model import Draft
from stellungnahme_app.store import Status, Store, VersionReason
from stellungnahme_app.ui.error_reporting import show_error, show_notice, visible_error_boxes
from stellungnahme_app.ui.main_window import MainWindow

OpenWindow = Callable[[Store], MainWindow]
ShellDialogs = Callable[[MainWindow, int], dict[str, QWidget]]
Walker = Callable[[QWidget], list[str]]


def test_main_window_overview_and_every_editor_step(
    qtbot: QtBot,
    store: Store,
    reference_draft: Draft,
    open_main_window: OpenWindow,
    find_nameless_controls: Walker,
) -> None:
    draft_id = store.create(
        reference_draft, status=Status.IN_REVIEW, deadline=dt.date(2024, 5, 3)
    ).id
    window = open_main_window(store)
    assert find_nameless_controls(window) == []
    window.open_draft(draft_id)
    assert window.editor is not None
    for step in range(8):
        window.editor.set_current_step(step)
        QApplication.processEvents()
        assert find_nameless_controls(window) == [], f"Schritt {step + 1}"
    window.show_overview()
    window.delete_draft(draft_id)
    assert window.undo_delete_button.isVisible()
    assert find_nameless_controls(window) == []


def test_every_dialog_of_the_shell(
    qtbot: QtBot,
    store: Store,
    reference_draft: Draft,
    open_main_window: OpenWindow,
    shell_dialogs: ShellDialogs,
    find_nameless_controls: Walker,
    error_messages: Callable[[], list[str]],
) -> None:
    window = open_main_window(store)
    stored = store.create(reference_draft)
    store.keep_version(stored.id, VersionReason.EDIT)
    deleted = store.create(Draft(document_number="0100/25"))
    store.delete(deleted.id)

    store.backup()
    for dialog in shell_dialogs(window, stored.id).values():
        dialog.show()
        QApplication.processEvents()
        assert dialog.accessibleName(), type(dialog).__name__
        assert find_nameless_controls(dialog) == [], type(dialog).__name__
        dialog.close()

    show_error(window, StoreError("Die Datenbank ist gesperrt."))
    [box] = visible_error_boxes()
    assert box.accessibleName()
    assert find_nameless_controls(box) == []
    error_messages()
    notice = show_notice(window, "Die Entwurfsdatenbank wurde repariert.", details="Details")
    assert notice is not None
    assert find_nameless_controls(notice) == []
    notice.close()


def test_the_walker_finds_a_nameless_control(qtbot: QtBot, find_nameless_controls: Walker) -> None:
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout

    widget = QWidget()
    qtbot.addWidget(widget)
    layout = QVBoxLayout(widget)
    nameless = QLineEdit()
    nameless.setObjectName("ohne_namen")
    layout.addWidget(nameless)
    widget.show()
    assert find_nameless_controls(widget) == ["ohne_namen < QWidget"]
    nameless.setAccessibleName("Titel")
    assert find_nameless_controls(widget) == []


def test_no_accelerator_letter_is_used_twice(
    qtbot: QtBot,
    store: Store,
    reference_draft: Draft,
    open_main_window: OpenWindow,
    shell_dialogs: ShellDialogs,
    find_mnemonic_conflicts: Callable[[QWidget], dict[str, list[str]]],
) -> None:
    window = open_main_window(store)
    draft_id = store.create(reference_draft).id
    window.overview.refresh()
    assert find_mnemonic_conflicts(window) == {}, "Übersicht"
    window.open_draft(draft_id)
    assert window.editor is not None
    for step in range(8):
        window.editor.set_current_step(step)
        QApplication.processEvents()
        assert find_mnemonic_conflicts(window) == {}, f"Schritt {step + 1}"
    store.keep_version(draft_id, VersionReason.EDIT)
    store.backup()
    for dialog in shell_dialogs(window, draft_id).values():
        dialog.show()
        assert find_mnemonic_conflicts(dialog) == {}, type(dialog).__name__
        dialog.close()
