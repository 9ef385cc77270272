"""Check a Word template before it is used: syntax, placeholders, forbidden access.

:func:`check_template` (the command ``stellungnahme template-check``) reads every templated
part of the .docx (main text, headers, footers, footnotes) the way docxtpl hands it to Jinja
and reports, each with the part and the paragraph it concerns:

* Jinja syntax errors;
* access to Python internals (``__globals__``, ``mro``, any ``_name``) — such a template is
  refused outright;
* placeholders, attributes, filters and tests the program does not provide;
* required placeholders the template lacks (a part of the Stellungnahme would be missing);
* everything that points outside the document – linked pictures and templates, fields
  that load files, links to file shares (:mod:`.external_targets`); a plain web or e-mail
  link is only a warning;
* as warnings: ``ENTWURF`` or ``Nichtöffentlich`` not in a header (not on every page), and
  a missing style for lists, labelled items or tables (:data:`.structures.STRUCTURE_STYLES`;
  the export then formats them directly, so they still print correctly).

If nothing of that is wrong it fills the template with sample drafts, which finds what only
shows when rendering (an ``if`` that ends in another paragraph than it starts, a typo in a
loop variable's attribute). The exporter runs the static part before every first use of a
template file (:func:`static_problems`).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import meta, nodes
from jinja2 import sandbox as jinja_sandbox

from stellungnahme_app.export import context as ctx
from stellungnahme_app.export import engine, structures
from stellungnahme_app.export.external_targets import external_targets
from stellungnahme_app.jinja_sandbox import TemplateLimitError
from stellungnahme_app.model import (
    Assessments,
    Contribution,
    Draft,
    ResolutionPoint,
    Signature,
)
from stellungnahme_app.rules import Severity

# Attributes without a leading underscore that still lead to Python internals (frames, code
# objects, the class hierarchy); names starting with "_" are refused anyway.
FORBIDDEN_ATTRIBUTES: frozenset[str] = frozenset(
    {
        "mro",
        "func_globals",
        "func_code",
        "im_func",
        "im_self",
        "im_class",
        "gi_frame",
        "gi_code",
        "gi_yieldfrom",
        "cr_frame",
        "cr_code",
        "cr_await",
        "ag_frame",
        "ag_code",
        "ag_await",
        "f_globals",
        "f_locals",
        "f_builtins",
        "f_back",
        "f_code",
        "tb_frame",
        "tb_next",
    }
    | jinja_sandbox.UNSAFE_FUNCTION_ATTRIBUTES
    | jinja_sandbox.UNSAFE_METHOD_ATTRIBUTES
    | jinja_sandbox.UNSAFE_GENERATOR_ATTRIBUTES
    | jinja_sandbox.UNSAFE_COROUTINE_ATTRIBUTES
    | jinja_sandbox.UNSAFE_ASYNC_GENERATOR_ATTRIBUTES
)
# Methods of the dictionaries the context hands out; a template may call them.
_DICT_METHODS = frozenset({"get", "items", "keys", "values"})
_HEADER_MARKS = ("draft_mark", "not_public_mark")


@dataclass(frozen=True)
class TemplateProblem:
    """One finding about a template: ``severity``, German ``message``, ``location`` in it."""

    severity: Severity
    message: str
    location: str = ""

    def __str__(self) -> str:
        where = f" [{self.location}]" if self.location else ""
        return f"{self.severity.label}{where}: {self.message}"


def _error(message: str, location: str = "") -> TemplateProblem:
    return TemplateProblem(Severity.ERROR, message, location)


def _warning(message: str, location: str = "") -> TemplateProblem:
    return TemplateProblem(Severity.WARNING, message, location)


def is_forbidden_attribute(name: str) -> bool:
    """True for attribute names that lead to Python internals."""
    return name.startswith("_") or name in FORBIDDEN_ATTRIBUTES


def check_template(path: Path | str) -> list[TemplateProblem]:
    """Every problem of the template at ``path``; raises TemplateError if it cannot be read."""
    loaded = engine.read_template(Path(path))
    problems = static_problems(loaded)
    if not any(p.severity is Severity.ERROR for p in problems):
        problems += _trial_problems(loaded)
    return problems


def static_problems(loaded: engine.LoadedTemplate) -> list[TemplateProblem]:
    """The problems found by reading the template, without filling it."""
    template = engine.StnDocxTemplate(loaded.data, loaded.path.name)
    problems: list[TemplateProblem] = []
    used: set[str] = set()
    used_in_headers: set[str] = set()
    syntax_ok = True
    for part, source in template.parts_for_check():
        try:
            tree = engine.ENVIRONMENT.parse(source)
        except jinja2.TemplateSyntaxError as error:
            syntax_ok = False
            location = engine.describe_location(part, source, error.lineno)
            problems.append(_error(engine.explain_jinja_error(error), location))
            continue
        try:
            names = meta.find_undeclared_variables(tree)
            unknown_check = True
        except jinja2.TemplateError as error:
            # An unknown filter or test stops Jinja's analysis (it is reported below), and so
            # does a constant expression that fails ((0).a or 'x'), reported here. The names
            # are then collected without telling placeholders from local variables.
            if not isinstance(error, jinja2.TemplateAssertionError):
                problems.append(_error(engine.explain_jinja_error(error), part))
            names = {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"}
            unknown_check = False
        used |= names
        if part.startswith("Kopfzeile"):
            used_in_headers |= names
        problems += _part_problems(tree, names if unknown_check else set(), part, source)
    for target in external_targets(loaded.data):
        report = _warning if target.allowed else _error
        problems.append(report(target.describe(), engine.part_label(target.part)))
    problems += _style_problems(template)
    if syntax_ok:
        problems += _missing_required(used)
        for mark in _HEADER_MARKS:
            if mark in used and mark not in used_in_headers:
                description = ctx.PLACEHOLDERS_BY_NAME[mark].description
                problems.append(
                    _warning(
                        f"Der Platzhalter „{mark}“ ({description}) steht nicht in der "
                        "Kopfzeile, die Kennzeichnung erscheint also nicht auf jeder Seite."
                    )
                )
    return problems


def _style_problems(template: engine.StnDocxTemplate) -> Iterator[TemplateProblem]:
    for found in structures.style_problems(template.docx):
        yield _warning(
            f"Die Formatvorlage „{found.name}“ für {found.purpose} {found.problem}. Das "
            f"Programm druckt sie deshalb {structures.FALLBACKS[found.name]}. Damit sie sich in "
            "Word gestalten lassen, übernehmen Sie die Formatvorlage aus der mitgelieferten "
            "Vorlage (Word: Formatvorlagen verwalten › Importieren/Exportieren).",
            "Formatvorlagen",
        )


def _part_problems(
    tree: nodes.Template, names: set[str], part: str, source: str
) -> Iterator[TemplateProblem]:
    def where(node: nodes.Node) -> str:
        return engine.describe_location(part, source, node.lineno)

    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter, nodes.Name)):
        reached = _reached_name(node)
        if reached is not None and is_forbidden_attribute(reached):
            yield _error(
                f"Die Vorlage greift auf „{reached}“ zu, also auf interne Daten des "
                "Programms. Das ist aus Sicherheitsgründen nicht erlaubt; die Vorlage wird "
                "abgelehnt.",
                where(node),
            )
    for node in tree.find_all(nodes.Filter):
        if node.name not in engine.ENVIRONMENT.filters:
            yield _error(f"Den Filter „{node.name}“ gibt es in Vorlagen nicht.", where(node))
    for node in tree.find_all(nodes.Test):
        if node.name not in engine.ENVIRONMENT.tests:
            yield _error(f"Den Test „{node.name}“ gibt es in Vorlagen nicht.", where(node))

    known = ctx.PLACEHOLDER_NAMES | set(engine.ENVIRONMENT.globals)
    for name in sorted(names - known):
        if is_forbidden_attribute(name):
            continue  # already reported as forbidden access
        first = next(
            (n for n in tree.find_all(nodes.Name) if n.name == name and n.ctx == "load"), None
        )
        yield _error(
            f"Den Platzhalter „{name}“ kennt das Programm nicht. Verfügbar sind: "
            f"{', '.join(p.name for p in ctx.PLACEHOLDERS)}.",
            where(first) if first is not None else part,
        )
    yield from _attribute_problems(tree, where)


def _reached_name(node: nodes.Node) -> str | None:
    """The attribute (or variable) name a node reaches for, where it is written out."""
    if isinstance(node, nodes.Getattr):
        return node.attr
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return node.arg.value if isinstance(node.arg.value, str) else None
    if isinstance(node, nodes.Filter) and node.name == "attr" and node.args:
        argument = node.args[0]
        if isinstance(argument, nodes.Const) and isinstance(argument.value, str):
            return argument.value
    if isinstance(node, nodes.Name) and node.name.startswith("__"):
        return node.name
    return None


def _attribute_problems(
    tree: nodes.Template, where: Callable[[nodes.Node], str]
) -> Iterator[TemplateProblem]:
    """Attributes of ``labels`` and of loop variables over the context's lists."""
    keys_of: dict[str, tuple[str, ...]] = {"labels": ctx.PLACEHOLDERS_BY_NAME["labels"].keys}
    for loop in tree.find_all(nodes.For):
        if (
            isinstance(loop.iter, nodes.Name)
            and isinstance(loop.target, nodes.Name)
            and loop.iter.name in ctx.PLACEHOLDERS_BY_NAME
            and loop.iter.name != "labels"
            and ctx.PLACEHOLDERS_BY_NAME[loop.iter.name].keys
        ):
            keys_of[loop.target.name] = ctx.PLACEHOLDERS_BY_NAME[loop.iter.name].keys
    for node in tree.find_all(nodes.Getattr):
        if not isinstance(node.node, nodes.Name) or node.node.name not in keys_of:
            continue
        keys = keys_of[node.node.name]
        if node.attr in keys or node.attr in _DICT_METHODS or is_forbidden_attribute(node.attr):
            continue
        yield _error(
            f"„{node.node.name}.{node.attr}“ gibt es nicht. Möglich sind: "
            f"{', '.join(node.node.name + '.' + key for key in keys)}.",
            where(node),
        )


def _missing_required(used: set[str]) -> Iterator[TemplateProblem]:
    for placeholder in ctx.PLACEHOLDERS:
        if not placeholder.required:
            continue
        if used & {placeholder.name, *placeholder.alternatives}:
            continue
        alternatives = "".join(f" oder „{a}“" for a in placeholder.alternatives)
        yield _error(
            f"Der Pflicht-Platzhalter „{placeholder.name}“{alternatives} fehlt "
            f"({placeholder.description}); dieser Teil der Stellungnahme fehlte im Dokument."
        )


def sample_drafts() -> list[tuple[Draft, bool]]:
    """Drafts (and whether as draft export) that a template must be able to print."""
    full = Draft(
        city="Erfurt",
        department="Dezernat für Beispiele",
        document_number="0001/24",
        document_title="Beispiel-Drucksache",
        public=False,
        assessments=Assessments(legal=True, resources=False, financial=None),
        resolution_points=[
            ResolutionPoint("01", "Erster Absatz.\n\nZweiter Absatz\nmit Zeilenumbruch."),
            ResolutionPoint("02", "Text\tmit Tabulator."),
        ],
        contributions=[
            Contribution("Amt A", "Stellungnahme des Amts A", "Absatz eins.\n\nAbsatz zwei."),
            Contribution("Amt B", "", "Ohne Überschrift."),
        ],
        conclusion="Fazit.",
        amended_resolution_points="Neue Fassung.",
        attachments=["Anlage 1", "Anlage 2"],
        signature=Signature("Vorname Nachname", dt.date(2024, 1, 2)),
    )
    public = full.copy()
    public.public = True
    return [(full, False), (public, True), (Draft(), True)]


def _trial_problems(loaded: engine.LoadedTemplate) -> list[TemplateProblem]:
    problems: list[TemplateProblem] = []
    for draft, draft_mode in sample_drafts():
        try:
            filled = engine.fill(loaded.data, ctx.build_context(draft, draft_mode=draft_mode))
            filled.save(io.BytesIO())
        except engine.TemplateFillError as error:
            problem = _error(error.reason, error.location)
            if problem not in problems:
                problems.append(problem)
            if isinstance(error.__cause__, TemplateLimitError):
                break  # the other drafts would exceed the limit again, only slower to say so
    return problems
