"""The checks of single values: the number form, the Word template, the Textbausteine folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from stellungnahme_app.settings import (
    default_template,
    default_textbausteine_dir,
    load_settings,
)

from .setting_files import only_problem, write


def test_relative_paths_count_from_the_admin_files_folder(admin_file: Path) -> None:
    template = write(admin_file.parent / "vorlagen" / "erfurt.docx", "x")
    bausteine = admin_file.parent / "bausteine"
    bausteine.mkdir(parents=True)
    write(admin_file, "template = 'vorlagen/erfurt.docx'\ntextbausteine_dir = 'bausteine'\n")
    loaded = load_settings(admin_files=[admin_file], user_file=None)
    assert loaded.problems == []
    assert loaded.settings.template == template
    assert loaded.settings.textbausteine_dir == bausteine


def test_paths_expand_environment_variables(
    admin_file: Path, word_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VORLAGEN", str(word_template.parent))
    write(admin_file, "template = '$VORLAGEN/stadt.docx'\n")
    loaded = load_settings(admin_files=[admin_file])
    assert loaded.problems == []
    assert loaded.settings.template == word_template


def test_bad_regex_keeps_the_default_pattern(admin_file: Path) -> None:
    write(admin_file, "number_pattern = '^(\\d{4}/\\d{2}$'\n")
    loaded = load_settings(admin_files=[admin_file])
    problem = only_problem(loaded)
    assert "Zeile 1" in problem and "kein gültiger regulärer Ausdruck" in problem
    assert loaded.settings.number_pattern == r"^\d{4}/\d{2}$"


def test_missing_template_and_folder(admin_file: Path, tmp_path: Path) -> None:
    write(
        admin_file,
        f"template = '{tmp_path / 'weg.docx'}'\ntextbausteine_dir = '{tmp_path / 'weg'}'\n",
    )
    loaded = load_settings(admin_files=[admin_file])
    assert len(loaded.problems) == 2, loaded.problems
    assert "Zeile 1" in loaded.problems[0] and str(tmp_path / "weg.docx") in loaded.problems[0]
    assert "Zeile 2" in loaded.problems[1] and "Ordner der Textbausteine" in loaded.problems[1]
    assert loaded.settings.template == default_template()
    assert loaded.settings.textbausteine_dir == default_textbausteine_dir()
    # the administrator's intent stands: users cannot set their own instead
    assert loaded.settings.locked == {"template", "textbausteine_dir"}


def test_template_must_be_a_docx(admin_file: Path, tmp_path: Path) -> None:
    write(tmp_path / "alt.doc", "x")
    write(admin_file, f"template = '{tmp_path / 'alt.doc'}'\n")
    assert "keine .docx-Datei" in only_problem(load_settings(admin_files=[admin_file]))
