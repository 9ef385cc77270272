"""Taking offices' contributions from a ``stellungnahme/1`` file another office sent.

Offices write their part of a Stellungnahme in their own copy of the program and send the
file to the office in charge. :func:`plan_contribution_import` compares the incoming draft
with the open one and says, contribution by contribution, what importing would do: add a new
office's contribution, replace the contribution of the same office, or nothing because the
text is the same. The author sees the plan, chooses, and :func:`apply` carries it out.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.model import Contribution, Draft
from stellungnahme_app.text import clean, is_blank


class ContributionImportError(StellungnahmeError):
    """A planned import no longer fits the draft."""


class ImportAction(enum.Enum):
    ADD = "add"
    REPLACE = "replace"
    UNCHANGED = "unchanged"

    @property
    def label(self) -> str:
        return {
            ImportAction.ADD: "wird hinzugefügt",
            ImportAction.REPLACE: "ersetzt den vorhandenen Beitrag",
            ImportAction.UNCHANGED: "ist bereits unverändert enthalten",
        }[self]


@dataclass(frozen=True)
class PlannedContribution:
    """What importing one incoming contribution would do.

    ``target_index`` is the position of the contribution it replaces or equals in the open
    draft (``None`` for an addition); ``current`` is that contribution as it was planned.
    """

    action: ImportAction
    incoming: Contribution
    target_index: int | None = None
    current: Contribution | None = None

    @property
    def name(self) -> str:
        """The office, else the heading, else a placeholder – for lists and messages."""
        for candidate in (self.incoming.office, self.incoming.heading):
            if not is_blank(candidate):
                return candidate.strip()
        return "Beitrag ohne Amt und Überschrift"


@dataclass(frozen=True)
class ImportPlan:
    """Every contribution of the incoming file with its action, in the file's order."""

    items: tuple[PlannedContribution, ...]
    incoming_number: str = ""
    draft_number: str = ""

    @property
    def additions(self) -> list[PlannedContribution]:
        return [i for i in self.items if i.action is ImportAction.ADD]

    @property
    def replacements(self) -> list[PlannedContribution]:
        return [i for i in self.items if i.action is ImportAction.REPLACE]

    @property
    def has_changes(self) -> bool:
        return any(i.action is not ImportAction.UNCHANGED for i in self.items)

    @property
    def number_mismatch(self) -> bool:
        """True when the file belongs to another Drucksache than the open draft."""
        incoming, own = self.incoming_number.strip(), self.draft_number.strip()
        return bool(incoming and own and incoming != own)


def office_key(contribution: Contribution) -> str:
    """What makes two contributions "the same office's": the office, else the heading."""
    name = contribution.office if not is_blank(contribution.office) else contribution.heading
    return " ".join(name.split()).casefold()


def plan_contribution_import(draft: Draft, incoming: Draft) -> ImportPlan:
    """What importing the contributions of ``incoming`` into ``draft`` would do.

    A contribution of an office the draft already has replaces that contribution (the first
    one of that office); any other is added at the end. Contributions with neither office,
    heading nor text are left out. Neither draft is changed.
    """
    taken: set[int] = set()
    items = []
    for raw in incoming.contributions:
        contribution = Contribution(
            office=clean(raw.office), heading=clean(raw.heading), text=clean(raw.text)
        )
        if all(is_blank(v) for v in (contribution.office, contribution.heading, contribution.text)):
            continue
        target = _matching_index(draft, contribution, taken)
        if target is None:
            items.append(PlannedContribution(ImportAction.ADD, contribution))
            continue
        taken.add(target)
        current = draft.contributions[target]
        action = ImportAction.UNCHANGED if current == contribution else ImportAction.REPLACE
        items.append(PlannedContribution(action, contribution, target, _copy(current)))
    return ImportPlan(
        items=tuple(items),
        incoming_number=incoming.document_number,
        draft_number=draft.document_number,
    )


def apply(draft: Draft, plan: ImportPlan, *, chosen: Iterable[int] | None = None) -> list[int]:
    """Carry out ``plan`` on ``draft`` and return the indexes of the contributions changed.

    ``chosen`` are positions in ``plan.items`` to carry out (default: every addition and
    replacement). Raises :class:`ContributionImportError` and changes nothing if the draft's
    contributions were changed since the plan was made.
    """
    selected = set(range(len(plan.items)) if chosen is None else chosen)
    for item in plan.items:
        if item.target_index is None:
            continue
        still_there = item.target_index < len(draft.contributions) and (
            draft.contributions[item.target_index] == item.current
        )
        if not still_there:
            raise ContributionImportError(
                "Die Beiträge der Ämter wurden geändert, während der Import vorbereitet wurde. "
                "Bitte starten Sie „Beitrag importieren“ noch einmal."
            )
    changed = []
    for position, item in enumerate(plan.items):
        if position not in selected or item.action is ImportAction.UNCHANGED:
            continue
        if item.action is ImportAction.REPLACE and item.target_index is not None:
            draft.contributions[item.target_index] = _copy(item.incoming)
            changed.append(item.target_index)
        else:
            draft.contributions.append(_copy(item.incoming))
            changed.append(len(draft.contributions) - 1)
    return changed


def _matching_index(draft: Draft, contribution: Contribution, taken: set[int]) -> int | None:
    key = office_key(contribution)
    if not key:
        return None
    for index, existing in enumerate(draft.contributions):
        if index not in taken and office_key(existing) == key:
            return index
    return None


def _copy(contribution: Contribution) -> Contribution:
    return Contribution(contribution.office, contribution.heading, contribution.text)
