"""The Jinja sandbox the templates run in: user values stay text, internals stay closed."""

from __future__ import annotations

import io
import zipfile

import jinja2
import pytest
from docxtpl import DocxTemplate
from markupsafe import Markup

from stellungnahme_app.export.context import build_context
from stellungnahme_app.export.engine import (
    ENVIRONMENT,
    EXPORT_LIMITS,
    StnDocxTemplate,
    _patched,
    describe_location,
    finalize,
    limits_for,
    part_label,
)
from stellungnahme_app.export.render import bundled_template
from stellungnahme_app.model import Draft


def render(source: str, **context: object) -> str:
    return ENVIRONMENT.from_string(source).render(context)


def test_values_are_escaped_for_xml_and_braces_written_as_references() -> None:
    assert render("{{ v }}", v="<a> & \"b\" 'c' {_{ }_}") == (
        "&lt;a&gt; &amp; &#34;b&#34; &#39;c&#39; &#123;_&#123; &#125;_&#125;"
    )


def test_slicing_and_filters_work_on_the_plain_value() -> None:
    assert render("{{ v[:3] }}|{{ v|upper }}|{{ vs|join(', ') }}", v="<&>x", vs=["{", "<"]) == (
        "&lt;&amp;&gt;|&lt;&amp;&gt;X|&#123;, &lt;"
    )


def test_turning_autoescape_off_does_not_let_user_text_through() -> None:
    assert render("{% autoescape false %}{{ v }}{% endautoescape %}", v="<w:br/>") == (
        "&lt;w:br/&gt;"
    )


def test_no_safe_filter() -> None:
    with pytest.raises(jinja2.TemplateAssertionError, match="safe"):
        render("{{ v|safe }}", v="<w:br/>")


def test_none_prints_nothing() -> None:
    assert render("[{{ v }}]", v=None) == "[]"
    assert finalize(Markup("<b>")) == Markup("<b>")


@pytest.mark.parametrize(
    "source",
    [
        "{{ cycler.__init__.__globals__ }}",
        "{{ ''.__class__.__mro__ }}",
        "{{ v|attr('__class__') }}",
        "{% if v.__class__ %}x{% endif %}",
    ],
)
def test_internals_raise_a_security_error(source: str) -> None:
    with pytest.raises(jinja2.exceptions.SecurityError):
        render(source, v="x")


def test_unknown_names_raise() -> None:
    with pytest.raises(jinja2.UndefinedError):
        render("{{ unbekannt }}")


def test_part_labels() -> None:
    assert part_label("/word/document.xml") == "Haupttext"
    assert part_label("/word/header2.xml") == "Kopfzeile (header2.xml)"
    assert part_label("/word/footer1.xml") == "Fußzeile (footer1.xml)"


def test_location_is_the_text_of_the_paragraph() -> None:
    source = "<w:body>\n<w:p><w:r><w:t>Titel: </w:t></w:r><w:r><w:t>{{ title }</w:t></w:r></w:p>"
    assert describe_location("Haupttext", source, 2) == "Haupttext, Absatz „Titel: {{ title }“"
    assert describe_location("Haupttext", source, None) == "Haupttext"
    long_source = "\n<w:p><w:t>" + "x" * 200 + "</w:t></w:p>"
    assert describe_location("Haupttext", long_source, 2).endswith("x…“")


def test_the_limits_grow_with_the_drafts_text() -> None:
    """A 10 MB draft gets 60 MB more characters, a million more steps and five seconds."""
    small = limits_for(build_context(Draft()))
    large = limits_for(build_context(Draft(conclusion="x" * 10_000_000)))
    assert small.characters >= EXPORT_LIMITS.characters
    assert large.characters - small.characters == 60_000_000
    assert large.steps - small.steps == 1_000_000
    assert large.seconds - small.seconds == pytest.approx(5.0)


class _DocxtplPasses(StnDocxTemplate):
    """The program's template with docxtpl's own, uncached ``patch_xml`` and unskipped
    ``resolve_listing``: what the output must equal byte for byte."""

    patch_xml = DocxTemplate.patch_xml
    resolve_listing = DocxTemplate.resolve_listing


def _filled_parts(template: StnDocxTemplate, draft: Draft) -> dict[str, bytes]:
    template.render(build_context(draft), jinja_env=ENVIRONMENT, autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("line_breaks", [False, True])
def test_cached_and_skipped_passes_leave_the_document_byte_for_byte_the_same(
    reference_draft: Draft, line_breaks: bool
) -> None:
    draft = reference_draft.copy()
    draft.conclusion = "Erste Zeile\nzweite Zeile\tmit Tab" if line_breaks else "Ein Satz."
    data = bundled_template().read_bytes()
    expected = _filled_parts(_DocxtplPasses(data), draft)
    for _export in range(2):  # the second one with patch_xml from the cache
        hits = _patched.cache_info().hits
        assert _filled_parts(StnDocxTemplate(data), draft) == expected
    assert _patched.cache_info().hits > hits
    assert (b"<w:br/>" in expected["word/document.xml"]) is line_breaks
