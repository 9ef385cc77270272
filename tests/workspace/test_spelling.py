"""The spell-check's use cases in the application layer: the words of the user, of the
administrator and of a draft, Hinweise that never block, and no dictionary at all."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.hard_kill import KILL_ITSELF, KILLED_RETURN_CODE

from stellungnahme_app.model import Contribution, Draft
from stellungnahme_app.rules import Severity
from stellungnahme_app.spelling import find_dictionary
from stellungnahme_app.spelling.dictionary_files import SEARCH_PATH_VARIABLE
from stellungnahme_app.spelling.ignored import ignored_words_file
from stellungnahme_app.workspace import (
    SpellingUnavailable,
    Workspace,
    load_configuration,
)


def flagged_words(workspace: Workspace, draft: Draft, draft_id: int | None = None) -> list[str]:
    return [u.word.word for u in workspace.spelling.unknown_words(draft, draft_id=draft_id)]


def draft_with(text: str) -> Draft:
    return Draft(contributions=[Contribution(office="Jugendamt", text=text)])


def test_unknown_words_of_a_stored_draft(workspace: Workspace) -> None:
    opened = workspace.create_draft(draft_with("Der Bericht erscheint jhrlich im Stadtrat."))
    found = workspace.spelling.unknown_words(opened.draft, draft_id=opened.id)
    assert [(u.path, u.word.word) for u in found] == [("contributions[0].text", "jhrlich")]


def test_hinweise_of_the_draft_never_block_the_final_export(
    workspace: Workspace, reference_draft: Draft, tmp_path: Path
) -> None:
    reference_draft.conclusion = reference_draft.conclusion.replace("Gründen", "Grüdnen")
    opened = workspace.create_draft(reference_draft)
    hinweise = workspace.spelling_findings(opened)
    mine = [f for f in hinweise if f.word == "Grüdnen"]
    assert len(mine) == 1 and mine[0].field == "conclusion"
    assert mine[0].severity is Severity.WARNING
    assert mine[0].message.startswith("Rechtschreibung: „Grüdnen“ – Vorschläge: Gründen")
    written = workspace.export_document(opened, tmp_path / "final.docx", draft_mode=False)
    assert written.is_file()


def test_a_word_added_to_the_dictionary_is_known_from_then_on(workspace: Workspace) -> None:
    draft = draft_with("Die Quartiersnähe ist Hofmann-Domkes Anliegen.")
    assert flagged_words(workspace, draft) == ["Quartiersnähe", "Hofmann-Domkes"]
    workspace.spelling.add_to_dictionary("Hofmann-Domkes")
    assert flagged_words(workspace, draft) == ["Quartiersnähe"]
    with Workspace.open() as another:  # another window, the same user
        assert flagged_words(another, draft) == ["Quartiersnähe"]


def test_an_ignored_word_counts_in_its_draft_only(workspace: Workspace) -> None:
    first = workspace.create_draft(draft_with("Die Sozialraumkonferenzen tagen quartalsweiße."))
    second = workspace.create_draft(draft_with("Auch hier: quartalsweiße."))
    workspace.spelling.ignore(first.id, "quartalsweiße")
    assert flagged_words(workspace, first.draft, first.id) == []
    assert flagged_words(workspace, second.draft, second.id) == ["quartalsweiße"]
    with Workspace.open() as reopened:
        assert flagged_words(reopened, first.draft, first.id) == []
    assert ignored_words_file(workspace.database_path).is_file()


def test_a_duplicate_keeps_the_ignored_words(workspace: Workspace) -> None:
    original = workspace.create_draft(draft_with("Das Wort Kwartier bleibt."))
    workspace.spelling.ignore(original.id, "Kwartier")
    copy = workspace.duplicate(original.id)
    assert flagged_words(workspace, copy.draft, copy.id) == []


def test_the_administrator_s_central_word_list(
    admin_file: Callable[[str], Path], data_home: Path
) -> None:
    word_list = data_home / "admin" / "wortliste.txt"
    word_list.parent.mkdir(parents=True, exist_ok=True)
    word_list.write_text("Quartiersnähe\nnahraumorientiert/kooperativ\n", encoding="utf-8")
    admin_file(f"word_list = '{word_list}'\n")
    draft = draft_with(
        "Quartiersnähe ist nahraumorientiert und nahraumorientierten Trägern wichtig."
    )
    with Workspace.open() as workspace:
        assert workspace.settings.is_locked("word_list")
        assert flagged_words(workspace, draft) == []
        assert workspace.spelling.problems == []


def test_a_damaged_central_word_list_is_reported(
    admin_file: Callable[[str], Path], data_home: Path
) -> None:
    word_list = data_home / "admin" / "wortliste.txt"
    word_list.parent.mkdir(parents=True, exist_ok=True)
    word_list.write_text("gut\nzwei Wörter\n", encoding="utf-8")
    admin_file(f"word_list = '{word_list}'\n")
    with Workspace.open() as workspace:
        assert "Zeile 2" in workspace.spelling.problems[0]


def test_the_administrator_s_dictionary_folder(
    admin_file: Callable[[str], Path], data_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    system = find_dictionary().found
    assert system is not None
    folder = data_home / "admin" / "dict-de"
    folder.mkdir(parents=True)
    shutil.copyfile(system.aff, folder / "de_DE_frami.aff")
    shutil.copyfile(system.dic, folder / "de_DE_frami.dic")
    monkeypatch.setenv(SEARCH_PATH_VARIABLE, "")  # nothing else on this computer
    admin_file(f"dictionary_dir = '{folder}'\n")
    with Workspace.open() as workspace:
        assert workspace.spelling.available
        assert "de_DE_frami" in workspace.spelling.describe()
        assert flagged_words(workspace, draft_with("Das ist jhrlich so.")) == ["jhrlich"]


def test_without_a_dictionary_the_program_works_as_before(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(SEARCH_PATH_VARIABLE, "")
    workspace.use_configuration(load_configuration())
    assert not workspace.spelling.available
    assert "kein deutsches Wörterbuch" in workspace.spelling.describe()
    opened = workspace.create_draft(draft_with("jhrlich"))
    assert workspace.spelling_findings(opened) == []
    with pytest.raises(SpellingUnavailable, match="Rechtschreibprüfung ist aus"):
        workspace.spelling.unknown_words(opened.draft)
    assert workspace.check(opened.draft) is not None


def test_nothing_is_lost_when_the_program_is_killed(workspace: Workspace) -> None:
    opened = workspace.create_draft(draft_with("Kwartier und Quartiersnähe"))
    workspace.close()
    code = (
        "import os, signal\n"
        "from stellungnahme_app.workspace import Workspace\n"
        "workspace = Workspace.open()\n"
        "workspace.spelling.add_to_dictionary('Quartiersnähe')\n"
        f"workspace.spelling.ignore({opened.id}, 'Kwartier')\n"
        f"{KILL_ITSELF}\n"
    )
    killed = subprocess.run([sys.executable, "-c", code], env=os.environ.copy(), check=False)
    assert killed.returncode == KILLED_RETURN_CODE
    with Workspace.open() as reopened:
        assert flagged_words(reopened, opened.draft, opened.id) == []


def test_the_catalogue_s_office_and_dezernat_names_are_never_flagged(
    admin_file: Callable[[str], Path],
) -> None:
    text = "Die Stabsstelle Kwartiersmanagement und das Dezernat Zukunftsfähigkeitsgestaltnug."
    with Workspace.open() as before:
        assert flagged_words(before, draft_with(text)) == [
            "Kwartiersmanagement",
            "Zukunftsfähigkeitsgestaltnug",
        ]
    admin_file(
        '[[offices]]\nname = "Stabsstelle Kwartiersmanagement"\n\n'
        '[[dezernate]]\nname = "Dezernat Zukunftsfähigkeitsgestaltnug"\nsignatories = []\n'
    )
    with Workspace.open() as workspace:
        assert flagged_words(workspace, draft_with(text)) == []
        # the bundled catalogue's names too: „Garten- und Friedhofsamt“, „Kämmerei“
        assert flagged_words(workspace, draft_with("Garten- und Friedhofsamt, Kämmerei")) == []
