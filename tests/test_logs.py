"""The log file names drafts and folders, so it is private to the user, rotated ones too."""

from __future__ import annotations

import logging
import os
import stat

import pytest

from stellungnahme_app import logs, paths

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")


def test_the_log_file_and_its_rotated_predecessors_are_private() -> None:
    target = logs.configure()
    assert target == paths.log_file()
    record = "Entwurf 0661/24 im Ordner /home/anke " + "x" * 100_000
    logger = logging.getLogger("stellungnahme_app.test")
    for _ in range(12):
        logger.warning(record)
    for handler in logging.getLogger("stellungnahme_app").handlers:
        handler.flush()
    rotated = target.with_name(target.name + ".1")
    assert rotated.exists(), "more than 1 MB was written, so the file was rotated"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(rotated.stat().st_mode) == 0o600


def test_a_log_file_an_older_version_left_open_is_made_private() -> None:
    target = paths.log_file()
    target.write_text("alt\n", encoding="utf-8")
    target.chmod(0o644)
    logs.configure()
    logging.getLogger("stellungnahme_app.test").warning("neu")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith("alt\n")
