"""The command line never fails on a character, wherever its output goes (issue: Windows)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from stellungnahme_app import exchange
from stellungnahme_app.cli.output_encoding import ENCODING_VARIABLE, encoding_for
from stellungnahme_app.model import Draft

TITLE = "Győr – Łódź → Erfurt für"


def _program() -> str:
    name = "stellungnahme.exe" if os.name == "nt" else "stellungnahme"
    program = Path(sys.executable).parent / name
    assert program.is_file(), "pip install -e . fehlt"
    return str(program)


def _as_frozen_windows(env_extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of the installed program on Windows: cp1252 with strict errors."""
    environment = dict(os.environ)
    environment["PYTHONIOENCODING"] = "cp1252:strict"
    environment.pop("PYTHONUTF8", None)
    environment.update(env_extra or {})
    return environment


@pytest.fixture
def stored_title(tmp_path: Path) -> None:
    path = tmp_path / "titel.json"
    exchange.write_file(Draft(document_title=TITLE), path)
    result = subprocess.run(
        [_program(), "drafts", "import", str(path)],
        capture_output=True,
        env=_as_frozen_windows(),
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")


def test_output_redirected_to_a_file_is_utf8(stored_title: None, tmp_path: Path) -> None:
    listing = tmp_path / "liste.txt"
    with listing.open("wb") as target:
        result = subprocess.run(
            [_program(), "drafts", "list"],
            stdout=target,
            stderr=subprocess.PIPE,
            env=_as_frozen_windows(),
            check=False,
        )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert TITLE in listing.read_bytes().decode("utf-8-sig")


def test_output_into_a_pipe_never_fails(stored_title: None) -> None:
    result = subprocess.run(
        [_program(), "drafts", "list"], capture_output=True, env=_as_frozen_windows(), check=False
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert TITLE in result.stdout.decode("utf-8")


def test_a_chosen_encoding_replaces_what_it_lacks(stored_title: None) -> None:
    result = subprocess.run(
        [_program(), "drafts", "list"],
        capture_output=True,
        env=_as_frozen_windows({ENCODING_VARIABLE: "cp850"}),
        check=False,
    )
    assert result.returncode == 0
    text = result.stdout.decode("cp850")
    assert "Erfurt für" in text and "Gy?r" in text, "ő fehlt in cp850: ein Fragezeichen"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_a_console_that_cannot_show_a_character_gets_a_question_mark(
    stored_title: None,
) -> None:
    import pty

    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [_program(), "drafts", "list"],
            stdout=follower,
            stderr=subprocess.PIPE,
            env=_as_frozen_windows({"PYTHONIOENCODING": "ascii:strict"}),
            check=False,
            timeout=60,
        )
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert "Gy?r ? ??d? ? Erfurt f?r" in shown.decode("ascii")


def test_a_file_on_windows_starts_with_a_byte_order_mark_once(tmp_path: Path) -> None:
    with (tmp_path / "neu.txt").open("w", encoding="cp1252") as new:
        assert encoding_for(new, platform="win32") == "utf-8-sig"
    with (tmp_path / "neu.txt").open("a", encoding="cp1252") as appended:
        appended.write("schon etwas")
        appended.flush()
        assert encoding_for(appended, platform="win32") == "utf-8", "no second mark in >>"
    with (tmp_path / "linux.txt").open("w") as elsewhere:
        assert encoding_for(elsewhere, platform="linux") == "utf-8"


def test_a_stream_without_a_file_descriptor_is_written_as_utf8() -> None:
    assert encoding_for(io.StringIO(), platform="win32") == "utf-8"  # type: ignore[arg-type]
