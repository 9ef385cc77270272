"""The command line's frame: German help, version."""

from __future__ import annotations

import pytest

from stellungnahme_app import __version__
from stellungnahme_app.cli.main import main


def test_help_is_german_throughout(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    shown = capsys.readouterr().out
    assert "Versionsnummer zeigen und beenden" in shown
    assert "show program's version" not in shown


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"stellungnahme {__version__}"


def test_the_console_program_does_not_promise_a_window(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``stellungnahme-cli`` (the bundle's console program) has no window to start."""
    with pytest.raises(SystemExit):
        main(["--help"], prog="stellungnahme-cli")
    shown = capsys.readouterr().out
    assert shown.startswith("Aufruf: stellungnahme-cli")
    assert "Fenster" not in shown
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "Fenster" in capsys.readouterr().out
