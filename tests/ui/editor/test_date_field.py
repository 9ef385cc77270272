"""The date field: TT.MM.JJJJ typed, picked in the calendar, or left empty."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCalendarWidget

from stellungnahme_app.ui.editor.date_field import DateField

TypeText = Callable[[Any, str], None]


@pytest.fixture
def field(qtbot: Any) -> DateField:
    date_field = DateField("Frist")
    qtbot.addWidget(date_field)
    date_field.show()
    date_field.line.setFocus()
    return date_field


def test_typing_a_date_sets_it(qtbot: Any, field: DateField, type_text: TypeText) -> None:
    dates: list[object] = []
    field.date_edited.connect(dates.append)
    type_text(field.line, "30.4.2024")
    assert field.date() == dt.date(2024, 4, 30)
    assert dates == [dt.date(2024, 4, 30)], "no half-typed dates reach the draft"
    qtbot.keyClick(field.line, Qt.Key.Key_Tab)
    assert field.line.text() == "30.04.2024", "shown as TT.MM.JJJJ after leaving the field"
    assert field.is_valid()


def test_clearing_the_field_means_no_date(qtbot: Any, field: DateField) -> None:
    field.set_date(dt.date(2024, 4, 30))
    dates: list[object] = []
    field.date_edited.connect(dates.append)
    qtbot.keyClick(field.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field.line, Qt.Key.Key_Delete)
    assert field.date() is None
    assert dates == [None]


def test_a_wrong_date_gets_a_german_hint_and_keeps_the_last_value(
    qtbot: Any, field: DateField, type_text: TypeText
) -> None:
    field.set_date(dt.date(2024, 4, 30))
    qtbot.keyClick(field.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(field.line, "31.02.2024")
    qtbot.keyClick(field.line, Qt.Key.Key_Tab)
    assert not field.is_valid()
    assert field.problem.isVisible()
    assert "gibt es nicht" in field.problem.text()
    assert field.date() == dt.date(2024, 4, 30)
    assert "gibt es nicht" in field.line.accessibleDescription()


def test_today_button(qtbot: Any, field: DateField) -> None:
    with qtbot.waitSignal(field.date_edited) as signal:
        qtbot.mouseClick(field.today_button, Qt.MouseButton.LeftButton)
    assert signal.args == [dt.date.today()]
    assert field.line.text() == dt.date.today().strftime("%d.%m.%Y")
    qtbot.keyClick(field.line, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.line.text() == "", "picking is undoable"


def test_calendar_picks_a_day(qtbot: Any, field: DateField) -> None:
    field.set_date(dt.date(2024, 4, 30))
    qtbot.mouseClick(field.calendar_button, Qt.MouseButton.LeftButton)
    calendar = field.findChild(QCalendarWidget, "kalender")
    assert calendar is not None
    assert calendar.selectedDate() == QDate(2024, 4, 30)
    assert calendar.locale().name() == "de_DE"
    with qtbot.waitSignal(field.date_edited):
        calendar.activated.emit(QDate(2024, 5, 2))
    assert field.date() == dt.date(2024, 5, 2)
    assert field.line.text() == "02.05.2024"


def test_a_short_year_counts_when_the_field_is_left(
    qtbot: Any, field: DateField, type_text: TypeText
) -> None:
    type_text(field.line, "1.5.24")
    assert field.date() is None
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert field.date() == dt.date(2024, 5, 1)
    assert field.line.text() == "01.05.2024"
