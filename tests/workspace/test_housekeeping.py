"""After a killed run, the next start of the command line or the window tidies up."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.hard_kill import run_killing_itself

from stellungnahme_app.model import Draft
from stellungnahme_app.store import Store
from stellungnahme_app.workspace import Workspace
from stellungnahme_app.workspace.housekeeping import clean_up_after_killed_runs


def _killed_while_writing(target: Path) -> Path:
    """A process that dies hard halfway through writing ``target``; its temp file."""
    run_killing_itself(
        "from stellungnahme_app.fileio import atomic_target\n"
        f"with atomic_target(Path({str(target)!r})) as temp:\n"
        "    temp.write_bytes(b'halb')\n"
        "    kill_itself()\n"
    )
    [left] = [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
    return left


def test_the_leftovers_of_a_killed_write_are_removed(tmp_path: Path) -> None:
    left = _killed_while_writing(tmp_path / "Stellungnahme.docx")
    assert clean_up_after_killed_runs(temp_folder=tmp_path / "leer") == [left]
    assert not left.exists()
    assert clean_up_after_killed_runs(temp_folder=tmp_path / "leer") == []


def test_the_command_line_tidies_up_before_its_command(
    tmp_path: Path, run_cli: Callable[..., tuple[int, str, str]]
) -> None:
    left = _killed_while_writing(tmp_path / "Stellungnahme.docx")
    code, _out, _err = run_cli("drafts", "list")
    assert code == 0
    assert not left.exists()


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    from stellungnahme_app.cli.main import main

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_a_workspace_opened_without_housekeeping_does_it_when_asked(tmp_path: Path) -> None:
    database = tmp_path / "stellungnahme.db"
    with Store.open(database) as store:
        store.create(Draft(document_number="0100/25"))
        for backup in store.backups():
            backup.path.unlink()
    with Workspace.open(database, housekeeping=False) as workspace:
        assert workspace.backups() == []
        assert workspace.housekeeping() == []
        assert len(workspace.backups()) == 1
