"""Accessibility and keyboard: names for every control, unique mnemonics, Tab and Alt+Right.

EN 301 549 chapter 11 / BITV 2.0: a screen reader must announce every control by name, and
the whole form must be usable without a mouse.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)

from stellungnahme_app.form_steps import STEPS
from stellungnahme_app.model import Draft
from stellungnahme_app.store import Store
from stellungnahme_app.ui.editor import DraftEditor

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractItemView,
    QPlainTextEdit,
    QTextEdit,
    QAbstractSpinBox,
)


def _richly_filled(reference_draft: Draft) -> Draft:
    """The reference with every optional part shown: Nein pickers, attachments, amendments."""
    draft = reference_draft.copy()
    draft.assessments.legal = False
    draft.attachments = ["Lageplan", "Kostenschätzung"]
    draft.amended_resolution_points = "01 Der Oberbürgermeister prüft."
    return draft


def _controls(root: QWidget) -> list[QWidget]:
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or isinstance(widget, QScrollBar):
            continue
        if _inside_combo_box_popup(widget):
            continue  # Qt's private popup list, announced through its combo box
        found.append(widget)
    return found


def _inside_combo_box_popup(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox) and widget is not parent.lineEdit():
            return True
        parent = parent.parentWidget()
    return False


def _announced_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name).strip()


def test_every_control_has_an_accessible_name(
    make_editor: Callable[..., DraftEditor], reference_draft: Draft
) -> None:
    editor = make_editor(_richly_filled(reference_draft))
    nameless = []
    for index in range(len(STEPS)):
        editor.set_current_step(index)
        for widget in _controls(editor):
            if not widget.accessibleName().strip() or not _announced_name(widget):
                nameless.append(
                    f"{type(widget).__name__} {widget.objectName()!r} "
                    f"im Schritt {index + 1}: {getattr(widget, 'text', lambda: '')()!r}"
                )
    assert nameless == []
    assert len(_controls(editor)) > 60


def test_field_names_say_which_item_they_belong_to(
    make_editor: Callable[..., DraftEditor], reference_draft: Draft
) -> None:
    editor = make_editor(_richly_filled(reference_draft))
    names = [w.accessibleName() for w in _controls(editor)]
    assert "Text des 2. Beitrags" in names
    assert "Nummer des 3. Beschlusspunkts" in names
    assert "Anlage 2" in names
    assert "Rechtliche Zulässigkeit: Nein" in names


def test_mnemonics_are_unique_on_every_step_inside_the_main_window(
    qtbot: Any,
    store: Store,
    open_main_window: Callable[[Store], Any],
    reference_draft: Draft,
    find_mnemonic_conflicts: Callable[[QWidget], dict[str, list[str]]],
) -> None:
    stored = store.create(_richly_filled(reference_draft))
    window = open_main_window(store)
    assert window.open_draft(stored.id)
    editor = window.editor
    assert isinstance(editor, DraftEditor)
    for index in range(len(STEPS)):
        editor.set_current_step(index)
        QApplication.processEvents()
        conflicts = find_mnemonic_conflicts(window)
        assert conflicts == {}, f"Schritt {index + 1}: doppelte Alt-Tasten {conflicts}"


def test_keyboard_only_walk_through_all_steps(
    qtbot: Any, make_editor: Callable[..., DraftEditor], reference_draft: Draft
) -> None:
    """Tab reaches every field of a step and the Weiter button; Alt+Right goes on."""
    editor = make_editor(_richly_filled(reference_draft))
    editor.step_list.setFocus()
    for index in range(len(STEPS)):
        assert editor.current_step() == index
        page = editor.steps[index]
        reached: list[QWidget] = []
        for _ in range(80):
            focus = QApplication.focusWidget()
            assert focus is not None
            assert editor.isAncestorOf(focus), f"Fokus verlässt den Editor: {focus}"
            assert focus.isVisible(), f"Fokus auf verstecktem Element {focus}"
            reached.append(focus)
            if focus is editor.next_button or (
                index == len(STEPS) - 1 and focus is editor.back_button
            ):
                break
            qtbot.keyClick(focus, Qt.Key.Key_Tab)
        else:
            raise AssertionError(f"Schritt {index + 1}: Weiter per Tab nicht erreichbar")
        first = page.first_field()
        assert first is not None
        assert first in reached or first.focusProxy() in reached, f"Schritt {index + 1}"
        fields = [
            w
            for w in _controls(page)
            if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        missing = [
            w.accessibleName()
            for w in fields
            if w not in reached and w.parentWidget() not in reached  # combo box's line edit
        ]
        assert missing == [], f"Schritt {index + 1}: per Tab nicht erreichbar: {missing}"
        if index < len(STEPS) - 1:
            focus = QApplication.focusWidget()
            assert focus is not None
            qtbot.keyClick(focus, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
            assert editor.current_step() == index + 1
            assert QApplication.focusWidget() is editor.steps[index + 1].first_field() or (
                editor.steps[index + 1].first_field().isAncestorOf(QApplication.focusWidget())
            )


def test_combo_boxes_are_announced_by_their_label_not_their_value(
    make_editor: Callable[..., DraftEditor], reference_draft: Draft
) -> None:
    editor = make_editor(_richly_filled(reference_draft))
    announced = {}
    for index in range(len(STEPS)):
        editor.set_current_step(index)
        for combo in editor.steps[index].findChildren(QComboBox):
            if combo.isVisible():
                interface = QAccessible.queryAccessibleInterface(combo)
                assert interface is not None
                announced[combo.accessibleName()] = (
                    interface.text(QAccessible.Text.Name),
                    interface.text(QAccessible.Text.Value),
                )
    assert announced["Dezernat"] == (
        "Dezernat",
        "Dezernat 05 – Soziales, Bildung, Jugend und Gesundheit",
    )
    assert announced["Status"] == ("Status", "Entwurf")
    for name, (announced_name, value) in announced.items():
        assert announced_name == name, f"{name} wird als „{announced_name}“ angesagt"
        assert value != name or not value
