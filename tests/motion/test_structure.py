"""Where number, title and points stand: the wordings council papers use."""

from __future__ import annotations

import pytest

from stellungnahme_app.motion import NoResolutionPoints
from stellungnahme_app.motion.lines import SourceLine
from stellungnahme_app.motion.structure import find_number, find_section, find_title


def lines(text: str) -> list[SourceLine]:
    return [SourceLine(line, starts_paragraph=True) for line in text.split("\n")]


def section_texts(text: str) -> tuple[str, list[str]] | None:
    given = lines(text)
    section = find_section(given)
    if section is None:
        return None
    body = [line.text for line in given[section.start : section.end]]
    if section.rest is not None:
        body.insert(0, section.rest.text)
    return section.opening, body


@pytest.mark.parametrize(
    "opening",
    [
        "Beschlussvorschlag",
        "Beschlussvorschlag:",
        "Der Stadtrat beschließt:",
        "Der Stadtrat möge beschließen:",
        "Der Ausschuss für Bildung und Sport möge beschließen:",
        "Der Stadtrat wolle beschließen:",
        "Die Stadtverordneten mögen beschließen:",
        "Beschlusstext:",
    ],
)
def test_the_section_opens_with_the_usual_wordings(opening: str) -> None:
    assert section_texts(f"Titel: X\n{opening}\n01 Erstens.\nBegründung:\nWeil.") == (
        opening,
        ["01 Erstens."],
    )


@pytest.mark.parametrize(
    "ending",
    [
        "Begründung",
        "Begründung:",
        "Begründung: Die Verwaltung hat …",
        "Begründung des Antrags:",
        "Sachverhalt",
        "Sachdarstellung:",
        "Anlagen",
        "Anlage:",
        "Finanzielle Auswirkungen:",
        "gez. Dr. Maria Beispiel",
        "Mit freundlichen Grüßen",
        "Erfurt, 14.05.2025",
        "Erfurt, den 14.5.25",
    ],
)
def test_the_section_ends_before_the_reasons_or_the_signature(ending: str) -> None:
    opened = section_texts(f"Der Stadtrat beschließt:\n01 Erstens.\n02 Zweitens.\n{ending}\n03 x")
    assert opened == ("Der Stadtrat beschließt:", ["01 Erstens.", "02 Zweitens."])


def test_a_wrapped_line_starting_with_an_ending_word_stays_in_the_section() -> None:
    opened = section_texts(
        "Der Stadtrat beschließt:\n01 Auf allen Schulen werden Photovoltaik-\n"
        "Anlagen errichtet.\nBegründung"
    )
    assert opened is not None
    assert opened[1] == ["01 Auf allen Schulen werden Photovoltaik-", "Anlagen errichtet."]


def test_points_on_the_opening_line_and_a_second_opening_line() -> None:
    assert section_texts("Der Stadtrat beschließt: Die Satzung wird erlassen.\ngez. X") == (
        "Der Stadtrat beschließt:",
        ["Die Satzung wird erlassen."],
    )
    assert section_texts("Beschlussvorschlag\nDer Stadtrat beschließt:\n1. Eins") == (
        "Beschlussvorschlag Der Stadtrat beschließt:",
        ["1. Eins"],
    )


def test_without_an_opening_line_there_is_no_section() -> None:
    assert section_texts("Der Beschluss des Ortsteilrates vom 1. Juli\n1. Eins\n2. Zwei") is None


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Drucksache 0815/25", "0815/25"),
        ("Drucksache: 0815/25", "0815/25"),
        ("DS 0815/25", "0815/25"),
        ("Drucksachen-Nr. 0815/25", "0815/25"),
        ("Vorlage-Nr.:\t0815/25", "0815/25"),
        ("Antrag Nr. 0815/25", "0815/25"),
        ("0815/25", "0815/25"),
        ("Drucksache\n0815/25", "0815/25"),
        ("Antrag zur Sitzung am 12.05.2025 (Drucksache 0815/25).", "0815/25"),
    ],
)
def test_the_number_labelled_or_standing_alone(text: str, number: str) -> None:
    found, line = find_number(lines(text), [], r"^\d{4}/\d{2}$")
    assert found == number
    assert line is not None and number in line.text


def test_a_labelled_number_wins_over_one_quoted_earlier() -> None:
    found, _line = find_number(
        lines("Bezug: Antwort auf 0123/24\nDrucksache 0815/25"), [], r"^\d{4}/\d{2}$"
    )
    assert found == "0815/25"


def test_the_number_from_the_header_and_the_configured_form() -> None:
    header = [SourceLine("Landeshauptstadt Erfurt – DS 0815/25")]
    assert find_number(lines("Kein Nummer hier"), header, r"^\d{4}/\d{2}$")[0] == "0815/25"
    found, _line = find_number(lines("Drucksache 2025-0815"), [], r"^\d{4}-\d{4}$")
    assert found == "2025-0815"
    assert find_number(lines("Drucksache 815/25"), [], r"^\d{4}/\d{2}$") == ("", None)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Titel: Sichere Schulwege", "Sichere Schulwege"),
        ("Betreff: Sichere Schulwege", "Sichere Schulwege"),
        ("Betreff:\nSichere Schulwege", "Sichere Schulwege"),
        ("Thema: Sichere Schulwege", "Sichere Schulwege"),
    ],
)
def test_the_title_after_its_label(text: str, title: str) -> None:
    given = lines(f"Drucksache 0815/25\n{text}\nEinreicher: Fraktion")
    found = find_title(given, len(given), None)
    assert found is not None and found.text == title


def test_a_title_wrapped_in_a_pdf_takes_its_continuation_lines() -> None:
    given = [
        SourceLine("Betreff: Sichere Schulwege für alle", page=1, starts_paragraph=True),
        SourceLine("Grundschulen der Stadt", page=1),
        SourceLine("Einreicher: Fraktion", page=1),
    ]
    found = find_title(given, len(given), None)
    assert found is not None and found.text == "Sichere Schulwege für alle Grundschulen der Stadt"


def test_the_heading_is_the_largest_type_or_a_heading_style_or_bold() -> None:
    sized = [
        SourceLine("Antrag der Fraktion X", page=1, font_size=14, starts_paragraph=True),
        SourceLine("Barrierefreie Haltestellen", page=1, font_size=16, starts_paragraph=True),
        SourceLine("Text", page=1, font_size=11, starts_paragraph=True),
        SourceLine("Text", page=1, font_size=11, starts_paragraph=True),
    ]
    found = find_title(sized, len(sized), None)
    assert found is not None and found.text == "Barrierefreie Haltestellen"
    styled = [SourceLine("Antrag"), SourceLine("Spielplätze sanieren", heading=True)]
    found = find_title(styled, 2, None)
    assert found is not None and found.text == "Spielplätze sanieren"
    bold = [SourceLine("öffentlich", bold=True), SourceLine("Spielplätze sanieren", bold=True)]
    found = find_title(bold, 2, None)
    assert found is not None and found.text == "Spielplätze sanieren"
    assert find_title([SourceLine("nur Text")], 1, None) is None


def test_an_opening_without_points_says_so() -> None:
    from stellungnahme_app.motion import read_motion_text

    with pytest.raises(NoResolutionPoints, match="folgt auf „Der Stadtrat beschließt:“ kein"):
        read_motion_text("Der Stadtrat beschließt:\nBegründung: nichts")


def test_unnumbered_resolution_text_is_one_point_with_a_note() -> None:
    from stellungnahme_app.motion import read_motion_text

    reading = read_motion_text(
        "Drucksache 0815/25\nTitel: Satzung\nDer Stadtrat beschließt:\nDie Satzung wird "
        "erlassen.\nSie tritt am 1. Januar in Kraft.\nBegründung"
    )
    assert [(p.number, p.text) for p in reading.points] == [
        ("", "Die Satzung wird erlassen.\n\nSie tritt am 1. Januar in Kraft.")
    ]
    assert reading.notes == [
        "Die Beschlusspunkte sind nicht nummeriert; der ganze Beschlusstext wurde als ein Punkt "
        "gelesen. Bitte prüfen Sie ihn und tragen Sie die Nummer ein."
    ]
