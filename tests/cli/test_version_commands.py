"""``drafts versions``, ``drafts update``, ``drafts diff`` and ``drafts export --changes-since``,
run through the real command-line entry point on a real database."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from stellungnahme_app import exchange
from stellungnahme_app.model import Draft
from stellungnahme_app.store import Store
from tests.compare.revisions import accept_all, paragraphs, part_xml, reject_all, revision_marks

RunCli = Callable[..., tuple[int, str, str]]


@pytest.fixture(autouse=True)
def windows_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOGNAME", "mmueller")


@pytest.fixture
def stored_id(reference_draft: Draft) -> int:
    with Store.open() as store:
        return store.create(reference_draft).id


def changed_file(reference_draft: Draft, tmp_path: Path, name: str = "neu.json") -> Path:
    """An exchange file of the reference draft with a word and a number changed."""
    draft = reference_draft.copy()
    point = draft.resolution_points[0]
    assert "dritten" in point.text
    point.text = point.text.replace("dritten", "vierten")
    draft.conclusion = draft.conclusion + " Die Frist endet am 09.01.2025."
    path = tmp_path / name
    exchange.write_file(draft, path)
    return path


def test_update_keeps_the_replaced_state_and_versions_lists_it_oldest_first(
    run_cli: RunCli, stored_id: int, reference_draft: Draft, tmp_path: Path
) -> None:
    source = changed_file(reference_draft, tmp_path)

    code, out, err = run_cli("drafts", "update", stored_id, source)
    assert (code, err) == (0, "")
    assert "Inhalt aus „neu.json“ übernommen" in out
    assert "Version 1" in out
    with Store.open() as store:
        now = store.load(stored_id).draft
        [version] = [v for v in store.versions(stored_id) if v.number == 1]
        assert store.load_version(version.id) == reference_draft
    assert now.resolution_points[0].text.count("vierten") == 1

    code, out, err = run_cli("drafts", "versions", stored_id)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["1", "2"]
    for line in lines:
        _number, when, what = line.split("\t")
        assert len(when) == len("01.12.2026 11:42") and when[2] == "." and when[10] == " "
        assert what.endswith("· mmueller")
    assert lines[1].split("\t")[2] == "Inhalt aus „neu.json“ übernommen · mmueller"


def test_update_with_the_same_content_changes_nothing(
    run_cli: RunCli, stored_id: int, reference_draft: Draft, tmp_path: Path
) -> None:
    same = tmp_path / "gleich.json"
    exchange.write_file(reference_draft, same)
    code, out, _err = run_cli("drafts", "update", stored_id, same)
    assert code == 0 and "nichts geändert" in out
    with Store.open() as store:
        assert store.versions(stored_id) == []


def test_update_from_a_broken_file_loses_nothing(
    run_cli: RunCli, stored_id: int, reference_draft: Draft, tmp_path: Path
) -> None:
    broken = tmp_path / "kaputt.json"
    broken.write_text('{"format": "stellungnahme/1", "draft": ', encoding="utf-8")
    code, out, err = run_cli("drafts", "update", stored_id, broken)
    assert code == 2 and out == ""
    assert "kaputt.json" in err
    with Store.open() as store:
        assert store.load(stored_id).draft == reference_draft
        assert store.versions(stored_id) == []


def test_diff_shows_only_changed_paragraphs_under_their_field_path(
    run_cli: RunCli, stored_id: int, reference_draft: Draft, tmp_path: Path
) -> None:
    run_cli("drafts", "update", stored_id, changed_file(reference_draft, tmp_path))

    code, out, err = run_cli("drafts", "diff", stored_id, "--from", 1, "--to", 2)
    assert code == 0
    assert "Version 1" in err and "Version 2" in err
    blocks = out.strip().split("\n\n")
    assert len(blocks) == 2
    point, fazit = (block.splitlines() for block in blocks)
    assert point[0].startswith("resolution_points[0].text")
    assert "[-dritten-]{+vierten+}" in point[1]
    assert "[-" not in point[1].replace("[-dritten-]", "")
    assert fazit[0].startswith("conclusion")
    assert fazit[0] == "conclusion · Fazit"
    assert fazit[1].endswith("mitgetragen werden.{+ Die Frist endet am 09.01.2025.+}")
    assert len(fazit) == 2


def test_diff_defaults_to_the_newest_version_against_now(
    run_cli: RunCli, stored_id: int, reference_draft: Draft, tmp_path: Path
) -> None:
    run_cli("drafts", "update", stored_id, changed_file(reference_draft, tmp_path))
    code, out, err = run_cli("drafts", "diff", stored_id)
    assert (code, out) == (0, "")
    assert "Keine Unterschiede" in err and "jetzigen Stand" in err

    code, out, _err = run_cli("drafts", "diff", stored_id, "--from", 1)
    assert code == 0 and "[-dritten-]{+vierten+}" in out


def test_diff_of_an_unknown_version_is_a_usage_error_naming_the_numbers(
    run_cli: RunCli, stored_id: int, reference_draft: Draft, tmp_path: Path
) -> None:
    run_cli("drafts", "update", stored_id, changed_file(reference_draft, tmp_path))
    code, out, err = run_cli("drafts", "diff", stored_id, "--from", 9)
    assert (code, out) == (2, "")
    assert "keine Version 9" in err and "1 bis 2" in err
    code, _out, err = run_cli("drafts", "diff", stored_id, "--from", "drei")
    assert code == 2 and "keine Versionsnummer" in err


def test_diff_of_a_draft_without_versions_says_so(run_cli: RunCli, stored_id: int) -> None:
    code, out, err = run_cli("drafts", "diff", stored_id)
    assert (code, out) == (2, "")
    assert "noch keine Versionen" in err


def test_versions_named_lists_only_named_ones(
    run_cli: RunCli, stored_id: int, reference_draft: Draft, tmp_path: Path
) -> None:
    run_cli("drafts", "update", stored_id, changed_file(reference_draft, tmp_path))
    with Store.open() as store:
        first = min(store.versions(stored_id), key=lambda v: v.number)
        store.name_version(first.id, "Fassung für den Dezernenten")
    code, out, _err = run_cli("drafts", "versions", stored_id, "--named")
    assert code == 0
    [line] = out.splitlines()
    assert line.startswith("1\t") and line.endswith("„Fassung für den Dezernenten“")


def test_export_with_changes_since_writes_tracked_changes_and_keeps_a_version(
    run_cli: RunCli, stored_id: int, reference_draft: Draft, tmp_path: Path
) -> None:
    run_cli("drafts", "update", stored_id, changed_file(reference_draft, tmp_path))
    old = tmp_path / "alt.docx"
    new = tmp_path / "neu.docx"
    with Store.open() as store:
        store_draft = store.load(stored_id).draft
    assert run_cli("drafts", "export", stored_id, "-o", new, "--draft")[0] == 0
    exchange.write_file(reference_draft, tmp_path / "alt.json")
    assert run_cli("export", tmp_path / "alt.json", "-o", old, "--draft")[0] == 0
    target = tmp_path / "Änderungen.docx"

    code, out, err = run_cli(
        "drafts", "export", stored_id, "-o", target, "--draft", "--changes-since", 1
    )
    assert (code, err) == (0, "")
    assert "mit den Änderungen seit Version 1" in out
    root = part_xml(target.read_bytes())
    marks = revision_marks(root)
    assert marks and all(m.get(f"{{{root.nsmap['w']}}}author") == "mmueller" for m in marks)
    assert paragraphs(accept_all(root)) == paragraphs(part_xml(new.read_bytes()))
    assert paragraphs(reject_all(root)) == paragraphs(part_xml(old.read_bytes()))
    assert store_draft.conclusion.endswith("09.01.2025.")
    code, out, _err = run_cli("drafts", "versions", stored_id)
    assert (
        out.splitlines()[-1]
        .split("\t")[2]
        .startswith("Änderungen seit Version 1 als Word-Dokument ausgegeben")
    )


def test_changes_since_only_for_word_documents(
    run_cli: RunCli, stored_id: int, tmp_path: Path
) -> None:
    code, out, err = run_cli(
        "drafts", "export", stored_id, "-o", tmp_path / "x.pdf", "--changes-since", 1
    )
    assert (code, out) == (2, "")
    assert "x.pdf" in err and ".docx" in err
    assert not (tmp_path / "x.pdf").exists()


def test_versions_in_a_real_process_prints_tab_separated_lines(
    stored_id: int, reference_draft: Draft, tmp_path: Path
) -> None:
    source = changed_file(reference_draft, tmp_path)
    command = [sys.executable, "-m", "stellungnahme_app", "drafts"]
    update = subprocess.run(
        [*command, "update", str(stored_id), str(source)], capture_output=True, check=False
    )
    assert update.returncode == 0, update.stderr.decode("utf-8", "replace")
    listing = subprocess.run(
        [*command, "versions", str(stored_id)],
        capture_output=True,
        check=True,
    )
    lines = listing.stdout.decode("utf-8").splitlines()
    assert [line.count("\t") for line in lines] == [2, 2]
    assert lines[1].endswith("\tInhalt aus „neu.json“ übernommen · mmueller")
