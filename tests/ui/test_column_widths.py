"""Sharing a table's width among its columns: whole texts where there is room."""

from __future__ import annotations

from stellungnahme_app.ui.column_widths import fit_widths

NUMBER, TITLE, DEPARTMENT, DATE = 0, 1, 2, 3
WANTED = [60, 360, 340, 110]
MINIMUM = [0, 80, 80, 0]


def test_with_room_every_column_is_whole_and_the_title_gets_the_rest() -> None:
    widths = fit_widths(WANTED, MINIMUM, [DEPARTMENT, TITLE], available=1000)
    assert widths[NUMBER] == 60 and widths[DEPARTMENT] == 340 and widths[DATE] == 110
    assert widths[TITLE] == 1000 - 60 - 340 - 110
    assert sum(widths) == 1000


def test_too_narrow_the_dezernat_gives_way_before_the_title() -> None:
    widths = fit_widths(WANTED, MINIMUM, [DEPARTMENT, TITLE], available=700)
    assert widths[TITLE] == 360, "the title stays whole while the Dezernat can give way"
    assert widths[DEPARTMENT] == 700 - 60 - 360 - 110
    assert sum(widths) == 700


def test_much_too_narrow_the_title_gives_way_last_and_nothing_below_its_minimum() -> None:
    widths = fit_widths(WANTED, MINIMUM, [DEPARTMENT, TITLE], available=400)
    assert widths[DEPARTMENT] == 80
    assert widths[TITLE] == 400 - 60 - 80 - 110
    assert fit_widths(WANTED, MINIMUM, [DEPARTMENT, TITLE], available=100)[TITLE] == 80
