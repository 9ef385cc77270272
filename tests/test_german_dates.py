"""Dates typed as TT.MM.JJJJ."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stellungnahme_app.german_dates import (
    DateInputError,
    format_date,
    format_date_time,
    parse_date,
)


@pytest.mark.parametrize(
    ("typed", "date"),
    [
        ("30.04.2024", dt.date(2024, 4, 30)),
        ("30.4.2024", dt.date(2024, 4, 30)),
        (" 1.5.24 ", dt.date(2024, 5, 1)),
        ("", None),
        ("   ", None),
    ],
)
def test_parses_what_clerks_type(typed: str, date: dt.date | None) -> None:
    assert parse_date(typed) == date


@pytest.mark.parametrize("typed", ["2024-04-30", "30.04.", "30/04/2024", "morgen", "1.1.202"])
def test_rejects_other_forms_in_german(typed: str) -> None:
    with pytest.raises(DateInputError, match=r"TT\.MM\.JJJJ"):
        parse_date(typed)


def test_rejects_days_that_do_not_exist() -> None:
    with pytest.raises(DateInputError, match="gibt es nicht"):
        parse_date("30.02.2024")


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_format_and_parse_round_trip(date: dt.date) -> None:
    assert parse_date(format_date(date)) == date


def test_no_date_formats_empty() -> None:
    assert format_date(None) == ""


def test_date_and_time_in_local_time() -> None:
    assert format_date_time(dt.datetime(2024, 4, 30, 14, 32, 59)) == "30.04.2024 14:32"
    aware = dt.datetime(2024, 4, 30, 12, 32, tzinfo=dt.UTC)
    assert format_date_time(aware) == aware.astimezone().strftime("%d.%m.%Y %H:%M")
    assert format_date_time(None) == ""
