"""The application layer's use cases on a real database in the test's data folder."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import docx
import pytest
from helpers.protection import unwritable

from stellungnahme_app import exchange
from stellungnahme_app.export import ExportBlocked
from stellungnahme_app.model import Draft
from stellungnahme_app.store import ConflictError, DraftNotFound, Status, Store, VersionReason
from stellungnahme_app.workspace import Workspace


def test_a_new_draft_is_stored_with_the_defaults_and_marked_new(workspace: Workspace) -> None:
    opened = workspace.new_draft()
    assert opened.is_new
    assert opened.revision == 1
    assert opened.draft.city == workspace.settings.city
    assert workspace.open_draft(opened.id).draft == opened.draft
    assert not workspace.open_draft(opened.id).is_new, "only the program's own new draft"


def test_saving_moves_the_revision_on_in_place(workspace: Workspace) -> None:
    opened = workspace.create_draft(Draft(document_title="Erst"))
    opened.draft.document_title = "Dann"
    opened.status = Status.IN_REVIEW
    opened.deadline = dt.date(2030, 1, 31)
    before = opened.changed
    workspace.save(opened)
    assert opened.revision == 2 and opened.changed >= before
    again = workspace.open_draft(opened.id)
    assert (again.draft.document_title, again.status, again.deadline) == (
        "Dann",
        Status.IN_REVIEW,
        dt.date(2030, 1, 31),
    )


def test_a_stale_save_is_a_conflict_and_a_copy_keeps_the_text(workspace: Workspace) -> None:
    mine = workspace.create_draft(Draft(conclusion="Anfang"))
    theirs = workspace.open_draft(mine.id)
    theirs.draft.conclusion = "Von nebenan"
    workspace.save(theirs)
    mine.draft.conclusion = "Meine Fassung"
    with pytest.raises(ConflictError):
        workspace.save(mine)
    assert workspace.open_draft(mine.id).draft.conclusion == "Von nebenan"
    copy = workspace.keep_as_copy(mine)
    assert copy.id != mine.id
    assert workspace.open_draft(copy.id).draft.conclusion == "Meine Fassung"


def test_only_an_untouched_new_draft_is_discarded(workspace: Workspace) -> None:
    new = workspace.new_draft()
    assert workspace.discard_if_unused(new)
    with pytest.raises(DraftNotFound):
        workspace.open_draft(new.id)
    kept = workspace.create_draft(Draft(document_title="Arbeit"))
    assert not workspace.discard_if_unused(kept), "not created as new: never discarded"
    assert workspace.open_draft(kept.id).draft.document_title == "Arbeit"


def test_trash_and_back(workspace: Workspace) -> None:
    opened = workspace.create_draft(Draft(document_number="0100/25", document_title="Weg"))
    assert workspace.move_to_trash(opened.id) == "0100/25 – Weg"
    assert workspace.is_in_trash(opened.id)
    assert [row.id for row in workspace.list_drafts(trash=True)] == [opened.id]
    assert workspace.restore_from_trash(opened.id) == "0100/25 – Weg"
    assert [row.id for row in workspace.list_drafts()] == [opened.id]


def test_the_example_is_added_only_to_an_empty_database(workspace: Workspace) -> None:
    assert workspace.add_example_if_empty()
    assert not workspace.add_example_if_empty()
    [row] = workspace.list_drafts()
    assert row.number == "0661/24"


def test_an_export_writes_the_document_and_keeps_it_as_a_version(
    workspace: Workspace, reference_draft: Draft, tmp_path: Path
) -> None:
    opened = workspace.create_draft(reference_draft)
    target = workspace.export_document(opened, tmp_path / "S.docx", draft_mode=False)
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "Arbeitskreis Segregation" in text
    [version] = workspace.versions(opened.id)
    assert version.reason is VersionReason.EXPORT
    assert workspace.load_version(version.id) == reference_draft


def test_a_final_export_with_errors_is_refused_and_keeps_no_version(
    workspace: Workspace, tmp_path: Path
) -> None:
    opened = workspace.create_draft(Draft())
    with pytest.raises(ExportBlocked):
        workspace.export_document(opened, tmp_path / "S.docx", draft_mode=False)
    assert not (tmp_path / "S.docx").exists()
    assert workspace.versions(opened.id) == []


def test_a_stored_draft_is_written_out_as_exchange_file_or_document(
    workspace: Workspace, reference_draft: Draft, tmp_path: Path
) -> None:
    opened = workspace.create_draft(reference_draft)
    written = workspace.export_stored(opened.id, tmp_path / "weiter.json")
    assert exchange.read_file(written) == reference_draft
    workspace.export_stored(opened.id, tmp_path / "entwurf.docx", draft_mode=True)
    assert (tmp_path / "entwurf.docx").is_file()
    assert [v.reason for v in workspace.versions(opened.id)] == [VersionReason.EXPORT] * 2
    assert workspace.write_exchange_file(opened.id, tmp_path / "ohne").name == "ohne.json"


def test_restoring_a_version_keeps_the_state_it_replaces(
    workspace: Workspace, reference_draft: Draft, tmp_path: Path
) -> None:
    opened = workspace.create_draft(reference_draft)
    workspace.export_document(opened, tmp_path / "S.docx", draft_mode=True)
    opened.draft.document_title = "Umgeschrieben"
    workspace.save(opened)
    [exported] = workspace.versions(opened.id)
    restored = workspace.restore_version(exported.id)
    assert restored.draft.document_title == reference_draft.document_title
    assert restored.revision > opened.revision
    reasons = [v.reason for v in workspace.versions(opened.id)]
    assert reasons == [VersionReason.RESTORE, VersionReason.EXPORT]


def test_backups_are_listed_made_and_restored(workspace: Workspace) -> None:
    kept = workspace.create_draft(Draft(document_title="Gesichert"))
    made = workspace.back_up_now()
    assert workspace.backups()[0].path == made
    workspace.create_draft(Draft(document_title="Danach"))
    restored = workspace.restore_backup(made.name)
    assert restored.used == made
    assert restored.previous_database is not None and restored.previous_database.is_file()
    assert [row.id for row in workspace.list_drafts()] == [kept.id]


def test_new_settings_are_used_and_the_textbausteine_read_again(workspace: Workspace) -> None:
    assert not workspace.textbausteine_loaded
    assert workspace.textbausteine, "the bundled ones"
    assert workspace.take_textbaustein_problems() == []
    from stellungnahme_app.workspace import load_configuration

    workspace.use_configuration(load_configuration())
    assert not workspace.textbausteine_loaded


def test_the_workspace_closes_its_store(reference_draft: Draft) -> None:
    with Workspace.open() as workspace:
        path = workspace.database_path
        workspace.create_draft(reference_draft)
    with Store.open(path) as store:
        assert len(store.list_drafts()) == 1


def test_the_version_of_an_export_holds_what_was_exported(
    workspace: Workspace, reference_draft: Draft, tmp_path: Path
) -> None:
    """The window exports a copy while the clerk types on: the version is the copy's text."""
    opened = workspace.create_draft(reference_draft)
    exported = opened.copy()
    exported.draft.conclusion = "Stand der Ausgabe"
    workspace.export_document(exported, tmp_path / "S.docx", draft_mode=True)
    [version] = workspace.versions(opened.id)
    assert workspace.load_version(version.id).conclusion == "Stand der Ausgabe"
    assert workspace.open_draft(opened.id).draft.conclusion == reference_draft.conclusion


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_drafts_that_can_only_be_read_can_still_be_exported(
    reference_draft: Draft, tmp_path: Path, data_home: Path
) -> None:
    with Workspace.open() as workspace:
        draft_id = workspace.create_draft(reference_draft).id
    with unwritable(data_home), Workspace.open() as workspace:
        assert workspace.read_only_reason is not None
        assert "schreibgeschützt" in workspace.read_only_reason
        written = workspace.export_stored(draft_id, tmp_path / "lesend.docx", draft_mode=True)
        assert written.is_file()
        assert workspace.versions(draft_id) == [], "no version where nothing can be written"
