"""The guard of the store's public methods: the store's lock, German SQLite errors, and no
writing while the store is read-only."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from stellungnahme_app.store import sqlite_errors
from stellungnahme_app.store.errors import StoreError

P = ParamSpec("P")
R = TypeVar("R")


def guarded(method: Callable[P, R], *, writes: bool = False) -> Callable[P, R]:
    """Run a public method under the store's lock, with SQLite errors in German; one that
    ``writes`` is refused while the store is read-only."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        store: Any = args[0]  # a Store
        with store._lock:
            if store._connection is None:
                raise StoreError("Die Entwurfsdatenbank ist bereits geschlossen.")
            if writes and store.read_only_reason is not None:
                raise sqlite_errors.read_only_error(store.read_only_reason)
            try:
                return method(*args, **kwargs)
            except sqlite3.Error as error:
                raise sqlite_errors.store_error(error, store.path) from error

    return wrapper


def writing(method: Callable[P, R]) -> Callable[P, R]:
    return guarded(method, writes=True)
