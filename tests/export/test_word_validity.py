"""Word is stricter than python-docx and LibreOffice: element order and required children.

Word declares a document damaged when property elements are out of the schema's order, a table
has no row, or a table cell does not end with a paragraph. These tests check the bundled
template and rendered documents for exactly that, part by part.
"""

from __future__ import annotations

import importlib.util
import io
import itertools
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from stellungnahme_app.export import bundled_template, render_docx_bytes
from stellungnahme_app.model import Draft

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Child sequences from ECMA-376 part 1 (only the elements the export writes or touches).
ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
    "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
    "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish "
    "oMath",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize "
    "tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
    "tblDescription",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
    "tcFitText vAlign hideMark",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar "
    "paperSrc pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg "
    "textDirection bidi rtlGutter docGrid printerSettings sectPrChange",
    "style": "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden "
    "unhideWhenUsed qFormat locked personal personalCompose personalReply rsid pPr rPr "
    "tblPr trPr tcPr tblStylePr",
    "tblBorders": "top left start bottom right end insideH insideV",
    "tblCellMar": "top left start bottom right end",
    "pBdr": "top left bottom right between bar",
}
SEQUENCES = {W + tag: [W + name for name in names.split()] for tag, names in ORDER.items()}
# Where the same child may repeat (header and footer references).
REPEATABLE = {W + "headerReference", W + "footerReference"}


def word_parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        }


def order_problems(root: etree._Element) -> list[str]:
    problems = []
    for parent in root.iter(*SEQUENCES):
        sequence = SEQUENCES[parent.tag]
        positions = [
            (sequence.index(child.tag), child.tag) for child in parent if child.tag in sequence
        ]
        for (before, tag_before), (after, tag_after) in itertools.pairwise(positions):
            if after < before or (after == before and tag_after not in REPEATABLE):
                problems.append(f"{parent.tag}: {tag_before} before {tag_after}")
    return problems


def structure_problems(root: etree._Element) -> list[str]:
    problems = []
    for table in root.iter(W + "tbl"):
        if table.find(W + "tblGrid") is None or table.find(W + "tr") is None:
            problems.append("table without grid or rows")
    for cell in root.iter(W + "tc"):
        content = [child for child in cell if child.tag != W + "tcPr"]
        if not content or content[-1].tag != W + "p":
            problems.append("table cell not ending with a paragraph")
    body = root.find(W + "body")
    if body is not None and body[-1].tag != W + "sectPr":
        problems.append("body does not end with sectPr")
    return problems


def assert_valid(data: bytes) -> None:
    for name, root in word_parts(data).items():
        assert order_problems(root) == [], name
        assert structure_problems(root) == [], name


def test_the_bundled_template_is_valid() -> None:
    assert_valid(bundled_template().read_bytes())


@pytest.mark.parametrize("draft_mode", [False, True])
def test_rendered_documents_are_valid(reference_draft: Draft, draft_mode: bool) -> None:
    reference_draft.public = False
    reference_draft.resolution_points[0].text = "Zeile\nmit\tTab\n\nAbsatz"
    reference_draft.attachments = ["Anlage 1", "Anlage\t2"]
    assert_valid(render_docx_bytes(reference_draft, draft_mode=draft_mode))


def test_an_empty_draft_is_valid() -> None:
    assert_valid(render_docx_bytes(Draft(), draft_mode=True))


def test_the_check_sees_wrong_order() -> None:
    wrong = etree.fromstring(
        f'<w:rPr xmlns:w="{W[1:-1]}"><w:sz w:val="20"/><w:b/></w:rPr>'.encode()
    )
    assert order_problems(wrong) == [f"{W}rPr: {W}sz before {W}b"]


def test_the_committed_template_is_what_the_build_script_makes(tmp_path: Path) -> None:
    """Regenerate with ``python tools/build_template.py`` after changing the script."""
    script = Path(__file__).resolve().parents[2] / "tools" / "build_template.py"
    spec = importlib.util.spec_from_file_location("build_template", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build(tmp_path / "stellungnahme.docx")
    with zipfile.ZipFile(built) as fresh, zipfile.ZipFile(bundled_template()) as committed:
        assert fresh.namelist() == committed.namelist()
        for name in fresh.namelist():
            assert fresh.read(name) == committed.read(name), name
