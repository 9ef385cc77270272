"""The settings dialog saves the user's part; what the administrator fixed cannot be changed."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFormLayout, QLabel, QWidget
from pytestqt.qtbot import QtBot

from stellungnahme_app.settings import load_settings, user_settings_file
from stellungnahme_app.settings.table import SETTING_TABLE
from stellungnahme_app.spelling.dictionary_files import SEARCH_PATH_VARIABLE
from stellungnahme_app.store import Store
from stellungnahme_app.ui.main_window import MainWindow
from stellungnahme_app.ui.settings_dialog import SettingsDialog

OpenWindow = Callable[[Store], MainWindow]
SOCIAL = "Dezernat für Soziales, Bildung, Jugend und Gesundheit"


def _shown_settings() -> SettingsDialog:
    [dialog] = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, SettingsDialog) and w.isVisible()
    ]
    return dialog


def test_defaults_are_saved_and_used_for_new_drafts(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow
) -> None:
    window = open_main_window(store)
    window.action_settings.trigger()
    dialog = _shown_settings()
    dialog.department.setCurrentIndex(dialog.department.findData(SOCIAL))
    assert [dialog.signatory.itemText(i) for i in range(dialog.signatory.count())] == [
        "Anke Hofmann-Domke"
    ]
    dialog.signatory.setCurrentIndex(0)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.text() == "Speichern"
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    stored = json.loads(user_settings_file().read_text(encoding="utf-8"))
    assert stored == {"default_department": SOCIAL, "default_signatory": "Anke Hofmann-Domke"}
    assert window.settings.default_department == SOCIAL
    qtbot.waitUntil(lambda: window.editor is not None, timeout=5000)  # Textbausteine read again
    window.new_draft()
    assert window.editor is not None
    assert window.editor.draft().department == SOCIAL
    assert window.editor.draft().signature.name == "Anke Hofmann-Domke"


def test_a_missing_template_is_refused_and_the_dialog_stays(
    qtbot: QtBot, tmp_path: Path, error_messages: Callable[[], list[str]]
) -> None:
    dialog = SettingsDialog(load_settings().settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.template.line_edit.setText(str(tmp_path / "gibt-es-nicht.docx"))
    assert not dialog.save()
    [message] = error_messages()
    assert message.startswith("Die Einstellungen konnten nicht gespeichert werden.")
    assert "gibt-es-nicht.docx" in message
    assert dialog.isVisible()
    assert not user_settings_file().exists()


def test_settings_fixed_by_the_administrator_are_shown_but_locked(qtbot: QtBot) -> None:
    admin_file = Path(os.environ["STELLUNGNAHME_ADMIN_CONFIG"])
    admin_file.parent.mkdir(parents=True, exist_ok=True)
    admin_file.write_text(f'default_department = "{SOCIAL}"\n', encoding="utf-8")
    dialog = SettingsDialog(load_settings().settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.department.isEnabled()
    assert dialog.department.currentData() == SOCIAL
    assert "vom Administrator festgelegt" in dialog.department.toolTip()
    assert "default_department" not in dialog.values()
    assert dialog.save()
    assert "default_department" not in json.loads(user_settings_file().read_text("utf-8"))


def _rows(dialog: SettingsDialog) -> list[tuple[str, str, QWidget]]:
    """The form's rows: label text, the field's object name, the field."""
    [form] = dialog.findChildren(QFormLayout)
    rows = []
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget()
        assert isinstance(label, QLabel)
        rows.append((label.text(), field.objectName(), field))
    return rows


def test_one_row_per_user_editable_setting_named_by_the_table(qtbot: QtBot) -> None:
    dialog = SettingsDialog(load_settings().settings)
    qtbot.addWidget(dialog)
    editable = [d for d in SETTING_TABLE if d.user_editable]
    rows = _rows(dialog)
    assert [name for _, name, _ in rows] == [d.key for d in editable]
    for (label, _, field), definition in zip(rows, editable, strict=True):
        assert label == f"&{definition.field_label}:"
        named = field.focusProxy() or field
        assert named.accessibleName() == definition.label
        assert field.isEnabled()
    assert set(dialog.values()) == {d.key for d in editable}


def test_every_setting_the_administrator_fixed_is_marked_in_its_row(qtbot: QtBot) -> None:
    admin_file = Path(os.environ["STELLUNGNAHME_ADMIN_CONFIG"])
    admin_file.parent.mkdir(parents=True, exist_ok=True)
    editable = [d for d in SETTING_TABLE if d.user_editable]
    admin_file.write_text(
        "".join(f"{d.key} = {json.dumps(d.default)}\n" for d in editable), encoding="utf-8"
    )
    dialog = SettingsDialog(load_settings().settings)
    qtbot.addWidget(dialog)
    for (label, _, field), definition in zip(_rows(dialog), editable, strict=True):
        assert label == f"&{definition.field_label} (vom Administrator festgelegt):"
        assert not field.isEnabled()
        assert field.toolTip() == f"{definition.label}: vom Administrator festgelegt"
    assert dialog.values() == {}


def test_the_settings_name_the_dictionary_of_the_spell_check(
    store: Store, open_main_window: OpenWindow
) -> None:
    window = open_main_window(store)
    window.action_settings.trigger()
    dialog = _shown_settings()
    assert dialog.spelling.text().startswith("Deutsch, Wörterbuch de_DE in „")
    dialog.reject()


def test_without_a_dictionary_the_settings_say_why_once(
    store: Store, open_main_window: OpenWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SEARCH_PATH_VARIABLE, "")
    window = open_main_window(store)
    window.action_settings.trigger()
    dialog = _shown_settings()
    text = dialog.spelling.text()
    assert text.startswith(
        "Die Rechtschreibprüfung ist aus: Auf diesem Rechner wurde kein deutsches"
    )
    assert dialog.spelling.accessibleDescription() == text
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert sum("Rechtschreibprüfung ist aus" in label for label in labels) == 1
    dialog.reject()
