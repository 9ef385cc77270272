"""Clipboard HTML from Word, Excel, LibreOffice and a browser as plain text in the conventions.

The samples in ``tests/fixtures/clipboard`` are small but keep what the programs put on the
clipboard: Word's ``MsoNormal`` paragraphs, its list paragraphs with the label in
``<![if !supportLists]>``/``mso-list:Ignore``, ``mso-tab-count`` spans and ``<o:p>``; Excel's
table with ``x:num`` cells and a line break in a cell; Calc's ``colspan`` and ``sdval``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stellungnahme_app.pasted_html import clipboard_text, from_spreadsheet, html_to_text
from stellungnahme_app.text import clean
from stellungnahme_app.text_blocks import BulletList, LabelledItem, Paragraph, Table, blocks

SAMPLES = Path(__file__).parent / "fixtures" / "clipboard"


def sample(name: str) -> str:
    return html_to_text((SAMPLES / name).read_text(encoding="utf-8"))


def test_word_paragraphs_become_paragraphs_and_its_list_a_bullet_list() -> None:
    assert sample("word-absaetze-und-liste.html") == (
        "Die Kämmerei hat die Kosten geprüft. Sie sind im Haushalt 2024 nicht veranschlagt.\n"
        "\n"
        "Folgende Schritte schlagen wir vor:\n"
        "\n"
        "- Prüfung von Fördermitteln des Landes\n"
        "- Verschiebung der Fenster in das Jahr\u00a02026\n"
        "- Bericht an den Finanzausschuss\n"
        "\n"
        "Betrag:\t221.400,00\u00a0€\n"
        "(brutto)"
    )


def test_word_numbered_list_keeps_its_labels() -> None:
    assert blocks(sample("word-nummerierte-liste.html")) == [
        LabelledItem("1.", "Die Verwaltung prüft die Fördermittel."),
        LabelledItem("a)", "des Landes,"),
        LabelledItem("2.", "Der Ausschuss wird beteiligt."),
    ]


def test_word_table_cells_with_several_paragraphs() -> None:
    assert blocks(sample("word-tabelle.html")) == [
        Table((("Maßnahme", "Zuständig"), ("Dach sanieren (2024)", "Amt für Gebäudemanagement")))
    ]


def test_excel_cells_as_displayed_with_an_empty_row_and_a_break_in_a_cell() -> None:
    text = sample("excel-kosten.html")
    assert text == (
        "Posten\tAnzahl\tBetrag\n"
        "Dachsanierung\t1\t120.000,00 €\n"
        "Fenster (doppelt verglast)\t48\t86.400,00 €\n"
        "\t\t\n"
        "Summe\t\t206.400,00 €"
    )
    [table] = blocks(text)
    assert isinstance(table, Table) and len(table.rows) == 5


def test_calc_spanned_cells_keep_the_columns() -> None:
    assert blocks(sample("calc-tabelle.html")) == [
        Table((("Jahr", "Mittel", ""), ("2024", "120.000,00 €", "Land")))
    ]


def test_browser_lists_headings_and_entities() -> None:
    assert blocks(sample("browser-liste.html")) == [
        Paragraph("Fördergrundsätze"),
        Paragraph("Gefördert werden Vorhaben, die folgende Bedingungen erfüllen:"),
        BulletList(("Sitz in Thüringen", "Eigenanteil von\nmindestens 10 %")),
        LabelledItem("c)", "nicht begonnen"),
        LabelledItem("d)", "Antrag bis 31.03."),
        Paragraph("Quelle: <Land> & Bund"),
    ]


def test_libreoffice_writer_paragraphs_and_list() -> None:
    assert sample("writer-absaetze.html") == (
        "Erster Absatz mit Zeilenumbruch im Quelltext.\n\nZweiter Absatz.\n\n"
        "- Punkt eins\n- Punkt zwei"
    )


def test_the_windows_clipboard_header_is_left_out() -> None:
    header = "Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:0000000180\r\n"
    assert html_to_text(header + "<html><body><p>Text</p></body></html>") == "Text"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<style>p{}</style><script>x()</script><!-- Kommentar --><p>Text</p>", "Text"),
        ("<p>{{ 7*7 }} &lt;b&gt;</p>", "{{ 7*7 }} <b>"),
        ("<p>a\x07b\x00c</p>", "abc"),
        ("<table><tr><td rowspan=2>A</td><td>B</td></tr><tr><td>C</td></tr></table>", "A\tB\n\tC"),
        ("<table><tr><td>a<table><tr><td>x</td><td>y</td></tr></table></td><td>b</td></tr>"
         "<tr><td>c</td><td>d</td></tr></table>", "a x y\tb\nc\td"),
        ("<ol><li>eins</li><li></li><li>drei</li></ol>", "1. eins\n3. drei"),
        ("<ul><li>außen<ul><li>innen</li></ul></li></ul>", "- außen\n- innen"),
        ("<pre>  eingerückt\n\tmit Tab</pre>", "  eingerückt\n\tmit Tab"),
        ("Kein <b>Tag</b> drumherum", "Kein Tag drumherum"),
        ("<p>unfertig <b>fett", "unfertig fett"),
    ],
)  # fmt: skip
def test_structure_is_read_and_nothing_is_interpreted(html: str, expected: str) -> None:
    assert html_to_text(html) == expected


@given(st.text())
def test_any_text_converts_into_clean_text(html: str) -> None:
    result = html_to_text(html)
    assert clean(result) == result


TAGS = [
    "<p>", "</p>", "<li>", "<ul>", "</ol>", "<td>", "<table>", "</table>", "<tr>", "<br>",
    "<span style='mso-list:Ignore'>", "</span>", "<![if !supportLists]>", "x", " ", "\n",
]  # fmt: skip


@given(st.lists(st.sampled_from(TAGS)).map("".join))
def test_any_mix_of_tags_prints_no_markup_and_invents_no_text(html: str) -> None:
    result = html_to_text(html)
    assert "<" not in result and ">" not in result
    assert result.count("x") <= html.count("x")
    assert set(result) <= set("x-\t\n ")


# --------------------------------------------------------------------------- what a paste inserts


def test_a_paste_prefers_the_html_of_word_and_excel() -> None:
    html = (SAMPLES / "word-absaetze-und-liste.html").read_text(encoding="utf-8")
    word_plain = "Die Kämmerei hat die Kosten geprüft.\r\nFolgende Schritte:\r\n·\tPrüfung\r\n"
    assert clipboard_text(html, word_plain) == sample("word-absaetze-und-liste.html")


def test_qt_s_own_html_gives_way_to_its_exact_plain_text() -> None:
    qt_html = '<!DOCTYPE HTML><html><head><meta name="qrichtext" content="1" /></head><body><p>a</p><p>b</p></body></html>'  # noqa: E501
    assert clipboard_text(qt_html, "a\nb") == "a\nb"


def test_excel_s_trailing_line_break_is_dropped_from_plain_text() -> None:
    assert clipboard_text(None, "1234\r\n") == "1234"
    assert clipboard_text(None, "Posten\tBetrag\r\nDach\t1\r\n") == "Posten\tBetrag\nDach\t1"
    assert clipboard_text(None, "Zeile\n\n") == "Zeile\n\n"
    assert clipboard_text("<p> </p>", "Text\x07") == "Text"
    assert clipboard_text(None, None) == ""


def test_a_spreadsheet_s_trailing_line_break_is_dropped_also_as_qt_on_windows_gives_it() -> None:
    """Qt on Windows turns the clipboard's CRLF into LF: the cell's "1234\r\n" is "1234\n"."""
    assert clipboard_text(None, "1234\n", spreadsheet=True) == "1234"
    assert clipboard_text(None, "a\tb\nc\td\n", spreadsheet=True) == "a\tb\nc\td"
    assert clipboard_text(None, "Zeile aus dem Editor\n") == "Zeile aus dem Editor\n"


@pytest.mark.parametrize(
    ("formats", "spreadsheet"),
    [
        (["text/plain", 'application/x-qt-windows-mime;value="Biff12"'], True),  # Excel
        (['application/x-qt-windows-mime;value="XML Spreadsheet"'], True),
        (["text/plain", 'application/x-qt-windows-mime;value="Biff8"'], True),  # Calc
        (["text/plain", "text/html"], False),
        (['application/x-qt-windows-mime;value="Rich Text Format"'], False),  # Word
    ],
)
def test_a_spreadsheet_is_known_by_its_clipboard_formats(
    formats: list[str], spreadsheet: bool
) -> None:
    assert from_spreadsheet(formats) is spreadsheet
