"""Keys that work alike in every window: Ctrl+Y redoes in every text field, as on Windows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from stellungnahme_app.settings import load_settings
from stellungnahme_app.store import Store
from stellungnahme_app.ui.main_window import MainWindow
from stellungnahme_app.ui.settings_dialog import SettingsDialog

TypeText = Callable[[QWidget, str], None]


def _text(widget: QWidget) -> str:
    return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()


def _undo_then_redo(qtbot: QtBot, widget: QWidget, type_text: TypeText, *, typed: str) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    before = _text(widget)
    type_text(widget, typed)
    after = _text(widget)
    assert after != before
    qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _text(widget) == before
    qtbot.keyClick(widget, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert _text(widget) == after


@pytest.mark.parametrize(
    "field_path", ["document_number", "conclusion", "signature.name", "contributions[0].text"]
)
def test_ctrl_y_redoes_in_the_fields_of_the_editor(
    qtbot: QtBot, reference_window: MainWindow, type_text: TypeText, field_path: str
) -> None:
    assert reference_window.editor is not None
    reference_window.editor.jump_to(field_path)
    widget = reference_window.focusWidget()
    if isinstance(widget, QComboBox):
        widget = widget.lineEdit()
    assert isinstance(widget, (QLineEdit, QPlainTextEdit))
    _undo_then_redo(qtbot, widget, type_text, typed=" neu")


def test_ctrl_y_redoes_in_the_search_field(
    qtbot: QtBot, store: Store, open_main_window: Callable[[Store], MainWindow], type_text: Any
) -> None:
    window = open_main_window(store)
    _undo_then_redo(qtbot, window.overview.search_field, type_text, typed="Segregation")
    window.overview.refresh()  # the search as you type is done before the store closes


def test_ctrl_y_redoes_in_a_dialog(qtbot: QtBot, type_text: TypeText) -> None:
    dialog = SettingsDialog(load_settings().settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    _undo_then_redo(qtbot, dialog.template.line_edit, type_text, typed="vorlage.docx")
