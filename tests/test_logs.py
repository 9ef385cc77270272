"""The log file: private to the user (it names drafts and folders), rotated ones too, and
working on while another program holds it (rotation fails on Windows)."""

from __future__ import annotations

import logging
import logging.handlers
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stellungnahme_app import logs, paths

posix_modes = pytest.mark.posix_only(reason="POSIX file modes")
RECORD = "Entwurf 0661/24 gespeichert " + "x" * 100_000  # twelve of them exceed 1 MB


def our_handler() -> logging.handlers.RotatingFileHandler:
    handlers = logging.getLogger("stellungnahme_app").handlers
    [handler] = [h for h in handlers if getattr(h, "_stellungnahme", False)]
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    return handler


def write_records(count: int, text: str = RECORD) -> None:
    logger = logging.getLogger("stellungnahme_app.test")
    for number in range(count):
        logger.warning("%s %d", text, number)
    our_handler().flush()


class HeldByAnotherProcess:
    """Stands in for the handler's rename: Windows refuses it while another process holds
    the file open (WinError 32; ``winerror`` set by hand, Linux has none)."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, source: str, target: str) -> None:
        self.calls += 1
        error = PermissionError(13, "Der Prozess kann nicht auf die Datei zugreifen", source)
        error.winerror = 32  # type: ignore[attr-defined]
        raise error


def test_a_log_file_that_cannot_be_rotated_is_written_on_without_an_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = logs.configure()
    held = HeldByAnotherProcess()
    our_handler().rotator = held
    write_records(12)
    assert "Logging error" not in capsys.readouterr().err
    assert held.calls == 1, "after a failed rotation it is not tried on every record"
    content = target.read_text(encoding="utf-8")
    assert target.stat().st_size > 1_000_000
    assert all(f"{RECORD} {number}" in content for number in range(12))
    assert not target.with_name(target.name + ".1").exists()


def test_the_rotation_is_tried_again_later(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs, "ROTATION_RETRY_SECONDS", 0.3)
    target = logs.configure()
    our_handler().rotator = HeldByAnotherProcess()
    write_records(12)
    our_handler().rotator = None  # the other process has let go of the file
    time.sleep(0.4)
    write_records(1, "danach")
    rotated = target.with_name(target.name + ".1")
    assert rotated.exists()
    assert f"{RECORD} 11" in rotated.read_text(encoding="utf-8")
    assert "danach" in target.read_text(encoding="utf-8")


@pytest.mark.windows_only(reason="a file held open by another process cannot be renamed")
def test_a_log_file_held_by_a_second_process_is_written_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = logs.configure()
    write_records(1, "vorher")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nf = open(sys.argv[1], 'a')\nprint('offen', flush=True)\n"
            "time.sleep(120)",
            str(target),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "offen"
        write_records(12)
    finally:
        holder.kill()
        holder.communicate()
    assert "Logging error" not in capsys.readouterr().err
    assert f"{RECORD} 11" in Path(target).read_text(encoding="utf-8")


@posix_modes
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


@posix_modes
def test_a_log_file_an_older_version_left_open_is_made_private() -> None:
    target = paths.log_file()
    target.write_text("alt\n", encoding="utf-8")
    target.chmod(0o644)
    logs.configure()
    logging.getLogger("stellungnahme_app.test").warning("neu")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith("alt\n")
