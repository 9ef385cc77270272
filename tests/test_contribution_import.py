"""Planning and applying the import of offices' contributions from another office's file."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stellungnahme_app.contribution_import import (
    ContributionImportError,
    ImportAction,
    apply,
    plan_contribution_import,
)
from stellungnahme_app.model import Contribution, Draft

SOZIALES = Contribution("Amt für Soziales", "Stellungnahme des Amts für Soziales", "Alt.")
PLANUNG = Contribution(
    "Amt für Stadtentwicklung und Stadtplanung",
    "Stellungnahme des Amts für Stadtentwicklung und Stadtplanung",
    "Planung.",
)
UMWELT = Contribution(
    "Umwelt- und Naturschutzamt", "Stellungnahme des Umwelt- und Naturschutzamts", "Neu."
)


def _draft(*contributions: Contribution, number: str = "0661/24") -> Draft:
    return Draft(
        document_number=number,
        contributions=[Contribution(c.office, c.heading, c.text) for c in contributions],
    )


def test_new_office_is_added_same_office_replaces() -> None:
    draft = _draft(SOZIALES, PLANUNG)
    newer = Contribution(SOZIALES.office, SOZIALES.heading, "Neuer Text des Sozialamts.")
    plan = plan_contribution_import(draft, _draft(newer, UMWELT))

    assert [(i.action, i.name, i.target_index) for i in plan.items] == [
        (ImportAction.REPLACE, "Amt für Soziales", 0),
        (ImportAction.ADD, "Umwelt- und Naturschutzamt", None),
    ]
    assert plan.replacements[0].current == SOZIALES
    assert plan.additions[0].incoming == UMWELT
    assert plan.has_changes
    assert draft.contributions == [SOZIALES, PLANUNG], "planning changes nothing"

    changed = apply(draft, plan)

    assert changed == [0, 2]
    assert draft.contributions == [newer, PLANUNG, UMWELT]


def test_identical_contribution_is_unchanged_and_not_applied() -> None:
    draft = _draft(SOZIALES)
    plan = plan_contribution_import(draft, _draft(SOZIALES))
    assert [i.action for i in plan.items] == [ImportAction.UNCHANGED]
    assert not plan.has_changes
    assert apply(draft, plan) == []
    assert draft.contributions == [SOZIALES]


def test_office_names_match_regardless_of_case_and_spacing() -> None:
    draft = _draft(SOZIALES)
    incoming = Contribution("  amt für   SOZIALES ", SOZIALES.heading, "Neu.")
    plan = plan_contribution_import(draft, _draft(incoming))
    assert plan.items[0].action is ImportAction.REPLACE


def test_without_office_the_heading_identifies_the_contribution() -> None:
    draft = _draft(Contribution("", "Stellungnahme des Bauamts", "Alt."))
    plan = plan_contribution_import(
        draft, _draft(Contribution("", "Stellungnahme des Bauamts", "Neu."))
    )
    assert plan.items[0].action is ImportAction.REPLACE


def test_two_incoming_of_one_office_replace_once_then_add() -> None:
    draft = _draft(SOZIALES)
    first = Contribution(SOZIALES.office, SOZIALES.heading, "Eins.")
    second = Contribution(SOZIALES.office, SOZIALES.heading, "Zwei.")
    plan = plan_contribution_import(draft, _draft(first, second))
    assert [i.action for i in plan.items] == [ImportAction.REPLACE, ImportAction.ADD]
    apply(draft, plan)
    assert draft.contributions == [first, second]


def test_only_chosen_items_are_applied() -> None:
    draft = _draft(SOZIALES)
    newer = Contribution(SOZIALES.office, SOZIALES.heading, "Neu.")
    plan = plan_contribution_import(draft, _draft(newer, UMWELT))
    assert apply(draft, plan, chosen=[1]) == [1]
    assert draft.contributions == [SOZIALES, UMWELT]


def test_empty_contributions_are_left_out_and_text_is_cleaned() -> None:
    incoming = _draft(
        Contribution(" ", "", "\n"),
        Contribution("Bauamt", "Stellungnahme des Bauamts", "A\x00b\vc"),
    )
    plan = plan_contribution_import(_draft(), incoming)
    assert [i.incoming.text for i in plan.items] == ["Ab\nc"]


def test_file_of_another_drucksache_is_flagged() -> None:
    plan = plan_contribution_import(_draft(number="0661/24"), _draft(UMWELT, number="0700/24"))
    assert plan.number_mismatch
    plan = plan_contribution_import(_draft(number="0661/24"), _draft(UMWELT, number=""))
    assert not plan.number_mismatch


def test_applying_a_stale_plan_changes_nothing() -> None:
    draft = _draft(SOZIALES)
    plan = plan_contribution_import(
        draft, _draft(Contribution(SOZIALES.office, "", "Neu."), UMWELT)
    )
    draft.contributions[0].text = "Inzwischen geändert."
    with pytest.raises(ContributionImportError) as raised:
        apply(draft, plan)
    assert "noch einmal" in raised.value.message
    assert draft.contributions == [
        Contribution(SOZIALES.office, SOZIALES.heading, "Inzwischen geändert.")
    ]


def test_applied_contributions_share_nothing_with_the_incoming_draft() -> None:
    draft = _draft()
    incoming = _draft(UMWELT)
    apply(draft, plan_contribution_import(draft, incoming))
    incoming.contributions[0].text = "Später geändert."
    assert draft.contributions == [UMWELT]


def test_reference_contribution_into_a_draft_missing_it(reference_draft: Draft) -> None:
    draft = reference_draft.copy()
    del draft.contributions[1]
    plan = plan_contribution_import(draft, reference_draft)
    assert [i.action for i in plan.items] == [ImportAction.UNCHANGED, ImportAction.ADD]
    apply(draft, plan)
    assert draft == reference_draft


_OFFICES = st.sampled_from(["Amt A", "Amt B", "Amt C", ""])
_CONTRIBUTIONS = st.builds(
    Contribution, office=_OFFICES, heading=st.sampled_from(["", "Kopf"]), text=st.text(max_size=5)
)


@given(st.lists(_CONTRIBUTIONS, max_size=5), st.lists(_CONTRIBUTIONS, max_size=5))
def test_applying_everything_keeps_every_incoming_contribution(
    own: list[Contribution], incoming: list[Contribution]
) -> None:
    draft = _draft(*own)
    plan = plan_contribution_import(draft, _draft(*incoming))
    apply(draft, plan)
    for item in plan.items:
        assert item.incoming in draft.contributions
    assert len(draft.contributions) == len(own) + len(plan.additions)
