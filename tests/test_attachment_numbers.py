"""Attachments numbered by the program, typed prefixes not doubled, labels of the rows."""

from __future__ import annotations

from stellungnahme_app.attachment_numbers import (
    BLANK_ROW_LABEL,
    count,
    printed,
    row_labels,
    title_without_number,
    typed_number,
)


def test_titles_are_numbered_in_the_order_of_the_rows() -> None:
    assert printed(["Kostenaufstellung 2024", "Lageplan"]) == [
        "Anlage 1 – Kostenaufstellung 2024",
        "Anlage 2 – Lageplan",
    ]


def test_a_typed_prefix_is_not_doubled_and_its_number_gives_way_to_the_row() -> None:
    assert printed(["Anlage 2 – Karte", "anlage 1: Plan", "Anlage3-Tabelle", "Anlage 7"]) == [
        "Anlage 1 – Karte",
        "Anlage 2 – Plan",
        "Anlage 3 – Tabelle",
        "Anlage 4",
    ]


def test_typed_numbers_and_titles() -> None:
    assert typed_number("  Anlage 12 – x") == 12
    assert typed_number("Anlagen 1 bis 3") is None
    assert typed_number("Anlage 1234") is None
    assert typed_number("Kosten") is None
    assert title_without_number("Anlage 2 (Karte)") == "(Karte)"
    assert title_without_number("Anlageverzeichnis der Kosten") == "Anlageverzeichnis der Kosten"


def test_blank_rows_are_not_printed_nor_counted() -> None:
    titles = ["A", "  ", "C"]
    assert printed(titles) == ["Anlage 1 – A", "Anlage 2 – C"]
    assert count(titles) == 2


def test_row_labels_agree_with_the_document() -> None:
    titles = ["A", "", "C", "", ""]
    assert row_labels(titles) == ["Anlage 1", BLANK_ROW_LABEL, "Anlage 2", "Anlage 3", "Anlage 4"]
    numbered = [label for label in row_labels(titles) if label != BLANK_ROW_LABEL]
    assert [line.split(" – ")[0] for line in printed(titles)] == numbered[: count(titles)]
