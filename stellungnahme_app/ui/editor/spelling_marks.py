"""How the text fields show misspellings: red wavy lines, the context menu, screen readers.

:class:`SpellingHighlighter` underlines the misspelt words of a multi-line field block by
block – Qt calls it only for the paragraph being edited, so a keystroke in a long text costs a
look-up per word of that paragraph. One-line fields draw the same line themselves
(:func:`paint_wavy_lines`). The word being typed is left alone until the cursor leaves it, as
in Word. :func:`add_spelling_actions` puts up to five suggestions, „Zum Wörterbuch
hinzufügen“ and „Ignorieren“ at the top of a field's context menu; suggestions that are not
known yet arrive while the menu is open. :func:`describe_misspellings` is what screen readers
learn: the field's accessible description names its misspelt words.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCore import QPointF
from PySide6.QtGui import (
    QAction,
    QColor,
    QPainter,
    QPainterPath,
    QPen,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QWidget

from stellungnahme_app.spelling import MAX_SUGGESTIONS, Word, words
from stellungnahme_app.ui.editor.spelling_session import SpellingSession
from stellungnahme_app.ui.error_reporting import show_error

MISSPELLING_COLOR = QColor(220, 0, 0)
SEARCHING_TEXT = "Vorschläge werden gesucht …"
NO_SUGGESTIONS_TEXT = "(keine Vorschläge)"
ADD_TEXT = "Zum &Wörterbuch hinzufügen"
IGNORE_TEXT = "&Ignorieren"
MAX_NAMED_WORDS = 10


def misspelling_format() -> QTextCharFormat:
    text_format = QTextCharFormat()
    text_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    text_format.setUnderlineColor(MISSPELLING_COLOR)
    return text_format


def word_at(text: str, position: int) -> Word | None:
    """The word of ``text`` at (or right before) the character ``position``."""
    for word in words(text):
        if word.start <= position <= word.end:
            return word
        if word.start > position:
            break
    return None


class SpellingHighlighter(QSyntaxHighlighter):
    """Underlines the misspelt words of a multi-line field (see the module docstring)."""

    def __init__(
        self,
        document: QTextDocument,
        session_for: Callable[[], SpellingSession | None],
        typing_at: Callable[[], tuple[int, int] | None],
    ) -> None:
        super().__init__(document)
        self._session_for = session_for
        #: The block number and position in it where the author is typing, if anywhere.
        self._typing_at = typing_at
        self._format = misspelling_format()
        self.skipped: tuple[int, int, int] | None = None

    def highlightBlock(self, text: str) -> None:
        session = self._session_for()
        if session is None or not text:
            return
        typing = self._typing_at()
        block = self.currentBlock().blockNumber()
        for word in words(text):
            if session.status(word) is not False:
                continue
            if typing is not None and typing[0] == block and word.start <= typing[1] <= word.end:
                self.skipped = (block, word.start, word.end)
                continue
            self.setFormat(word.start, word.end - word.start, self._format)


def misspelt_words(session: SpellingSession | None, text: str) -> list[Word]:
    """The misspelt words of ``text`` the session knows of."""
    if session is None or not session.available:
        return []
    return [word for word in words(text) if session.status(word) is False]


def describe_misspellings(base: str, misspelt: Sequence[Word]) -> str:
    """The accessible description of a field: its own, then what is misspelt."""
    if not misspelt:
        return base
    names = list(dict.fromkeys(word.word for word in misspelt))
    shown = ", ".join(names[:MAX_NAMED_WORDS]) + (" …" if len(names) > MAX_NAMED_WORDS else "")
    count = (
        "ein möglicher Rechtschreibfehler"
        if len(misspelt) == 1
        else (f"{len(misspelt)} mögliche Rechtschreibfehler")
    )
    note = f"{count}: {shown}. F7 springt zum nächsten."
    return f"{base}. {note}" if base else note


def paint_wavy_lines(
    painter: QPainter, spans: Sequence[tuple[float, float]], baseline: float, amplitude: float
) -> None:
    """Red wavy lines under the horizontal ``spans`` (x from, x to), just below ``baseline``."""
    pen = QPen(MISSPELLING_COLOR)
    pen.setWidthF(max(1.0, amplitude / 1.5))
    painter.setPen(pen)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    period = max(4.0, amplitude * 4)
    for start, end in spans:
        path = QPainterPath(QPointF(start, baseline))
        x = start
        while x < end:
            x = min(end, x + 1.0)
            y = baseline + amplitude * math.sin((x - start) / period * 2 * math.pi)
            path.lineTo(QPointF(x, y))
        painter.drawPath(path)


def add_spelling_actions(
    menu: QMenu,
    field: QWidget,
    session: SpellingSession,
    word: Word,
    replace: Callable[[Word, str], None],
) -> None:
    """Put the suggestions for ``word``, „Zum Wörterbuch hinzufügen“ and „Ignorieren“ at the
    top of ``menu``; ``replace(word, correction)`` puts a chosen suggestion in."""
    first = menu.actions()[0] if menu.actions() else None
    menu.setTitle(f"Rechtschreibung: „{word.word}“")
    menu.setAccessibleName(f"Rechtschreibung: „{word.word}“ – Vorschläge")
    placeholder = QAction(SEARCHING_TEXT, menu)
    placeholder.setEnabled(False)
    menu.insertAction(first, placeholder)

    def show_suggestions(found: Sequence[str]) -> None:
        if not shiboken6.isValid(menu) or not shiboken6.isValid(placeholder):
            return
        for suggestion in list(found)[:MAX_SUGGESTIONS]:
            action = QAction(suggestion.replace("&", "&&"), menu)
            action.setObjectName("rechtschreibvorschlag")
            action.triggered.connect(lambda _=False, text=suggestion: replace(word, text))
            menu.insertAction(placeholder, action)
        if found:
            menu.removeAction(placeholder)
            if menu.isVisible() and menu.activeAction() is None:
                menu.setActiveAction(menu.actions()[0])
        else:
            placeholder.setText(NO_SUGGESTIONS_TEXT)

    add = QAction(ADD_TEXT, menu)
    add.triggered.connect(lambda: _guarded(field, lambda: session.add_to_dictionary(word.word)))
    ignore = QAction(IGNORE_TEXT, menu)
    ignore.setToolTip("Dieses Wort in dieser Stellungnahme nicht mehr anstreichen")
    ignore.triggered.connect(lambda: _guarded(field, lambda: session.ignore(word.word)))
    menu.insertAction(first, add)
    menu.insertAction(first, ignore)
    if first is not None:
        menu.insertSeparator(first)
    session.fetch_suggestions(word.word, show_suggestions)


def _guarded(field: QWidget, action: Callable[[], None]) -> None:
    from stellungnahme_app.errors import StellungnahmeError

    try:
        action()
    except StellungnahmeError as error:
        show_error(field, error, action="Das Wort konnte nicht gespeichert werden.")


def wave_amplitude(widget: QWidget) -> float:
    return max(1.0, widget.fontMetrics().height() / 12)
