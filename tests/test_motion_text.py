"""Splitting a pasted motion text into resolution points."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from stellungnahme_app.model import Draft, ResolutionPoint
from stellungnahme_app.motion_text import (
    next_point_number,
    point_starts,
    split_motion,
    split_resolution_points,
)


def _pairs(points: list[ResolutionPoint]) -> list[tuple[str, str]]:
    return [(p.number, p.text) for p in points]


@pytest.mark.parametrize(
    ("pasted", "expected"),
    [
        (
            "01 Erstens.\n02 Zweitens.\n03 Drittens.",
            [("01", "Erstens."), ("02", "Zweitens."), ("03", "Drittens.")],
        ),
        ("1. Erstens.\n2. Zweitens.", [("1", "Erstens."), ("2", "Zweitens.")]),
        ("1) Erstens.\n2) Zweitens.", [("1", "Erstens."), ("2", "Zweitens.")]),
        ("1.) Erstens.\n2.) Zweitens.", [("1", "Erstens."), ("2", "Zweitens.")]),
        ("01\tErstens.\n02\tZweitens.", [("01", "Erstens."), ("02", "Zweitens.")]),
        ("  1.  Eingerückt.\n  2.  Auch.", [("1", "Eingerückt."), ("2", "Auch.")]),
    ],
)
def test_splits_each_numbering_style(pasted: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(split_resolution_points(pasted)) == expected


def test_number_on_its_own_line_takes_the_lines_below() -> None:
    pasted = (
        "01\nDer Oberbürgermeister beruft\neinen Arbeitskreis ein.\n\n02\nDer Arbeitskreis tagt."
    )
    assert _pairs(split_resolution_points(pasted)) == [
        ("01", "Der Oberbürgermeister beruft\neinen Arbeitskreis ein."),
        ("02", "Der Arbeitskreis tagt."),
    ]


def test_keeps_paragraphs_inside_a_point_and_tidies_blank_lines() -> None:
    pasted = "1. Erster Absatz.   \n\n\n\nZweiter Absatz.\n2. Nächster Punkt.\n\n"
    assert _pairs(split_resolution_points(pasted)) == [
        ("1", "Erster Absatz.\n\nZweiter Absatz."),
        ("2", "Nächster Punkt."),
    ]


def test_lines_starting_with_other_numbers_stay_in_the_text() -> None:
    pasted = (
        "1. Die Verwaltung schafft\n"
        "2 Stellen für die Koordination.\n"
        "15. Mai 2024 ist der Stichtag.\n"
        "2. Der Stadtrat wird informiert.\n"
        "2024 wird geprüft.\n"
        "1.1 Unterpunkt bleibt Text.\n"
    )
    assert _pairs(split_resolution_points(pasted)) == [
        (
            "1",
            "Die Verwaltung schafft\n2 Stellen für die Koordination.\n"
            "15. Mai 2024 ist der Stichtag.",
        ),
        ("2", "Der Stadtrat wird informiert.\n2024 wird geprüft.\n1.1 Unterpunkt bleibt Text."),
    ]


def test_zero_padded_numbers_continue_only_zero_padded() -> None:
    pasted = "01 Erstens:\n2 Stellen werden geschaffen.\n02 Zweitens."
    assert _pairs(split_resolution_points(pasted)) == [
        ("01", "Erstens:\n2 Stellen werden geschaffen."),
        ("02", "Zweitens."),
    ]


def test_preamble_is_kept_apart() -> None:
    result = split_motion("Der Stadtrat beschließt:\n\n1. Erstens.\n2. Zweitens.")
    assert result.preamble == "Der Stadtrat beschließt:"
    assert _pairs(result.points) == [("1", "Erstens."), ("2", "Zweitens.")]


def test_a_date_in_the_preamble_does_not_swallow_the_first_point() -> None:
    result = split_motion("Beschluss vom\n1. Juli 2024:\n1. Erstens.\n2. Zweitens.")
    assert result.preamble == "Beschluss vom\n1. Juli 2024:"
    assert _pairs(result.points) == [("1", "Erstens."), ("2", "Zweitens.")]


def test_an_excerpt_may_start_at_a_later_point() -> None:
    assert _pairs(split_resolution_points("04 Vier.\n05 Fünf.")) == [
        ("04", "Vier."),
        ("05", "Fünf."),
    ]


def test_text_without_numbers_is_one_point_without_number() -> None:
    assert _pairs(split_resolution_points("  Der Oberbürgermeister wird beauftragt.\n")) == [
        ("", "Der Oberbürgermeister wird beauftragt.")
    ]


@pytest.mark.parametrize("blank", ["", " ", "\n\n", "\t \u00a0\n"])
def test_blank_text_gives_no_points(blank: str) -> None:
    assert split_resolution_points(blank) == []


def test_a_number_without_text_gives_an_empty_point() -> None:
    assert _pairs(split_resolution_points("1.\n2. Zweitens.")) == [("1", ""), ("2", "Zweitens.")]


def test_word_and_pdf_line_breaks_and_control_characters_are_cleaned() -> None:
    pasted = "1.\tErstens\vmit Zeilenumbruch.\r\n2.\tZweitens\x00.\f3.\tDrittens\u2029Absatz."
    assert _pairs(split_resolution_points(pasted)) == [
        ("1", "Erstens\nmit Zeilenumbruch."),
        ("2", "Zweitens."),
        ("3", "Drittens\n\nAbsatz."),
    ]


def test_splits_the_reference_resolution_points(reference_draft: Draft) -> None:
    """The points as they stand in the published document: number, blank line, text."""
    pasted = "\n\n".join(f"{p.number}\n\n{p.text}" for p in reference_draft.resolution_points)
    assert split_resolution_points(pasted) == reference_draft.resolution_points


def test_huge_input_is_split() -> None:
    pasted = "\n".join(f"{n}. Punkt {n} " + "Satz. " * 50 for n in range(1, 1000))
    points = split_resolution_points(pasted)
    assert [p.number for p in points] == [str(n) for n in range(1, 1000)]


def test_many_lines_numbered_one_are_bounded_work() -> None:
    points = split_resolution_points("1\n" * 20_000)
    assert points[0].number == "1"
    assert len(points) == 1


# ----------------------------------------------------------------------------- properties

_LINE_TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8", categories=("L", "N", "P", "S", "Zs"), exclude_characters="\u2028\u2029"
    ),
    max_size=40,
).map(str.strip)

# A point's text: lines that do not themselves start with a number.
_POINT_TEXT = st.lists(
    _LINE_TEXT.filter(lambda s: not re.match(r"\d", s)), min_size=1, max_size=4
).map(lambda lines: "\n".join(lines).strip())


@st.composite
def _numbered_motions(draw: st.DrawFn) -> tuple[str, list[tuple[str, str]]]:
    texts = draw(st.lists(_POINT_TEXT.filter(bool), min_size=1, max_size=8))
    style = draw(st.sampled_from(["{:02d} ", "{}. ", "{}) ", "{:02d}\n", "{}.\t", "{})\n\n"]))
    numbers = [style.format(position + 1) for position in range(len(texts))]
    pasted = "\n".join(n + t for n, t in zip(numbers, texts, strict=True))
    expected = [
        (n.strip().rstrip(".)"), re.sub(r"\n{3,}", "\n\n", t))
        for n, t in zip(numbers, texts, strict=True)
    ]
    return pasted, expected


@given(_numbered_motions())
@settings(max_examples=200)
def test_numbered_points_round_trip(motion: tuple[str, list[tuple[str, str]]]) -> None:
    pasted, expected = motion
    assert _pairs(split_resolution_points(pasted)) == expected


def _visible(text: str) -> str:
    return re.sub(r"\s", "", text)


@given(st.text(max_size=300))
@example("1.\n2.)\n3)")
@example("01\n1\n02 x\n\u00a0")
def test_any_text_splits_without_losing_visible_characters(pasted: str) -> None:
    """Only whitespace and the number markers may disappear; order is kept."""
    from stellungnahme_app.text import clean

    result = split_motion(pasted)
    assert all(isinstance(p, ResolutionPoint) for p in result.points)
    produced = [result.preamble]
    for point in result.points:
        produced.append(point.number)
        produced.append(point.text)
    produced_visible = _visible("".join(produced))
    source_visible = _visible(clean(pasted))
    # Removing the marks "." and ")" after numbers is the only change besides whitespace.
    assert len(produced_visible) <= len(source_visible)
    assert _is_subsequence(produced_visible, source_visible)
    dropped = _difference(produced_visible, source_visible)
    assert set(dropped) <= {".", ")"}
    assert len(dropped) <= 2 * len(result.points)


@given(st.text(alphabet="0123456789.) \n\tab", max_size=200))
def test_number_heavy_text_never_fails(pasted: str) -> None:
    for point in split_resolution_points(pasted):
        assert point.number == "" or point.number.isdigit()
        assert point.text == point.text.strip()


def _is_subsequence(small: str, big: str) -> bool:
    remaining = iter(big)
    return all(char in remaining for char in small)


def _difference(small: str, big: str) -> str:
    """The characters of ``big`` left over after matching ``small`` as a subsequence."""
    left_over = []
    position = 0
    for char in big:
        if position < len(small) and small[position] == char:
            position += 1
        else:
            left_over.append(char)
    return "".join(left_over)


@pytest.mark.parametrize(
    ("numbers", "following"),
    [
        ([], "01"),
        (["01", "02"], "03"),
        (["09"], "10"),
        (["1"], "2"),
        (["1."], "2."),
        (["3)"], "4)"),
        (["01", ""], "02"),
        (["a"], ""),
    ],
)
def test_next_point_number_continues_the_style(numbers: list[str], following: str) -> None:
    assert next_point_number(numbers) == following


def test_point_starts_keep_the_number_as_written() -> None:
    lines = ["Der Stadtrat beschließt:", "1.) Erstens", "2.) Zweitens", "2 Stellen", "3.) Drittens"]
    starts = point_starts(lines)
    assert [(s.line_index, s.number, s.rest) for s in starts] == [
        (1, "1.)", " Erstens"),
        (2, "2.)", " Zweitens"),
        (4, "3.)", " Drittens"),
    ]


def test_point_starts_of_numbers_on_their_own_line() -> None:
    starts = point_starts(["01", "Erstens", "02", "Zweitens"])
    assert [(s.line_index, s.number, s.rest) for s in starts] == [(0, "01", ""), (2, "02", "")]
