"""What in a Word template points outside the office: linked files, pictures, templates, fields.

A .docx can make Word – and LibreOffice during the PDF export – fetch things from elsewhere:
a relationship with ``TargetMode="External"`` in any part (the attached template in
``settings.xml.rels``, a linked picture ``r:link``, an OLE link, a sub-document, a frame, a
hyperlink to a file share), the field codes ``INCLUDEPICTURE``, ``INCLUDETEXT``, ``LINK``,
``DDE``, ``DDEAUTO``, ``IMPORT`` and ``INCLUDE``, ``w:altChunk`` (another document imported
when opened) and VML pictures with ``o:href``/``src``. Each is an :class:`ExternalTarget`;
the template check reports them, and a template with any of them is refused – a document
that leaves the office must not point outside it, and opening a link to ``\\\\server`` alone
hands the user's Windows credentials to that server.

Refused rather than removed: removing them would silently change what the administrator
built (a picture would vanish, a field stop updating) and could leave references Word
calls damage; the message names part and target so the template is fixed once. The one
exception is a plain web or e-mail hyperlink (``http``, ``https``, ``mailto``): nothing fetches
it, it opens only when a reader clicks it, so it is kept and only mentioned.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
VML_OFFICE_NS = "urn:schemas-microsoft-com:office:office"
VML_NS = "urn:schemas-microsoft-com:vml"
_W = "{" + W_NS + "}"
_SAFE_LINK_RE = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)
_FIELD_RE = re.compile(
    r"^\s*(INCLUDEPICTURE|INCLUDETEXT|LINK|DDEAUTO|DDE|IMPORT|INCLUDE|HYPERLINK)\b(.*)",
    re.IGNORECASE | re.DOTALL,
)
_FIELD_TARGET_RE = re.compile(r'"([^"]*)"|(\S+)')
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

_KINDS = {
    "attachedTemplate": "eine verbundene Dokumentvorlage",
    "image": "ein verknüpftes Bild",
    "hyperlink": "ein Link",
    "oleObject": "ein verknüpftes Objekt (OLE)",
    "package": "ein verknüpftes eingebettetes Dokument",
    "subDocument": "ein Filialdokument",
    "frame": "ein Rahmen mit fremdem Inhalt",
    "aFChunk": "ein fremdes Dokument (w:altChunk), das Word beim Öffnen einfügt",
}
_FIELD_KINDS = {
    "INCLUDEPICTURE": "ein Feld, das ein Bild von dort lädt (INCLUDEPICTURE)",
    "INCLUDETEXT": "ein Feld, das Text von dort lädt (INCLUDETEXT)",
    "INCLUDE": "ein Feld, das Text von dort lädt (INCLUDE)",
    "IMPORT": "ein Feld, das ein Bild von dort lädt (IMPORT)",
    "LINK": "ein Feld, das ein Objekt von dort verknüpft (LINK)",
    "DDE": "ein Feld, das Daten aus einem Programm holt (DDE)",
    "DDEAUTO": "ein Feld, das Daten aus einem Programm holt (DDEAUTO)",
    "HYPERLINK": "ein Link-Feld",
}


@dataclass(frozen=True)
class ExternalTarget:
    """One thing in ``part`` that points to ``target`` outside the document."""

    part: str
    kind: str
    target: str
    allowed: bool = False

    def describe(self) -> str:
        """German sentence for the template check (which names the part beside it)."""
        if self.allowed:
            return (
                f"Die Vorlage enthält einen Link auf „{self.target}“. Er bleibt im Dokument, "
                "wird aber nur geöffnet, wenn jemand darauf klickt."
            )
        what = (
            f"verweist auf „{self.target}“ außerhalb des Dokuments ({self.kind})"
            if self.target
            else f"enthält {self.kind}"
        )
        return (
            f"Die Vorlage {what}. Word oder LibreOffice greifen darauf zu (beim Öffnen, bei "
            "der PDF-Ausgabe oder auf einen Klick), und ein Dokument, das das Haus verlässt, "
            "darf nicht nach außen zeigen. Bitte entfernen Sie die Verknüpfung in Word "
            "(Bilder und Texte eingebettet einfügen, Felder in Text umwandeln: "
            "Strg+Umschalt+F9) und speichern Sie die Vorlage erneut."
        )


def external_targets(data: bytes) -> list[ExternalTarget]:
    """Everything in the .docx ``data`` that points outside it, in part order."""
    found: list[ExternalTarget] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.infolist():
            name = member.filename
            if name.endswith(".rels"):
                found += _external_relationships(name, archive.read(member))
            elif name.endswith(".xml") and name.startswith("word/"):
                found += _external_content(name, archive.read(member))
    return found


def _parse(data: bytes) -> etree._Element | None:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        return None  # a damaged part is reported by the template's other checks


def _source_part(rels_name: str) -> str:
    """``word/_rels/settings.xml.rels`` → ``word/settings.xml``; the package's own → ``Paket``."""
    folder, file_name = posixpath.split(rels_name)
    parent = posixpath.dirname(folder)
    source = posixpath.join(parent, file_name.removesuffix(".rels"))
    return source or "Paket"


def _external_relationships(name: str, data: bytes) -> Iterator[ExternalTarget]:
    tree = _parse(data)
    if tree is None:
        return
    for relationship in tree.iter("{" + RELATIONSHIPS_NS + "}Relationship"):
        if relationship.get("TargetMode", "").lower() != "external":
            continue
        target = relationship.get("Target", "")
        kind_name = relationship.get("Type", "").rsplit("/", 1)[-1]
        kind = _KINDS.get(kind_name, f"eine Verknüpfung vom Typ „{kind_name}“")
        allowed = kind_name == "hyperlink" and bool(_SAFE_LINK_RE.match(target))
        if kind_name == "hyperlink" and not allowed:
            kind = "ein Link auf eine Datei oder Freigabe"
        yield ExternalTarget(_source_part(name), kind, target, allowed)


def _field_codes(tree: etree._Element) -> Iterator[str]:
    """The code of every field: ``w:fldSimple``'s ``w:instr`` and complex fields' runs."""
    for simple in tree.iter(_W + "fldSimple"):
        yield simple.get(_W + "instr", "")
    open_fields: list[list[str]] = []
    for node in tree.iter(_W + "fldChar", _W + "instrText"):
        if node.tag == _W + "instrText":
            if open_fields:
                open_fields[-1].append(node.text or "")
            continue
        kind = node.get(_W + "fldCharType")
        if kind == "begin":
            open_fields.append([])
        elif kind in ("separate", "end") and open_fields:
            code = "".join(open_fields[-1])
            if kind == "end":
                open_fields.pop()
            else:
                open_fields[-1] = []  # the rest up to "end" is the result, not the code
            if code:
                yield code


def _external_content(name: str, data: bytes) -> Iterator[ExternalTarget]:
    """Field codes, ``w:altChunk`` and VML links inside a part of the document."""
    if b"instr" not in data and b"altChunk" not in data and b"href" not in data:
        return  # fast path: nothing of the kind in this part
    tree = _parse(data)
    if tree is None:
        return
    for code in _field_codes(tree):
        match = _FIELD_RE.match(code)
        if not match:
            continue
        keyword = match.group(1).upper()
        first = _FIELD_TARGET_RE.search(match.group(2))
        target = (first.group(1) or first.group(2)) if first else ""
        if keyword == "HYPERLINK" and (not target or target.startswith("\\l")):
            continue  # a link to a bookmark in the document itself
        if keyword == "LINK" and first and not first.group(1):
            quoted = re.search(r'"([^"]*)"', match.group(2))  # LINK Excel.Sheet.12 "C:\\…"
            target = quoted.group(1) if quoted else target
        target = target.replace("\\\\", "\\")
        allowed = keyword == "HYPERLINK" and bool(_SAFE_LINK_RE.match(target))
        yield ExternalTarget(name, _FIELD_KINDS[keyword], target or keyword, allowed)
    for _chunk in tree.iter(_W + "altChunk"):
        yield ExternalTarget(name, _KINDS["aFChunk"], "")
    for element in tree.iter("{" + VML_NS + "}*"):
        for attribute in ("{" + VML_OFFICE_NS + "}href", "src"):
            value = element.get(attribute)
            if value and ("://" in value or value.startswith("\\\\")):
                yield ExternalTarget(name, "ein verknüpftes Bild (VML)", value)
