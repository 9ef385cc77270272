"""The comparison of two versions as a clerk reads it: field by field, deletions struck
through and insertions underlined (and coloured – never colour alone).

:class:`ComparisonView` is a list with one entry per field heading, per changed paragraph
and per run of unchanged paragraphs (collapsed: „3 unveränderte Absätze“; Enter or a
double-click shows them). Arrow keys move from change to change; a screen reader hears
each paragraph in words – „Beschlusspunkt 01: … im gelöscht: „dritten“, eingefügt:
„vierten“ Quartal …“ – since strike-through and underline say nothing to it.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from stellungnahme_app.compare import (
    Change,
    DraftComparison,
    FieldChange,
    ParagraphChange,
    UnchangedParagraphs,
    WordDiff,
    place,
    spoken_paragraph,
)

HTML_ROLE = Qt.ItemDataRole.UserRole + 10
UNCHANGED_ROLE = Qt.ItemDataRole.UserRole + 11
KIND_ROLE = Qt.ItemDataRole.UserRole + 12

_MARGIN = 6
_COLOUR = re.compile(r' style="color:[^"]*"')


def diff_html(diff: WordDiff, *, dark: bool = False) -> str:
    """The paragraph as HTML: ``<s>`` for deleted, ``<u>`` for inserted words."""
    deleted, inserted = ("#ff9e9e", "#8fd0ff") if dark else ("#a1001b", "#00528c")
    parts = []
    for segment in diff.segments:
        shown = html.escape(segment.text).replace("\n", "<br>")
        if segment.change is Change.DELETED:
            parts.append(f'<s style="color:{deleted}">{shown}</s>')
        elif segment.change is Change.INSERTED:
            parts.append(f'<u style="color:{inserted}">{shown}</u>')
        else:
            parts.append(shown)
    return "".join(parts)


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def _unchanged_text(count: int) -> str:
    which = "1 unveränderter Absatz" if count == 1 else f"{count} unveränderte Absätze"
    return f"… {which} (Eingabetaste zeigt sie) …"


class _RichTextDelegate(QStyledItemDelegate):
    """Paints an item's HTML (:data:`HTML_ROLE`), wrapped to the list's width."""

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex, *, selected: bool = False
    ) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(_MARGIN)
        rich = str(index.data(HTML_ROLE) or html.escape(str(index.data() or "")))
        if selected:  # on the highlight the marks' colours would not stand out; strokes do
            rich = _COLOUR.sub("", rich)
        document.setHtml(rich)
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QListView) else option.rect.width()
        document.setTextWidth(max(width - 4, 80))
        return document

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        option_text = option.text
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        option.text = option_text
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        document = self._document(option, QModelIndex(index), selected=selected)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(option.rect.translated(-option.rect.topLeft()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        self.initStyleOption(option, index)
        document = self._document(option, QModelIndex(index))
        return QSize(int(document.idealWidth()), int(document.size().height()))


class ComparisonView(QListWidget):
    """What changed between two versions, one entry per heading and paragraph."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vergleich")
        self.setAccessibleName("Änderungen")
        self.setAccessibleDescription(
            "Je Feld die geänderten Absätze: Gestrichenes ist gelöscht, Unterstrichenes "
            "eingefügt. Pfeiltasten gehen von Änderung zu Änderung."
        )
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setItemDelegate(_RichTextDelegate(self))
        self.itemActivated.connect(self.expand)
        self.comparison: DraftComparison | None = None

    def show_comparison(self, comparison: DraftComparison) -> None:
        self.comparison = comparison
        self.clear()
        dark = _is_dark(self.palette())
        if comparison.unchanged:
            self._add(comparison.summary(), html.escape(comparison.summary()), "leer")
            return
        for field in comparison.fields:
            self._add_field(field, dark)
        self.setCurrentRow(0)

    def show_message(self, text: str) -> None:
        self.comparison = None
        self.clear()
        self._add(text, html.escape(text), "leer")

    def _add_field(self, field: FieldChange, dark: bool) -> None:
        heading = field.label  # an added or removed item's label says so: „Anlage 2 (neu)“
        self._add(heading, f"<b>{html.escape(heading)}</b>", "feld")
        for entry in field.entries:
            if isinstance(entry, UnchangedParagraphs):
                item = self._add(
                    f"{entry.count} unveränderte Absätze",
                    f"<i>{html.escape(_unchanged_text(entry.count))}</i>",
                    "unveraendert",
                )
                item.setData(UNCHANGED_ROLE, list(entry.texts))
                item.setToolTip("Eingabetaste oder Doppelklick zeigt die unveränderten Absätze")
                continue
            self._add_paragraph(field, entry, dark)

    def _add_paragraph(self, field: FieldChange, paragraph: ParagraphChange, dark: bool) -> None:
        where = place(field, paragraph)
        prefix = f"<i>{html.escape(where)}:</i> " if where else ""
        body = diff_html(paragraph.diff, dark=dark) or "<i>(leer)</i>"
        item = self._add(spoken_paragraph(field, paragraph), prefix + body, "absatz")
        item.setToolTip(field.path)

    def _add(self, spoken_text: str, rich: str, kind: str) -> QListWidgetItem:
        item = QListWidgetItem(spoken_text)
        item.setData(HTML_ROLE, rich)
        item.setData(KIND_ROLE, kind)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken_text)
        self.addItem(item)
        return item

    def expand(self, item: QListWidgetItem) -> None:
        """Show the unchanged paragraphs a collapsed entry stands for, in its place."""
        texts = item.data(UNCHANGED_ROLE)
        if not texts:
            return
        row = self.row(item)
        self.takeItem(row)
        for offset, paragraph in enumerate(texts):
            shown = QListWidgetItem(f"unverändert: {paragraph}")
            shown.setData(HTML_ROLE, html.escape(paragraph).replace("\n", "<br>"))
            shown.setData(KIND_ROLE, "unveraendert")
            shown.setData(Qt.ItemDataRole.AccessibleTextRole, f"unverändert: {paragraph}")
            self.insertItem(row + offset, shown)
        self.setCurrentRow(row)

    def kinds(self) -> list[str]:
        """The kind of every entry (``feld``, ``absatz``, ``unveraendert``, ``leer``)."""
        return [str(self.item(row).data(KIND_ROLE)) for row in range(self.count())]

    def spoken_texts(self) -> list[str]:
        """What a screen reader says for each entry."""
        return [
            str(self.item(row).data(Qt.ItemDataRole.AccessibleTextRole))
            for row in range(self.count())
        ]
