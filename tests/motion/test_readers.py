"""Reading the corpus: number, title and every resolution point word for word.

The expected texts come from ``tests/fixtures/motions/corpus.py``, from which the files were
made; the tricky points are also spelled out here literally.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fixtures.motions import corpus

from stellungnahme_app.motion import (
    DamagedFile,
    EncryptedPdf,
    NoResolutionPoints,
    NoTextLayer,
    SourceKind,
    UnknownFileType,
    file_kind,
    read_motion,
    read_motion_text,
)

CASES = [
    pytest.param(motion, suffix, id=f"{motion.stem}{suffix}")
    for motion in corpus.MOTIONS
    for suffix in ((".pdf", ".docx") if motion.with_pdf else (".docx",))
]


@pytest.mark.parametrize(("motion", "suffix"), CASES)
def test_every_point_of_the_corpus_is_read_verbatim(
    motions: Path, motion: corpus.Motion, suffix: str
) -> None:
    reading = read_motion(motions / f"{motion.stem}{suffix}")
    assert reading.number == motion.number
    assert reading.title == corpus.as_read(motion.title)
    assert [(point.number, point.text) for point in reading.points] == motion.expected_points
    assert reading.notes == []


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_hyphenation_is_joined_and_real_hyphens_stay(motions: Path, suffix: str) -> None:
    reading = read_motion(motions / f"antrag-schulwege{suffix}")
    assert reading.points[3].text == (
        "Vor allen Grundschulen werden Tempo-30-Zonen eingerichtet, soweit dies nicht bereits "
        "geschehen ist; das Sozial- und Jugendamt und das Tiefbau- und Verkehrsamt stimmen die "
        "Maßnahmen für das Schuljahr 2026/27 ab."
    )
    assert reading.points[0].text == (
        "Die Stadtverwaltung erarbeitet bis zum Beginn des Schuljahres 2026/27 für jede "
        "Grundschule der Landeshauptstadt Erfurt ein Schulwegkonzept, das die Hauptwege der "
        "Schülerinnen und Schüler, die Gefahrenstellen und die notwendigen baulichen und "
        "verkehrsrechtlichen Maßnahmen benennt."
    )


def test_sub_points_stay_inside_their_point_as_lines(schulwege_pdf: Path) -> None:
    point = read_motion(schulwege_pdf).points[2]
    assert (point.number, point.text) == (
        "03",
        "Der Oberbürgermeister wird beauftragt,\n"
        "a) vor jeder Grundschule eine Hol- und Bringzone in sicherer Entfernung vom "
        "Schuleingang einzurichten,\n"
        "b) die Überwachung des ruhenden Verkehrs zu Schulbeginn zu verstärken und\n"
        "c) dem Stadtrat bis zum 30.06.2026 einen Bericht über die Umsetzung vorzulegen.",
    )


def test_a_point_over_a_page_break_loses_header_and_footer(schulwege_pdf: Path) -> None:
    reading = read_motion(schulwege_pdf)
    second = reading.points[1]
    assert second.origin.pages == (1, 2)
    assert second.origin.page_label == "Seiten 1–2"
    assert "Dabei werden auch die Erfahrungen anderer Thüringer Städte mit Schulstraßen" in (
        second.text
    )
    for unwanted in ("Seite 1 von 2", "Stadtrat der Landeshauptstadt Erfurt –", "\n"):
        assert unwanted not in second.text
    assert [point.origin.pages[0] for point in reading.points] == list(corpus.SCHULWEGE.start_pages)
    assert reading.page_count == 2
    assert reading.opening == "Der Stadtrat möge beschließen:"


def test_points_know_the_region_of_their_page(schulwege_pdf: Path) -> None:
    first, second = read_motion(schulwege_pdf).points[:2]
    (box,) = first.origin.boxes
    assert box.page == 1
    assert 0 < box.box.left < box.box.right < 600
    assert 0 < box.box.bottom < box.box.top < 850
    assert [region.page for region in second.origin.boxes] == [1, 2]
    assert "01 Die Stadtverwaltung erarbeitet" in first.origin.excerpt


def test_numbers_on_a_line_of_their_own_and_a_point_of_two_paragraphs(motions: Path) -> None:
    reading = read_motion(motions / "antrag-haltestellen.pdf")
    assert [point.number for point in reading.points] == [f"{n}." for n in range(1, 13)]
    assert reading.points[4].text == (
        "Die Haltestelle Juri-Gagarin-Ring erhält Hochborde und ein taktiles Leitsystem.\n\n"
        "Die Arbeiten werden mit der Sanierung der Gleisanlagen abgestimmt, damit die "
        "Haltestelle nur einmal gesperrt werden muss."
    )
    ninth = reading.points[8]  # its number ends page 1, its text starts page 2
    assert ninth.origin.pages == (1, 2)
    assert ninth.text.startswith("Die Haltestelle Wiesenhügel wird bis Ende 2027")


def test_word_numbering_gives_the_numbers_word_shows(motions: Path) -> None:
    reading = read_motion(motions / "antrag-radverkehr.docx")
    assert [(point.number, point.text) for point in reading.points] == [
        (
            "1)",
            "Die Stadtverwaltung legt dem Stadtrat bis zum 31.03.2026 ein Programm zum Ausbau "
            "des Radverkehrsnetzes mit Prioritäten und Kosten vor.",
        ),
        (
            "2)",
            "Vorrang haben:\n"
            "a) Lückenschlüsse im Radverkehrsnetz zwischen den Stadtteilen,\n"
            "b) sichere Abstellanlagen an Schulen und Haltestellen.",
        ),
        (
            "3)",
            "Für die Umsetzung werden jährlich mindestens 2 Mio. Euro im Haushalt bereitgestellt.",
        ),
    ]
    assert reading.kind is SourceKind.WORD
    assert reading.page_count == 0
    assert reading.points[0].origin.pages == ()


def test_tracked_changes_and_hidden_text_as_word_prints_them(motions: Path) -> None:
    reading = read_motion(motions / "antrag-spielplaetze.docx")
    assert [point.number for point in reading.points] == ["01", "02", "03"]
    assert reading.points[1].text == (
        "Auf jedem sanierten Spielplatz werden mindestens drei Bäume gepflanzt oder "
        "Sonnensegel aufgestellt."
    )
    assert "intern" not in reading.points[2].text
    assert reading.number_origin is not None and reading.number_origin.excerpt == "DS 0444/25"


@pytest.mark.parametrize("pages", sorted(corpus.LONG_MOTIONS))
def test_long_motions(motions: Path, pages: int) -> None:
    reading = read_motion(motions / corpus.LONG_MOTIONS[pages])
    assert reading.page_count == pages
    assert (reading.number, reading.title) == (corpus.LONG_NUMBER, corpus.LONG_TITLE)
    expected = [point.expected for point in corpus.long_motion_points()]
    assert [(point.number, point.text) for point in reading.points] == expected


def test_the_summary_names_number_title_points_and_pages(schulwege_pdf: Path) -> None:
    assert read_motion(schulwege_pdf).summary() == (
        "0815/25 – Sichere Schulwege für alle Grundschulen und Horte in den Ortsteilen der "
        "Landeshauptstadt Erfurt: 4 Beschlusspunkte (Seiten 1–2)"
    )


# ------------------------------------------------------------------------------ bad input


def test_a_scan_without_text_is_refused_with_the_way_out(motions: Path) -> None:
    with pytest.raises(NoTextLayer) as refused:
        read_motion(motions / corpus.SCAN_FILE)
    assert "scan-ohne-text.pdf" in refused.value.message
    assert "Scan" in refused.value.message
    assert "Text einfügen" in refused.value.message


def test_an_encrypted_pdf_is_refused(motions: Path) -> None:
    with pytest.raises(EncryptedPdf, match=re.escape("verschluesselt.pdf“ ist mit einem Kennwort")):
        read_motion(motions / corpus.ENCRYPTED_FILE)


def test_a_damaged_pdf_is_refused(schulwege_pdf: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "abgebrochen.pdf"
    damaged.write_bytes(schulwege_pdf.read_bytes()[:2000])
    with pytest.raises(
        DamagedFile, match=re.escape("„abgebrochen.pdf“ ist keine lesbare PDF-Datei")
    ):
        read_motion(damaged)


def test_a_pdf_that_is_none_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "antrag.pdf"
    fake.write_text("Das ist nur Text.", encoding="utf-8")
    with pytest.raises(DamagedFile, match=re.escape("„antrag.pdf“ ist keine lesbare PDF-Datei")):
        read_motion(fake)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("antrag.docx", b"Nur Text, keine Word-Datei"),
        ("antrag.docx", b"PK\x03\x04kaputt"),
    ],
)
def test_a_word_file_that_is_none_is_refused(tmp_path: Path, name: str, content: bytes) -> None:
    fake = tmp_path / name
    fake.write_bytes(content)
    with pytest.raises(
        DamagedFile, match=re.escape("„antrag.docx“ ist keine Word-Datei im Format .docx")
    ):
        read_motion(fake)


def test_an_old_word_file_is_told_to_be_saved_as_docx(tmp_path: Path) -> None:
    old = tmp_path / "antrag.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(DamagedFile, match=r"alten Word-Format \(\.doc\).*als \.docx"):
        read_motion(old)


def test_a_missing_file_and_another_kind_of_file(tmp_path: Path) -> None:
    with pytest.raises(DamagedFile, match=re.escape("„fehlt.pdf“ gibt es nicht")):
        read_motion(tmp_path / "fehlt.pdf")
    other = tmp_path / "bild.png"
    other.write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(UnknownFileType, match=re.escape("„bild.png“ ist weder ein PDF noch")):
        read_motion(other)


def test_no_resolution_points_says_what_was_looked_for(motions: Path) -> None:
    with pytest.raises(NoResolutionPoints) as refused:
        read_motion(motions / corpus.NO_POINTS_FILE)
    assert refused.value.message.startswith(
        "In „anfrage-ohne-beschlusspunkte.pdf“ wurden keine Beschlusspunkte gefunden."
    )
    assert "„Der Stadtrat beschließt:“" in refused.value.message
    assert "„Begründung“" in refused.value.message


def test_the_kind_of_file_is_told_by_its_content(motions: Path, tmp_path: Path) -> None:
    pdf_named_docx = tmp_path / "falsch-benannt.docx"
    pdf_named_docx.write_bytes((motions / "antrag-radverkehr.pdf").read_bytes())
    assert file_kind(pdf_named_docx) is SourceKind.PDF
    reading = read_motion(pdf_named_docx)
    assert reading.kind is SourceKind.PDF
    assert reading.number == "1023/25"


# ------------------------------------------------------------------------------ pasted text


def test_pasted_text_is_split_like_a_file() -> None:
    reading = read_motion_text(
        "Drucksache 0815/25\nBetreff: Sichere Schulwege\nDer Stadtrat möge beschließen:\n"
        "01 Erstens.\n02 Zweitens.\nBegründung: weil."
    )
    assert (reading.number, reading.title) == ("0815/25", "Sichere Schulwege")
    assert [(p.number, p.text) for p in reading.points] == [("01", "Erstens."), ("02", "Zweitens.")]
    assert reading.kind is SourceKind.TEXT


def test_pasted_points_without_an_opening_line_are_all_taken() -> None:
    reading = read_motion_text("1. Erstens.\n2. Zweitens.")
    assert [(p.number, p.text) for p in reading.points] == [("1.", "Erstens."), ("2.", "Zweitens.")]
    assert reading.notes == [
        "Die Nummer der Drucksache (Form 0661/24) wurde nicht gefunden; bitte tragen Sie sie ein.",
        "Der Titel der Drucksache wurde nicht gefunden; bitte tragen Sie ihn ein.",
    ]


def test_pasted_blank_text_has_no_points() -> None:
    with pytest.raises(NoResolutionPoints):
        read_motion_text("  \n \n")
