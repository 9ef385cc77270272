"""The checker in a process of its own, for the window: hunspell never holds up typing.

chunspell holds Python's global interpreter lock while hunspell works, so a checker on a
worker *thread* would still freeze the window for as long as a suggestion takes (up to a
second). :class:`BackgroundSpelling` therefore runs a :class:`~.engine.SpellChecker` in one
worker process (``multiprocessing`` with *spawn*, which the frozen Windows program supports
through ``freeze_support``); every call returns a :class:`concurrent.futures.Future`. Should
the process fail to start or die, the same work goes on in a thread of this process: slower
to the touch, but the spell-check keeps working.

One background checker serves every window of the process with the same setup
(:func:`shared_background`); it ends with the program.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.spelling.engine import SpellChecker, SpellingSetup

log = logging.getLogger(__name__)
T = TypeVar("T")

_checker: SpellChecker | None = None


def _start(setup: SpellingSetup) -> None:
    """In the worker process: load the dictionary once."""
    global _checker
    _checker = SpellChecker(setup)


def _answers(keys: Sequence[str]) -> dict[str, bool]:
    assert _checker is not None
    return {key: _checker.is_correct(key) for key in keys}


def _suggestions(word: str) -> tuple[str, ...]:
    assert _checker is not None
    return _checker.suggestions(word)


class BackgroundSpelling:
    """A checker working off the GUI's process; see the module docstring."""

    def __init__(self, setup: SpellingSetup, *, in_process: bool = False) -> None:
        self.setup = setup
        self._lock = threading.Lock()
        self._in_process = in_process
        self._closed = False
        #: Why the dictionary cannot be loaded at all (German), once that is known.
        self.failure: str | None = None
        self._failed: BaseException | None = None
        self._executor: Executor = self._thread_executor() if in_process else self._process()

    def _process(self) -> Executor:
        return ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start,
            initargs=(self.setup,),
        )

    def _thread_executor(self) -> Executor:
        _start(self.setup)  # the thread shares this process's checker
        return ThreadPoolExecutor(max_workers=1, thread_name_prefix="Rechtschreibung")

    @property
    def in_process(self) -> bool:
        """True once the work runs in a thread of this process (no worker process)."""
        return self._in_process

    def answers(self, keys: Sequence[str]) -> Future[dict[str, bool]]:
        """Whether each word (a :attr:`~.words.Word.key`) is spelt right."""
        return self._submit(_answers, list(keys))

    def suggestions(self, word: str) -> Future[tuple[str, ...]]:
        """Up to five corrections of ``word``."""
        return self._submit(_suggestions, word)

    def _submit(self, function: Callable[[Any], T], argument: Any) -> Future[T]:
        outer: Future[T] = Future()
        if self._failed is not None:
            outer.set_exception(self._failed)
        else:
            self._submit_to(outer, function, argument, retry=not self._in_process)
        return outer

    def _submit_to(
        self, outer: Future[T], function: Callable[[Any], T], argument: Any, *, retry: bool
    ) -> None:
        try:
            inner = self._executor.submit(function, argument)
        except (BrokenProcessPool, RuntimeError) as error:
            self._retry_or_fail(outer, function, argument, error, retry)
            return

        def done(finished: Future[T]) -> None:
            error = finished.exception()
            if error is None:
                outer.set_result(finished.result())
            elif isinstance(error, BrokenProcessPool):
                self._retry_or_fail(outer, function, argument, error, retry)
            else:
                outer.set_exception(error)

        inner.add_done_callback(done)

    def _retry_or_fail(
        self,
        outer: Future[T],
        function: Callable[[Any], T],
        argument: Any,
        error: BaseException,
        retry: bool,
    ) -> None:
        if retry and self._fall_back(error):
            self._submit_to(outer, function, argument, retry=False)
        else:
            outer.set_exception(self._failed or error)

    def _fall_back(self, error: BaseException) -> bool:
        """Go on in a thread of this process; False once closed or when the dictionary
        cannot be loaded here either (then :attr:`failure` says why)."""
        with self._lock:
            if self._closed or self._failed is not None:
                return False
            if not self._in_process:
                log.warning("Rechtschreibprüfung ohne eigenen Prozess: %r", error)
                broken = self._executor
                broken.shutdown(wait=False, cancel_futures=True)
                try:
                    self._executor = self._thread_executor()
                except StellungnahmeError as unusable:
                    log.warning("Wörterbuch nicht ladbar: %s", unusable.message)
                    self.failure, self._failed = unusable.message, unusable
                    return False
                self._in_process = True
            return True

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._executor.shutdown(wait=False, cancel_futures=True)


_shared: dict[SpellingSetup, BackgroundSpelling] = {}
_shared_lock = threading.Lock()


def shared_background(setup: SpellingSetup) -> BackgroundSpelling:
    """The background checker of ``setup`` for this process (started on first use)."""
    with _shared_lock:
        background = _shared.get(setup)
        if background is None:
            background = _shared[setup] = BackgroundSpelling(setup)
        return background


@atexit.register
def _close_shared() -> None:
    with _shared_lock:
        for background in _shared.values():
            background.close()
        _shared.clear()
