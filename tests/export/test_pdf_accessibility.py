"""The PDF is accessible: tagged, de-DE, titled, PDF/UA-1 and PDF/A-2b, read back with pypdf.

Stellungnahmen are published as PDF in the council information system, where public bodies
must publish accessible documents. These tests read the structure tree (headings, lists,
tables with header cells), ``/Lang``, ``/MarkInfo``, ``/ViewerPreferences`` and the XMP
claims of a PDF made by LibreOffice.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from stellungnahme_app.export import export_document, find_soffice
from stellungnahme_app.export.pdf import pdfa_version, pdfua_part
from stellungnahme_app.model import Draft

pytestmark = pytest.mark.office

COSTS = "Posten\tBetrag\nDach\t120.000,00 €\nFenster\t86.400,00 €"
STEPS = "Wir schlagen vor:\n- Fördermittel prüfen\n- Fenster verschieben"


@pytest.fixture(scope="module")
def accessible_pdf(tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    if find_soffice() is None:
        pytest.fail("LibreOffice (soffice) ist nicht installiert, die PDF-Tests brauchen es.")
    from stellungnahme_app import exchange

    draft: Draft = exchange.read_file(
        Path(__file__).parents[1] / "fixtures" / "stellungnahme-0661-24.json"
    )
    draft.contributions[0].text += f"\n\n{STEPS}\n\n{COSTS}"
    draft.attachments = ["Kostenaufstellung"]
    target = tmp_path_factory.mktemp("pdf") / "Stellungnahme.pdf"
    export_document(draft, target, draft_mode=True)
    return PdfReader(target)


def structure_types(reader: PdfReader) -> list[str]:
    """The structure elements in reading order, their types mapped through the RoleMap."""
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    role_map = root.get("/RoleMap", {})
    found: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if not isinstance(node, DictionaryObject):
            return
        kind = node.get("/S")
        if kind is not None:
            found.append(str(role_map.get(kind, kind)))
        children = node.get("/K")
        if children is None:
            return
        for child in children if isinstance(children, ArrayObject) else [children]:
            walk(child)

    walk(root)
    return found


def xmp(reader: PdfReader) -> str:
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")


def test_the_catalog_declares_language_tags_and_the_title(accessible_pdf: PdfReader) -> None:
    catalog = accessible_pdf.trailer["/Root"]
    assert catalog["/Lang"] == "de-DE"
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    title = "Stellungnahme zur Drucksache 0661/24 – Arbeitskreis Segregation"
    assert accessible_pdf.metadata.title == title
    assert re.search(
        r"<dc:title>\s*<rdf:Alt>\s*<rdf:li[^>]*>" + re.escape(title), xmp(accessible_pdf)
    )


def test_the_xmp_claims_pdf_ua_1_and_pdf_a_2b(accessible_pdf: PdfReader) -> None:
    data = xmp(accessible_pdf).encode()
    assert pdfa_version(data) == "2B"
    assert pdfua_part(data) == 1


def test_the_structure_tree_has_headings_lists_and_a_table_with_header_cells(
    accessible_pdf: PdfReader,
) -> None:
    types = structure_types(accessible_pdf)
    counts = Counter(types)
    assert types[0] == "/Document"
    assert counts["/H1"] == 1
    # Titel der Drucksache, Öffentlichkeitsstatus, Stellungnahme, Fazit, and the two labels of
    # the closing table (Änderung …, Anlagenverzeichnis)
    assert counts["/H2"] == 6
    assert counts["/H3"] == 2  # the two offices' headings
    assert types.index("/H1") < types.index("/H2") < types.index("/H3")
    assert counts["/L"] == 1 and counts["/LI"] == 2
    assert counts["/TH"] == 2  # the header row of the pasted table
    assert counts["/Table"] >= 5
