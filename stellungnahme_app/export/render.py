"""Render a draft into the bytes of a .docx file, without checking the draft's content.

The template (bundled or the administrator's) is read once per process and file version and
statically checked (:mod:`.template_check`): a template with errors — unknown or missing
placeholders, access to Python internals, broken syntax — is refused before it is filled.
The program lays out the draft's lists and tables in the filled document (:mod:`.structures`);
the document properties are set from plain values after rendering.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from pathlib import Path

from stellungnahme_app import paths
from stellungnahme_app.errors import TemplateError
from stellungnahme_app.export import context as ctx
from stellungnahme_app.export import engine, structures
from stellungnahme_app.export.template_check import static_problems
from stellungnahme_app.model import Draft
from stellungnahme_app.rules import Severity

BUNDLED_TEMPLATE_NAME = "stellungnahme.docx"
MAX_PROPERTY_LENGTH = 255  # python-docx's (and Word's) limit for text properties

_cache_lock = threading.Lock()
_checked: dict[tuple[str, int, int], engine.LoadedTemplate] = {}


def bundled_template() -> Path:
    """The template shipped with the program."""
    return paths.templates_dir() / BUNDLED_TEMPLATE_NAME


def checked_template(path: Path | None) -> engine.LoadedTemplate:
    """Read and statically check a template; cached until the file changes."""
    path = Path(path) if path is not None else bundled_template()
    try:
        stat = path.stat()
        key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = None
    if key is not None:
        with _cache_lock:
            if key in _checked:
                return _checked[key]
    loaded = engine.read_template(path)
    errors = [p for p in static_problems(loaded) if p.severity is Severity.ERROR]
    if errors:
        listing = "\n".join(f"– {p}" for p in errors)
        raise TemplateError(
            f"Die Vorlage „{path.name}“ kann nicht verwendet werden:\n{listing}\n"
            f"(Prüfen mit: stellungnahme template-check „{path}“)"
        )
    if key is not None:
        with _cache_lock:
            _checked[key] = loaded
    return loaded


def render_docx_bytes(
    draft: Draft,
    *,
    draft_mode: bool = False,
    template: Path | None = None,
    created: dt.datetime | None = None,
) -> bytes:
    """The finished .docx for ``draft`` as bytes; the rules are not consulted."""
    loaded = checked_template(template)
    context = ctx.build_context(draft, draft_mode=draft_mode)
    filled = engine.fill(loaded.data, context, name=loaded.path.name)
    structures.lay_out(filled.docx, context)
    set_properties(filled, draft, created or dt.datetime.now(dt.UTC))
    buffer = io.BytesIO()
    filled.save(buffer)
    return buffer.getvalue()


def property_text(value: str) -> str:
    """A one-line property value that Word accepts (at most 255 characters)."""
    flat = " ".join(ctx.one_line(value).split())
    if len(flat) > MAX_PROPERTY_LENGTH:
        flat = flat[: MAX_PROPERTY_LENGTH - 1] + "…"
    return flat


def set_properties(filled: engine.StnDocxTemplate, draft: Draft, created: dt.datetime) -> None:
    """Title, author, dates and the other core properties, from plain values."""
    properties = filled.docx.core_properties
    author = property_text(draft.signature.name) or property_text(draft.department)
    number = property_text(draft.document_number)
    # python-docx writes the time as UTC; a naive time is taken as local time.
    stamp = created.astimezone(dt.UTC).replace(tzinfo=None)
    properties.title = property_text(ctx.properties_title(draft))
    properties.author = author
    properties.last_modified_by = author
    properties.subject = property_text(f"Drucksache {number}" if number else "")
    properties.keywords = property_text(
        "Stellungnahme" + (f"; Drucksache {number}" if number else "")
    )
    properties.category = "Stellungnahme"
    properties.comments = ""
    properties.language = "de-DE"
    properties.revision = 1
    properties.created = stamp
    properties.modified = stamp
