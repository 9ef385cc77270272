"""Word-level difference of two texts: whole units, grouped as a reader expects, exact."""

from __future__ import annotations

import itertools
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from stellungnahme_app.compare.word_diff import Change, Segment, WordDiff, word_diff
from stellungnahme_app.model import Draft


def _pairs(diff: WordDiff) -> list[tuple[str, str]]:
    return [(s.change.value, s.text) for s in diff.segments]


def test_a_changed_word_is_deleted_and_inserted_whole() -> None:
    diff = word_diff("spätestens im dritten Quartal 2024", "spätestens im vierten Quartal 2024")
    assert _pairs(diff) == [
        ("kept", "spätestens im "),
        ("deleted", "dritten"),
        ("inserted", "vierten"),
        ("kept", " Quartal 2024"),
    ]


def test_a_changed_number_is_one_unit() -> None:
    assert word_diff("Punkt 06.", "Punkt 09.").deleted == ["06"]
    assert word_diff("Punkt 06.", "Punkt 09.").inserted == ["09"]


def test_several_changed_words_in_a_row_are_one_change() -> None:
    diff = word_diff("mindestens drei Mal im Jahr", "mindestens zweimal im Jahr")
    assert diff.deleted == ["drei Mal"]
    assert diff.inserted == ["zweimal"]
    diff = word_diff("a b c", "x y z")
    assert _pairs(diff) == [("deleted", "a b c"), ("inserted", "x y z")]


def test_only_added_or_only_removed_text() -> None:
    assert _pairs(word_diff("", "neu")) == [("inserted", "neu")]
    assert _pairs(word_diff("alt", "")) == [("deleted", "alt")]
    assert _pairs(word_diff("Es gilt.", "Es gilt weiterhin.")) == [
        ("kept", "Es gilt"),
        ("inserted", " weiterhin"),
        ("kept", "."),
    ]


def test_a_text_compared_with_itself_is_unchanged() -> None:
    assert word_diff("gleich", "gleich").segments == (Segment(Change.KEPT, "gleich"),)
    assert word_diff("", "").segments == ()


def test_a_long_text_with_scattered_changes_is_fast_and_finds_each_change(
    reference_draft: Draft,
) -> None:
    text = " ".join(c.text for c in reference_draft.contributions) * 8
    words = text.split(" ")
    for index in range(0, len(words), 41):
        words[index] = "GEÄNDERT"
    changed = " ".join(words)
    started = time.perf_counter()
    diff = word_diff(text, changed)
    elapsed = time.perf_counter() - started
    assert (diff.old_text, diff.new_text) == (text, changed)
    assert elapsed < 2.0, f"{elapsed:.2f} s"


german_text = st.text(
    alphabet=st.sampled_from(list("aäbdeiınoöstuüßAÄZ0169 .,;-/\n\t–’\u0308")), max_size=80
)
any_text = st.text(max_size=60)


@given(old=german_text, new=german_text)
def test_applying_the_diff_to_the_old_text_gives_the_new(old: str, new: str) -> None:
    diff = word_diff(old, new)
    assert diff.old_text == old
    assert diff.new_text == new


@given(old=any_text, new=any_text)
def test_applying_the_diff_holds_for_any_text(old: str, new: str) -> None:
    diff = word_diff(old, new)
    assert (diff.old_text, diff.new_text) == (old, new)


@settings(max_examples=50)
@given(
    words=st.lists(st.sampled_from(["der", "Rat", "06", "09", ",", "Segregation"]), max_size=400)
)
def test_long_repetitive_texts_stay_exact(words: list[str]) -> None:
    old = " ".join(words)
    new = " ".join(reversed(words))
    diff = word_diff(old, new)
    assert (diff.old_text, diff.new_text) == (old, new)


@given(text=any_text)
def test_a_text_compared_with_itself_shows_no_change(text: str) -> None:
    assert word_diff(text, text).unchanged


@given(old=german_text, new=german_text)
def test_segments_are_grouped_never_empty_and_never_two_kept_in_a_row(old: str, new: str) -> None:
    segments = word_diff(old, new).segments
    assert all(s.text for s in segments)
    for first, second in itertools.pairwise(segments):
        assert first.change is not second.change, "gleichartige Stücke sind zusammengefasst"
        assert (first.change, second.change) != (Change.INSERTED, Change.DELETED)
