"""The one Jinja sandbox in which every template of the program is rendered.

Word templates (:mod:`stellungnahme_app.export.engine`) and Textbausteine
(:mod:`stellungnahme_app.textbausteine`) are Jinja templates read from files that an
administrator – or anyone who can write to the template folder – edits. Both run in a
:class:`HardenedSandbox`. The export configures it for XML (autoescape, its own ``finalize``),
the Textbausteine for plain text; the hardening is the same for both and refuses:

* **Python internals** – attributes starting with ``_``, function and frame attributes
  (jinja2's sandbox): they lead to the interpreter and from there to running any code;
* **changing values and calling methods** – ``list.append``, ``dict.update`` and every other
  method of a string, list or dictionary that is not in :data:`ALLOWED_METHODS`, the filter
  ``safe`` (it would print user text as XML) and the global ``lipsum`` (it writes text of any
  length): a template has to print the draft, nothing else;
* **exhaustion** – a template must not freeze the window or use up the memory, so every
  rendering has a :class:`Limits` budget: a wall-clock deadline and a number of steps (each
  pass through a loop body, a macro or a block, and each call counts one, so an empty loop
  spins no longer than a full one), a number of characters produced (printed values, the
  template's text each time a body runs, the results of ``~``, ``+``, ``*``, ``%`` and of
  filters), a depth of macro calls (a macro calling itself), and caps on the numbers that set
  a width or a count (``center``, ``indent``, ``batch`` …), on powers and on products of
  integers. What would be too large is refused before it is built: ``'a' * 10**9`` never
  allocates a gigabyte.

A refusal of the budget is a :class:`TemplateLimitError` with a German message; the export
and the Textbausteine turn it into their own German error naming the file.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import inspect
import operator
import re
import string
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import BlockReference, LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment

#: Methods a template may call on the plain values it is given; everything else is refused.
ALLOWED_METHODS: dict[type, frozenset[str]] = {
    str: frozenset(
        {
            "capitalize",
            "casefold",
            "center",
            "count",
            "endswith",
            "find",
            "format",
            "index",
            "isalnum",
            "isalpha",
            "isdecimal",
            "isdigit",
            "islower",
            "isnumeric",
            "isspace",
            "istitle",
            "isupper",
            "join",
            "ljust",
            "lower",
            "lstrip",
            "partition",
            "removeprefix",
            "removesuffix",
            "replace",
            "rfind",
            "rindex",
            "rjust",
            "rpartition",
            "rsplit",
            "rstrip",
            "split",
            "splitlines",
            "startswith",
            "strip",
            "striptags",
            "swapcase",
            "title",
            "upper",
            "zfill",
        }
    ),
    dict: frozenset({"get", "items", "keys", "values"}),
    list: frozenset({"count", "index"}),
    tuple: frozenset({"count", "index"}),
}
_PLAIN_TYPES = (str, bytes, bytearray, int, float, complex, list, tuple, dict, set, frozenset)
# Filters whose numeric arguments set a width or a count of things to make.
_SIZE_ARGUMENT_FILTERS = frozenset(
    {"batch", "center", "indent", "slice", "tojson", "truncate", "urlize", "wordwrap"}
)
_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill"})
_PERCENT_SPEC_RE = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_DIGITS_RE = re.compile(r"\d+")
_LIMITED_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "*": operator.mul,
    "**": operator.pow,
    "%": operator.mod,
    "+": operator.add,
}


class TemplateLimitError(jinja2.TemplateError):
    """A template exceeded its :class:`Limits` or asked for something too large."""


@dataclass(frozen=True)
class Limits:
    """What one rendering may use; see the module docstring."""

    seconds: float = 10.0
    steps: int = 1_000_000
    characters: int = 20_000_000
    call_depth: int = 40
    size_argument: int = 100_000
    integer_bits: int = 10_000


class _Budget:
    """What one rendering (or one fill of a whole document) has used of its limits."""

    __slots__ = ("characters", "deadline", "depth", "limits", "steps")

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds
        self.steps = 0
        self.characters = 0
        self.depth = 0

    def step(self, characters: int = 0, *, count: int = 1) -> None:
        self.steps += count
        self.characters += characters
        if self.steps > self.limits.steps:
            raise TemplateLimitError(
                f"Die Vorlage durchläuft Schleifen und Makros mehr als "
                f"{_number(self.limits.steps)} Mal – vermutlich eine endlose oder viel zu "
                "große Schleife. Das Ausfüllen wurde abgebrochen."
            )
        self._check_characters()
        if time.monotonic() > self.deadline:
            raise TemplateLimitError(
                f"Das Ausfüllen der Vorlage dauerte länger als {self.limits.seconds:g} "
                "Sekunden und wurde abgebrochen – vermutlich eine endlose oder viel zu große "
                "Schleife."
            )

    def produce(self, characters: int) -> None:
        self.characters += characters
        self._check_characters()

    def room(self) -> int:
        """Characters still allowed."""
        return self.limits.characters - self.characters

    def refuse_larger_than_room(self, size: int, what: str) -> None:
        if size > self.room():
            raise TemplateLimitError(
                f"{what} ergäbe einen Text von etwa {_number(size)} Zeichen – zu viel: "
                f"insgesamt sind {_number(self.limits.characters)} erlaubt, "
                f"{_number(self.characters)} sind schon erzeugt."
            )

    def _check_characters(self) -> None:
        if self.characters > self.limits.characters:
            raise TemplateLimitError(
                f"Die Vorlage erzeugt mehr als {_number(self.limits.characters)} Zeichen "
                "Text – vermutlich eine endlose oder viel zu große Wiederholung. Das Ausfüllen "
                "wurde abgebrochen."
            )

    def size_argument(self, value: Any, what: str) -> None:
        if isinstance(value, int) and abs(value) > self.limits.size_argument:
            raise TemplateLimitError(
                f"Die Zahl {_number(value)} ist für {what} zu groß (höchstens "
                f"{_number(self.limits.size_argument)})."
            )

    @contextlib.contextmanager
    def nested_call(self) -> Iterator[None]:
        self.depth += 1
        try:
            if self.depth > self.limits.call_depth:
                raise TemplateLimitError(
                    f"Makros, Blöcke oder Schleifen rufen sich mehr als "
                    f"{self.limits.call_depth} Mal ineinander auf – vermutlich ruft sich ein "
                    "Makro selbst auf."
                )
            yield
        finally:
            self.depth -= 1


def _number(value: int) -> str:
    """``1.000.000``: German digit grouping (a long number shown by its length)."""
    if abs(value) >= 10**30:
        return f"10^{len(str(abs(value))) - 1}"
    return f"{value:,}".replace(",", ".")


_ACTIVE: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "stellungnahme_template_budget", default=None
)


def _active() -> _Budget:
    budget = _ACTIVE.get()
    if budget is None:
        raise RuntimeError("template code runs outside HardenedSandbox.budget()")
    return budget


def _size(value: Any, known: dict[int, int] | None = None) -> int:
    """Characters ``value`` would print as: a list's items count with their own size.

    ``['x' * 90000] * 90000`` is a list of 90,000 references, cheap to build, but printing
    it (or ``pprint``, ``tojson``, ``string``) makes a text of 8.1 billion characters. Each
    distinct list is measured once (``known``), however often it is referred to.
    """
    if isinstance(value, str):
        return len(value)
    if isinstance(value, int):
        return value.bit_length() // 3 + 1  # at least its decimal digits
    if isinstance(value, float):
        return 24
    if not isinstance(value, list | tuple | dict):
        return 0
    known = {} if known is None else known
    if id(value) in known:
        return known[id(value)]
    known[id(value)] = 0
    items = value.items() if isinstance(value, dict) else ((item, None) for item in value)
    size = len(value) + sum(_size(a, known) + _size(b, known) for a, b in items)
    known[id(value)] = size
    return size


# --------------------------------------------------------------------------- compiling


def _static_characters(body: Iterable[nodes.Node]) -> int:
    """The template text a body prints each time it runs (its own, not nested bodies')."""
    return sum(
        len(child.data)
        for node in body
        if isinstance(node, nodes.Output)
        for child in node.nodes
        if isinstance(child, nodes.TemplateData)
    )


class _BudgetedCodeGenerator(CodeGenerator):
    """Jinja's code generator, counting every body that runs and every ``~`` result."""

    def blockvisit(self, nodes: Iterable[nodes.Node], frame: Frame) -> None:
        body = list(nodes)
        self.writeline(f"environment.count_body({_static_characters(body)})")
        super().blockvisit(body, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.count_result(")
        super().visit_Concat(node, frame)
        self.write(")")


class BudgetedTemplate(jinja2.Template):
    """A template that renders within its environment's budget (a new one unless one runs)."""

    environment: HardenedSandbox

    def render(self, *args: Any, **kwargs: Any) -> str:
        with self.environment.budget():
            return super().render(*args, **kwargs)

    def generate(self, *args: Any, **kwargs: Any) -> Iterator[str]:
        with self.environment.budget():
            yield from super().generate(*args, **kwargs)


# --------------------------------------------------------------------------- environment


class HardenedSandbox(ImmutableSandboxedEnvironment):
    """jinja2's immutable sandbox with the limits and refusals of the module docstring.

    ``finalize`` turns a printed value into its text (escaping for XML, for instance); the
    sandbox counts what it returns. ``limits`` apply to each rendering unless a caller opens
    a common :meth:`budget` for several (the parts of one Word document).
    """

    intercepted_binops = frozenset(_LIMITED_OPERATORS)
    code_generator_class = _BudgetedCodeGenerator
    template_class = BudgetedTemplate

    def __init__(
        self,
        *,
        limits: Limits,
        finalize: Callable[[Any], Any] = str,
        **options: Any,
    ) -> None:
        super().__init__(undefined=jinja2.StrictUndefined, finalize=_counting(finalize), **options)
        self.limits = limits
        del self.filters["safe"]
        del self.globals["lipsum"]
        for name, function in list(self.filters.items()):
            self.filters[name] = _budgeted_filter(name, function)

    # ----------------------------------------------------------------- the budget

    @contextlib.contextmanager
    def budget(self, limits: Limits | None = None) -> Iterator[None]:
        """Renderings inside share one budget: ``limits`` or the environment's."""
        if _ACTIVE.get() is not None:
            yield
            return
        token = _ACTIVE.set(_Budget(limits or self.limits))
        try:
            yield
        finally:
            _ACTIVE.reset(token)

    def count_body(self, static_characters: int) -> None:
        _active().step(static_characters)

    def count_result(self, value: Any) -> Any:
        _active().produce(_size(value))
        return value

    # ----------------------------------------------------------------- parsing

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        try:
            return super()._parse(source, name, filename)
        except RecursionError:
            raise jinja2.TemplateSyntaxError(
                "Ausdrücke sind zu tief ineinander verschachtelt", 1, name, filename
            ) from None

    # ----------------------------------------------------------------- refusals

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if isinstance(obj, _PLAIN_TYPES) and callable(value):
            allowed = next(
                (names for kind, names in ALLOWED_METHODS.items() if isinstance(obj, kind)),
                frozenset(),
            )
            return attr in allowed
        return True

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None or value.__name__ not in ALLOWED_METHODS[str]:
            return None  # format_map: refused by is_safe_attribute
        format_string = value.__self__

        @functools.wraps(wrapped)
        def checked(*args: Any, **kwargs: Any) -> str:
            _check_format_string(format_string, args, kwargs)
            return wrapped(*args, **kwargs)

        return checked

    def call(
        __self,  # jinja2's names: they cannot clash with the keyword arguments passed on
        __context: jinja2.runtime.Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        budget = _active()
        budget.step()
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str) and inspect.isroutine(__obj):
            _check_string_method(budget, owner, __obj.__name__, args, kwargs)
        if isinstance(__obj, Macro | LoopContext | BlockReference):
            with budget.nested_call():
                result = super().call(__context, __obj, *args, **kwargs)
        else:
            result = super().call(__context, __obj, *args, **kwargs)
        budget.produce(_size(result))
        return result

    def call_binop(
        self, context: jinja2.runtime.Context, operator_name: str, left: Any, right: Any
    ) -> Any:
        budget = _active()
        if operator_name == "*":
            _check_product(budget, left, right)
        elif operator_name == "**":
            _check_power(budget, left, right)
        elif operator_name == "%" and isinstance(left, str):
            _check_percent_format(budget, left, right)
        result = _LIMITED_OPERATORS[operator_name](left, right)
        budget.produce(_size(result))
        return result


def _counting(finalize: Callable[[Any], Any]) -> Callable[..., Any]:
    """``finalize`` that counts what it prints.

    It takes the evaluation context, so Jinja evaluates no printed expression when compiling:
    a constant like ``{{ 'x'|center(50000) }}`` in a loop is counted each time it is printed.
    """

    @jinja2.pass_eval_context
    def counted(_eval_context: Any, value: Any) -> Any:
        text = finalize(value)
        _active().produce(len(text))
        return text

    return counted


# --------------------------------------------------------------------------- checks


def _check_product(budget: _Budget, left: Any, right: Any) -> None:
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, str | list | tuple) and isinstance(count, int):
            size = _size(sequence) * max(count, 0)
            budget.refuse_larger_than_room(size, "Die Wiederholung (*)")
    if isinstance(left, int) and isinstance(right, int):
        bits = left.bit_length() + right.bit_length()
        if bits > budget.limits.integer_bits:
            raise TemplateLimitError("Das Produkt (*) ergäbe eine unvernünftig große Zahl.")


def _check_power(budget: _Budget, left: Any, right: Any) -> None:
    if (
        isinstance(left, int)
        and isinstance(right, int)
        and right > 0
        and max(left.bit_length(), 1) * right > budget.limits.integer_bits
    ):
        raise TemplateLimitError(
            f"Die Potenz (**) ergäbe eine unvernünftig große Zahl (Exponent {_number(right)})."
        )


def _check_percent_format(budget: _Budget, template: str, values: Any) -> None:
    arguments = values if isinstance(values, tuple) else (values,)
    specifications = 0
    for match in _PERCENT_SPEC_RE.finditer(template):
        specifications += 1
        for part in match.groups():
            if part == "*":
                for argument in arguments:
                    budget.size_argument(argument, "eine Breite im Format (%)")
            elif part:
                budget.size_argument(int(part), "eine Breite im Format (%)")
    largest = max((_size(item) for item in _format_values(values)), default=0)
    budget.refuse_larger_than_room(len(template) + specifications * largest, "Das Formatieren (%)")


def _format_values(values: Any) -> list[Any]:
    if isinstance(values, tuple):
        return list(values)
    if isinstance(values, dict):
        return list(values.values())
    return [values]


def _check_format_string(format_string: str, args: tuple, kwargs: dict) -> None:
    budget = _active()
    try:
        fields = list(string.Formatter().parse(format_string))
    except ValueError:
        return  # str.format reports the broken format itself
    for _literal, _name, spec, _conversion in fields:
        if not spec:
            continue
        if "{" in spec:
            for argument in (*args, *kwargs.values()):
                budget.size_argument(argument, "eine Breite im Format ({})")
        for digits in _DIGITS_RE.findall(spec):
            budget.size_argument(int(digits), "eine Breite im Format ({})")
    replaced = sum(1 for _literal, name, _spec, _conversion in fields if name is not None)
    largest = max((_size(item) for item in (*args, *kwargs.values())), default=0)
    budget.refuse_larger_than_room(
        len(format_string) + replaced * largest, "Das Formatieren (format)"
    )


def _check_string_method(budget: _Budget, text: str, name: str, args: tuple, kwargs: dict) -> None:
    if name in _WIDTH_METHODS and args:
        budget.size_argument(args[0], f"„{name}“")
    elif name == "replace" and len(args) >= 2:
        _check_replacement(budget, text, args[0], args[1], args[2] if len(args) > 2 else -1)
    elif name == "join" and args:
        budget.refuse_larger_than_room(_joined_size(text, args[0]), "Das Verbinden (join)")


def _check_replacement(budget: _Budget, text: Any, old: Any, new: Any, count: Any) -> None:
    if not isinstance(text, str) or not isinstance(old, str) or not isinstance(new, str):
        return
    occurrences = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        occurrences = min(occurrences, count)
    size = len(text) + occurrences * max(len(new) - len(old), 0)
    budget.refuse_larger_than_room(size, "Das Ersetzen (replace)")


def _joined_size(separator: Any, items: Any) -> int:
    """Length of ``separator.join(items)`` for a list (a generator's items count themselves)."""
    if not isinstance(items, list | tuple | str):
        return 0
    separator_length = len(separator) if isinstance(separator, str) else 0
    size = separator_length * max(len(items) - 1, 0)
    for item in items:
        size += len(item) if isinstance(item, str) else len(str(item))
    return size


def _budgeted_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` (a filter) with its arguments checked and its result counted."""
    passes_first = getattr(function, "jinja_pass_arg", None) is not None

    @functools.wraps(function)
    def budgeted(*args: Any, **kwargs: Any) -> Any:
        budget = _active()
        value, *arguments = args[1:] if passes_first else args
        if isinstance(value, range | list | tuple | dict):
            budget.step(count=len(value))  # the filter walks through them all (sum, sort …)
        _check_filter(budget, name, value, arguments, kwargs)
        result = function(*args, **kwargs)
        budget.produce(_size(result))
        return result

    return budgeted


def _check_filter(budget: _Budget, name: str, value: Any, arguments: list, kwargs: dict) -> None:
    if name in _SIZE_ARGUMENT_FILTERS:
        for argument in (*arguments, *kwargs.values()):
            budget.size_argument(argument, f"den Filter „{name}“")
    if name == "tojson":
        indent = kwargs.get("indent", arguments[0] if arguments else None)
        if isinstance(indent, int) and indent > 16:
            raise TemplateLimitError("Der Filter „tojson“ rückt höchstens 16 Zeichen ein.")
    elif name == "center" and arguments and isinstance(arguments[0], int):
        budget.refuse_larger_than_room(arguments[0], "Der Filter „center“")
    elif name == "indent" and isinstance(value, str):
        width = kwargs.get("width", arguments[0] if arguments else 4)
        width_length = len(width) if isinstance(width, str) else width
        if isinstance(width_length, int):
            lines = value.count("\n") + 1
            budget.refuse_larger_than_room(len(value) + lines * width_length, "Der Filter „indent“")
    elif name == "replace" and len(arguments) >= 2:
        count = kwargs.get("count", arguments[2] if len(arguments) > 2 else None)
        _check_replacement(budget, str(value), arguments[0], arguments[1], count)
    elif name == "join":
        separator = kwargs.get("d", arguments[0] if arguments else "")
        budget.refuse_larger_than_room(_joined_size(separator, value), "Der Filter „join“")
    elif name == "format" and isinstance(value, str):
        _check_percent_format(budget, value, tuple(arguments) or tuple(kwargs.values()))
    elif name == "sum":
        start = kwargs.get("start", arguments[1] if len(arguments) > 1 else 0)
        if not isinstance(start, int | float):
            raise TemplateLimitError("Der Filter „sum“ addiert nur Zahlen.")
