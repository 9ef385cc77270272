"""The log file in the data folder: details of unexpected errors go here, not to the screen."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from stellungnahme_app import paths

_configured: Path | None = None


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
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
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
