"""Joining a motion's lines the way a careful typist would."""

from __future__ import annotations

import pytest

from stellungnahme_app.motion.lines import Box, SourceLine, join_hyphenated, join_lines

MARK = "\ufffe"  # PDFium's mark for a hyphen at a line end


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["an allen Grund-", "schulen"], "an allen Grundschulen"),
        ([f"an allen Grund{MARK}schulen"], "an allen Grundschulen"),
        ([f"das Sozial{MARK}und Jugendamt"], "das Sozial- und Jugendamt"),
        ([f"Fuß{MARK}oder Radverkehr"], "Fuß- oder Radverkehr"),
        ([f"eine E{MARK}Mail"], "eine E-Mail"),
        ([f"die ABC{MARK}Schützen"], "die ABC-Schützen"),
        (["richtet Tempo-30-", "Zonen ein"], "richtet Tempo-30-Zonen ein"),
        (["das 3-", "fache"], "das 3-fache"),
        (["im Schuljahr 2026/", "27"], "im Schuljahr 2026/27"),
        (["und/", "oder"], "und/oder"),
        (["Sozial- ", "und Jugendamt"], "Sozial- und Jugendamt"),
        (["bis Ende 2027 –", "spätestens"], "bis Ende 2027 – spätestens"),
        (["Zeile eins", "Zeile zwei"], "Zeile eins Zeile zwei"),
        (["  viele   Leer\tzeichen  ", "hier"], "viele Leer zeichen hier"),
        (["Grund\u00adschulen"], "Grundschulen"),
    ],
)
def test_lines_of_a_paragraph_are_joined(lines: list[str], joined: str) -> None:
    assert join_lines(lines) == joined


def test_sub_points_start_a_line_of_their_own() -> None:
    lines = [
        "Der Oberbürgermeister wird beauftragt,",
        "a) eine Hol- und Bringzone einzurichten,",
        "die gut erreichbar ist,",
        "b) die Überwachung zu verstärken,",
        "aa) auch samstags,",
        "– und zu berichten.",
    ]
    assert join_lines(lines) == (
        "Der Oberbürgermeister wird beauftragt,\n"
        "a) eine Hol- und Bringzone einzurichten, die gut erreichbar ist,\n"
        "b) die Überwachung zu verstärken,\n"
        "aa) auch samstags,\n"
        "– und zu berichten."
    )


def test_a_new_paragraph_is_separated_by_a_blank_line() -> None:
    lines = [
        SourceLine("Die Haltestelle erhält Hochborde."),
        SourceLine("Die Arbeiten werden", starts_paragraph=True),
        SourceLine("abgestimmt."),
    ]
    assert (
        join_lines(lines) == "Die Haltestelle erhält Hochborde.\n\nDie Arbeiten werden abgestimmt."
    )


def test_blank_lines_count_as_a_paragraph_break_but_not_at_the_ends() -> None:
    assert join_lines(["", "Erster.", "", "", "Zweiter.", ""]) == "Erster.\n\nZweiter."


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("Grund", "schulen", "Grundschulen"),
        ("Kinder", "bis Jugendalter", "Kinder- bis Jugendalter"),
        ("Ein", "und Ausstieg", "Ein- und Ausstieg"),
        ("Sek", "unde", "Sekunde"),
        ("Tempo", "30", "Tempo-30"),
        ("Ende", "", "Ende-"),
    ],
)
def test_a_hyphen_at_a_line_end(left: str, right: str, joined: str) -> None:
    assert join_hyphenated(left, right) == joined


def test_plain_text_of_a_line_resolves_marks_and_spaces() -> None:
    line = SourceLine(f"  Der  Stadtrat möge be{MARK}schließen: ", box=Box(0, 0, 1, 1))
    assert line.plain == "Der Stadtrat möge beschließen:"
