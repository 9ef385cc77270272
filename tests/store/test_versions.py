"""Version history: when versions are kept, what they say, and restoring one destroys nothing."""

from __future__ import annotations

import itertools
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from stellungnahme_app.model import Contribution, Draft
from stellungnahme_app.store import (
    ConflictError,
    DraftNotFound,
    ExportKind,
    Status,
    Store,
    StoreDamagedError,
    StoreError,
    VersionReason,
    recovery,
)
from stellungnahme_app.store.search import FTS_TABLE, TITLE_FTS_TABLE
from stellungnahme_app.store.versions import changed_parts, describe

from .clock import FakeClock


def test_edit_versions_at_most_every_ten_minutes(
    store: Store, clock: FakeClock, reference_draft: Draft
) -> None:
    stored = store.create(reference_draft)
    assert store.versions(stored.id) == []
    for minute in range(25):
        clock.advance(minutes=1)
        stored.draft.conclusion = f"Fassung {minute}"
        stored = store.save(stored)
    versions = store.versions(stored.id)
    assert [v.reason for v in versions] == [VersionReason.EDIT] * 3
    times = [v.created for v in versions]
    assert times == sorted(times, reverse=True)
    assert all(
        later - earlier >= timedelta(minutes=10) for later, earlier in itertools.pairwise(times)
    )
    assert [store.load_version(v.id).conclusion for v in versions] == [
        "Fassung 20",
        "Fassung 10",
        "Fassung 0",
    ]


def test_status_change_keeps_a_version_at_once(
    store: Store, clock: FakeClock, reference_draft: Draft
) -> None:
    stored = store.save(store.create(reference_draft))
    clock.advance(minutes=1)
    stored.status = Status.IN_REVIEW
    stored = store.save(stored)
    newest = store.versions(stored.id)[0]
    assert newest.reason is VersionReason.STATUS
    assert newest.summary.startswith("Status „In Abstimmung“")
    assert newest.reason.label == "Statusänderung"


def test_export_snapshot_and_summary(store: Store, reference_draft: Draft) -> None:
    stored = store.create(reference_draft)
    info = store.keep_version(stored.id, VersionReason.EXPORT)
    assert info.draft_id == stored.id
    assert info.reason is VersionReason.EXPORT
    conclusion_length = len(reference_draft.conclusion.strip())
    assert info.summary == f"0661/24 · 2 Beiträge · Fazit {conclusion_length} Zeichen"
    assert store.versions(stored.id) == [info]
    assert store.load_version(info.id) == reference_draft


def test_a_version_can_keep_the_exported_content_instead_of_the_stored_one(
    store: Store, reference_draft: Draft
) -> None:
    stored = store.create(reference_draft)
    exported = reference_draft.copy()
    exported.conclusion = "So ging es hinaus."
    info = store.keep_version(stored.id, VersionReason.EXPORT, draft=exported)
    assert store.load_version(info.id) == exported
    assert info.summary == "0661/24 · 2 Beiträge · Fazit 18 Zeichen"
    assert store.load(stored.id).draft == reference_draft
    assert store.load(stored.id).revision == stored.revision


def test_summary_names_what_changed_since_the_previous_version(
    store: Store, reference_draft: Draft
) -> None:
    stored = store.create(reference_draft)
    store.keep_version(stored.id, VersionReason.EXPORT)
    stored.draft.conclusion = "Kurz."
    stored.draft.contributions[1].text += " Ergänzt."
    stored = store.save(stored)
    info = store.keep_version(stored.id, VersionReason.EXPORT)
    assert info.summary == (
        "0661/24 · 2 Beiträge · Fazit 5 Zeichen · geändert: "
        "Beitrag 2 (Amt für Stadtentwicklung und Stadtplanung), Fazit"
    )


def test_restore_version_keeps_the_replaced_state(
    store: Store, clock: FakeClock, reference_draft: Draft
) -> None:
    original = reference_draft.copy()
    stored = store.create(reference_draft, status=Status.IN_REVIEW)
    old = store.keep_version(stored.id, VersionReason.EXPORT)
    clock.advance(minutes=1)
    stored.draft.contributions = []
    stored.draft.document_title = "Versehentlich gekürzt"
    stored = store.save(stored)

    clock.advance(minutes=1)
    restored = store.restore_version(old.id)
    assert restored.draft == original
    assert restored.revision == stored.revision + 1
    assert restored.status is Status.IN_REVIEW
    assert store.load(stored.id) == restored
    assert store.list_drafts()[0].title == original.document_title
    assert [s.id for s in store.search("Segregation")] == [stored.id]

    newest = store.versions(stored.id)[0]
    assert newest.reason is VersionReason.RESTORE
    assert newest.reason.label == "Vor Wiederherstellung"
    kept = store.load_version(newest.id)
    assert kept.document_title == "Versehentlich gekürzt"
    assert kept.contributions == []
    assert old in store.versions(stored.id)


def test_restoring_keeps_the_search_index_true_to_the_drafts(
    store: Store, clock: FakeClock, reference_draft: Draft
) -> None:
    """Restoring once replaced the index entry under the version's number instead of the
    draft's Drucksache number, so the full-text index no longer matched its rows."""
    stored = store.create(reference_draft)
    old = store.keep_version(stored.id, VersionReason.EXPORT)
    clock.advance(minutes=1)
    stored.draft.document_title = "Versehentlich umbenannt"
    store.save(stored)
    store.restore_version(old.id)

    connection = sqlite3.connect(store.path)
    try:  # the title index holds the row's values as they are: it can be held against them
        connection.execute(
            f"INSERT INTO {TITLE_FTS_TABLE}({TITLE_FTS_TABLE}, rank) VALUES ('integrity-check', 1)"
        )
        connection.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('integrity-check')")
    finally:
        connection.close()
    assert [s.id for s in store.search("0661/24")] == [stored.id]
    assert store.search("Versehentlich") == []


def test_restore_version_makes_the_editor_reload(store: Store, reference_draft: Draft) -> None:
    stored = store.create(reference_draft)
    version = store.keep_version(stored.id, VersionReason.EXPORT)
    store.restore_version(version.id)
    with pytest.raises(ConflictError):
        store.save(stored)


def test_unknown_version_raises(store: Store) -> None:
    with pytest.raises(DraftNotFound):
        store.load_version(99)
    with pytest.raises(DraftNotFound):
        store.restore_version(99)
    with pytest.raises(DraftNotFound):
        store.keep_version(99, VersionReason.EXPORT)


def test_reason_labels_are_german() -> None:
    assert [r.label for r in VersionReason] == [
        "Bearbeitung",
        "Export",
        "Statusänderung",
        "Vor Wiederherstellung",
        "Import",
        "Antrag übernommen",
        "Beiträge übernommen",
        "Aus Datei ersetzt",
    ]


def test_a_version_says_what_happened_who_it_was_and_its_number(
    store: Store, clock: FakeClock, reference_draft: Draft, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOGNAME", "mmueller")
    stored = store.create(reference_draft)
    first = store.keep_version(stored.id, VersionReason.EXPORT, detail=ExportKind.WORD.value)
    clock.advance(minutes=1)
    stored.status = Status.FOR_SIGNATURE
    stored = store.save(stored)
    monkeypatch.setenv("LOGNAME", "akoch")
    clock.advance(minutes=1)
    store.keep_version(stored.id, VersionReason.CONTRIBUTIONS, detail="Amt für Bildung")
    listed = store.versions(stored.id)
    assert [(v.number, v.what_happened, v.author) for v in listed] == [
        (3, "Beitrag des Amts für Bildung übernommen", "akoch"),
        (2, "Status: Zur Unterschrift", "mmueller"),
        (1, "Als Word-Dokument ausgegeben", "mmueller"),
    ]
    assert listed[-1] == first
    assert listed[1].detail == Status.FOR_SIGNATURE.value


def test_restoring_says_which_version_was_brought_back(
    store: Store, clock: FakeClock, reference_draft: Draft
) -> None:
    stored = store.create(reference_draft)
    for _ in range(3):
        clock.advance(minutes=1)
        store.keep_version(stored.id, VersionReason.EDIT)
    second = store.versions(stored.id)[1]
    store.restore_version(second.id)
    assert (
        store.versions(stored.id)[0].what_happened == "Stand vor dem Wiederherstellen von Version 2"
    )


def test_a_version_can_be_named_renamed_and_unnamed(store: Store, reference_draft: Draft) -> None:
    stored = store.create(reference_draft)
    version = store.keep_version(stored.id, VersionReason.EXPORT)
    named = store.name_version(version.id, "  Fassung für den\nDezernenten ")
    assert named.name == "Fassung für den Dezernenten"
    assert store.versions(stored.id) == [named]
    assert store.name_version(version.id, "Zweite Runde").name == "Zweite Runde"
    assert store.name_version(version.id, "   ").name == ""
    assert store.load_version(version.id) == reference_draft, "der Inhalt bleibt"


def test_a_name_too_long_is_refused_and_the_old_one_stays(
    store: Store, reference_draft: Draft
) -> None:
    stored = store.create(reference_draft)
    version = store.keep_version(stored.id, VersionReason.EXPORT)
    store.name_version(version.id, "Fassung A")
    with pytest.raises(StoreError) as caught:
        store.name_version(version.id, "x" * 121)
    assert "höchstens 120 Zeichen" in caught.value.message
    assert store.versions(stored.id)[0].name == "Fassung A"
    with pytest.raises(DraftNotFound):
        store.name_version(999, "Fassung B")


def test_naming_is_refused_where_the_drafts_can_only_be_read(
    store: Store, db_path: Path, reference_draft: Draft
) -> None:
    stored = store.create(reference_draft)
    version = store.keep_version(stored.id, VersionReason.EXPORT)
    store.read_only_reason = "Der Ordner ist schreibgeschützt."
    with pytest.raises(StoreError):
        store.name_version(version.id, "Fassung A")
    store.read_only_reason = None
    assert store.versions(stored.id)[0].name == ""


def test_without_a_user_name_the_author_is_empty(
    store: Store, reference_draft: Draft, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_user() -> str:
        raise OSError("kein Benutzername")

    monkeypatch.setattr("getpass.getuser", no_user)
    stored = store.create(reference_draft)
    assert store.keep_version(stored.id, VersionReason.EXPORT).author == ""


def test_describe_counts_and_changes() -> None:
    one = Draft(contributions=[Contribution(office="Amt")], conclusion=" ab ")
    assert describe(one, None) == "ohne Nummer · 1 Beitrag · Fazit 2 Zeichen"
    assert describe(one, one.copy()).endswith("Text unverändert")
    many = Draft(document_number="1", document_title="T", department="D", attachments=["x"])
    many.contributions = [Contribution(), Contribution()]
    changes = changed_parts(one, many)
    assert changes == [
        "Dezernat",
        "Nummer",
        "Titel",
        "Beitrag 1",
        "Beitrag 2 neu",
        "Fazit",
        "Anlagen",
    ]
    assert describe(many, one).endswith(
        "geändert: Dezernat, Nummer, Titel, Beitrag 1 und 3 weitere"
    )
    assert changed_parts(many, one)[3:5] == ["Beitrag 1 (Amt)", "Beitrag 2 entfernt"]


def _spoil_versions(db_path: Path) -> None:
    """What a bad sector does to a compressed version: bytes zlib cannot unpack."""
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE versions SET content_zlib = x'789c0badc0ffee'")
    connection.commit()
    connection.close()


def test_a_version_that_cannot_be_unpacked_gives_a_german_message(
    store: Store, db_path: Path, reference_draft: Draft
) -> None:
    stored = store.create(reference_draft)
    info = store.keep_version(stored.id, VersionReason.EXPORT)
    _spoil_versions(db_path)
    with pytest.raises(StoreDamagedError) as caught:
        store.load_version(info.id)
    assert "nicht lesbar" in caught.value.message
    with pytest.raises(StoreDamagedError):
        store.restore_version(info.id)
    assert store.load(stored.id).draft == reference_draft


def test_saving_goes_on_when_the_version_before_cannot_be_unpacked(
    store: Store, db_path: Path, clock: FakeClock, reference_draft: Draft
) -> None:
    stored = store.create(reference_draft)
    store.keep_version(stored.id, VersionReason.EXPORT)
    _spoil_versions(db_path)
    clock.advance(minutes=11)
    stored.draft.conclusion = "Weiter geschrieben."
    stored.status = Status.IN_REVIEW
    saved = store.save(stored)
    assert store.load(saved.id).draft.conclusion == "Weiter geschrieben."
    assert store.versions(saved.id)[0].summary.startswith("Status „In Abstimmung“")


def test_a_version_that_cannot_be_unpacked_costs_the_rescue_only_that_version(
    store: Store, db_path: Path, reference_draft: Draft
) -> None:
    stored = store.create(reference_draft)
    store.keep_version(stored.id, VersionReason.EXPORT)
    _spoil_versions(db_path)
    drafts, kept_versions = recovery.read_rescuable(db_path)
    assert [rescued.id for rescued in drafts] == [stored.id]
    assert kept_versions == []


def test_a_version_row_that_cannot_be_read_is_left_out_of_the_list(
    store: Store, db_path: Path, clock: FakeClock, reference_draft: Draft
) -> None:
    stored = store.create(reference_draft)
    kept = store.keep_version(stored.id, VersionReason.EXPORT)
    clock.advance(minutes=1)
    spoiled = store.keep_version(stored.id, VersionReason.EXPORT)
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute(
            "UPDATE versions SET created = CAST(x'32303234ff' AS TEXT) WHERE id = ?",
            (spoiled.id,),
        )
    connection.close()
    assert [v.id for v in store.versions(stored.id)] == [kept.id]


def test_a_status_this_version_does_not_know_counts_as_draft_and_is_kept(
    store: Store, db_path: Path, reference_draft: Draft
) -> None:
    """A newer program may know more statuses; this one must neither fail nor forget it."""
    stored = store.create(reference_draft)
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("UPDATE drafts SET status = 'archiviert' WHERE id = ?", (stored.id,))
    connection.close()
    info = store.keep_version(stored.id, VersionReason.STATUS)
    assert info.summary.startswith("Status „Entwurf“")
    assert store.load(stored.id).status is Status.DRAFT
    store.restore_version(info.id)
    connection = sqlite3.connect(db_path)
    assert connection.execute("SELECT status FROM drafts").fetchall() == [("archiviert",)]
    connection.close()


def test_a_lone_surrogate_in_number_or_office_does_not_stop_a_version(store: Store) -> None:
    """Found by hypothesis: the version's summary could not be stored as UTF-8."""
    stored = store.create(Draft(document_number="\ud800", contributions=[Contribution("A")]))
    stored.draft.contributions[0].office = "Amt \udc00"
    stored.status = Status.IN_REVIEW
    store.save(stored)
    [version] = store.versions(stored.id)
    assert "\ufffd" in version.summary
    assert store.load_version(version.id).document_number == "\ud800"
