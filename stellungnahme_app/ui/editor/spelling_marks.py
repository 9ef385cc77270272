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
    QTextBlockUserData,
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


_CHUNK = 2048
_SPACES = " \t\u00a0"


def _common_prefix(old: str, new: str) -> int:
    """How many characters at the start ``old`` and ``new`` share (slices compare in C)."""
    limit = min(len(old), len(new))
    position = 0
    while (
        position + _CHUNK <= limit
        and old[position : position + _CHUNK] == new[position : position + _CHUNK]
    ):
        position += _CHUNK
    while position < limit and old[position] == new[position]:
        position += 1
    return position


def _common_suffix(old: str, new: str, limit: int) -> int:
    """How many characters at the end they share, at most ``limit``."""
    length = 0
    while (
        length + _CHUNK <= limit
        and old[len(old) - length - _CHUNK : len(old) - length]
        == new[len(new) - length - _CHUNK : len(new) - length]
    ):
        length += _CHUNK
    while length < limit and old[len(old) - length - 1] == new[len(new) - length - 1]:
        length += 1
    return length


#: What the session answers for a word: False misspelt, True right, None not known yet.
Status = Callable[[Word], "bool | None"]
#: The answer kept for the word being typed: ask again at the next look.
DEFERRED = "deferred"


class BlockMarks(QTextBlockUserData):
    """The words of one paragraph that are not known to be right, as last seen.

    An edit re-reads only the stretch between the spaces around what changed; the words
    before it are kept, those after it moved. Words known to be right are not kept at all, so
    a keystroke in a paragraph of 20,000 words looks at a handful of them. The answers kept
    are asked again only when the session has news (its ``generation`` moved on).
    """

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.generation = -1
        #: ``(word, answer)`` for the words not known to be right.
        self.candidates: list[tuple[Word, bool | str | None]] = []

    def update(self, text: str, status: Status, generation: int = 0) -> list[Word]:
        """The misspelt words of ``text`` (the paragraph as it is now); ``status`` may
        return :data:`DEFERRED` for a word to be asked about again next time."""
        news = generation != self.generation
        self.generation = generation
        if news or any(answer is DEFERRED for _, answer in self.candidates):
            self.candidates = [
                (word, status(word) if news or answer is DEFERRED else answer)
                for word, answer in self.candidates
            ]
        if text != self.text:
            self.candidates = self._reread(text, status)  # the new words asked just now
            self.text = text
        self.candidates = [(word, answer) for word, answer in self.candidates if answer is not True]
        return [word for word, answer in self.candidates if answer is False]

    def _reread(self, text: str, status: Status) -> list[tuple[Word, bool | str | None]]:
        old = self.text
        if not old:
            return [(word, status(word)) for word in words(text)]
        prefix = _common_prefix(old, text)
        suffix = _common_suffix(old, text, min(len(old), len(text)) - prefix)
        start = max(text.rfind(space, 0, prefix) for space in _SPACES) + 1
        ends = [i for i in (text.find(space, len(text) - suffix) for space in _SPACES) if i >= 0]
        end = min(ends) if ends else len(text)
        shift = len(text) - len(old)
        before = [(w, answer) for w, answer in self.candidates if w.end < start]
        after = [
            (Word(w.start + shift, w.end + shift, w.word, w.period), answer)
            for w, answer in self.candidates
            if w.start >= end - shift
        ]
        fresh = [
            Word(w.start + start, w.end + start, w.word, w.period) for w in words(text[start:end])
        ]
        return [*before, *((w, status(w)) for w in fresh), *after]


def block_misspellings(document: QTextDocument, status: Status, generation: int = 0) -> list[Word]:
    """The misspelt words of a whole document, positions in its text: the answers the
    highlighter keeps where they are current, else asked anew."""
    found: list[Word] = []
    block = document.begin()
    while block.isValid():
        marks = block.userData()
        offset = block.position()
        if isinstance(marks, BlockMarks) and marks.text == block.text():
            current = marks.generation == generation
            block_words = [
                w for w, answer in marks.candidates if (answer if current else status(w)) is False
            ]
        else:
            block_words = [w for w in words(block.text()) if status(w) is False]
        found.extend(Word(w.start + offset, w.end + offset, w.word, w.period) for w in block_words)
        block = block.next()
    return found


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
        if session is None:
            return
        marks = self.currentBlockUserData()
        if not isinstance(marks, BlockMarks):
            marks = BlockMarks()
            self.setCurrentBlockUserData(marks)
        typing = self._typing_at()
        block = self.currentBlock().blockNumber()

        def status(word: Word) -> bool | None:
            # The word being typed is neither marked nor checked until the cursor leaves it.
            if typing is not None and typing[0] == block and word.start <= typing[1] <= word.end:
                self.skipped = (block, word.start, word.end)
                return DEFERRED  # type: ignore[return-value]
            return session.status(word)

        for word in marks.update(text, status, session.generation):
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
    menu.insertSeparator(first).setObjectName("nach_den_vorschlaegen")
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
