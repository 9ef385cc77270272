"""The log file in the data folder: details of unexpected errors go here, not to the screen.

It names drafts and folders, so it and its rotated predecessors are private to the user.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path
from typing import IO

from stellungnahme_app import paths

_configured: Path | None = None


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file created with mode 0600 (POSIX), also after each rotation."""

    def _open(self) -> IO[str]:
        descriptor = os.open(
            self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, paths.PRIVATE_FILE_MODE
        )
        paths.make_private(Path(self.baseFilename))  # one an older version left open
        return open(descriptor, self.mode, encoding=self.encoding, errors=self.errors)


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
        handler: logging.Handler = _PrivateRotatingFileHandler(
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
