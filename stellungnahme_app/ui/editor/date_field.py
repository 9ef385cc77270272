"""A date field for TT.MM.JJJJ that may be left empty, with a calendar to pick from.

Qt's QDateEdit cannot be empty, but a Frist or a signature date may not be known yet. So
this is a text field: the author types ``30.04.2024`` (or ``30.4.24``), clears it for "no
date", or picks a day in the calendar. While the text is not a date, a German hint says what
is expected and the model keeps the last valid value.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app.german_dates import PLACEHOLDER, DateInputError, format_date, parse_date
from stellungnahme_app.ui.editor.text_field import LineField
from stellungnahme_app.ui.editor.widget_helpers import describe

_FOUR_DIGIT_YEAR = re.compile(r"\.\s*\d{4}\s*$")
GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)


class DateField(QWidget):
    """Text field plus calendar button; ``date_edited`` carries a ``date`` or ``None``."""

    date_edited = Signal(object)

    def __init__(
        self,
        accessible_name: str,
        parent: QWidget | None = None,
        *,
        description: str = "",
    ) -> None:
        super().__init__(parent)
        self._date: dt.date | None = None
        hint = f"Datum als {PLACEHOLDER}; leer lassen, wenn es noch nicht feststeht."
        self._description = (description + " " + hint).strip()
        self.line = LineField(
            accessible_name,
            description=self._description,
            placeholder=PLACEHOLDER,
            spell_check=False,
        )
        self.line.setMaxLength(20)
        metrics = self.line.fontMetrics()
        self.line.setMaximumWidth(metrics.horizontalAdvance("00.00.00000") * 2)
        self.line.edited.connect(self._typed)
        self.line.editingFinished.connect(self._finished)

        self.calendar_button = QToolButton()
        self.calendar_button.setText("Kalender …")
        self.calendar_button.setToolTip(f"{accessible_name}: im Kalender auswählen")
        describe(self.calendar_button, f"{accessible_name} im Kalender auswählen")
        self.calendar_button.clicked.connect(self.show_calendar)

        self.today_button = QToolButton()
        self.today_button.setText("Heute")
        describe(self.today_button, f"{accessible_name}: heutiges Datum eintragen")
        self.today_button.clicked.connect(lambda: self._pick(dt.date.today()))

        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setObjectName("eingabefehler")
        self.problem.setVisible(False)
        describe(self.problem, f"Hinweis zu {accessible_name}")

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(self.calendar_button)
        row.addWidget(self.today_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        self.setFocusProxy(self.line)

    # ------------------------------------------------------------------ value

    def date(self) -> dt.date | None:
        return self._date

    def set_date(self, date: dt.date | None) -> None:
        """Show ``date`` (program's doing: no signal, no undo history)."""
        self._date = date
        self.line.set_text(format_date(date))
        self._show_problem("")

    def is_valid(self) -> bool:
        """False while the typed text is not a date."""
        return not self.problem.isVisible()

    def commit(self) -> None:
        """Take a valid typed date into the value now (half-typed text stays as it is)."""
        self._take(self.line.text())

    # ------------------------------------------------------------------ events

    def _typed(self, text: str) -> None:
        # While typing, "30.4.20" is on its way to "30.4.2024": only an empty field or a
        # four-digit year counts at once, a short year when the field is left.
        if not text.strip() or _FOUR_DIGIT_YEAR.search(text):
            self._take(text)

    def _take(self, text: str) -> str:
        """Take ``text`` as the value if it is a date; returns why not (``""`` if it is)."""
        try:
            date = parse_date(text)
        except DateInputError as error:
            return str(error)
        self._show_problem("")
        if date != self._date:
            self._date = date
            self.date_edited.emit(date)
        return ""

    def _finished(self) -> None:
        text = self.line.text()
        problem = self._take(text)
        if problem:
            self._show_problem(problem)
            return
        if self._date is not None and text != format_date(self._date):
            self.line.set_text(format_date(self._date))

    def _show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))
        self.line.setAccessibleDescription(message or self._description)

    def _pick(self, date: dt.date) -> None:
        """Set ``date`` as the author's choice: undoable in the field, signals the change."""
        self.line.selectAll()
        self.line.insert(format_date(date))
        self._finished()
        self.line.setFocus()

    # ------------------------------------------------------------------ calendar

    def show_calendar(self) -> None:
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setObjectName("kalender")
        calendar.setLocale(GERMAN)
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        calendar.setGridVisible(True)
        describe(calendar, f"Kalender: {self.line.accessibleName()}")
        shown = self._date or dt.date.today()
        calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        calendar.activated.connect(lambda day: self._calendar_chosen(calendar, day))
        calendar.clicked.connect(lambda day: self._calendar_chosen(calendar, day))
        calendar.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        calendar.move(self.calendar_button.mapToGlobal(self.calendar_button.rect().bottomLeft()))
        calendar.show()
        calendar.setFocus()

    def _calendar_chosen(self, calendar: QCalendarWidget, day: QDate) -> None:
        calendar.close()
        self._pick(dt.date(day.year(), day.month(), day.day()))
