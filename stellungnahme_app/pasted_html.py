"""Clipboard HTML (Word, Excel, LibreOffice, a browser) as plain text in the draft's conventions.

What the clerk pastes is what prints: the text fields hold plain text whose conventions
(:mod:`stellungnahme_app.text_blocks`) the export turns into Word structures, so pasted HTML
is converted into exactly those conventions:

* paragraphs (``<p>``, ``<div>``, headings) are separated by a blank line – Word's plain text
  separates them with a single line break only, which would make them line breaks;
* a line break (``<br>``) stays a line break;
* list items become ``- `` lines (bullets) or keep their label (``1.``, ``a)``) – from
  ``<ul>``/``<ol>`` and from Word's own list paragraphs (``mso-list`` with the label in a
  ``mso-list:Ignore`` span inside ``<![if !supportLists]>``);
* a table (``<table>``, Excel's and Calc's cells) becomes tab-separated rows, every row with
  as many cells (``colspan`` and ``rowspan`` filled with empty cells), a cell's own line
  breaks and tabs become spaces;
* styles, scripts, comments and Word's XML islands are left out.

The result is cleaned (:func:`stellungnahme_app.text.clean`); nothing of the HTML is ever
interpreted beyond its structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from stellungnahme_app.text import clean

_SKIPPED = {"head", "style", "script", "title", "xml", "template", "noscript"}
_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "address",
    "section", "article", "header", "footer", "dt", "dd", "figure", "figcaption",
}  # fmt: skip
_BULLET_GLYPHS = set("·•◦▪▫■□●○o§-–—*\uf0b7\uf0a7\uf0d8\uf076\uf0fc")
_WHITESPACE_RE = re.compile(r"[ \t\r\n\f]+")
_SPREADSHEET_FORMAT_RE = re.compile(r'value="(Biff\d+|XML Spreadsheet)"')
_CF_HTML_HEADER_RE = re.compile(r"\AVersion:\d[^<]*StartHTML:", re.DOTALL)
# Stands for a tab of Word's (mso-tab-count) while white space is collapsed; a control
# character that clean() would drop anyway, so no pasted text can hold it.
_TAB = "\x1f"
_QT_RICH_TEXT_RE = re.compile(r"<meta\s+name=\"?qrichtext", re.IGNORECASE)
_MSO_LIST_RE = re.compile(r"mso-list\s*:\s*(?!\s*ignore)", re.IGNORECASE)


@dataclass
class _Table:
    rows: list[list[str]] = field(default_factory=list)
    # column → rows still covered by a cell above (rowspan)
    spanned: dict[int, int] = field(default_factory=dict)
    cell: list[str] | None = None
    cell_span: tuple[int, int] = (1, 1)

    def start_row(self) -> None:
        self.rows.append([])
        self._fill_spanned()

    def _fill_spanned(self) -> None:
        row = self.rows[-1]
        while self.spanned.get(len(row), 0) > 0:
            self.spanned[len(row)] -= 1
            row.append("")

    def end_cell(self) -> None:
        if self.cell is None:
            return
        if not self.rows:
            self.start_row()
        row = self.rows[-1]
        text = " ".join(_WHITESPACE_RE.sub(" ", "".join(self.cell)).split())
        columns, rows = self.cell_span
        start = len(row)
        row.append(text)
        row.extend([""] * (columns - 1))
        if rows > 1:
            for column in range(start, start + columns):
                self.spanned[column] = rows - 1
        self.cell = None
        self._fill_spanned()

    def lines(self) -> list[str]:
        rows = [row for row in self.rows if row]
        width = max((len(row) for row in rows), default=0)
        return ["\t".join(row + [""] * (width - len(row))) for row in rows]


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []  # (kind, text): "paragraph", "item", "table"
        self.inline: list[str] = []
        self.skipping = 0
        self.pre = 0
        self.lists: list[list[str | int]] = []  # per open list: [kind, next number, type]
        self.item_label: str | None = None
        self.word_label: list[str] | None = None  # text of a mso-list:Ignore span
        self.word_label_depth = 0
        self.word_item = False
        self.span_depth = 0
        self.tab_span_depth = 0
        self.tables: list[_Table] = []

    # ------------------------------------------------------------------ blocks

    def _flush(self) -> None:
        """End the text collected so far as a paragraph or a list item."""
        raw = "".join(self.inline)
        self.inline = []
        lines = [self._line(line) for line in raw.split("\n")]
        text = "\n".join(lines).strip("\n")
        label = self.item_label
        self.item_label = None
        if not text.strip(" \u00a0\n"):
            return
        if label is not None:
            # A line break inside an item: the next line starts with spaces, so it
            # continues the item (text_blocks).
            lines = [line.strip() for line in text.strip().split("\n") if line.strip()]
            self.blocks.append(("item", f"{label} " + "\n  ".join(lines)))
        else:
            self.blocks.append(("paragraph", text))

    def _line(self, line: str) -> str:
        if self.pre:
            return line.rstrip().replace(_TAB, "\t")
        collapsed = _WHITESPACE_RE.sub(" ", line).strip(" ").strip("\u00a0 ")
        return collapsed.replace(f" {_TAB}", _TAB).replace(f"{_TAB} ", _TAB).replace(_TAB, "\t")

    def _text(self, data: str) -> None:
        if self.skipping:
            return
        if data != _TAB:
            data = data.replace(_TAB, "")
        if self.word_label is not None:
            self.word_label.append(data)
            return
        if self.tab_span_depth:
            return
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append(data)
            return
        if self.tables:
            return  # text between cells: formatting white space
        self.inline.append(data if self.pre else data.replace("\n", " "))

    # ------------------------------------------------------------------ parser callbacks

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name.lower(): value or "" for name, value in attrs}
        style = attributes.get("style", "")
        if tag in _SKIPPED:
            self.skipping += 1
            return
        if self.skipping:
            return
        if tag == "span":
            self.span_depth += 1
            if self.word_label is not None:
                self.word_label_depth += 1
            elif re.search(r"mso-list\s*:\s*ignore", style, re.IGNORECASE):
                self.word_label = []
                self.word_label_depth = 1
            elif re.search(r"mso-tab-count", style, re.IGNORECASE) and not self.tab_span_depth:
                self._text(_TAB)  # Word writes a tab as spaces in such a span
                self.tab_span_depth = self.span_depth
            return
        if tag == "br":
            if self.tables and self.tables[-1].cell is not None:
                self.tables[-1].cell.append(" ")
            else:
                self.inline.append("\n")
            return
        if tag == "table":
            self._flush()
            self.tables.append(_Table())
            return
        if self.tables:
            self._table_tag(tag, attributes)
            return
        if tag in ("ul", "ol"):
            self._flush()
            start = attributes.get("start", "1")
            number = int(start) if start.isdigit() else 1
            self.lists.append([tag, number, attributes.get("type", "1")])
            return
        if tag == "li":
            self._flush()
            self.item_label = self._list_label()
            return
        if tag in _BLOCKS:
            if self.item_label is None or self.inline:
                self._flush()
            if tag == "pre":
                self.pre += 1
            if _MSO_LIST_RE.search(style):
                self.word_item = True
            return

    def _table_tag(self, tag: str, attributes: dict[str, str]) -> None:
        table = self.tables[-1]
        if tag == "tr":
            table.end_cell()
            table.start_row()
        elif tag in ("td", "th"):
            table.end_cell()
            if not table.rows:
                table.start_row()
            columns = attributes.get("colspan", "1")
            rows = attributes.get("rowspan", "1")
            table.cell_span = (
                max(1, min(int(columns), 100)) if columns.isdigit() else 1,
                max(1, min(int(rows), 1000)) if rows.isdigit() else 1,
            )
            table.cell = []
        elif tag in _BLOCKS and table.cell is not None and table.cell:
            table.cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
            return
        if self.skipping:
            return
        if tag == "span":
            if self.word_label is not None:
                self.word_label_depth -= 1
                if self.word_label_depth == 0:
                    self._word_label_done()
            elif self.tab_span_depth == self.span_depth:
                self.tab_span_depth = 0
            self.span_depth = max(0, self.span_depth - 1)
            return
        if tag == "table" and self.tables:
            table = self.tables.pop()
            table.end_cell()
            lines = table.lines()
            if self.tables and self.tables[-1].cell is not None:
                self.tables[-1].cell.append(" " + " ".join(" ".join(lines).split()))
            elif lines:
                self.blocks.append(("table", "\n".join(lines)))
            return
        if self.tables:
            if tag in ("td", "th"):
                self.tables[-1].end_cell()
            return
        if tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
            return
        if tag == "li" or tag in _BLOCKS:
            self._flush()
            if tag == "pre":
                self.pre = max(0, self.pre - 1)
            self.word_item = False

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "hr", "img", "col"):
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        self._text(data)

    # ------------------------------------------------------------------ list labels

    def _list_label(self) -> str:
        if not self.lists:
            return "-"
        kind, number, style = self.lists[-1]
        if kind == "ul":
            return "-"
        assert isinstance(number, int)
        self.lists[-1][1] = number + 1
        if style in ("a", "A"):
            letter = chr(ord("a") + (number - 1) % 26)
            return f"{letter.upper() if style == 'A' else letter})"
        return f"{number}."

    def _word_label_done(self) -> None:
        label = "".join(self.word_label or []).replace("\u00a0", " ").strip()
        self.word_label = None
        if not self.word_item:
            return
        self.inline = [piece for piece in self.inline if piece.strip()]
        if self.inline:
            self._flush()
        if not label or label in _BULLET_GLYPHS or (len(label) == 1 and not label.isalnum()):
            self.item_label = "-"
        else:
            self.item_label = label

    # ------------------------------------------------------------------ result

    def text(self) -> str:
        self._flush()
        for table in self.tables:
            table.end_cell()
            if table.lines():
                self.blocks.append(("table", "\n".join(table.lines())))
        parts: list[str] = []
        previous = ""
        for kind, value in self.blocks:
            if parts:
                parts.append("\n" if kind == previous == "item" else "\n\n")
            parts.append(value)
            previous = kind
        return "".join(parts)


def from_spreadsheet(formats: Iterable[str]) -> bool:
    """Whether clipboard ``formats`` (Qt's names) come from Excel or LibreOffice Calc.

    Qt on Windows names the clipboard's own formats ``application/x-qt-windows-mime;value="…"``;
    both spreadsheets offer a Biff workbook, Excel also "XML Spreadsheet".
    """
    return any(_SPREADSHEET_FORMAT_RE.search(name) for name in formats)


def clipboard_text(html: str | None, plain: str | None, *, spreadsheet: bool = False) -> str:
    """What a paste inserts, from the clipboard's HTML and plain text (either may be missing).

    The HTML wins – it knows paragraphs, lists and tables – unless it is Qt's own (copied
    from one of the program's fields, whose plain text is exact) or holds no text. Plain
    text loses the line break Excel puts after the last row or a single cell: a CRLF, or –
    as Qt on Windows hands it over – a LF when the clipboard is a ``spreadsheet``'s.
    """
    if html and not _QT_RICH_TEXT_RE.search(html):
        converted = html_to_text(html)
        if converted.strip():
            return converted
    if not plain:
        return ""
    if plain.endswith("\r\n"):
        plain = plain[:-2]
    elif spreadsheet and plain.endswith("\n"):
        plain = plain[:-1]
    return clean(plain)


def html_to_text(html: str) -> str:
    """The plain text (in the draft's conventions) of clipboard HTML."""
    if _CF_HTML_HEADER_RE.match(html):
        html = html[html.find("<") :]
    converter = _Converter()
    converter.feed(html)
    converter.close()
    return clean(converter.text())
