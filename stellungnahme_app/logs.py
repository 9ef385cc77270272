"""The log file in the data folder: details of unexpected errors go here, not to the screen.

It names drafts and folders, so it and its rotated predecessors are private to the user.

It is rotated at 1 MB. On Windows the rotation (a rename) fails while a second process of
the program – a second window, the command line in a script – holds the file open
(WinError 32); the log then simply grows and the rotation is tried again a minute later,
instead of printing "--- Logging error ---" on every record.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import time
from pathlib import Path
from typing import IO

from stellungnahme_app import paths

#: How long after a failed rotation the log just grows before the next try.
ROTATION_RETRY_SECONDS = 60.0

_configured: Path | None = None


class _LogFileHandler(logging.handlers.RotatingFileHandler):
    """The rotating log file: created with mode 0600 (POSIX), also after each rotation, and
    written on when it cannot be rotated for the moment."""

    _next_rotation = 0.0

    def _open(self) -> IO[str]:
        descriptor = os.open(
            self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, paths.PRIVATE_FILE_MODE
        )
        paths.make_private(Path(self.baseFilename))  # one an older version left open
        return open(descriptor, self.mode, encoding=self.encoding, errors=self.errors)

    def shouldRollover(self, record: logging.LogRecord) -> bool:
        if time.monotonic() < self._next_rotation:
            return False
        return bool(super().shouldRollover(record))

    def doRollover(self) -> None:
        try:
            super().doRollover()
        except OSError:
            self._next_rotation = time.monotonic() + ROTATION_RETRY_SECONDS
        # The rollover closed the file for the rename; writing reopens it (delay=True).


def configure() -> Path:
    """Send log records of the ``stellungnahme_app`` loggers to the rotating log file."""
    global _configured
    target = paths.log_file()
    if _configured == target:
        return target
    logger = logging.getLogger("stellungnahme_app")
    for handler in list(logger.handlers):
        if getattr(handler, "_stellungnahme", False):
            logger.removeHandler(handler)
            handler.close()
    try:
        handler: logging.Handler = _LogFileHandler(
            target, maxBytes=1_000_000, backupCount=3, encoding="utf-8", delay=True
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._stellungnahme = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    _configured = target
    return target
