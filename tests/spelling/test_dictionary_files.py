"""Finding the German dictionary: the configured folder, the usual places, and none."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from stellungnahme_app.spelling import DictionaryFiles, dictionary_in, find_dictionary
from stellungnahme_app.spelling.dictionary_files import SEARCH_PATH_VARIABLE


def copy_dictionary(source: DictionaryFiles, folder: Path, name: str) -> DictionaryFiles:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source.aff, folder / f"{name}.aff")
    shutil.copyfile(source.dic, folder / f"{name}.dic")
    return DictionaryFiles(folder, name)


def test_the_configured_folder_comes_first(
    german_dictionary: DictionaryFiles, tmp_path: Path
) -> None:
    configured = copy_dictionary(german_dictionary, tmp_path / "admin", "de_DE")
    lookup = find_dictionary(configured.folder)
    assert lookup.found == configured and lookup.reason == ""


def test_libreoffice_s_frami_dictionary_counts(
    german_dictionary: DictionaryFiles, tmp_path: Path
) -> None:
    frami = copy_dictionary(german_dictionary, tmp_path / "dict-de", "de_DE_frami")
    assert dictionary_in(frami.folder) == frami


def test_a_configured_folder_without_a_dictionary_is_reported_and_the_search_goes_on(
    tmp_path: Path, german_dictionary: DictionaryFiles
) -> None:
    lookup = find_dictionary(tmp_path)
    assert lookup.found == german_dictionary
    assert f"„{tmp_path}“ liegt kein deutsches Wörterbuch" in lookup.problems[0]


def test_the_search_path_variable_replaces_the_usual_places(
    monkeypatch: pytest.MonkeyPatch, german_dictionary: DictionaryFiles, tmp_path: Path
) -> None:
    empty = tmp_path / "leer"
    empty.mkdir()
    monkeypatch.setenv(SEARCH_PATH_VARIABLE, str(empty))
    lookup = find_dictionary()
    assert lookup.found is None and lookup.searched == (empty,)
    assert "kein deutsches Wörterbuch (de_DE) gefunden" in lookup.reason
    assert str(empty) in lookup.reason
    other = copy_dictionary(german_dictionary, tmp_path / "anders", "de_DE")
    monkeypatch.setenv(SEARCH_PATH_VARIABLE, os.pathsep.join([str(empty), str(other.folder)]))
    assert find_dictionary().found == other


def test_no_folder_to_search(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SEARCH_PATH_VARIABLE, "")
    lookup = find_dictionary()
    assert lookup.found is None and "keinem Ordner" in lookup.reason
