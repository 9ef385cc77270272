"""Importing exchange files: what is read, what is stored, what is refused and why."""

from __future__ import annotations

import json
from pathlib import Path

from stellungnahme_app import exchange
from stellungnahme_app.model import Draft, ResolutionPoint
from stellungnahme_app.store import VersionReason
from stellungnahme_app.workspace import Workspace
from stellungnahme_app.workspace.draft_limits import MAX_FIELD_CHARACTERS, MAX_RESOLUTION_POINTS


def _write(path: Path, draft: Draft) -> Path:
    exchange.write_file(draft, path)
    return path


def test_each_file_becomes_a_draft_with_an_import_version(
    workspace: Workspace, reference_draft: Draft, tmp_path: Path
) -> None:
    first = _write(tmp_path / "a.json", reference_draft)
    second = _write(tmp_path / "b.json", Draft(document_title="Zweiter"))
    report = workspace.import_files([first, second])
    assert report.failures == []
    assert [(item.path, item.title) for item in report.added] == [
        (first, reference_draft.display_title),
        (second, "Zweiter"),
    ]
    for item in report.added:
        assert [v.reason for v in workspace.versions(item.id)] == [VersionReason.IMPORT]


def test_a_bad_file_is_reported_and_the_good_ones_are_taken(
    workspace: Workspace, reference_draft: Draft, tmp_path: Path
) -> None:
    good = _write(tmp_path / "gut.json", reference_draft)
    bad = tmp_path / "kaputt.json"
    bad.write_text("{kein json", encoding="utf-8")
    report = workspace.import_files([good, bad])
    assert [item.path for item in report.added] == [good]
    [(path, error)] = report.failures
    assert path == bad and "kaputt.json" in error.message


def test_all_or_nothing_stores_nothing_when_one_file_is_bad(
    workspace: Workspace, reference_draft: Draft, tmp_path: Path
) -> None:
    good = _write(tmp_path / "gut.json", reference_draft)
    bad = tmp_path / "kaputt.json"
    bad.write_text(json.dumps({"format": "stellungnahme/1", "city": 7}), encoding="utf-8")
    report = workspace.import_files([good, bad], all_or_nothing=True)
    assert report.added == [] and len(report.failures) == 1
    assert workspace.list_drafts() == []


def test_a_draft_of_unreasonable_size_is_refused_before_anything_is_stored(
    workspace: Workspace, tmp_path: Path
) -> None:
    points = [ResolutionPoint(f"{i:02d}", "x") for i in range(MAX_RESOLUTION_POINTS + 1)]
    many = _write(tmp_path / "viele.json", Draft(resolution_points=points))
    long = _write(tmp_path / "lang.json", Draft(conclusion="a" * (MAX_FIELD_CHARACTERS + 1)))
    report = workspace.import_files([many, long])
    assert report.added == []
    messages = [error.message for _path, error in report.failures]
    assert "301 Beschlusspunkte" in messages[0] and "höchstens 300" in messages[0]
    assert "„Fazit“" in messages[1] and "1.000.001 Zeichen" in messages[1]
    assert workspace.list_drafts() == []


def test_the_largest_reasonable_draft_is_taken(workspace: Workspace, tmp_path: Path) -> None:
    points = [ResolutionPoint(f"{i:02d}", "x") for i in range(MAX_RESOLUTION_POINTS)]
    path = _write(tmp_path / "grenze.json", Draft(resolution_points=points))
    assert len(workspace.import_files([path]).added) == 1
