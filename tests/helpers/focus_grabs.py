"""Grabs of controls with and without the keyboard focus, for the visible-focus tests.

Shared by ``tests/ui/test_focus_frame.py`` (100 %) and ``tests/ui/focus_grab_check.py`` (run
at 200 % in a process of its own). A grab takes the control with the room around it, as the
clerk sees it: the focus ring is drawn there, outside the control.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView, QWidget

from stellungnahme_app.ui.editor.step_pruefung import PruefungStep
from stellungnahme_app.ui.focus_frame import RING_MARGIN
from stellungnahme_app.ui.main_window import MainWindow

#: What must change when a control gets the focus: a line along most of its edge.
MIN_CHANGED_PIXELS = 150


def _grab(control: QWidget) -> tuple[QRect, QImage]:
    QApplication.processEvents()
    parent = control.parentWidget()
    assert parent is not None
    margin = RING_MARGIN + 1
    area = control.geometry().adjusted(-margin, -margin, margin, margin)
    return control.geometry(), parent.grab(area.intersected(parent.rect())).toImage()


def changed_pixels(control: QWidget) -> int:
    """How many pixels of the control and the room around it change when it gets the focus."""
    control.window().activateWindow()
    for _attempt in range(3):  # a layout may still settle (a new style, a page just shown)
        focus = QApplication.focusWidget()
        if focus is not None:
            focus.clearFocus()
        place, without = _grab(control)
        control.setFocus(Qt.FocusReason.TabFocusReason)
        place_then, with_focus = _grab(control)
        if place == place_then:
            break
    assert without.size() == with_focus.size()
    return sum(
        1
        for y in range(without.height())
        for x in range(without.width())
        if without.pixel(x, y) != with_focus.pixel(x, y)
    )


def changed_row_pixels(view: QAbstractItemView) -> int:
    """How many pixels of the current row change when its view gets the focus."""
    view.window().activateWindow()
    focus = QApplication.focusWidget()
    if focus is not None:
        focus.clearFocus()
    current = view.currentIndex()
    assert current.isValid()
    row = QRect()
    columns = view.horizontalHeader().count() if isinstance(view, QTableView) else 1
    for column in range(columns):
        row = row.united(view.visualRect(current.siblingAtColumn(column)))
    row = row.intersected(view.viewport().rect())
    QApplication.processEvents()
    without = view.viewport().grab(row).toImage()
    view.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    with_focus = view.viewport().grab(row).toImage()
    return sum(
        1
        for y in range(without.height())
        for x in range(without.width())
        if without.pixel(x, y) != with_focus.pixel(x, y)
    )


def focus_controls(window: MainWindow, draft_id: int) -> dict[str, Callable[[], QWidget]]:
    """The controls to look at by name; each call shows the page the control is on."""

    def overview_table() -> QWidget:
        window.show_overview()
        window.overview.select_draft(draft_id)
        return window.overview.table

    def overview_button() -> QWidget:
        window.show_overview()
        return window.overview.new_button

    def step(index: int) -> None:
        window.open_draft(draft_id)
        assert window.editor is not None
        window.editor.set_current_step(index)

    def answer_ja() -> QWidget:
        step(1)
        assert window.editor is not None
        pruefung = window.editor.steps[1]
        assert isinstance(pruefung, PruefungStep)
        return pruefung.questions["legal"].yes

    def weiter() -> QWidget:
        step(1)
        assert window.editor is not None
        return window.editor.next_button

    def step_list() -> QWidget:
        step(1)
        assert window.editor is not None
        return window.editor.step_list

    def combo_box() -> QWidget:
        step(0)
        assert window.editor is not None
        return window.editor.steps[0].department  # type: ignore[attr-defined]

    def step_findings() -> QWidget:
        step(1)  # the reference draft has a Hinweis there
        assert window.editor is not None
        findings = window.editor.step_findings
        findings.setCurrentRow(0)
        return findings

    def export_findings() -> QWidget:
        step(7)
        assert window.editor is not None
        findings = window.editor.export_step.findings
        findings.setCurrentRow(0)
        return findings

    return {
        "Übersicht: Zeile": overview_table,
        "Befunde des Schritts": step_findings,
        "Prüfergebnis": export_findings,
        "Übersicht: Knopf Neu": overview_button,
        "Schritt 2: Ja": answer_ja,
        "Knopf Weiter": weiter,
        "Liste der Schritte": step_list,
        "Schritt 1: Dezernat": combo_box,
    }
