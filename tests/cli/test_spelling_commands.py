"""``stellungnahme spellcheck``: one line per unknown word, exit codes 0, 1 and 2."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from stellungnahme_app import exchange
from stellungnahme_app.model import Draft
from stellungnahme_app.spelling.dictionary_files import SEARCH_PATH_VARIABLE

RunCli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def draft_with_typos(reference_draft: Draft, tmp_path: Path) -> Path:
    reference_draft.contributions[0].text += "\n\nDer Bericht erscheint jhrlich."
    reference_draft.conclusion = reference_draft.conclusion.replace("Gründen", "Grüdnen")
    path = tmp_path / "mit-fehlern.json"
    exchange.write_file(reference_draft, path)
    return path


def test_the_reference_has_no_unknown_word(run_cli: RunCli, reference_json_path: Path) -> None:
    assert run_cli("spellcheck", reference_json_path) == (0, "", "")


def test_unknown_words_one_line_each_with_path_and_suggestions(
    run_cli: RunCli, draft_with_typos: Path
) -> None:
    code, out, err = run_cli("spellcheck", draft_with_typos)
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[0].startswith("contributions[0].text\tjhrlich\tjährlich")
    assert lines[1].startswith("conclusion\tGrüdnen\tGründen")
    assert len(lines) == 2
    suggestions = lines[0].split("\t")[2]
    assert 1 <= len(suggestions.split(", ")) <= 5


def test_the_user_s_own_words_count(
    run_cli: RunCli, draft_with_typos: Path, data_home: Path
) -> None:
    (data_home / "eigene-woerter.txt").write_text("jhrlich\n", encoding="utf-8")
    code, out, _ = run_cli("spellcheck", draft_with_typos)
    assert code == 1 and [line.split("\t")[1] for line in out.splitlines()] == ["Grüdnen"]


def test_an_unreadable_file_is_exit_code_2(run_cli: RunCli, tmp_path: Path) -> None:
    broken = tmp_path / "kaputt.json"
    broken.write_text("{kein json", encoding="utf-8")
    code, out, err = run_cli("spellcheck", broken)
    assert (code, out) == (2, "") and "kaputt.json" in err
    code, _, err = run_cli("spellcheck", tmp_path / "fehlt.json")
    assert code == 2 and "wurde nicht gefunden" in err


def test_no_dictionary_is_exit_code_2_with_a_german_reason(
    run_cli: RunCli, draft_with_typos: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SEARCH_PATH_VARIABLE, "")
    code, out, err = run_cli("spellcheck", draft_with_typos)
    assert (code, out) == (2, "")
    assert "kein deutsches Wörterbuch" in err and "IT-Betreuung" in err


def test_the_installed_command_in_a_real_process(draft_with_typos: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "stellungnahme_app", "spellcheck", str(draft_with_typos)],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert result.returncode == 1, result.stderr.decode("utf-8", "replace")
    out = result.stdout.decode("utf-8")
    assert "contributions[0].text\tjhrlich\tjährlich" in out
