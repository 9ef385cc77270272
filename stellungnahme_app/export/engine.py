"""The template engine: docxtpl filling a Word template inside a Jinja sandbox.

User text is data, never template code: it reaches the template only as values of the
context, Jinja escapes it for XML (``autoescape``), and :func:`finalize` additionally writes
``{`` and ``}`` as character references so that docxtpl's brace clean-up (``{_{`` → ``{{``)
cannot touch it. The filter ``safe`` is removed, so no template can print user text as XML.
Templates run in the program's :class:`~stellungnahme_app.jinja_sandbox.HardenedSandbox`
with :class:`~jinja2.StrictUndefined`: a template reaching for Python internals, naming an
unknown placeholder or exceeding the limits of :data:`EXPORT_LIMITS` (an endless loop, a
gigabyte of text) fails with a German :class:`TemplateFillError` instead of printing
something wrong or hanging.

docxtpl's ``resolve_listing`` turns ``\\n`` into a line break and ``\\t`` into a tab inside
every text run, which is what the form wants; :func:`stellungnahme_app.text.clean` has
already removed the other characters it would interpret (``\\a``, ``\\f``).

Two passes of docxtpl cost time without changing anything on an unchanged template:
``patch_xml`` (regexes over the whole part, the same result for the same template XML) is
cached by the XML it gets, and ``resolve_listing`` is skipped when the filled XML holds none
of the characters it replaces – the output stays byte for byte the same.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.part import XmlPart
from docx.oxml.parser import element_class_lookup
from docxtpl import DocxTemplate
from lxml import etree
from markupsafe import Markup, escape

from stellungnahme_app.errors import TemplateError
from stellungnahme_app.export.structures import StructuredText
from stellungnahme_app.fileio import FileReadError, read_bytes
from stellungnahme_app.jinja_sandbox import HardenedSandbox, Limits, TemplateLimitError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W_NS + "}"
FOOTNOTES_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
)
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
# Checked on the archive's directory before anything is unpacked (zipfile stops at the sizes
# stated there). The bundled template unpacks to 65 KB; Word's parts pack at most ~1:30.
MAX_UNPACKED_TEMPLATE_BYTES = 100 * 1024 * 1024
MAX_TEMPLATE_PARTS = 5_000
MAX_COMPRESSION_RATIO = 200
_RATIO_CHECKED_FROM_BYTES = 1024 * 1024
# The filled XML is the program's own output; a paragraph the clerk typed may exceed lxml's
# 10 MB limit for one text, which guards against hostile input, not against our own output.
_FILLED_BODY_PARSER = etree.XMLParser(huge_tree=True, resolve_entities=False)
_FILLED_PART_PARSER = etree.XMLParser(
    huge_tree=True, resolve_entities=False, remove_blank_text=True
)
_FILLED_PART_PARSER.set_element_class_lookup(element_class_lookup)
_TAG_RE = re.compile(r"<[^>]+>")
_PARAGRAPH_START_RE = re.compile(r"<w:p([ >])")


def finalize(value: Any) -> Markup:
    """Turn a printed value into XML text: escaped, braces as character references.

    A list or table of the draft's text (:class:`StructuredText`) is framed by its export's
    markers, so that :func:`.structures.lay_out` can find the paragraph it fills.
    """
    if value is None:
        return Markup("")
    escaped = value if isinstance(value, Markup) else escape(str(value))
    xml_text = str(escaped).replace("{", "&#123;").replace("}", "&#125;")
    if isinstance(value, StructuredText):
        xml_text = value.framed(xml_text)
    return Markup(xml_text)


#: What filling one document may use, for a draft without text; :func:`limits_for` adds
#: what the draft's text needs.
EXPORT_LIMITS = Limits(seconds=20.0, steps=1_000_000, characters=20_000_000, call_depth=40)


def make_environment() -> HardenedSandbox:
    """The Jinja environment every template runs in (XML, autoescape, no ``safe``)."""
    return HardenedSandbox(autoescape=True, finalize=finalize, limits=EXPORT_LIMITS)


def limits_for(context: dict[str, Any]) -> Limits:
    """:data:`EXPORT_LIMITS` grown with the draft's text, so no draft the exchange format can
    hold is refused, however large: six characters per character of text (escaping for XML
    turns ``"`` into ``&quot;``), a step per ten characters (a paragraph of one word is a
    pass through a loop) and a second per two million characters (a 50 MB draft takes ten).
    """
    text = _text_length(context)
    return replace(
        EXPORT_LIMITS,
        characters=EXPORT_LIMITS.characters + 6 * text,
        steps=EXPORT_LIMITS.steps + text // 10,
        seconds=EXPORT_LIMITS.seconds + text / 2_000_000,
    )


def _text_length(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(_text_length(item) for item in value.values())
    if isinstance(value, list | tuple):
        return sum(_text_length(item) for item in value)
    return 0


ENVIRONMENT = make_environment()


# The characters docxtpl's resolve_listing turns into Word markup.
_LISTING_CHARACTERS = ("\t", "\a", "\n", "\f")


@functools.lru_cache(maxsize=32)
def _patched(src_xml: str) -> str:
    """docxtpl's ``patch_xml`` (which uses nothing of its template object) for one part."""
    return DocxTemplate.patch_xml(None, src_xml)  # type: ignore[arg-type]


@functools.lru_cache(maxsize=32)
def _compile(source: str) -> jinja2.Template:
    """Compile one part's XML; cached because the same template is filled again and again."""
    return ENVIRONMENT.from_string(source)


class TemplateFillError(TemplateError):
    """The template could not be filled; ``location`` says where (part and paragraph)."""

    def __init__(self, reason: str, location: str = "", *, template_name: str = "") -> None:
        where = f" ({location})" if location else ""
        prefix = f"Die Vorlage „{template_name}“" if template_name else "Die Vorlage"
        super().__init__(f"{prefix} kann nicht verwendet werden{where}: {reason}")
        self.reason = reason
        self.location = location


# --------------------------------------------------------------------------- locations


def part_label(partname: str) -> str:
    """German name of a part: ``Haupttext``, ``Kopfzeile (header1.xml)``, …"""
    file_name = partname.rsplit("/", 1)[-1]
    if file_name.startswith("document"):
        return "Haupttext"
    if file_name.startswith("header"):
        return f"Kopfzeile ({file_name})"
    if file_name.startswith("footer"):
        return f"Fußzeile ({file_name})"
    if file_name.startswith("footnotes"):
        return "Fußnoten"
    return file_name


def split_paragraph_lines(patched_xml: str) -> str:
    """docxtpl's form of a part's XML for Jinja: each paragraph starts a new line."""
    return _PARAGRAPH_START_RE.sub(r"\n<w:p\1", patched_xml)


def describe_location(part: str, source: str, lineno: int | None) -> str:
    """``Haupttext, Absatz „…“``: the part and the text of the paragraph at ``lineno``."""
    if not lineno:
        return part
    lines = source.splitlines()
    index = min(max(lineno - 1, 0), len(lines) - 1) if lines else 0
    for candidate in range(index, -1, -1):
        paragraph = " ".join(_TAG_RE.sub("", lines[candidate]).split()) if lines else ""
        if paragraph:
            if len(paragraph) > 90:
                paragraph = paragraph[:87] + "…"
            return f"{part}, Absatz „{paragraph}“"
    return part


def template_lineno(error: BaseException) -> int | None:
    """The line in the template source where a Jinja error happened, if known."""
    lineno = getattr(error, "lineno", None)
    if lineno:
        return int(lineno)
    traceback: TracebackType | None = error.__traceback__
    found = None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == "<template>":
            found = traceback.tb_lineno
        traceback = traceback.tb_next
    return found


def explain_jinja_error(error: Exception) -> str:
    """A German sentence for what went wrong in the template."""
    if isinstance(error, TemplateLimitError):
        return error.message or ""
    if isinstance(error, RecursionError):
        return (
            "Makros oder Schleifen rufen sich zu tief ineinander auf – vermutlich ruft sich ein "
            "Makro selbst auf."
        )
    if isinstance(error, MemoryError):
        return "Das Ausfüllen braucht mehr Speicher, als der Rechner hat."
    if isinstance(error, jinja2.exceptions.SecurityError):
        return (
            "Sie versucht, auf interne Daten des Programms zuzugreifen "
            f"({error}). Aus Sicherheitsgründen wird sie nicht verwendet."
        )
    if isinstance(error, jinja2.exceptions.UndefinedError):
        return (
            f"Sie verwendet einen Platzhalter, den das Programm nicht kennt ({error}). "
            "Bitte prüfen Sie die Schreibweise (stellungnahme template-check zeigt alle "
            "verfügbaren Namen)."
        )
    if isinstance(error, jinja2.exceptions.TemplateSyntaxError):
        return (
            f"Die Platzhalter-Syntax ist fehlerhaft ({error.message}). Bitte prüfen Sie die "
            "Klammern {{ … }} und {% … %}."
        )
    if isinstance(error, SyntaxError) and not isinstance(error, etree.XMLSyntaxError):
        return (
            f"Die Platzhalter lassen sich nicht übersetzen ({error.msg}); vermutlich hat ein "
            "Makro zwei gleichnamige Parameter."
        )
    if isinstance(error, etree.XMLSyntaxError):
        return (
            "Die Platzhalter zerschneiden die Struktur des Word-Dokuments (z. B. ein {% if %}, "
            "das in einem anderen Absatz oder einer anderen Tabellenzelle endet, als es "
            "beginnt). Bitte verwenden Sie {%p …%} oder {%tr …%} für Anweisungen über "
            "Absätze und Tabellenzeilen hinweg."
        )
    return f"Beim Ausfüllen trat ein Fehler auf ({type(error).__name__}: {error})."


# --------------------------------------------------------------------------- docxtpl


class StnDocxTemplate(DocxTemplate):
    """docxtpl with our sandbox, strict XML, repaired tables and no property templates."""

    def __init__(self, data: bytes, name: str = "") -> None:
        super().__init__(io.BytesIO(data))
        self.template_name = name
        self.rendering_source = ""

    def patch_xml(self, src_xml: str) -> str:
        return _patched(src_xml)

    def resolve_listing(self, xml: str) -> str:
        if not any(character in xml for character in _LISTING_CHARACTERS):
            return xml  # nothing to resolve: docxtpl's pass would return it unchanged
        return str(super().resolve_listing(xml))

    def render_xml_part(
        self, src_xml: str, part: Any, context: dict[str, Any], jinja_env: Any = None
    ) -> str:
        source = split_paragraph_lines(src_xml)
        self.current_rendering_part = part
        self.rendering_source = source
        template = _compile(source)
        rendered = template.render(context)
        rendered = re.sub(r"\n<w:p([ >])", r"<w:p\1", rendered)
        # docxtpl's escape for literal braces in a template; user text cannot contain these
        # sequences any more because finalize() wrote its braces as &#123; / &#125;.
        rendered = (
            rendered.replace("{_{", "{{")
            .replace("}_}", "}}")
            .replace("{_%", "{%")
            .replace("%_}", "%}")
        )
        return self.resolve_listing(rendered)

    def render_properties(self, context: dict[str, Any], jinja_env: Any = None) -> None:
        """Document properties are set from plain values after rendering, never as templates."""

    def fix_tables(self, xml: str) -> etree._Element:
        # strict: a broken result is an error
        tree = etree.fromstring(xml.encode("utf-8"), _FILLED_BODY_PARSER)
        _repair_tables(tree)
        return tree

    def map_headers_footers_xml(self, relKey: str, xml: bytes) -> None:
        """docxtpl's replacement of a header or footer, parsed without lxml's size limit."""
        part = self.docx._part.rels[relKey].target_part
        element = etree.fromstring(xml, _FILLED_PART_PARSER)
        new_part = XmlPart(part.partname, part.content_type, element, part.package)
        for rel in part.rels.values():
            new_part.load_rel(rel.reltype, rel._target, rel.rId, rel.is_external)
        self.docx._part.rels[relKey]._target = new_part

    def parts_for_check(self) -> Iterator[tuple[str, str]]:
        """(German part name, XML as docxtpl hands it to Jinja) for every templated part."""
        self.init_docx()
        document = self.docx
        yield "Haupttext", split_paragraph_lines(self.patch_xml(self.get_xml()))
        for uri in (self.HEADER_URI, self.FOOTER_URI):
            for _rel_id, part in self.get_headers_footers(uri):
                xml = self.patch_xml(self.get_part_xml(part))
                yield part_label(str(part.partname)), split_paragraph_lines(xml)
        for part in document.part.package.parts:
            if part.content_type == FOOTNOTES_CONTENT_TYPE:
                blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
                yield part_label(str(part.partname)), split_paragraph_lines(self.patch_xml(blob))


def _repair_tables(tree: etree._Element) -> None:
    """Keep the document valid when loops leave a table without rows or a cell empty."""
    for table in list(tree.iter(_W + "tbl")):
        if table.find(_W + "tr") is None:
            parent = table.getparent()
            index = parent.index(table)
            parent.remove(table)
            if parent.tag == _W + "tc" and parent.find(_W + "p") is None:
                parent.insert(index, etree.Element(_W + "p"))
            continue
        # Every column of docxtpl's column loops needs a grid entry.
        grid = table.find(_W + "tblGrid")
        widest_row = max(len(row.findall(_W + "tc")) for row in table.iter(_W + "tr"))
        if grid is not None and len(grid.findall(_W + "gridCol")) < widest_row:
            for _ in range(widest_row - len(grid.findall(_W + "gridCol"))):
                etree.SubElement(grid, _W + "gridCol")
    for cell in tree.iter(_W + "tc"):
        children = [child for child in cell if child.tag != _W + "tcPr"]
        if not children or children[-1].tag != _W + "p":
            cell.append(etree.Element(_W + "p"))


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class LoadedTemplate:
    path: Path
    data: bytes


def read_template(path: Path) -> LoadedTemplate:
    """Read a .docx template, with a German :class:`TemplateError` for every way it fails."""
    try:
        data = read_bytes(path, max_bytes=MAX_TEMPLATE_BYTES, subject="Die Vorlage")
    except FileReadError as error:
        raise TemplateError(error.message) from None
    name = path.name
    verify_docx(data, name)
    return LoadedTemplate(path, data)


def verify_docx(data: bytes, name: str) -> None:
    """Raise a German :class:`TemplateError` unless ``data`` is a readable Word document."""
    not_word = (
        f"Die Vorlage „{name}“ ist keine Word-Datei im .docx-Format. Bitte speichern Sie sie "
        "in Word über „Speichern unter“ als „Word-Dokument (*.docx)“."
    )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise TemplateError(not_word)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_unpacked_size(archive.infolist(), name)
        StnDocxTemplate(data, name).init_docx()
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise TemplateError(f"{not_word} ({type(error).__name__})") from None
    except (RuntimeError, NotImplementedError):
        # zipfile: an encrypted part, or one packed with a method such as Deflate64
        raise TemplateError(
            f"{not_word} (Teile der Datei sind verschlüsselt oder mit einem unbekannten "
            "Verfahren gepackt)"
        ) from None
    except etree.XMLSyntaxError:
        raise TemplateError(
            f"Die Vorlage „{name}“ ist beschädigt (ungültiges XML). Bitte verwenden Sie eine "
            "andere Vorlage oder lassen Sie die Standardvorlage wiederherstellen."
        ) from None


def check_unpacked_size(members: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse a template that would unpack to far more than any Word template (a zip bomb)."""
    built = (
        "So ist keine Word-Vorlage gebaut; vermutlich ist die Datei beschädigt oder absichtlich "
        "so hergestellt („Zip-Bombe“). Bitte verwenden Sie eine andere Vorlage."
    )
    if len(members) > MAX_TEMPLATE_PARTS:
        raise TemplateError(
            f"Die Vorlage „{name}“ besteht aus {len(members)} Teilen (höchstens "
            f"{MAX_TEMPLATE_PARTS}). {built}"
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_TEMPLATE_BYTES:
        raise TemplateError(
            f"Die Vorlage „{name}“ wäre entpackt {unpacked // (1024 * 1024)} MB groß "
            f"(höchstens {MAX_UNPACKED_TEMPLATE_BYTES // (1024 * 1024)} MB). {built}"
        )
    for member in members:
        if (
            member.file_size >= _RATIO_CHECKED_FROM_BYTES
            and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
        ):
            ratio = member.file_size // max(member.compress_size, 1)
            raise TemplateError(
                f"Der Teil „{member.filename}“ der Vorlage „{name}“ ist {ratio}-fach "
                f"verdichtet (Word-Dokumente höchstens etwa 30-fach). {built}"
            )


def fill(data: bytes, context: dict[str, Any], *, name: str = "") -> StnDocxTemplate:
    """Render the template ``data`` with ``context``; :class:`TemplateFillError` on failure."""
    template = StnDocxTemplate(data, name)
    limits = limits_for(context)
    try:
        with ENVIRONMENT.budget(limits):
            template.render(context, jinja_env=ENVIRONMENT, autoescape=True)
    except (
        jinja2.TemplateError,
        etree.XMLSyntaxError,
        SyntaxError,  # Python refuses the code Jinja made (a macro with two equal parameters)
        AssertionError,  # raised by some of Jinja's filters (truncate) for bad arguments
        AttributeError,  # a filter given the wrong kind of value (xmlattr of a text)
        TypeError,
        ValueError,
        LookupError,
        ArithmeticError,
        RecursionError,
        MemoryError,
    ) as error:
        part = template.current_rendering_part
        location = ""
        if part is not None:
            location = describe_location(
                part_label(str(part.partname)), template.rendering_source, template_lineno(error)
            )
        raise TemplateFillError(explain_jinja_error(error), location, template_name=name) from error
    return template
