"""Plain-text fields of the form: pasted text is cleaned, undo/redo always works.

Every text field of the editor is one of these. :class:`PlainTextField` (several lines) and
:class:`LineField` (one line) clean pasted or dropped text with :func:`text.clean`, so Word's
line and page breaks become line breaks and characters a document cannot hold vanish. A
multi-line field takes HTML from Word, Excel or a browser in the text conventions
(:func:`pasted_html.clipboard_text`: paragraphs, "- " lists, tab tables) and has the action
"Aufzählung" (:data:`BULLET_SHORTCUT`, and :func:`with_bullet_button`). They
tell apart the author's edits (signal ``edited``, undoable with Ctrl+Z) from the program
filling them in with :meth:`set_text`, which neither signals nor leaves undo history.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QValidator,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app import text_blocks
from stellungnahme_app.pasted_html import clipboard_text
from stellungnahme_app.text import clean
from stellungnahme_app.ui.editor.widget_helpers import describe

#: How many lines of text a multi-line field shows at least.
DEFAULT_VISIBLE_LINES = 6
#: "Aufzählung" on the selected lines – Word's shortcut for its list style.
BULLET_SHORTCUT = "Ctrl+Shift+L"


def clean_single_line(text: str) -> str:
    """Pasted text for a one-line field: cleaned, line breaks and tabs become spaces."""
    return clean(text).replace("\n", " ").replace("\t", " ")


class PlainTextField(QPlainTextEdit):
    """A multi-line plain-text field; Tab moves on to the next field."""

    edited = Signal(str)

    def __init__(
        self,
        accessible_name: str,
        parent: QWidget | None = None,
        *,
        description: str = "",
        placeholder: str = "",
        visible_lines: int = DEFAULT_VISIBLE_LINES,
    ) -> None:
        super().__init__(parent)
        describe(self, accessible_name, description)
        self.setTabChangesFocus(True)
        self.setPlaceholderText(placeholder)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._visible_lines = visible_lines
        self._loading = False
        #: The "Aufzählung" button beside the field, if it has one (:func:`with_bullet_button`).
        self.bullet_button: QToolButton | None = None
        self.textChanged.connect(self._text_changed)
        self.setMinimumHeight(self._height_for_lines(min(visible_lines, 3)))
        self.bullet_action = QAction("Aufzählung", self)
        self.bullet_action.setShortcut(QKeySequence(BULLET_SHORTCUT))
        self.bullet_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        keys = self.bullet_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.bullet_action.setToolTip(
            f"Aufzählung ein/aus: „- “ vor den markierten Zeilen setzen oder entfernen ({keys})"
        )
        self.bullet_action.triggered.connect(self.toggle_bullets)
        self.addAction(self.bullet_action)

    def _height_for_lines(self, lines: int) -> int:
        margins = self.contentsMargins()
        frame = 2 * self.frameWidth() + margins.top() + margins.bottom()
        document_margin = int(2 * self.document().documentMargin())
        return self.fontMetrics().lineSpacing() * lines + frame + document_margin

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        hint.setHeight(self._height_for_lines(self._visible_lines))
        return hint

    def text(self) -> str:
        return self.toPlainText()

    def set_text(self, text: str) -> None:
        """Show ``text`` as the program's doing: no ``edited``, no undo history."""
        if text == self.toPlainText():
            return
        self._loading = True
        try:
            self.setPlainText(text)
        finally:
            self._loading = False

    def insert_paragraph(self, text: str, *, at_end: bool = False) -> None:
        """Insert ``text`` as a paragraph of its own at the cursor or the end (one undo step)."""
        text = clean(text).strip("\n")
        if not text:
            return
        cursor = self.textCursor()
        if at_end:
            cursor.movePosition(cursor.MoveOperation.End)
        cursor.beginEditBlock()
        if cursor.hasSelection():
            cursor.removeSelectedText()
        document_text = self.toPlainText()
        position = cursor.position()
        before = document_text[:position]
        after = document_text[position:]
        cursor.insertText(
            _paragraph_gap(before, neighbour_before=True) + text + _paragraph_gap(after)
        )
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _text_changed(self) -> None:
        if not self._loading:
            self.edited.emit(self.toPlainText())

    def toggle_bullets(self) -> None:
        """Add or remove the "- " marker on the selected lines (one undo step)."""
        if self.isReadOnly():
            return
        cursor = self.textCursor()
        old = self.toPlainText()
        edit = text_blocks.toggle_bullets(old, cursor.selectionStart(), cursor.selectionEnd())
        start = 0
        while start < min(len(old), len(edit.text)) and old[start] == edit.text[start]:
            start += 1
        end_old, end_new = len(old), len(edit.text)
        while end_old > start and end_new > start and old[end_old - 1] == edit.text[end_new - 1]:
            end_old -= 1
            end_new -= 1
        cursor.beginEditBlock()
        cursor.setPosition(start)
        cursor.setPosition(end_old, cursor.MoveMode.KeepAnchor)
        cursor.insertText(edit.text[start:end_new])
        cursor.endEditBlock()
        cursor.setPosition(edit.anchor)
        cursor.setPosition(edit.position, cursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText() or source.hasHtml()

    def insertFromMimeData(self, source: QMimeData) -> None:
        pasted = clipboard_text(
            source.html() if source.hasHtml() else None,
            source.text() if source.hasText() else None,
        )
        if not pasted:
            return
        # An edit block of its own, so Ctrl+Z undoes the paste and not the typing before it.
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.insertText(pasted)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()


def with_bullet_button(field: PlainTextField) -> QWidget:
    """``field`` with an "Aufzählung" button under it.

    The button takes no keyboard focus, so clicking it keeps the field's selection; from the
    keyboard the field's shortcut does the same.
    """
    box = QWidget()
    button = QToolButton()
    button.setDefaultAction(field.bullet_action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setAccessibleName("Aufzählung ein/aus")
    button.setAccessibleDescription(field.bullet_action.toolTip())
    button.setObjectName("aufzaehlung")
    field.bullet_button = button
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(button)
    row.addStretch(1)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field, 1)
    layout.addLayout(row)
    return box


class SingleLineValidator(QValidator):
    """The last safety net: whatever way text gets in, it ends up as one clean line."""

    def validate(self, text: str, position: int) -> object:
        cleaned = clean_single_line(text)
        if cleaned != text:
            position = max(0, min(len(cleaned), position - (len(text) - len(cleaned))))
        return QValidator.State.Acceptable, cleaned, position


class LineField(QLineEdit):
    """A one-line plain-text field (number, title, heading, attachment)."""

    edited = Signal(str)

    def __init__(
        self,
        accessible_name: str,
        parent: QWidget | None = None,
        *,
        description: str = "",
        placeholder: str = "",
    ) -> None:
        super().__init__(parent)
        describe(self, accessible_name, description)
        self.setPlaceholderText(placeholder)
        self.setValidator(SingleLineValidator(self))
        self._loading = False
        self.textChanged.connect(self._text_changed)

    def set_text(self, text: str) -> None:
        """Show ``text`` as the program's doing: no ``edited``, no undo history."""
        self._loading = True
        try:
            self.setText(clean_single_line(text))
        finally:
            self._loading = False

    def _text_changed(self, text: str) -> None:
        if not self._loading:
            self.edited.emit(text)

    def paste_cleaned(self) -> None:
        """Paste the clipboard's text as one clean line (undoable)."""
        self.insert(clean_single_line(QGuiApplication.clipboard().text()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste) and not self.isReadOnly():
            self.paste_cleaned()
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu()
        for action in menu.actions():
            if action.objectName() == "edit-paste":
                replacement = QAction(action.text(), menu)
                replacement.setEnabled(action.isEnabled())
                replacement.triggered.connect(self.paste_cleaned)
                menu.insertAction(action, replacement)
                menu.removeAction(action)
                break
        menu.exec(event.globalPos())
        menu.deleteLater()


def _paragraph_gap(neighbour: str, *, neighbour_before: bool = False) -> str:
    """The line breaks that make a blank line between inserted text and ``neighbour``."""
    if not neighbour.strip():
        return ""
    stripped = neighbour.rstrip("\n") if neighbour_before else neighbour.lstrip("\n")
    newlines = len(neighbour) - len(stripped)
    return "\n" * max(0, 2 - newlines)
