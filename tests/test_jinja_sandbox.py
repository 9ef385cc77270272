"""The one hardened Jinja sandbox: ordinary templates work, exhausting ones are refused fast."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import jinja2
import pytest
from jinja2.exceptions import SecurityError

from stellungnahme_app.jinja_sandbox import HardenedSandbox, Limits, TemplateLimitError


def _load_hostile_corpus() -> dict[str, str]:
    path = Path(__file__).parent / "fixtures" / "make_hostile_templates.py"
    spec = importlib.util.spec_from_file_location("make_hostile_templates", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.HOSTILE_JINJA


HOSTILE_JINJA = _load_hostile_corpus()
LIMITS = Limits()


def render(source: str, limits: Limits = LIMITS, **context: object) -> str:
    return HardenedSandbox(limits=limits).from_string(source).render(context)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "{{ 'ab' * 3 }}|{{ [1] * 2 }}|{{ 2 ** 10 }}|{{ 7 % 3 }}|{{ 'a' + 'b' }}",
            "ababab|[1, 1]|1024|1|ab",
        ),
        (
            "{{ name|center(8) }}|{{ name.ljust(5) }}.|{{ '{:>6}'.format(name) }}",
            "  Amt   |Amt  .|   Amt",
        ),
        (
            "{{ '%5s'|format(name) }}|{{ '%-5s.' % name }}|{{ name|replace('m', 'M') }}",
            "  Amt|Amt  .|AMt",
        ),
        (
            "{{ names|join(', ') }}|{{ '-'.join(names) }}|{{ [1, 2]|sum }}|{{ name|upper }}",
            "A, B|A-B|3|AMT",
        ),
        (
            "{% macro m(n) %}{% if n %}{{ n }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(5) }}",
            "54321",
        ),
        (
            "{% set ns = namespace(s='') %}{% for n in names %}{% set ns.s = ns.s ~ n %}"
            "{% endfor %}{{ ns.s }}|{{ labels.get('x') }}|{{ labels.items()|list }}",
            "AB|y|[('x', 'y')]",
        ),
        ("{% for n in names %}{{ loop.index }}{{ n }}{% else %}leer{% endfor %}", "1A2B"),
    ],
)
def test_ordinary_templates_work(source: str, expected: str) -> None:
    assert render(source, name="Amt", names=["A", "B"], labels={"x": "y"}) == expected


@pytest.mark.timeout(30)
@pytest.mark.parametrize("name", sorted(HOSTILE_JINJA))
def test_hostile_templates_are_refused_within_seconds(name: str) -> None:
    started = time.monotonic()
    with pytest.raises(
        (TemplateLimitError, SecurityError, jinja2.TemplateSyntaxError, jinja2.UndefinedError)
    ) as raised:
        render(HOSTILE_JINJA[name])
    assert time.monotonic() - started < 10
    message = str(raised.value.message if hasattr(raised.value, "message") else raised.value)
    assert message


@pytest.mark.timeout(30)
def test_the_deadline_stops_a_slow_rendering() -> None:
    slow = Limits(seconds=0.2, steps=10**9)
    started = time.monotonic()
    with pytest.raises(TemplateLimitError, match=r"länger als 0\.2 Sekunden"):
        render(HOSTILE_JINJA["leere-schleifen"], slow)
    assert time.monotonic() - started < 5


def test_limits_messages_are_german() -> None:
    with pytest.raises(TemplateLimitError, match="durchläuft Schleifen"):
        render(HOSTILE_JINJA["leere-schleifen"])
    with pytest.raises(TemplateLimitError, match=r"ergäbe einen Text von etwa 1\.000\.000\.000"):
        render(HOSTILE_JINJA["wiederholung"])
    for name in ("makro-ruft-sich-selbst", "rekursive-schleife", "block-ruft-sich-selbst"):
        with pytest.raises(TemplateLimitError, match="ruft sich ein Makro selbst auf"):
            render(HOSTILE_JINJA[name])
    with pytest.raises(TemplateLimitError, match=r"mehr als 1\.000 Zeichen"):
        render("{% for i in range(2000) %}x{% endfor %}", Limits(characters=1000))


def test_a_shared_budget_counts_several_renderings() -> None:
    environment = HardenedSandbox(limits=Limits(characters=1000))
    template = environment.from_string("{{ 'x' * 400 }}")
    assert len(template.render()) == 400
    assert len(template.render()) == 400  # each rendering has its own budget …
    with (
        environment.budget(Limits(characters=1000)),
        pytest.raises(TemplateLimitError),
    ):
        for _ in range(3):  # … unless they share one, like the parts of a document
            template.render()


def test_constant_text_printed_by_a_loop_counts_each_time() -> None:
    """61 characters a pass: the filter's result and its printing count, and the text."""
    source = "{% for i in range(100) %}{{ 'x'|center(50) }}static text{% endfor %}"
    assert len(render(source, Limits(characters=100 * 111))) == 100 * 61
    with pytest.raises(TemplateLimitError):
        render(source, Limits(characters=100 * 111 - 50))


@pytest.mark.parametrize(
    "source",
    [
        "{{ names.append(1) }}",
        "{{ labels.update({'a': 1}) }}",
        "{{ name.encode('utf-8') }}",
        "{{ name.translate({97: 'b'}) }}",
        "{{ name.expandtabs(100) }}",
        "{{ name.format_map({}) }}",
        "{{ name.__class__ }}",
        "{{ name|safe }}",
    ],
)
def test_methods_outside_the_list_are_refused(source: str) -> None:
    with pytest.raises((SecurityError, jinja2.TemplateAssertionError)):
        render(source, name="Erfurt", names=[], labels={})
