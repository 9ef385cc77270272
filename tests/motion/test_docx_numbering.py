"""Word's automatic numbering: the number Word shows, in each format and through styles."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml

from stellungnahme_app.motion.docx_numbering import formatted, to_letters, to_roman
from stellungnahme_app.motion.docx_reader import read_docx_lines

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def level(ilvl: int, number_format: str, text: str, *, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{number_format}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def define_list(document: Document, abstract_id: int, levels: str, num_ids: str) -> None:
    """Add an abstractNum (``levels``) and w:num elements (``num_ids``: XML) to the file."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>'
    )
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    for num in parse_xml(f"<w:numbering {W}>{num_ids}</w:numbering>"):
        numbering.append(num)


def numbered(document: Document, text: str, num_id: int, ilvl: int = 0, style: str = "") -> None:
    paragraph = document.add_paragraph(text, style=style or None)
    paragraph._p.get_or_add_pPr().insert(
        0, parse_xml(f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def texts(path: Path) -> list[str]:
    return [line.text for line in read_docx_lines(path).lines]


def test_levels_formats_and_restarts(tmp_path: Path) -> None:
    document = Document()
    define_list(
        document,
        90,
        level(0, "decimal", "%1.")
        + level(1, "lowerLetter", "%2)")
        + level(2, "lowerRoman", "(%3)")
        + level(3, "decimal", "%1.%2.%4", extra='<w:isLgl/><w:suff w:val="space"/>'),
        '<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>',
    )
    for text, ilvl in [
        ("Eins", 0), ("a", 1), ("b", 1), ("i", 2), ("ii", 2), ("Zwei", 0), ("neu a", 1),
        ("tief", 3),
    ]:  # fmt: skip
        numbered(document, text, 90, ilvl)
    document.save(str(tmp_path / "liste.docx"))
    assert texts(tmp_path / "liste.docx") == [
        "1.\tEins", "a)\ta", "b)\tb", "(i)\ti", "(ii)\tii", "2.\tZwei", "a)\tneu a",
        "2.1.1 tief",
    ]  # fmt: skip


def test_start_values_overrides_and_lists_sharing_a_definition(tmp_path: Path) -> None:
    document = Document()
    define_list(
        document,
        91,
        level(0, "decimalZero", "%1", start=8),
        '<w:num w:numId="91"><w:abstractNumId w:val="91"/></w:num>'
        '<w:num w:numId="92"><w:abstractNumId w:val="91"/></w:num>'
        '<w:num w:numId="93"><w:abstractNumId w:val="91"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>',
    )
    for text, num_id in [("acht", 91), ("neun", 91), ("zehn", 92), ("neu eins", 93), ("zwei", 93)]:
        numbered(document, text, num_id)
    document.save(str(tmp_path / "start.docx"))
    assert texts(tmp_path / "start.docx") == [
        "08\tacht", "09\tneun", "10\tzehn", "01\tneu eins", "02\tzwei",
    ]  # fmt: skip


def test_numbering_through_a_style_and_the_style_it_is_based_on(tmp_path: Path) -> None:
    document = Document()
    define_list(
        document,
        94,
        level(0, "upperLetter", "%1)"),
        '<w:num w:numId="94"><w:abstractNumId w:val="94"/></w:num>',
    )
    base = document.styles.add_style("Punkt", 1)
    base.element.get_or_add_pPr().insert(
        0, parse_xml(f'<w:numPr {W}><w:numId w:val="94"/></w:numPr>')
    )
    derived = document.styles.add_style("Punkt fett", 1)
    derived.base_style = base
    document.add_paragraph("erstens", style="Punkt")
    document.add_paragraph("zweitens", style="Punkt fett")
    switched_off = document.add_paragraph("ohne Nummer", style="Punkt")
    switched_off._p.get_or_add_pPr().insert(
        0, parse_xml(f'<w:numPr {W}><w:numId w:val="0"/></w:numPr>')
    )
    document.add_paragraph("drittens", style="Punkt")
    document.save(str(tmp_path / "stil.docx"))
    assert texts(tmp_path / "stil.docx") == [
        "A)\terstens",
        "B)\tzweitens",
        "ohne Nummer",
        "C)\tdrittens",
    ]


def test_bullets_and_unnumbered_levels(tmp_path: Path) -> None:
    document = Document()
    define_list(
        document,
        95,
        level(0, "bullet", "\uf0b7") + level(1, "bullet", "–") + level(2, "none", ""),
        '<w:num w:numId="95"><w:abstractNumId w:val="95"/></w:num>',
    )
    numbered(document, "Symbol", 95, 0)
    numbered(document, "Strich", 95, 1)
    numbered(document, "nichts", 95, 2)
    numbered(document, "", 95, 0)  # an empty numbered paragraph shows nothing
    document.save(str(tmp_path / "punkte.docx"))
    assert texts(tmp_path / "punkte.docx") == ["•\tSymbol", "–\tStrich", "\tnichts", ""]


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (3, "decimal", "3"),
        (3, "decimalZero", "03"),
        (12, "decimalZero", "12"),
        (28, "lowerLetter", "bb"),
        (4, "upperLetter", "D"),
        (14, "lowerRoman", "xiv"),
        (1999, "upperRoman", "MCMXCIX"),
        (2, "ordinal", "2."),
        (5, "unbekannt", "5"),
    ],
)
def test_number_formats(value: int, number_format: str, shown: str) -> None:
    assert formatted(value, number_format) == shown


def test_letters_and_roman_numerals_at_their_edges() -> None:
    assert [to_letters(n) for n in (0, 1, 26, 27, 53)] == ["", "a", "z", "aa", "aaa"]
    assert [to_roman(n) for n in (0, 4, 9, 40, 4000)] == ["0", "iv", "ix", "xl", "4000"]
