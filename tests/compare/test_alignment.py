"""Aligning lists: unchanged items stay paired, changed ones pair with the most alike."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from stellungnahme_app.compare.alignment import align, text_likeness


def _align(old: list[str], new: list[str]) -> list[tuple[int | None, int | None]]:
    return align(old, new, identity=lambda t: t, likeness=text_likeness)


def test_equal_lists_pair_item_by_item() -> None:
    assert _align(["a", "b"], ["a", "b"]) == [(0, 0), (1, 1)]


def test_an_inserted_item_does_not_shift_the_others() -> None:
    old = ["Erster Punkt hier", "Zweiter Punkt dort"]
    new = ["Ganz neuer Anfang", "Erster Punkt hier", "Zweiter Punkt dort"]
    assert _align(old, new) == [(None, 0), (0, 1), (1, 2)]


def test_a_changed_item_pairs_with_the_most_alike_new_one() -> None:
    old = ["Der Rat tagt im dritten Quartal.", "Ende."]
    new = ["Etwas ganz anderes steht hier", "Der Rat tagt im vierten Quartal.", "Ende."]
    assert _align(old, new) == [(None, 0), (0, 1), (1, 2)]


def test_removals_come_before_additions_in_a_gap() -> None:
    assert _align(["x y z"], ["ganz anders"]) == [(0, None), (None, 0)]


def test_likeness_by_words() -> None:
    assert text_likeness("a b c d", "a b c d") == 1.0
    assert text_likeness("a b", "c d") == 0.0
    assert text_likeness("a b c d", "a b c e") == 0.75
    assert text_likeness("", "") == 1.0


@given(
    old=st.lists(st.sampled_from(["a", "b c", "b d", "e", ""]), max_size=12),
    new=st.lists(st.sampled_from(["a", "b c", "b d", "f", ""]), max_size=12),
)
def test_every_item_appears_once_in_order(old: list[str], new: list[str]) -> None:
    pairs = _align(old, new)
    assert [i for i, _ in pairs if i is not None] == list(range(len(old)))
    assert [j for _, j in pairs if j is not None] == list(range(len(new)))
