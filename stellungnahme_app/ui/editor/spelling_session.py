"""The spell-check of the open draft in the window: what the text fields ask, answered fast.

A :class:`SpellingSession` belongs to one editor. The text fields ask it, per word, whether a
word is misspelt (:meth:`SpellingSession.status`); it answers from what it already knows –
words never flagged, the user's own and the draft's ignored words, earlier answers – and
queues every other word. A moment later it hands the queue to the background checker (a
process of its own, :mod:`stellungnahme_app.spelling.background`) and, when the answers come
back, emits ``changed`` so the fields underline anew. Suggestions are fetched
only when asked for (the context menu, F7, step 8) and then kept.

The GUI thread never calls hunspell: a keystroke costs a look-up in a dictionary.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.model import Draft
from stellungnahme_app.spelling import (
    PersonalWords,
    SpellingFinding,
    UnknownWord,
    Word,
    is_exempt,
    spelling_findings,
    unknown_words,
)
from stellungnahme_app.spelling.background import BackgroundSpelling, shared_background
from stellungnahme_app.workspace import Workspace

log = logging.getLogger(__name__)

#: How long new words wait before they go to the background checker together.
CHECK_DELAY_MS = 150


class _Relay(QObject):
    """Lives in the GUI thread; the checker's threads emit, Qt delivers in the GUI thread."""

    answered = Signal(object)
    suggested = Signal(str, object)
    failed = Signal(str)


class SpellingSession(QObject):
    """The spell-check of one editor's draft; see the module docstring."""

    #: Fields underline anew: the keys of words found misspelt (a frozenset), or ``None``
    #: when anything may have changed (the personal words, another draft).
    changed = Signal(object)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._draft_id: int | None = None
        self._answers: dict[str, bool] = {}
        self._queued: set[str] = set()
        self._asked: set[str] = set()
        self._suggestions: dict[str, tuple[str, ...]] = {}
        self._waiting: dict[str, list[Callable[[tuple[str, ...]], None]]] = {}
        self._personal = PersonalWords()
        #: Moves on with every answer and every change of the personal words.
        self.generation = 0
        self._background: BackgroundSpelling | None = None
        # Without a parent: the checker's threads may still emit on it after the editor is
        # gone (their callbacks keep it alive); Qt then drops the call to the deleted session.
        self._relay = _Relay()
        self._relay.answered.connect(self._take_answers, Qt.ConnectionType.QueuedConnection)
        self._relay.suggested.connect(self._take_suggestions, Qt.ConnectionType.QueuedConnection)
        self._relay.failed.connect(self._take_failure, Qt.ConnectionType.QueuedConnection)
        #: Why the dictionary could not be loaded after all (German), else ``None``.
        self.failure: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_queued)
        self.reload()

    # ------------------------------------------------------------------ set-up

    @property
    def available(self) -> bool:
        """True when there is a usable dictionary (else no field underlines anything)."""
        return self._workspace.spelling.available and self.failure is None

    @property
    def reason(self) -> str:
        """German: why there is no spell-check (empty while there is one)."""
        return self.failure or self._workspace.spelling.reason

    def reload(self) -> None:
        """Start anew with the workspace's current spell-check (after new settings)."""
        self._answers.clear()
        self._queued.clear()
        self._asked.clear()
        self._suggestions.clear()
        setup = self._workspace.spelling.setup
        self._background = shared_background(setup) if setup is not None else None
        self._refresh_personal()

    def set_draft_id(self, draft_id: int | None) -> None:
        """The stored draft being edited (its ignored words count)."""
        self._draft_id = draft_id
        self._refresh_personal()
        self.changed.emit(None)

    def _refresh_personal(self) -> None:
        self.generation += 1
        spelling = self._workspace.spelling
        try:
            self._personal = spelling.personal_words(self._draft_id)
        except StellungnahmeError:
            log.warning("Eigene oder ignorierte Wörter nicht lesbar", exc_info=True)
            self._personal = PersonalWords()

    # ------------------------------------------------------------------ asking

    def status(self, word: Word) -> bool | None:
        """False if ``word`` is misspelt, True if not, None if not known yet (it is queued)."""
        key = word.key
        answer = self._answers.get(key)
        if answer is True:  # most words: one look-up
            return True
        if is_exempt(word.word) or word.word in self._personal:
            return True
        if answer is not None or self._background is None:
            return answer if answer is not None else True
        if key not in self._asked and key not in self._queued:
            self._queued.add(key)
            if not self._timer.isActive():  # at most CHECK_DELAY_MS behind, even while typing
                self._timer.start()
        return None

    def misspelt(self, word: Word) -> bool:
        return self.status(word) is False

    def check_queued(self) -> None:
        """Hand the queued words to the background checker now."""
        self._timer.stop()
        if not self._queued or self._background is None:
            return
        keys = sorted(self._queued)
        self._queued.clear()
        self._asked.update(keys)
        future = self._background.answers(keys)
        future.add_done_callback(lambda done: self._deliver(self._relay.answered, done, keys))

    def pending(self) -> bool:
        """True while words wait for an answer (tests and benchmarks wait on it)."""
        return bool(self._queued) or bool(self._asked - self._answers.keys())

    def _deliver(self, signal: Any, done: Future[Any], *arguments: Any) -> None:
        """From the checker's thread: hand the outcome to the GUI thread, if still there."""
        if not shiboken6.isValid(self._relay):
            return
        try:
            error = done.exception()
            if isinstance(error, StellungnahmeError):
                self._relay.failed.emit(error.message)
            if signal is self._relay.answered:
                signal.emit(done.result() if error is None else {key: None for key in arguments[0]})
            else:
                signal.emit(arguments[0], done.result() if error is None else ())
        except RuntimeError:  # the editor was closed meanwhile
            log.info("Antwort der Rechtschreibprüfung verworfen: Editor geschlossen")

    @Slot(object)
    def _take_answers(self, answers: dict[str, bool | None]) -> None:
        # A word the checker could not answer (it failed twice) is left unmarked, not asked
        # again and again.
        self._answers.update({key: value is not False for key, value in answers.items()})
        self._asked.difference_update(answers)
        self.generation += 1
        misspelt = frozenset(key for key, value in answers.items() if value is False)
        if misspelt:
            self.changed.emit(misspelt)

    @Slot(str)
    def _take_failure(self, message: str) -> None:
        if self.failure is None:
            log.warning("Rechtschreibprüfung aus: %s", message)
            self.failure = message
            self.changed.emit(None)

    # ------------------------------------------------------------------ suggestions

    def suggestions(self, word: str) -> tuple[str, ...] | None:
        """The suggestions for ``word`` if already fetched, else ``None``."""
        return self._suggestions.get(word)

    def fetch_suggestions(self, word: str, then: Callable[[tuple[str, ...]], None]) -> None:
        """Call ``then(suggestions)`` in the GUI thread, at once if they are known."""
        known = self._suggestions.get(word)
        if known is not None:
            then(known)
            return
        if self._background is None:
            then(())
            return
        first = word not in self._waiting
        self._waiting.setdefault(word, []).append(then)
        if first:
            future = self._background.suggestions(word)
            future.add_done_callback(lambda done: self._deliver(self._relay.suggested, done, word))

    @Slot(str, object)
    def _take_suggestions(self, word: str, found: tuple[str, ...]) -> None:
        self._suggestions[word] = tuple(found)
        for then in self._waiting.pop(word, []):
            then(tuple(found))

    # ------------------------------------------------------------------ the draft

    def draft_misspellings(self, draft: Draft) -> list[UnknownWord]:
        """The misspelt words of ``draft`` known so far, field by field."""
        return unknown_words(draft, self.misspelt)

    def fetch_findings(self, draft: Draft, then: Callable[[list[SpellingFinding]], None]) -> None:
        """Call ``then`` with the Hinweise of ``draft`` once every word and suggestion is in."""
        if self._background is None:
            then([])
            return
        unknown = self.draft_misspellings(draft)
        if self.pending():
            self.check_queued()
            # With the session as context: dropped when the editor is closed meanwhile.
            QTimer.singleShot(50, self, lambda: self.fetch_findings(draft, then))
            return
        words = list(dict.fromkeys(item.word.word for item in unknown))
        missing = [word for word in words if word not in self._suggestions]
        if not missing:
            then(spelling_findings(unknown, lambda word: self._suggestions[word]))
            return
        remaining = set(missing)

        def one_more(word: str) -> Callable[[tuple[str, ...]], None]:
            def arrived(_: Sequence[str]) -> None:
                remaining.discard(word)
                if not remaining:
                    self.fetch_findings(draft, then)

            return arrived

        for word in missing:
            self.fetch_suggestions(word, one_more(word))

    # ------------------------------------------------------------------ the person's words

    def add_to_dictionary(self, word: str) -> None:
        """„Zum Wörterbuch hinzufügen“; raises StellungnahmeError when it cannot be saved."""
        self._workspace.spelling.add_to_dictionary(word)
        self._refresh_personal()
        self.changed.emit(None)

    def ignore(self, word: str) -> None:
        """„Ignorieren“ in this draft; raises StellungnahmeError when it cannot be saved."""
        if self._draft_id is None:
            raise StellungnahmeError(
                "Ignorierte Wörter werden nur für gespeicherte Entwürfe gemerkt."
            )
        self._workspace.spelling.ignore(self._draft_id, word)
        self._refresh_personal()
        self.changed.emit(None)


def session_of(widget: QWidget) -> SpellingSession | None:
    """The spell-check of the editor ``widget`` lies in (``None`` outside an editor)."""
    current: QWidget | None = widget
    while current is not None:
        session = getattr(current, "spelling_session", None)
        if isinstance(session, SpellingSession):
            return session
        current = current.parentWidget()
    return None
