"""The preview of a Stellungnahme as its document reads: the exporter's text, set like the form.

One widget for every place that shows a draft as the document (the editor's last step, the
version history), so they always read alike. The text is :func:`export.document_blocks` – the
same the Word document is made from – with the form's headings and labels in bold, the
draft's bullet lists, labelled items and tables as the document prints them; the user's text
is escaped, never interpreted.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QTextBrowser, QWidget

from stellungnahme_app import export, text_blocks
from stellungnahme_app.model import Draft


class DocumentPreview(QTextBrowser):
    """Read-only; :meth:`show_draft` shows a draft.

    In the palette's own colours (Base and Text): white like paper in the usual light
    palette, and readable in Windows' dark mode and high-contrast themes, where forced
    black-on-white would blind or vanish.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vorschau")
        self.setOpenLinks(False)
        self.setStyleSheet("QTextBrowser#vorschau { border: 1px solid palette(mid); }")
        self.document().setDocumentMargin(self.fontMetrics().averageCharWidth() * 4)
        option = self.document().defaultTextOption()
        option.setTabStopDistance(HANGING_INDENT_PX)
        self.document().setDefaultTextOption(option)
        self.document().setIndentWidth(HANGING_INDENT_PX)  # the text of bullet items
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)

    def show_draft(self, draft: Draft, *, from_top: bool = False) -> None:
        """Show ``draft`` from its top, or where the reader was (to compare versions, to see
        an edit)."""
        scroll = 0 if from_top else self.verticalScrollBar().value()
        self.setHtml(document_html(draft))
        self.verticalScrollBar().setValue(scroll)


def document_html(draft: Draft) -> str:
    """The document as HTML: the title as a heading, the form's labels bold, the draft's lists
    as lists, its tables as tables with a bold header row and right-aligned numbers."""
    parts = []
    for printed in export.document_blocks(draft):
        block = printed.block
        if isinstance(block, text_blocks.Paragraph) and printed.role != "text":
            parts.append(_PARAGRAPH_HTML.get(printed.role, "<p>{}</p>").format(_html(block.text)))
        elif isinstance(block, text_blocks.Paragraph):
            parts.append(f'<p style="{_AS_TYPED}">{_html(block.text)}</p>')
        elif isinstance(block, text_blocks.BulletList):
            items = "".join(f'<li style="{_AS_TYPED}">{_html(item)}</li>' for item in block.items)
            parts.append(f"<ul>{items}</ul>")
        elif isinstance(block, text_blocks.LabelledItem):
            parts.append(
                f'<p style="{_AS_TYPED}; margin-left: {HANGING_INDENT_PX}px; '
                f'text-indent: -{HANGING_INDENT_PX}px">'
                f"{_html(block.label)}\t{_html(block.text)}</p>"
            )
        else:
            parts.append(_table_html(block))
    return "\n".join(parts)


#: The hanging indent of a labelled item ("1.", "a)"), also the preview's tab stop distance.
HANGING_INDENT_PX = 32
# The user's text keeps its spaces and tabs, as in the document.
_AS_TYPED = "white-space: pre-wrap"
_PARAGRAPH_HTML = {
    "heading": "<h2>{}</h2>",
    "label": "<p><b>{}</b></p>",
    "question": "<p><b>{}</b></p>",
    "office_heading": "<p><b>{}</b></p>",
    "note": "<p><i>{}</i></p>",
}


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _table_html(table: text_blocks.Table) -> str:
    right = export.numeric_columns(table)
    rows = []
    for number, row in enumerate(table.rows):
        tag = "th" if number == 0 else "td"
        cells = "".join(
            f'<{tag} align="{"right" if numeric else "left"}">{_html(cell)}</{tag}>'
            for cell, numeric in zip(row, right, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    return (
        '<table border="1" cellspacing="0" cellpadding="4" style="border-collapse: collapse">'
        + "".join(rows)
        + "</table>"
    )
