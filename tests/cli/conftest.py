"""Fixtures for the command-line tests: running a command, a Word template of one's own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document

from stellungnahme_app.cli.main import main
from stellungnahme_app.export import bundled_template

RunCli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> RunCli:
    """Run the command line with the given arguments; returns (exit code, stdout, stderr).

    argparse's usage errors end in SystemExit, as in real use; their exit code is returned.
    """

    def run(*argv: object) -> tuple[int, str, str]:
        try:
            code = main([str(a) for a in argv])
        except SystemExit as leaving:
            code = int(leaving.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.fixture
def template_with_footer(tmp_path: Path) -> Callable[[str], Path]:
    """Make a copy of the bundled template whose footer ends in the given text."""

    def make(text: str) -> Path:
        document = Document(str(bundled_template()))
        document.sections[0].footer.paragraphs[0].add_run(text)
        template = tmp_path / "vorlage-mit-fusszeile.docx"
        document.save(str(template))
        return template

    return make


@pytest.fixture
def admin_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    """Write the administrator's ``stellungnahme.toml``; commands run afterwards read it."""

    def write(text: str) -> Path:
        path = tmp_path / "stellungnahme.toml"
        path.write_text(text, encoding="utf-8")
        monkeypatch.setenv("STELLUNGNAHME_ADMIN_CONFIG", str(path))
        return path

    return write
