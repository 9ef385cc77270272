"""Word lists: reading the administration's, the administrator's and the user's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from stellungnahme_app.fileio import FileWriteError
from stellungnahme_app.spelling.word_lists import (
    WordEntry,
    add_words,
    parse_line,
    read_word_list,
)


def test_lines_comments_and_models(tmp_path: Path) -> None:
    path = tmp_path / "liste.txt"
    path.write_text(
        "\ufeff# Kommentar\n\nQuartiersarbeit\npartizipativ/kooperativ  # Endungen wie dort\n",
        encoding="utf-8",
    )
    listed = read_word_list(path)
    assert listed.entries == [WordEntry("Quartiersarbeit"), WordEntry("partizipativ", "kooperativ")]
    assert listed.problems == []


def test_bad_lines_are_skipped_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "liste.txt"
    path.write_text("gut\nzwei Wörter\n" + "x" * 200 + "\n", encoding="utf-8")
    listed = read_word_list(path)
    assert listed.words == {"gut"}
    assert len(listed.problems) == 2
    assert f"Wortliste „{path}“, Zeile 2" in listed.problems[0]
    assert "kein einzelnes Wort" in listed.problems[0]
    assert "zu lang" in listed.problems[1]


def test_a_missing_or_unreadable_list_is_a_problem_not_an_error(tmp_path: Path) -> None:
    missing = read_word_list(tmp_path / "fehlt.txt")
    assert missing.entries == [] and "wurde nicht gefunden" in missing.problems[0]
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Straße\n".encode("latin-1"))
    assert "nicht in UTF-8" in read_word_list(latin1).problems[0]


def test_parse_line() -> None:
    assert parse_line("  # nur Kommentar") is None
    assert parse_line("Wort/Muster") == WordEntry("Wort", "Muster")
    assert isinstance(parse_line("Wort/zwei Muster"), str)


def test_adding_words_keeps_what_is_there(tmp_path: Path) -> None:
    path = tmp_path / "eigene-woerter.txt"
    assert add_words(path, ["Hofmann-Domke"])
    assert path.read_text(encoding="utf-8").startswith("# Eigene Wörter")
    path.write_text(
        path.read_text(encoding="utf-8") + "# von Hand\nquartiersnah\n", encoding="utf-8"
    )
    assert add_words(path, ["Segregationsmonitoring", "Hofmann-Domke"])
    assert not add_words(path, ["quartiersnah"])
    text = path.read_text(encoding="utf-8")
    assert "# von Hand" in text
    assert read_word_list(path).words == {"Hofmann-Domke", "quartiersnah", "Segregationsmonitoring"}


def test_a_damaged_user_list_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "eigene-woerter.txt"
    path.write_bytes("Straße\n".encode("latin-1"))
    with pytest.raises(FileWriteError, match="nicht in UTF-8"):
        add_words(path, ["neu"])
    assert path.read_bytes() == "Straße\n".encode("latin-1")


def test_a_list_in_a_missing_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "neu" / "eigene-woerter.txt"
    assert add_words(path, ["Wort"])
    assert read_word_list(path).words == {"Wort"}
