"""Dates as German clerks write them: TT.MM.JJJJ.

The editor's date fields accept what people type (``30.04.2024``, ``30.4.2024``,
``30.4.24``) and say in German what is wrong with anything else.
"""

from __future__ import annotations

import datetime as dt
import re

from stellungnahme_app.form import DATE_FORMAT

PLACEHOLDER = "TT.MM.JJJJ"
_DATE = re.compile(r"^\s*(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{2}|\d{4})\s*$")


class DateInputError(ValueError):
    """The text is not a date; ``str(error)`` says why, in German."""


def format_date(date: dt.date | None) -> str:
    """``30.04.2024``, or empty for no date."""
    return date.strftime(DATE_FORMAT) if date is not None else ""


def format_date_time(moment: dt.datetime | None) -> str:
    """``30.04.2024 14:32`` in local time (a naive time counts as local), or empty."""
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime(f"{DATE_FORMAT} %H:%M")


def parse_date(text: str) -> dt.date | None:
    """The date in ``text`` (TT.MM.JJJJ, also T.M.JJJJ and TT.MM.JJ); ``None`` when empty.

    Raises :class:`DateInputError` with a German message for anything else.
    """
    if not text.strip():
        return None
    match = _DATE.match(text)
    if match is None:
        raise DateInputError(
            f"„{text.strip()}“ ist kein Datum. Bitte als {PLACEHOLDER} eingeben, z. B. 30.04.2024."
        )
    year = int(match["year"])
    if len(match["year"]) == 2:
        year += 2000
    try:
        return dt.date(year, int(match["month"]), int(match["day"]))
    except ValueError:
        raise DateInputError(
            f"Den {text.strip()} gibt es nicht. Bitte prüfen Sie Tag und Monat."
        ) from None
