"""Writing export results atomically, with the export's own German errors."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from stellungnahme_app import fileio
from stellungnahme_app.errors import ExportError


@contextlib.contextmanager
def writing(target: Path) -> Iterator[Path]:
    """Like :func:`fileio.atomic_target`, raising :class:`ExportError` for write problems."""
    try:
        with fileio.atomic_target(target) as temp:
            yield temp
    except fileio.FileWriteError as error:
        raise ExportError(error.message) from error


def write_bytes(target: Path, data: bytes) -> None:
    with writing(target) as temp:
        temp.write_bytes(data)
