"""Comparing two sequences of hashable items fast, whatever their length.

:func:`opcodes` works like difflib's ``get_opcodes`` but patience-style: the common
beginning and end are set aside, items that occur once in both anchor the comparison, and
only short stretches between anchors are compared exhaustively (difflib without its junk
heuristic, which would ignore frequent words); a long stretch without any anchor counts as
replaced. So the cost stays near linear for the texts and documents the program compares,
where difflib alone can take seconds for a page of text.
"""

from __future__ import annotations

import bisect
import difflib
from collections import Counter
from collections.abc import Callable, Hashable, Sequence

#: Stretches at most this large (items × items) are compared exhaustively.
EXHAUSTIVE_CELLS = 40_000

Opcode = tuple[str, int, int, int, int]


def opcodes(
    old: Sequence[Hashable],
    new: Sequence[Hashable],
    *,
    may_anchor: Callable[[Hashable], bool] | None = None,
) -> list[Opcode]:
    """difflib-style opcodes (``equal``, ``replace``, ``delete``, ``insert``) covering both
    sequences in order. ``may_anchor`` excludes items (e.g. spaces) from being anchors."""
    stack: list[tuple[int, int, int, int]] = [(0, len(old), 0, len(new))]
    found: list[Opcode] = []
    while stack:
        found.extend(_stretch(old, new, stack.pop(), stack, may_anchor))
    found.sort(key=lambda op: (op[1], op[3]))
    return found


def _stretch(
    old: Sequence[Hashable],
    new: Sequence[Hashable],
    bounds: tuple[int, int, int, int],
    stack: list[tuple[int, int, int, int]],
    may_anchor: Callable[[Hashable], bool] | None,
) -> list[Opcode]:
    """Opcodes of one stretch; stretches between its anchors are pushed onto ``stack``."""
    old_lo, old_hi, new_lo, new_hi = bounds
    result: list[Opcode] = []
    start_old, start_new = old_lo, new_lo
    while old_lo < old_hi and new_lo < new_hi and old[old_lo] == new[new_lo]:
        old_lo, new_lo = old_lo + 1, new_lo + 1
    if old_lo > start_old:
        result.append(("equal", start_old, old_lo, start_new, new_lo))
    end_old, end_new = old_hi, new_hi
    while old_hi > old_lo and new_hi > new_lo and old[old_hi - 1] == new[new_hi - 1]:
        old_hi, new_hi = old_hi - 1, new_hi - 1
    if old_hi < end_old:
        result.append(("equal", old_hi, end_old, new_hi, end_new))
    old_size, new_size = old_hi - old_lo, new_hi - new_lo
    if old_size == 0 or new_size == 0:
        if old_size or new_size:
            tag = "delete" if old_size else "insert"
            result.append((tag, old_lo, old_hi, new_lo, new_hi))
        return result
    if old_size * new_size <= EXHAUSTIVE_CELLS:
        matcher = difflib.SequenceMatcher(
            None, old[old_lo:old_hi], new[new_lo:new_hi], autojunk=False
        )
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            result.append((tag, old_lo + i1, old_lo + i2, new_lo + j1, new_lo + j2))
        return result
    anchors = _anchors(old, new, (old_lo, old_hi, new_lo, new_hi), may_anchor)
    if not anchors:
        result.append(("replace", old_lo, old_hi, new_lo, new_hi))
        return result
    previous_old, previous_new = old_lo, new_lo
    for anchor_old, anchor_new in anchors:
        stack.append((previous_old, anchor_old, previous_new, anchor_new))
        result.append(("equal", anchor_old, anchor_old + 1, anchor_new, anchor_new + 1))
        previous_old, previous_new = anchor_old + 1, anchor_new + 1
    stack.append((previous_old, old_hi, previous_new, new_hi))
    return result


def _anchors(
    old: Sequence[Hashable],
    new: Sequence[Hashable],
    bounds: tuple[int, int, int, int],
    may_anchor: Callable[[Hashable], bool] | None,
) -> list[tuple[int, int]]:
    """Items that occur once in each stretch, the longest run of them in the same order."""
    old_lo, old_hi, new_lo, new_hi = bounds
    old_counts = Counter(old[old_lo:old_hi])
    new_counts = Counter(new[new_lo:new_hi])
    new_position: dict[Hashable, int] = {}
    for index in range(new_lo, new_hi):
        item = new[index]
        unique = old_counts[item] == 1 and new_counts[item] == 1
        if unique and (may_anchor is None or may_anchor(item)):
            new_position[item] = index
    pairs = [(i, new_position[old[i]]) for i in range(old_lo, old_hi) if old[i] in new_position]
    return longest_increasing(pairs)


def longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by the first) rising in the second."""
    tails: list[int] = []  # tails[k]: the smallest second value ending a run of length k+1
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(pairs)
    for index, (_first, second) in enumerate(pairs):
        position = bisect.bisect_left(tails, second)
        if position == len(tails):
            tails.append(second)
            tail_index.append(index)
        else:
            tails[position] = second
            tail_index[position] = index
        previous[index] = tail_index[position - 1] if position else -1
    run: list[tuple[int, int]] = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        run.append(pairs[index])
        index = previous[index]
    return run[::-1]
