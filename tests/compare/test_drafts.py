"""Two versions compared field by field in the form's order, by field path."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from stellungnahme_app import text
from stellungnahme_app.compare import (
    FieldKind,
    ParagraphChange,
    UnchangedParagraphs,
    compare_drafts,
    compare_texts,
    markup,
)
from stellungnahme_app.compare.drafts import paragraphs_of
from stellungnahme_app.model import Contribution, Draft, ResolutionPoint, Signature


def _paths(old: Draft, new: Draft) -> list[str]:
    return [field.path for field in compare_drafts(old, new).fields]


def test_a_version_compared_with_itself_shows_no_change(reference_draft: Draft) -> None:
    comparison = compare_drafts(reference_draft, reference_draft.copy())
    assert comparison.unchanged
    assert comparison.summary() == "Keine Unterschiede: Beide Fassungen lesen sich gleich."


def test_every_change_of_the_reference_by_its_field_path_in_form_order(
    reference_draft: Draft, changed_draft: Draft
) -> None:
    comparison = compare_drafts(reference_draft, changed_draft)
    assert [(f.path, f.kind) for f in comparison.fields] == [
        ("resolution_points[0].text", FieldKind.CHANGED),
        ("resolution_points[2]", FieldKind.ADDED),
        ("resolution_points[3].number", FieldKind.CHANGED),
        ("contributions[1].text", FieldKind.CHANGED),
        ("contributions[2]", FieldKind.ADDED),
        ("conclusion", FieldKind.CHANGED),
        ("attachments[0]", FieldKind.ADDED),
        ("attachments[1]", FieldKind.ADDED),
    ]
    labels = [f.label for f in comparison.fields]
    assert labels[:3] == [
        "Beschlusspunkt 01",
        "Beschlusspunkt 03 (neu)",
        "Beschlusspunkt 04: Nummer",
    ]
    assert labels[4] == "Beitrag 3 – Amt für Bildung (neu)"
    first = comparison.fields[0].changed_paragraphs[0]
    assert markup(first.diff).count("[-") == 1
    assert "im [-dritten-]{+vierten+} Quartal 2024" in markup(first.diff)
    assert markup(comparison.fields[2].changed_paragraphs[0].diff) == "[-03-]{+04+}"


def test_unchanged_paragraphs_of_a_changed_field_are_collapsed(
    reference_draft: Draft, changed_draft: Draft
) -> None:
    field = next(
        f
        for f in compare_drafts(reference_draft, changed_draft).fields
        if "contributions[1]" in f.path
    )
    kinds = [type(entry) for entry in field.entries]
    assert kinds == [UnchangedParagraphs, ParagraphChange]
    collapsed = field.entries[0]
    assert isinstance(collapsed, UnchangedParagraphs) and collapsed.count == 3
    change = field.changed_paragraphs[0]
    assert (change.old_number, change.new_number) == (4, 4)
    assert markup(change.diff).startswith("Im Sinne eines [-effizienten-]{+sparsamen+} Ressourcen")


def test_a_point_added_in_front_does_not_make_the_others_changed(reference_draft: Draft) -> None:
    changed = reference_draft.copy()
    changed.resolution_points.insert(0, ResolutionPoint("00", "Vorweg ein ganz neuer Punkt."))
    assert _paths(reference_draft, changed) == ["resolution_points[0]"]
    removed = reference_draft.copy()
    del removed.resolution_points[1]
    comparison = compare_drafts(reference_draft, removed)
    assert [(f.path, f.kind, f.label) for f in comparison.fields] == [
        ("resolution_points[1]", FieldKind.REMOVED, "Beschlusspunkt 02 (entfernt)")
    ]
    assert comparison.fields[0].old_paragraphs == [reference_draft.resolution_points[1].text]
    assert comparison.fields[0].new_paragraphs == []


def test_a_rewritten_contribution_pairs_by_its_office(reference_draft: Draft) -> None:
    changed = reference_draft.copy()
    changed.contributions[0].text = "Völlig neu gefasst."
    assert _paths(reference_draft, changed) == ["contributions[0].text"]


def test_a_moved_contribution_is_removed_in_its_old_place_and_added_in_the_new(
    reference_draft: Draft,
) -> None:
    changed = reference_draft.copy()
    changed.contributions.reverse()
    kinds = [f.kind for f in compare_drafts(reference_draft, changed).fields]
    assert kinds == [FieldKind.ADDED, FieldKind.REMOVED]


def test_what_the_document_does_not_print_differently_is_no_change(reference_draft: Draft) -> None:
    changed = reference_draft.copy()
    changed.document_title += "  "
    changed.conclusion = "\n\n" + changed.conclusion.replace(" ", " ", 1) + "\n\n\n"
    changed.contributions[0].text = changed.contributions[0].text.replace("\n\n", "\n\n\n")
    assert _paths(reference_draft, changed) == []


def test_one_line_fields_answers_public_and_signature(reference_draft: Draft) -> None:
    changed = reference_draft.copy()
    changed.document_number = "0661/25"
    changed.public = False
    changed.assessments.legal = None
    changed.signature = Signature("Andreas Horn", None)
    comparison = compare_drafts(reference_draft, changed)
    assert [(f.path, markup(f.changed_paragraphs[0].diff)) for f in comparison.fields] == [
        ("document_number", "0661/[-24-]{+25+}"),
        ("public", "[-öffentlich-]{+nichtöffentlich+}"),
        ("assessments.legal", "[-Ja.-]"),
        ("signature.name", "[-Anke Hofmann-Domke-]{+Andreas Horn+}"),
        ("signature.date", "[-30.04.2024-]"),
    ]


def test_an_emptied_attachment_row_and_a_removed_contribution(reference_draft: Draft) -> None:
    before = reference_draft.copy()
    before.attachments = ["Lageplan", "Kostenaufstellung"]
    after = reference_draft.copy()
    after.attachments = ["Lageplan"]
    after.contributions = after.contributions[:1]
    comparison = compare_drafts(before, after)
    assert [(f.path, f.kind) for f in comparison.fields] == [
        ("contributions[1]", FieldKind.REMOVED),
        ("attachments[1]", FieldKind.REMOVED),
    ]
    removed = comparison.fields[0]
    assert (
        removed.old_paragraphs[0] == "Stellungnahme des Amts für Stadtentwicklung und Stadtplanung"
    )


def test_summary_names_the_fields(reference_draft: Draft, changed_draft: Draft) -> None:
    summary = compare_drafts(reference_draft, changed_draft).summary()
    assert summary.startswith("10 Stellen in 8 Feldern geändert: Beschlusspunkt 01, ")
    assert summary.endswith(" und 4 weitere.")


paragraph_text = st.lists(
    st.text(alphabet=st.sampled_from(list("abc äöü06.,-\n")), max_size=20), max_size=6
).map("\n\n".join)


@given(old=paragraph_text, new=paragraph_text)
def test_applying_a_field_comparison_to_the_old_paragraphs_gives_the_new(
    old: str, new: str
) -> None:
    entries = compare_texts(old, new)
    assert paragraphs_of(entries, old=True) == text.paragraphs(old)
    assert paragraphs_of(entries, old=False) == text.paragraphs(new)


@given(content=paragraph_text)
def test_a_text_compared_with_itself_shows_only_unchanged_paragraphs(content: str) -> None:
    assert all(isinstance(e, UnchangedParagraphs) for e in compare_texts(content, content))


one_liner = st.text(alphabet=st.sampled_from(list("ab 1.")), max_size=6)
drafts = st.builds(
    Draft,
    document_number=one_liner,
    document_title=one_liner,
    public=st.sampled_from([True, False, None]),
    resolution_points=st.lists(st.builds(ResolutionPoint, one_liner, paragraph_text), max_size=3),
    contributions=st.lists(
        st.builds(Contribution, one_liner, one_liner, paragraph_text), max_size=3
    ),
    conclusion=paragraph_text,
    attachments=st.lists(one_liner, max_size=3),
)


@given(draft=drafts)
def test_any_draft_compared_with_itself_shows_no_change(draft: Draft) -> None:
    assert compare_drafts(draft, draft.copy()).unchanged


@given(old=drafts, new=drafts)
def test_every_field_change_rebuilds_both_sides_of_its_field(old: Draft, new: Draft) -> None:
    for field in compare_drafts(old, new).fields:
        if field.kind is FieldKind.ADDED:
            assert field.old_paragraphs == []
        elif field.kind is FieldKind.REMOVED:
            assert field.new_paragraphs == []
        else:
            assert field.old_paragraphs != field.new_paragraphs


def test_a_hundred_contributions_from_two_offices_compare_fast(reference_draft: Draft) -> None:
    """The history dialog compares on opening: 100 contributions of two offices, every fourth
    changed, once took 6 s (the likeness of every pair counted its words anew)."""
    old = reference_draft.copy()
    originals = reference_draft.contributions
    old.contributions = [
        Contribution(
            originals[i % 2].office, f"{originals[i % 2].heading} ({i + 1})", originals[i % 2].text
        )
        for i in range(100)
    ]
    new = old.copy()
    for contribution in new.contributions[::4]:
        contribution.text += " Die Frist endet am 09.01.2025."
    started = time.perf_counter()
    comparison = compare_drafts(old, new)
    elapsed = time.perf_counter() - started
    assert [f.path for f in comparison.fields] == [
        f"contributions[{i}].text" for i in range(0, 100, 4)
    ]
    assert elapsed < 1.5, f"{elapsed:.2f} s"


def test_signing_in_place_of_the_beigeordnete_is_a_change(reference_draft: Draft) -> None:
    changed = reference_draft.copy()
    changed.signature = Signature(reference_draft.signature.name, reference_draft.signature.date)
    changed.signature.deputy = True
    comparison = compare_drafts(reference_draft, changed)
    assert [(f.path, f.label, markup(f.changed_paragraphs[0].diff)) for f in comparison.fields] == [
        ("signature.deputy", "Unterschrift: in Vertretung", "{+i. V.+}"),
    ]
    assert _paths(changed, reference_draft) == ["signature.deputy"]
