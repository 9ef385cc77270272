"""The help: a page for every step and dialog, F1 opens the right one, shortcuts are real."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from stellungnahme_app import rules
from stellungnahme_app.form_steps import STEPS
from stellungnahme_app.ui import help_window
from stellungnahme_app.ui.main_window import MainWindow


def _pages() -> list[str]:
    return sorted(path.stem for path in help_window.help_folder().glob("*.md"))


def test_every_step_has_its_page_with_title_and_what_it_is_for() -> None:
    for index, step in enumerate(STEPS):
        text = help_window.page_path(help_window.step_topic(index)).read_text(encoding="utf-8")
        assert text.startswith(f"# Schritt {index + 1}: {step.title}\n"), step.title
        assert "**Wofür:**" in text


def test_every_dialog_of_the_shell_has_its_page(
    reference_window: MainWindow,
    reference_id: int,
    shell_dialogs: Callable[[MainWindow, int], dict[str, QWidget]],
) -> None:
    for name, dialog in shell_dialogs(reference_window, reference_id).items():
        topic = help_window.topic_for(dialog)
        assert topic != help_window.OVERVIEW, f"{name}: keine Hilfeseite"
        assert help_window.page_path(topic).is_file(), name


def test_every_link_between_pages_leads_to_a_page() -> None:
    pages = set(_pages())
    for page in pages:
        text = help_window.page_path(page).read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)]+)\)", text):
            assert target.endswith(".md") and target[:-3] in pages, f"{page}: {target}"
    reached = {help_window.MANUAL}
    for page in list(pages):
        text = help_window.page_path(page).read_text(encoding="utf-8")
        reached |= {t[:-3] for t in re.findall(r"\]\(([^)]+\.md)\)", text)}
    assert reached == pages, f"nicht verlinkt: {pages - reached}"


@pytest.mark.parametrize("step", range(len(STEPS)))
def test_f1_in_the_editor_opens_the_page_of_the_step(
    qtbot: QtBot, reference_window: MainWindow, step: int
) -> None:
    window = reference_window
    assert window.editor is not None
    window.editor.set_current_step(step)
    first = window.editor.steps[step].first_field() or window.editor
    first.setFocus()
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F1)
    shown = window.help.help_window
    assert shown is not None and shown.isVisible()
    assert shown.topic() == help_window.step_topic(step)
    assert shown.page_title() == f"Schritt {step + 1}: {STEPS[step].title}"
    shown.close()


def test_f1_in_a_dialog_opens_its_page_and_links_lead_on(
    qtbot: QtBot, reference_window: MainWindow
) -> None:
    window = reference_window
    window.show_history()
    dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "versionen")
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.keyClick(dialog, Qt.Key.Key_F1)
    shown = window.help.help_window
    assert shown is not None and shown.topic() == "versionen"
    assert "Diese Fassung wiederherstellen" in shown.browser.toPlainText()
    shown.browser.setSource(shown.browser.source().resolved(help_window.page_url("handbuch")))
    assert shown.topic() == "handbuch"
    qtbot.mouseClick(shown.back_button, Qt.MouseButton.LeftButton)
    assert shown.topic() == "versionen"
    dialog.close()
    shown.close()


def test_f1_on_the_overview_opens_the_overview_page(
    qtbot: QtBot, reference_window: MainWindow
) -> None:
    window = reference_window
    window.show_overview()
    qtbot.keyClick(window.overview.table, Qt.Key.Key_F1)
    assert window.help.help_window is not None
    assert window.help.help_window.topic() == help_window.OVERVIEW
    window.help.help_window.close()


def test_the_shortcut_page_lists_the_real_actions(reference_window: MainWindow) -> None:
    window = reference_window
    window.action_shortcuts.trigger()
    shown = window.help.help_window
    assert shown is not None
    text = shown.browser.toPlainText()
    for action in (window.action_new, window.action_save, window.action_search):
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert keys and keys in text, action.text()
    assert "Strg+N" in text and "Neue Stellungnahme" in text and "Alt+Rechts" in text
    assert help_window.SHORTCUTS_MARKER not in shown.browser.toHtml()
    shown.close()


def test_the_help_menu_and_window_are_accessible(
    qtbot: Any,
    reference_window: MainWindow,
    find_nameless_controls: Callable[[QWidget], list[str]],
    find_mnemonic_conflicts: Callable[[QWidget], dict[str, list[str]]],
) -> None:
    window = reference_window
    labels = [action.text() for action in window.menuBar().actions()[-1].menu().actions()]
    assert labels[:3] == ["&Hilfe zu dieser Seite\tF1", "Hand&buch", "&Tastenkürzel"]
    window.action_manual.trigger()
    shown = window.help.help_window
    assert shown is not None and shown.topic() == "handbuch"
    assert find_nameless_controls(shown) == []
    assert find_mnemonic_conflicts(shown) == {}
    shown.close()


def test_the_pruefung_page_names_the_words_the_rules_count_as_a_reference() -> None:
    text = help_window.page_path(help_window.step_topic(1)).read_text(encoding="utf-8")
    for words in rules.REFERENCE_WORDS.values():
        assert f"| {', '.join(words)} |" in text
