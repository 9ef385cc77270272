"""Versions as the application layer keeps them: what happened and who, take-overs, names,
comparing two versions, replacing the content from a file, and the changes as Word's
tracked changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from stellungnahme_app import exchange
from stellungnahme_app.contribution_import import plan_contribution_import
from stellungnahme_app.errors import ExchangeFormatError, ExportError
from stellungnahme_app.export import ExportBlocked
from stellungnahme_app.model import Contribution, Draft, ResolutionPoint
from stellungnahme_app.store import ConflictError, DraftNotFound
from stellungnahme_app.workspace import MotionTakeOver, Workspace
from tests.compare.conftest import changed_reference
from tests.compare.revisions import accept_all, paragraphs, part_xml, reject_all


@pytest.fixture(autouse=True)
def windows_user(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("LOGNAME", "mmueller")
    return "mmueller"


def _said(workspace: Workspace, draft_id: int) -> list[str]:
    return [v.what_happened for v in workspace.versions(draft_id)]


def test_each_export_says_what_was_written_and_who(
    workspace: Workspace, reference_draft: Draft, tmp_path: Path
) -> None:
    opened = workspace.create_draft(reference_draft)
    workspace.export_document(opened, tmp_path / "S.docx", draft_mode=False)
    workspace.export_document(opened, tmp_path / "E.docx", draft_mode=True)
    workspace.export_stored(opened.id, tmp_path / "weiter.json")
    assert _said(workspace, opened.id) == [
        "Als Austauschdatei gespeichert",
        "Entwurf ausgegeben",
        "Als Word-Dokument ausgegeben",
    ]
    assert {v.author for v in workspace.versions(opened.id)} == {"mmueller"}


def test_taking_over_a_contribution_keeps_the_state_before_and_after(
    workspace: Workspace, reference_draft: Draft
) -> None:
    opened = workspace.create_draft(reference_draft)
    incoming = Draft(
        contributions=[
            Contribution("Amt für Bildung", "Stellungnahme des Amts für Bildung", "Neu."),
            Contribution("Amt für Soziales", "Stellungnahme des Amts für Soziales", "Ersetzt."),
        ]
    )
    plan = plan_contribution_import(opened.draft, incoming)
    assert workspace.take_over_contributions(opened, plan) == [2, 0]
    assert opened.draft.contributions[0].text == "Ersetzt."
    versions = workspace.versions(opened.id)
    assert [v.what_happened for v in versions] == [
        "Beiträge des Amts für Bildung und des Amts für Soziales übernommen",
        "Bearbeitet",
    ]
    assert workspace.load_version(versions[0].id) == opened.draft
    assert workspace.load_version(versions[1].id) == reference_draft, "der ersetzte Text bleibt"
    again = plan_contribution_import(
        opened.draft, Draft(contributions=[Contribution("Jugendamt", "", "x")])
    )
    workspace.take_over_contributions(opened, again)
    assert _said(workspace, opened.id)[:2] == [
        "Beitrag des Jugendamts übernommen",
        "Beiträge des Amts für Bildung und des Amts für Soziales übernommen",
    ], "kein zweites „Bearbeitet“, wenn die neueste Version den Stand davor schon hält"


def test_only_the_chosen_contributions_name_the_version(
    workspace: Workspace, reference_draft: Draft
) -> None:
    opened = workspace.create_draft(reference_draft)
    incoming = Draft(
        contributions=[Contribution("Amt für Bildung", "", "A"), Contribution("Kämmerei", "", "B")]
    )
    plan = plan_contribution_import(opened.draft, incoming)
    workspace.take_over_contributions(opened, plan, chosen=[1])
    assert _said(workspace, opened.id)[0] == "Beitrag der Kämmerei übernommen"
    assert (
        workspace.take_over_contributions(
            opened, plan_contribution_import(opened.draft, incoming), chosen=[]
        )
        == []
    )
    assert len(workspace.versions(opened.id)) == 2


def test_taking_over_a_motion_into_a_draft_says_from_where(
    workspace: Workspace, reference_draft: Draft
) -> None:
    opened = workspace.create_draft(reference_draft)
    take_over = MotionTakeOver(
        "0661/24", "Titel", [ResolutionPoint("04", "Neuer Punkt.")], replace_points=False,
        source_name="antrag-0661-24.pdf",
    )  # fmt: skip
    assert workspace.take_over_motion(opened, take_over) == 3
    assert _said(workspace, opened.id) == [
        "Antrag übernommen aus „antrag-0661-24.pdf“",
        "Bearbeitet",
    ]


def test_two_versions_compared_and_a_version_against_now(
    workspace: Workspace, reference_draft: Draft, tmp_path: Path
) -> None:
    opened = workspace.create_draft(reference_draft)
    workspace.export_document(opened, tmp_path / "1.docx", draft_mode=True)
    opened.draft = changed_reference(reference_draft)
    workspace.save(opened)
    workspace.export_document(opened, tmp_path / "2.docx", draft_mode=True)
    opened.draft.document_title = "Jetzt anders"
    workspace.save(opened)
    second, first = workspace.versions(opened.id)
    between = workspace.compare(opened.id, first.id, second.id)
    assert [f.path for f in between.fields][:2] == [
        "resolution_points[0].text",
        "resolution_points[2]",
    ]
    assert "document_title" not in [f.path for f in between.fields]
    since = workspace.compare(opened.id, second.id)
    assert [f.path for f in since.fields] == ["document_title"]
    assert workspace.compare(opened.id, first.id, first.id).unchanged
    other = workspace.create_draft(Draft())
    with pytest.raises(DraftNotFound):
        workspace.compare(other.id, first.id)


def test_versions_by_number_and_by_name(workspace: Workspace, reference_draft: Draft) -> None:
    opened = workspace.create_draft(reference_draft)
    with pytest.raises(DraftNotFound) as none_yet:
        workspace.version_numbered(opened.id, 1)
    assert "hat noch keine Versionen" in none_yet.value.message
    workspace.save(opened)
    first = workspace.take_over_motion(opened, MotionTakeOver("", "", [], source_name="a.pdf"))
    assert first == 0
    assert workspace.version_numbered(opened.id, 2).what_happened == "Antrag übernommen aus „a.pdf“"
    with pytest.raises(DraftNotFound) as missing:
        workspace.version_numbered(opened.id, 9)
    assert missing.value.message.startswith(f"Der Entwurf Nr. {opened.id} hat keine Version 9. ")
    assert "die Versionen 1 bis 2" in missing.value.message
    named = workspace.name_version(
        workspace.version_numbered(opened.id, 1).id, "Fassung für den Dezernenten"
    )
    assert [v.name for v in workspace.versions(opened.id)] == ["", "Fassung für den Dezernenten"]
    assert named.number == 1


def test_replacing_the_content_from_a_file_keeps_the_state_it_replaces(
    workspace: Workspace, reference_draft: Draft, tmp_path: Path
) -> None:
    opened = workspace.create_draft(reference_draft)
    newer = changed_reference(reference_draft)
    source = tmp_path / "neu.json"
    exchange.write_file(newer, source)
    replaced = workspace.replace_from_file(opened.id, source)
    assert replaced is not None
    assert workspace.open_draft(opened.id).draft == newer
    assert workspace.load_version(replaced.previous.id) == reference_draft
    assert _said(workspace, opened.id) == ["Inhalt aus „neu.json“ übernommen", "Bearbeitet"]
    assert replaced.previous.number == 1
    assert workspace.replace_from_file(opened.id, source) is None, "schon gleich: nichts zu tun"
    assert len(workspace.versions(opened.id)) == 2


def test_a_bad_or_huge_file_replaces_nothing(
    workspace: Workspace, reference_draft: Draft, tmp_path: Path
) -> None:
    opened = workspace.create_draft(reference_draft)
    broken = tmp_path / "kaputt.json"
    broken.write_text('{"format": "stellungnahme/1", "city": 3}', encoding="utf-8")
    with pytest.raises(ExchangeFormatError) as caught:
        workspace.replace_from_file(opened.id, broken)
    assert "kaputt.json" in caught.value.message
    huge = tmp_path / "riesig.json"
    exchange.write_file(Draft(attachments=["x"] * 151), huge)
    with pytest.raises(ExchangeFormatError) as too_large:
        workspace.replace_from_file(opened.id, huge)
    assert "riesig.json" in too_large.value.message and "Anlagen" in too_large.value.message
    assert workspace.open_draft(opened.id).draft == reference_draft
    assert workspace.versions(opened.id) == []


def test_replacing_a_draft_saved_elsewhere_meanwhile_is_a_conflict_not_an_overwrite(
    workspace: Workspace, reference_draft: Draft, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = workspace.create_draft(reference_draft)
    source = tmp_path / "neu.json"
    exchange.write_file(Draft(document_title="Aus der Datei"), source)
    real_open = workspace.open_draft

    def opened_then_saved_elsewhere(draft_id: int):
        mine = real_open(draft_id)
        theirs = real_open(draft_id)
        theirs.draft.conclusion = "Von nebenan"
        workspace.save(theirs)
        return mine

    monkeypatch.setattr(workspace, "open_draft", opened_then_saved_elsewhere)
    with pytest.raises(ConflictError):
        workspace.replace_from_file(opened.id, source)
    assert real_open(opened.id).draft.conclusion == "Von nebenan"


def test_the_changes_as_a_word_document_with_tracked_changes(
    workspace: Workspace, reference_draft: Draft, tmp_path: Path
) -> None:
    opened = workspace.create_draft(reference_draft)
    workspace.export_document(opened, tmp_path / "vorher.docx", draft_mode=True)
    [before] = workspace.versions(opened.id)
    opened.draft = changed_reference(reference_draft)
    workspace.save(opened)
    target = workspace.export_changes(
        opened, before.id, tmp_path / "Änderungen.docx", draft_mode=True
    )
    workspace.export_document(opened, tmp_path / "nachher.docx", draft_mode=True)
    tracked = part_xml(target.read_bytes())
    assert paragraphs(accept_all(tracked)) == paragraphs(
        part_xml((tmp_path / "nachher.docx").read_bytes())
    )
    assert paragraphs(reject_all(tracked)) == paragraphs(
        part_xml((tmp_path / "vorher.docx").read_bytes())
    )
    authors = {
        node.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}author")
        for node in tracked.iter(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ins"
        )
    }
    assert authors == {"mmueller"}
    assert (
        _said(workspace, opened.id)[1]
        == "Änderungen seit Version 1 als Word-Dokument ausgegeben (Entwurf)"
    )
    assert workspace.load_version(workspace.versions(opened.id)[1].id) == opened.draft


def test_changes_go_only_into_a_word_document_and_a_final_one_needs_no_errors(
    workspace: Workspace, reference_draft: Draft, tmp_path: Path
) -> None:
    opened = workspace.create_draft(reference_draft)
    workspace.export_document(opened, tmp_path / "S.docx", draft_mode=False)
    [before] = workspace.versions(opened.id)
    with pytest.raises(ExportError) as not_word:
        workspace.export_changes(opened, before.id, tmp_path / "Änderungen.pdf", draft_mode=False)
    assert "nur als Word-Dokument (.docx)" in not_word.value.message
    opened.draft.document_title = ""
    with pytest.raises(ExportBlocked):
        workspace.export_changes(opened, before.id, tmp_path / "Änderungen.docx", draft_mode=False)
    assert not (tmp_path / "Änderungen.docx").exists()
    final = workspace.export_stored(
        opened.id, tmp_path / "Änderungen.docx", draft_mode=True, changes_since=before.id
    )
    assert final.is_file()
    assert (
        _said(workspace, opened.id)[0]
        == "Änderungen seit Version 1 als Word-Dokument ausgegeben (Entwurf)"
    )
