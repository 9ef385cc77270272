"""Which item of an old list became which item of the new one.

Resolution points, contributions, paragraphs and the blocks of a Word document are compared
as lists: an item may have been changed, added, removed – or the ones around it may have.
:func:`align` pairs old and new items keeping their order so that the pairs are as alike as
possible: an item that stayed exactly the same (equal ``identity``) counts most, others by
their ``likeness`` (0 to 1, at least :data:`MIN_LIKENESS` to be paired at all). Long lists
first fix the items that stayed the same (:func:`.sequences.opcodes` on their identities)
and pair only between them. What is left over was removed (old only) or added (new only);
removals come before additions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from functools import lru_cache
from typing import TypeVar

from stellungnahme_app.compare.sequences import opcodes
from stellungnahme_app.compare.words import words_of

T = TypeVar("T")

#: Less alike than this, two items are a removal and an addition, not one changed item.
MIN_LIKENESS = 0.3
#: Lists up to this many pairs (old × new) are paired as a whole by the best total likeness.
FULL_PAIRING_CELLS = 2_500
#: Gaps between unchanged items of longer lists up to this many pairs are paired by the best
#: total likeness; larger ones item by item in order.
MAX_PAIRING_CELLS = 90_000
#: What a pair of identical items counts, against at most 1 for alike ones.
_SAME = 2.0

#: One step of an alignment: (old index, new index); ``None`` on the side that lacks it.
Pair = tuple[int | None, int | None]


def align(
    old: Sequence[T],
    new: Sequence[T],
    *,
    identity: Callable[[T], Hashable],
    likeness: Callable[[T, T], float],
) -> list[Pair]:
    """Every old and every new index once, in order (see the module docstring)."""
    old_ids = [identity(item) for item in old]
    new_ids = [identity(item) for item in new]

    def score(i: int, j: int) -> float:
        return _SAME if old_ids[i] == new_ids[j] else likeness(old[i], new[j])

    if len(old) * len(new) <= FULL_PAIRING_CELLS:
        everything_old, everything_new = range(len(old)), range(len(new))
        matches = _best_pairs(everything_old, everything_new, score)
        return _with_gaps(matches, everything_old, everything_new)
    result: list[Pair] = []
    for tag, old_lo, old_hi, new_lo, new_hi in opcodes(old_ids, new_ids):
        if tag == "equal":
            result += zip(range(old_lo, old_hi), range(new_lo, new_hi), strict=True)
        else:
            result += _paired(range(old_lo, old_hi), range(new_lo, new_hi), score)
    return result


def _paired(old_range: range, new_range: range, score: Callable[[int, int], float]) -> list[Pair]:
    if not old_range or not new_range:
        return [(i, None) for i in old_range] + [(None, j) for j in new_range]
    if len(old_range) * len(new_range) > MAX_PAIRING_CELLS:
        matches = [
            (i, j)
            for i, j in zip(old_range, new_range, strict=False)
            if score(i, j) >= MIN_LIKENESS
        ]
    else:
        matches = _best_pairs(old_range, new_range, score)
    return _with_gaps(matches, old_range, new_range)


def _best_pairs(
    old_range: range, new_range: range, pair_score: Callable[[int, int], float]
) -> list[tuple[int, int]]:
    """The order-keeping pairs with the greatest total score (dynamic programming)."""
    rows, columns = len(old_range), len(new_range)
    score = [[0.0] * (columns + 1) for _ in range(rows + 1)]
    for r in range(1, rows + 1):
        above, here = score[r - 1], score[r]
        old_index = old_range[r - 1]
        for c in range(1, columns + 1):
            best = max(above[c], here[c - 1])
            alike = pair_score(old_index, new_range[c - 1])
            if alike >= MIN_LIKENESS and above[c - 1] + alike > best:
                best = above[c - 1] + alike
            here[c] = best
    matches: list[tuple[int, int]] = []
    r, c = rows, columns
    while r > 0 and c > 0:
        if score[r][c] == score[r - 1][c]:
            r -= 1
        elif score[r][c] == score[r][c - 1]:
            c -= 1
        else:
            matches.append((old_range[r - 1], new_range[c - 1]))
            r, c = r - 1, c - 1
    return matches[::-1]


def _with_gaps(matches: list[tuple[int, int]], old_range: range, new_range: range) -> list[Pair]:
    """The matches with the unmatched items between them: removals, then additions."""
    result: list[Pair] = []
    next_old, next_new = old_range.start, new_range.start
    for i, j in [*matches, (old_range.stop, new_range.stop)]:
        result += [(k, None) for k in range(next_old, i)]
        result += [(None, k) for k in range(next_new, j)]
        if i < old_range.stop:
            result.append((i, j))
        next_old, next_new = i + 1, j + 1
    return result


def text_likeness(old: str, new: str) -> float:
    """How alike two texts are by their words, 0 (nothing in common) to 1 (the same words)."""
    if old == new:
        return 1.0
    (old_words, old_total), (new_words, new_total) = _word_counts(old), _word_counts(new)
    total = old_total + new_total
    if not total:
        return 1.0
    if len(old_words) > len(new_words):
        old_words, new_words = new_words, old_words
    common = sum(min(count, new_words.get(word, 0)) for word, count in old_words.items())
    return 2 * common / total


@lru_cache(maxsize=2048)
def _word_counts(text: str) -> tuple[dict[str, int], int]:
    """Each word's count and the number of words; aligning a long list compares every item
    with many others, so each text is counted once (never changed: the cache shares it)."""
    counts = Counter(words_of(text))
    return dict(counts), sum(counts.values())
