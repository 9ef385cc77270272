"""How a table shares its width among its columns: whole texts where there is room.

Qt either sizes every column to its content (and the table scrolls sideways) or stretches
some columns to equal parts (and cuts a long title to "Kostenfrei…" while the Dezernat beside
it has room to spare). :func:`fit_widths` gives every column what its content needs when that
fits; when it does not, the *elastic* columns give way one after the other, in the order
given (a search hit before the Dezernat before the title), each down to its minimum.
Room left over goes to the first column that is to be kept whole (the title).
"""

from __future__ import annotations

from collections.abc import Sequence


def fit_widths(
    wanted: Sequence[int],
    minimum: Sequence[int],
    giving_way: Sequence[int],
    available: int,
) -> list[int]:
    """The widths of the columns for a table ``available`` pixels wide.

    ``wanted`` is what each column's content needs, ``minimum`` what an elastic column keeps
    at least; ``giving_way`` lists the elastic columns, the first to give way first.
    """
    widths = list(wanted)
    overflow = sum(widths) - available
    for column in giving_way:
        if overflow <= 0:
            break
        cut = min(overflow, max(0, widths[column] - minimum[column]))
        widths[column] -= cut
        overflow -= cut
    if overflow < 0 and giving_way:
        widths[giving_way[-1]] -= overflow  # the room left over: to the one kept longest
    return widths
