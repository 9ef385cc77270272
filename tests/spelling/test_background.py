"""The background checker: a worker process answers, and a thread takes over if it dies."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers.hard_kill import kill_hard

from stellungnahme_app.spelling import DictionaryFiles, SpellingSetup
from stellungnahme_app.spelling.background import BackgroundSpelling, shared_background


@pytest.fixture
def setup(german_dictionary: DictionaryFiles, vocabulary: Path) -> SpellingSetup:
    return SpellingSetup(german_dictionary, (vocabulary,), frozenset({"Ordnungsamtl"}))


def test_a_worker_process_answers_and_suggests(setup: SpellingSetup) -> None:
    background = BackgroundSpelling(setup)
    try:
        answers = background.answers(["jhrlich.", "Segregation", "Ordnungsamtl"]).result(60)
        assert answers == {"jhrlich.": False, "Segregation": True, "Ordnungsamtl": True}
        assert background.suggestions("jhrlich").result(60)[0] == "jährlich"
        assert not background.in_process
    finally:
        background.close()


def test_the_work_is_done_in_another_process(setup: SpellingSetup) -> None:
    background = BackgroundSpelling(setup)
    try:
        background.answers(["Amt"]).result(60)
        executor = background._executor
        pids = {process.pid for process in executor._processes.values()}  # type: ignore[attr-defined]
        assert pids and os.getpid() not in pids
    finally:
        background.close()


def test_when_the_worker_dies_a_thread_takes_over(setup: SpellingSetup) -> None:
    background = BackgroundSpelling(setup)
    try:
        background.answers(["Amt"]).result(60)
        executor = background._executor
        for process in list(executor._processes.values()):  # type: ignore[attr-defined]
            kill_hard(process.pid)
        assert background.answers(["jhrlich"]).result(60) == {"jhrlich": False}
        assert background.suggestions("Verwaltng").result(60)[0] == "Verwaltung"
        assert background.in_process
    finally:
        background.close()


def test_one_background_checker_per_setup(setup: SpellingSetup) -> None:
    assert shared_background(setup) is shared_background(setup)


def test_a_dictionary_that_cannot_be_loaded_is_an_error_not_a_hang(
    german_dictionary: DictionaryFiles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from stellungnahme_app.spelling import DictionaryUnusable

    folder = tmp_path / "wörterbuch"
    folder.mkdir()
    shutil.copyfile(german_dictionary.aff, folder / "de_DE.aff")
    shutil.copyfile(german_dictionary.dic, folder / "de_DE.dic")
    # chunspell encodes the path in this encoding: „ö“ cannot be, so hunspell cannot load it
    monkeypatch.setenv("HUNSPELL_PATH_ENCODING", "ascii")
    background = BackgroundSpelling(SpellingSetup(DictionaryFiles(folder, "de_DE")))
    try:
        with pytest.raises(DictionaryUnusable, match="kann nicht geladen werden"):
            background.answers(["Amt"]).result(60)
        with pytest.raises(DictionaryUnusable):
            background.suggestions("Amt").result(60)
        assert background.failure is not None and "wörterbuch" in background.failure
    finally:
        background.close()
