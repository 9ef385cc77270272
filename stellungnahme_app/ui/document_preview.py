"""The preview of a Stellungnahme as its document reads: the exporter's text, set like the form.

One widget for every place that shows a draft as the document (the editor's last step, the
version history), so they always read alike. The text is :func:`export.document_text` – the
same the Word document is made from – with the form's headings and labels in bold; the
user's text is escaped, never interpreted.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QTextBrowser, QWidget

from stellungnahme_app import export, form
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
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)

    def show_draft(self, draft: Draft, *, from_top: bool = False) -> None:
        """Show ``draft`` from its top, or where the reader was (to compare versions, to see
        an edit)."""
        scroll = 0 if from_top else self.verticalScrollBar().value()
        self.setHtml(document_html(draft))
        self.verticalScrollBar().setValue(scroll)


def document_html(draft: Draft) -> str:
    """The document's paragraphs as HTML: the title as a heading, the form's labels bold."""
    bold = {
        form.LABEL_DOCUMENT_TITLE,
        form.LABEL_PUBLIC_STATUS,
        form.ASSESSMENT_INSTRUCTION,
        form.LABEL_STATEMENT,
        form.LABEL_CONCLUSION,
        form.LABEL_AMENDMENTS,
        form.LABEL_ATTACHMENTS,
        *form.ASSESSMENT_QUESTIONS.values(),
        *(c.heading.strip() for c in draft.contributions),
    }
    heading_start = form.TITLE_TEMPLATE.split("{city}", 1)[0]
    parts = []
    for line in export.document_text(draft):
        text = html.escape(line).replace("\n", "<br>").replace("\t", "&emsp;")
        if line.startswith(heading_start):
            parts.append(f"<h2>{text}</h2>")
        elif line.strip() in bold:
            parts.append(f"<p><b>{text}</b></p>")
        else:
            parts.append(f"<p>{text}</p>")
    return "\n".join(parts)
