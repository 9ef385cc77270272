"""The eight steps in which the editor walks through the form, and where each field belongs.

The editor shows one step per part of the official form, in the form's order. This module
says which fields each step holds (by the field paths of :mod:`stellungnahme_app.rules`),
turns a field path such as ``contributions[1].text`` into its parts, sorts them as the fields
stand on screen, and works out the state the step list shows for each step: complete, has
problems (an error of the rules concerns one of its fields), or not started (nothing entered
yet). :class:`Attention` keeps which errors the author has got to (the others read "offen").
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from stellungnahme_app.model import ASSESSMENT_KEYS, Draft, Signature
from stellungnahme_app.rules import Finding, Severity
from stellungnahme_app.text import is_blank


class StepKey(enum.Enum):
    DRUCKSACHE = "drucksache"
    PRUEFUNG = "pruefung"
    BESCHLUSSPUNKTE = "beschlusspunkte"
    AEMTER = "aemter"
    FAZIT = "fazit"
    AENDERUNGEN_ANLAGEN = "aenderungen_anlagen"
    UNTERZEICHNUNG = "unterzeichnung"
    EXPORT = "export"


@dataclass(frozen=True)
class FormStep:
    """One step: its title and the top-level fields (first part of a field path) it holds."""

    key: StepKey
    title: str
    sections: tuple[str, ...]
    optional: bool = False


STEPS: tuple[FormStep, ...] = (
    FormStep(
        StepKey.DRUCKSACHE,
        "Drucksache",
        # In the order of the fields on screen.
        ("document_number", "document_title", "department", "public", "city", "deadline", "status"),
    ),
    FormStep(StepKey.PRUEFUNG, "Prüfung", ("assessments",)),
    FormStep(StepKey.BESCHLUSSPUNKTE, "Beschlusspunkte", ("resolution_points",)),
    FormStep(StepKey.AEMTER, "Stellungnahmen der Ämter", ("contributions",)),
    FormStep(StepKey.FAZIT, "Fazit", ("conclusion",)),
    FormStep(
        StepKey.AENDERUNGEN_ANLAGEN,
        "Änderungen und Anlagen",
        ("amended_resolution_points", "attachments"),
        optional=True,
    ),
    FormStep(StepKey.UNTERZEICHNUNG, "Unterzeichnung", ("signature",)),
    FormStep(StepKey.EXPORT, "Prüfen und exportieren", ()),
)

EXPORT_STEP_INDEX = len(STEPS) - 1
#: How an error reads before the author got to its field.
OPEN_LABEL = "offen"


class StepState(enum.Enum):
    COMPLETE = "complete"
    PROBLEMS = "problems"
    NOT_STARTED = "not_started"
    #: Filled in by the program (the Dezernat's signatory, today's date), not yet looked at.
    PREFILLED = "prefilled"
    #: Optional, empty and never opened.
    OPTIONAL = "optional"

    @property
    def label(self) -> str:
        return {
            StepState.COMPLETE: "vollständig",
            StepState.PROBLEMS: "unvollständig",
            StepState.NOT_STARTED: "noch nicht begonnen",
            StepState.PREFILLED: "vorausgefüllt – bitte prüfen",
            StepState.OPTIONAL: "optional",
        }[self]


@dataclass(frozen=True)
class StepSummary:
    """What the step list shows for one step."""

    state: StepState
    errors: int = 0
    warnings: int = 0
    #: Errors of fields the author has not attended to yet (see :class:`Attention`).
    open: int = 0

    @property
    def description(self) -> str:
        """German text, e.g. ``unvollständig – 2 Fehler, 1 offen, 1 Hinweis``."""
        counts = []
        if self.errors:
            counts.append(f"{self.errors} Fehler")
        if self.open:
            counts.append(f"{self.open} {OPEN_LABEL}")
        if self.warnings:
            counts.append(f"{self.warnings} Hinweis" + ("e" if self.warnings > 1 else ""))
        if self.state is StepState.NOT_STARTED or not counts:
            return self.state.label
        return f"{self.state.label} – {', '.join(counts)}"


@dataclass(frozen=True)
class FieldPath:
    """A field path split into its parts: ``contributions[1].text`` → contributions, 1, text."""

    section: str
    index: int | None = None
    attribute: str | None = None


_PATH = re.compile(r"^(?P<section>[a-z_]+)(?:\[(?P<index>\d+)\])?(?:\.(?P<attribute>[a-z_]+))?$")


def parse_field_path(path: str) -> FieldPath | None:
    """The parts of ``path``, or ``None`` if it is not a field path."""
    match = _PATH.match(path.strip())
    if match is None:
        return None
    index = match["index"]
    return FieldPath(
        match["section"], int(index) if index is not None else None, match["attribute"]
    )


def step_index_for_field(path: str) -> int | None:
    """The position (0–7) of the step that holds the field, or ``None`` for an unknown one."""
    parsed = parse_field_path(path)
    if parsed is None:
        return None
    for index, step in enumerate(STEPS):
        if parsed.section in step.sections:
            return index
    return None


#: The fields of one item (a resolution point, a contribution, the signature, the three
#: questions) in the order they stand on screen.
_ATTRIBUTE_ORDER: tuple[str, ...] = ("number", "office", "heading", "text", "name", "date")
_ATTRIBUTE_ORDER += ASSESSMENT_KEYS


def form_order(path: str) -> tuple[int, int, int, int]:
    """Sort key of a field path: step, field, item, and the item's field, as on screen.

    A list itself (``resolution_points``) comes before its items; an unknown path last.
    """
    parsed = parse_field_path(path)
    index = step_index_for_field(path)
    if parsed is None or index is None:
        return (len(STEPS), 0, 0, 0)
    section = STEPS[index].sections.index(parsed.section)
    item = parsed.index + 1 if parsed.index is not None else 0
    attribute = parsed.attribute or ""
    position = _ATTRIBUTE_ORDER.index(attribute) + 1 if attribute in _ATTRIBUTE_ORDER else 0
    return (index, section, item, position)


def step_started(draft: Draft, key: StepKey) -> bool:
    """True once the author has entered something in the step.

    Values the program fills in for a new draft (city, Dezernat, date) do not count.
    """
    if key is StepKey.DRUCKSACHE:
        return (
            not is_blank(draft.document_number)
            or not is_blank(draft.document_title)
            or draft.public is not None
        )
    if key is StepKey.PRUEFUNG:
        a = draft.assessments
        return any(answer is not None for answer in (a.legal, a.resources, a.financial))
    if key is StepKey.BESCHLUSSPUNKTE:
        return bool(draft.resolution_points)
    if key is StepKey.AEMTER:
        return bool(draft.contributions)
    if key is StepKey.FAZIT:
        return not is_blank(draft.conclusion)
    if key is StepKey.AENDERUNGEN_ANLAGEN:
        return not is_blank(draft.amended_resolution_points) or bool(draft.attachments)
    if key is StepKey.UNTERZEICHNUNG:
        return not is_blank(draft.signature.name)
    return True


def step_summaries(
    draft: Draft, findings: Iterable[Finding], *, attention: Attention | None = None
) -> list[StepSummary]:
    """The state of every step, in order, from the draft and the findings of the rules.

    The optional step is complete when empty; the export step has problems while any error
    remains anywhere. With ``attention`` (what the author did while the draft is open), errors
    not attended to yet count as open, a step never opened reads "optional" (the optional one,
    empty) or "vorausgefüllt" (only what the program filled in).
    """
    findings = list(findings)
    counts = [[0, 0, 0] for _ in STEPS]  # errors, warnings, open
    for finding in findings:
        index = step_index_for_field(finding.field)
        if index is None:
            continue
        if finding.severity is not Severity.ERROR:
            counts[index][1] += 1
        elif attention is None or attention.attended(finding.field):
            counts[index][0] += 1
        else:
            counts[index][2] += 1
    summaries = []
    for index, step in enumerate(STEPS):
        errors, warnings, still_open = counts[index]
        if step.key is StepKey.EXPORT:
            errors, warnings, still_open = (sum(c[i] for c in counts) for i in range(3))
            state = StepState.PROBLEMS if errors or still_open else StepState.COMPLETE
        elif not step.optional and not step_started(draft, step.key):
            state = StepState.NOT_STARTED
        elif errors or still_open:
            state = StepState.PROBLEMS
        elif attention is not None and index not in attention.visited:
            state = _unseen_state(draft, step, attention)
        else:
            state = StepState.COMPLETE
        summaries.append(StepSummary(state, errors, warnings, still_open))
    return summaries


def _unseen_state(draft: Draft, step: FormStep, attention: Attention) -> StepState:
    """The state of a begun (or optional) step without errors the author has not opened."""
    if not step_started(draft, step.key):
        return StepState.OPTIONAL  # only an optional step gets here unbegun
    if not step_started(_without(draft, attention.prefilled), step.key):
        return StepState.PREFILLED  # only what the program filled in
    return StepState.COMPLETE


def _without(draft: Draft, fields: Iterable[str]) -> Draft:
    """``draft`` with the (top-level or signature) ``fields`` left empty; shares the rest."""
    fields = set(fields)
    signature = Signature(
        name="" if "signature.name" in fields else draft.signature.name,
        date=None if "signature.date" in fields else draft.signature.date,
    )
    blank = {f: "" for f in ("city", "department") if f in fields}
    return replace(draft, signature=signature, **blank)


@dataclass
class Attention:
    """What the author has attended to while a draft is open: an error of a field reads
    "offen" (not "Fehler") until the author left that field, moved on past its step, or
    asked to check the whole draft."""

    left: set[str] = field(default_factory=set)
    passed: set[int] = field(default_factory=set)
    checked: bool = False
    #: Steps the author has opened.
    visited: set[int] = field(default_factory=set)
    #: Fields the program filled in and the author has not changed (``signature.name``).
    prefilled: set[str] = field(default_factory=set)

    def left_field(self, path: str) -> None:
        self.left.add(path)

    def visited_step(self, index: int) -> None:
        self.visited.add(index)

    def filled_in(self, path: str) -> None:
        """The program filled in ``path`` (the author should look at it)."""
        self.prefilled.add(path)

    def edited_field(self, path: str) -> None:
        """The author changed ``path``: it is theirs now."""
        self.prefilled.discard(path)

    def passed_step(self, index: int) -> None:
        self.passed.add(index)

    def attended(self, path: str) -> bool:
        return self.checked or path in self.left or step_index_for_field(path) in self.passed

    def label(self, finding: Finding) -> str:
        """``offen``, ``Fehler`` or ``Hinweis``."""
        if finding.severity is Severity.ERROR and not self.attended(finding.field):
            return OPEN_LABEL
        return finding.severity.label
