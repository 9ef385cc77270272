"""Plain-text fields of the form: pasted text is cleaned, undo/redo always works.

Every text field of the editor is one of these. :class:`PlainTextField` (several lines) and
:class:`LineField` (one line) clean pasted or dropped text with :func:`text.clean`, so Word's
line and page breaks become line breaks and characters a document cannot hold vanish; files
dropped on them (from disk or Outlook) they leave to the window, which imports them. A
multi-line field takes HTML from Word, Excel or a browser in the text conventions
(:func:`pasted_html.clipboard_text`: paragraphs, "- " lists, tab tables) and has the action
"Aufzählung" (:data:`BULLET_SHORTCUT`, and :func:`with_bullet_button`). They
tell apart the author's edits (signal ``edited``, undoable with Ctrl+Z) from the program
filling them in with :meth:`set_text`, which neither signals nor leaves undo history. Qt
merges all typing into one undo step; here each visit to a field starts a new one, so Ctrl+Z
never takes away more than was typed since the author came to the field.

Inside an editor both underline misspelt words in red and offer corrections in their context
menu (:mod:`.spelling_marks`; ``spell_check=False`` for numbers, dates and names); their
accessible description names the misspelt words.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QTextBlock,
    QTextCursor,
    QValidator,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app import text_blocks
from stellungnahme_app.pasted_html import clipboard_text, from_spreadsheet
from stellungnahme_app.spelling import Word
from stellungnahme_app.text import clean
from stellungnahme_app.ui.editor.spelling_marks import (
    BlockMarks,
    SpellingHighlighter,
    add_spelling_actions,
    block_misspellings,
    describe_misspellings,
    misspelt_words,
    paint_wavy_lines,
    wave_amplitude,
    word_at,
)
from stellungnahme_app.ui.editor.spelling_session import SpellingSession, session_of
from stellungnahme_app.ui.editor.widget_helpers import describe
from stellungnahme_app.ui.outlook_drops import holds_files

#: How many lines of text a multi-line field shows at least.
DEFAULT_VISIBLE_LINES = 6
#: "Aufzählung" on the selected lines – Word's shortcut for its list style.
BULLET_SHORTCUT = "Ctrl+Shift+L"
#: Clipboard HTML from this length on is converted under the busy cursor.
LARGE_PASTE_CHARACTERS = 500_000
#: Pause after typing before the accessible description names the misspelt words anew.
DESCRIBE_DELAY_MS = 400


def _part_of_a_word(text: str) -> bool:
    return bool(text) and (text[-1].isalnum() or text[-1] in "-'’")


class _Spelling:
    """What a text field needs for the spell-check: its editor's session, the word being
    typed, the accessible description kept up to date."""

    def __init__(self, field: QWidget, description: str, enabled: bool) -> None:
        self.field = field
        self.enabled = enabled
        self.base_description = description
        self.last_description = description
        self.session: SpellingSession | None = None
        self.typing = False
        self.menu: QMenu | None = None
        self.describe_timer = QTimer(field)
        self.describe_timer.setSingleShot(True)
        self.describe_timer.setInterval(DESCRIBE_DELAY_MS)

    def active_session(self) -> SpellingSession | None:
        if not self.enabled or self.field.isReadOnly():  # type: ignore[attr-defined]
            return None
        if self.session is None:
            self.session = session_of(self.field)
            if self.session is not None:
                self.session.changed.connect(self.field.spelling_changed)  # type: ignore[attr-defined]
        return self.session if self.session is not None and self.session.available else None

    def describe(self, misspelt: list[Word]) -> None:
        current = self.field.accessibleDescription()
        if current != self.last_description:  # the field's own description changed
            self.base_description = current
        self.last_description = describe_misspellings(self.base_description, misspelt)
        self.field.setAccessibleDescription(self.last_description)


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
        spell_check: bool = True,
    ) -> None:
        super().__init__(parent)
        describe(self, accessible_name, description)
        self._spelling = _Spelling(self, description, spell_check)
        self._rehighlighting = False
        self._highlighter = SpellingHighlighter(
            self.document(), self._spelling.active_session, self._typing_at
        )
        self._spelling.describe_timer.timeout.connect(self._describe_misspellings)
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

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # The document merges typing into its last undo step only while it is "modified".
        self.document().setModified(False)

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
        if self._rehighlighting:
            return  # Qt reports new underlines as a change of the text; it is none
        if not self._loading:
            self.edited.emit(self.toPlainText())
        if self._spelling.session is not None:
            self._spelling.describe_timer.start()

    def _rehighlight(self, block: QTextBlock | None = None) -> None:
        self._rehighlighting = True
        try:
            if block is None:
                self._highlighter.rehighlight()
            else:
                self._highlighter.rehighlightBlock(block)
        finally:
            self._rehighlighting = False

    # ------------------------------------------------------------------ spell-check

    def use_spelling(self, session: SpellingSession) -> None:
        """Underline with ``session`` (the editor calls this; fields find it themselves too)."""
        if self._spelling.session is None:
            self._spelling.session = session
            session.changed.connect(self.spelling_changed)
            self.spelling_changed()

    def spelling_changed(self, keys: frozenset[str] | None = None) -> None:
        """New answers (``keys``: the words found misspelt) or new personal words (``None``):
        underline anew where needed and tell screen readers."""
        if keys is None:
            self._rehighlight()
        else:
            block = self.document().begin()
            touched = False
            while block.isValid():
                marks = block.userData()
                if not isinstance(marks, BlockMarks) or any(
                    word.key in keys for word, _ in marks.candidates
                ):
                    self._rehighlight(block)
                    touched = True
                block = block.next()
            if not touched:
                return
        self._describe_misspellings()

    def _describe_misspellings(self) -> None:
        self._spelling.describe(self.misspellings())

    def _typing_at(self) -> tuple[int, int] | None:
        if not (self._spelling.typing and self.hasFocus()):
            return None
        cursor = self.textCursor()
        return cursor.blockNumber(), cursor.positionInBlock()

    def _stop_typing(self) -> None:
        if not self._spelling.typing:
            return
        self._spelling.typing = False
        skipped = self._highlighter.skipped
        self._highlighter.skipped = None
        if skipped is not None:
            block = self.document().findBlockByNumber(skipped[0])
            if block.isValid():
                self._rehighlight(block)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if _part_of_a_word(event.text()):
            self._spelling.typing = True
        else:
            self._stop_typing()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._stop_typing()
        super().mousePressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._stop_typing()
        super().focusOutEvent(event)

    def event(self, event: QEvent) -> bool:
        found = event.type() == QEvent.Type.Show and self._spelling.session is None
        if found and self._spelling.active_session() is not None:
            self.spelling_changed()
        return super().event(event)

    def misspelling_at(self, position: int) -> Word | None:
        """The misspelt word at the document ``position`` (positions in the whole text)."""
        session = self._spelling.active_session()
        if session is None:
            return None
        block = self.document().findBlock(position)
        word = word_at(block.text(), position - block.position())
        if word is None or session.status(word) is not False:
            return None
        offset = block.position()
        return Word(word.start + offset, word.end + offset, word.word, word.period)

    def misspellings(self) -> list[Word]:
        """The misspelt words of the whole text known so far (positions in the text)."""
        session = self._spelling.active_session()
        if session is None:
            return []
        return block_misspellings(self.document(), session.status, session.generation)

    def replace_word(self, word: Word, replacement: str) -> None:
        """Put ``replacement`` in place of ``word`` (one undo step), if it is still there."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(word.start)
        cursor.setPosition(word.end, QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText() != word.word:
            return
        cursor.beginEditBlock()
        cursor.insertText(replacement)
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def offer_corrections(self, word: Word) -> QMenu | None:
        """Select ``word`` and open its corrections under it (F7; keyboard: arrows, Enter)."""
        session = self._spelling.active_session()
        if session is None:
            return None
        cursor = self.textCursor()
        cursor.setPosition(word.start)
        cursor.setPosition(word.end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        start = QTextCursor(self.document())
        start.setPosition(word.start)
        where = self.viewport().mapToGlobal(self.cursorRect(start).bottomLeft())
        return self._popup_corrections(session, word, where)

    def _popup_corrections(self, session: SpellingSession, word: Word, where: QPoint) -> QMenu:
        if self._spelling.menu is not None:
            self._spelling.menu.close()
            self._spelling.menu.deleteLater()
        menu = QMenu(self)
        menu.setObjectName("rechtschreibung_menue")
        add_spelling_actions(menu, self, session, word, self.replace_word)
        self._spelling.menu = menu
        menu.popup(where)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        session = self._spelling.active_session()
        word = self.misspelling_at(self.cursorForPosition(event.pos()).position())
        if session is not None and word is not None:
            add_spelling_actions(menu, self, session, word, self.replace_word)
        if not self.isReadOnly():
            menu.addSeparator()
            menu.addAction(self.bullet_action)
        menu.exec(event.globalPos())
        menu.deleteLater()

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
        return not holds_files(source) and (source.hasText() or source.hasHtml())

    def insertFromMimeData(self, source: QMimeData) -> None:
        if holds_files(source):  # dropped files are the window's (imported), not text
            return
        html = source.html() if source.hasHtml() else None
        busy = html is not None and len(html) > LARGE_PASTE_CHARACTERS
        if busy:  # Word's HTML of a long document takes a moment (about 4 MB a second)
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pasted = clipboard_text(
                html,
                source.text() if source.hasText() else None,
                spreadsheet=from_spreadsheet(source.formats()),
            )
        finally:
            if busy:
                QGuiApplication.restoreOverrideCursor()
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
        spell_check: bool = True,
    ) -> None:
        super().__init__(parent)
        describe(self, accessible_name, description)
        self.setPlaceholderText(placeholder)
        self.setValidator(SingleLineValidator(self))
        self._loading = False
        self._spelling = _Spelling(self, description, spell_check)
        self._marks: list[Word] = []
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
        self._find_marks()

    # Dropped files are the window's (imported), not text: their path stays out of the field.
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if holds_files(event.mimeData()):
            event.ignore()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if holds_files(event.mimeData()):
            event.ignore()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if holds_files(event.mimeData()):
            event.ignore()
        else:
            super().dropEvent(event)

    # ------------------------------------------------------------------ spell-check

    def use_spelling(self, session: SpellingSession) -> None:
        """Underline with ``session`` (the editor calls this; fields find it themselves too)."""
        if self._spelling.session is None:
            self._spelling.session = session
            session.changed.connect(self.spelling_changed)
            self.spelling_changed()

    def spelling_changed(self, keys: frozenset[str] | None = None) -> None:
        self._find_marks()

    def _find_marks(self) -> None:
        session = self._spelling.active_session()
        marks = misspelt_words(session, self.text())
        if self._spelling.typing and self.hasFocus():
            position = self.cursorPosition()
            marks = [w for w in marks if not w.start <= position <= w.end]
        if marks != self._marks:
            self._marks = marks
            self._spelling.describe(self.misspellings())
            self.update()

    def misspellings(self) -> list[Word]:
        return misspelt_words(self._spelling.active_session(), self.text())

    def misspelling_at(self, position: int) -> Word | None:
        session = self._spelling.active_session()
        word = word_at(self.text(), position) if session is not None else None
        if word is None or session is None or session.status(word) is not False:
            return None
        return word

    def replace_word(self, word: Word, replacement: str) -> None:
        """Put ``replacement`` in place of ``word`` (undoable), if it is still there."""
        if self.text()[word.start : word.end] != word.word:
            return
        self.setSelection(word.start, word.end - word.start)
        self.insert(replacement)

    def offer_corrections(self, word: Word) -> QMenu | None:
        """Select ``word`` and open its corrections under it (F7; keyboard: arrows, Enter)."""
        session = self._spelling.active_session()
        if session is None:
            return None
        self.setSelection(word.start, word.end - word.start)
        x = int(self._x_of(word.start))
        where = self.mapToGlobal(QPoint(x, self.cursorRect().bottom()))
        if self._spelling.menu is not None:
            self._spelling.menu.close()
            self._spelling.menu.deleteLater()
        menu = QMenu(self)
        menu.setObjectName("rechtschreibung_menue")
        add_spelling_actions(menu, self, session, word, self.replace_word)
        self._spelling.menu = menu
        menu.popup(where)
        return menu

    def _x_of(self, position: int) -> float:
        """Where the character ``position`` begins, in the field's coordinates."""
        metrics = self.fontMetrics()
        text = self.text()
        # cursorRect() is 5 pixels left of the cursor (QWidgetLineControl::rectForPos).
        cursor_x = self.cursorRect().left() + 5
        cursor = self.cursorPosition()
        return (
            cursor_x
            + metrics.horizontalAdvance(text[:position])
            - metrics.horizontalAdvance(text[:cursor])
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._marks:
            return
        metrics = self.fontMetrics()
        baseline = self.cursorRect().top() + metrics.ascent() + max(2, metrics.underlinePos() + 1)
        spans = [(self._x_of(w.start), self._x_of(w.end)) for w in self._marks]
        painter = QPainter(self)
        painter.setClipRect(self.contentsRect())
        paint_wavy_lines(painter, spans, baseline, wave_amplitude(self))
        painter.end()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._spelling.typing = False
        super().focusOutEvent(event)
        self._find_marks()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._spelling.typing = False
        super().mousePressEvent(event)
        self._find_marks()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self._spelling.session is None:
            self._find_marks()
        return super().event(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # A line edit ends an undo step only when its cursor moves; without a selection to
        # keep, moving it there and back marks where this visit's typing begins.
        position = self.cursorPosition()
        if not self.hasSelectedText() and self.text():
            self.setCursorPosition(position - 1 if position > 0 else position + 1)
            self.setCursorPosition(position)

    def paste_cleaned(self) -> None:
        """Paste the clipboard's text as one clean line (undoable)."""
        self.insert(clean_single_line(QGuiApplication.clipboard().text()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste) and not self.isReadOnly():
            self.paste_cleaned()
            event.accept()
            return
        typing = _part_of_a_word(event.text())
        self._spelling.typing = typing
        super().keyPressEvent(event)
        if not typing:
            self._find_marks()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu()
        session = self._spelling.active_session()
        word = self.misspelling_at(self.cursorPositionAt(event.pos()))
        if session is not None and word is not None:
            add_spelling_actions(menu, self, session, word, self.replace_word)
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
