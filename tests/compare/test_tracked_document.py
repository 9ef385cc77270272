"""The Word document with tracked changes: accepting all gives the new export, rejecting
all the old one – read back with lxml and python-docx, and opened in LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stellungnahme_app import form
from stellungnahme_app.compare.tracked_document import tracked_changes, tracked_changes_docx
from stellungnahme_app.export import convert_to_pdf, find_soffice, render_docx_bytes
from stellungnahme_app.model import Contribution, Draft, ResolutionPoint
from tests.compare.conftest import changed_reference
from tests.compare.revisions import (
    W,
    accept_all,
    paragraphs,
    part_names,
    part_xml,
    reject_all,
    revision_marks,
    styles,
)
from tests.export.test_word_validity import assert_valid

WHEN = dt.datetime(2026, 11, 24, 14, 32, tzinfo=dt.UTC)


def _tracked(old: Draft, new: Draft, *, draft_mode: bool = False) -> tuple[bytes, bytes, bytes]:
    old_docx = render_docx_bytes(old, draft_mode=draft_mode)
    new_docx = render_docx_bytes(new, draft_mode=draft_mode)
    return (
        old_docx,
        new_docx,
        tracked_changes_docx(old_docx, new_docx, author="mmueller", date=WHEN),
    )


def _assert_exact(old_docx: bytes, new_docx: bytes, tracked: bytes) -> None:
    assert part_names(tracked) == part_names(new_docx)
    for name in part_names(tracked):
        root = part_xml(tracked, name)
        assert paragraphs(accept_all(root)) == paragraphs(part_xml(new_docx, name)), name
        assert paragraphs(reject_all(root)) == paragraphs(part_xml(old_docx, name)), name


def test_accept_all_gives_the_new_document_reject_all_the_old(
    reference_draft: Draft, changed_draft: Draft
) -> None:
    old_docx, new_docx, tracked = _tracked(reference_draft, changed_draft)
    _assert_exact(old_docx, new_docx, tracked)
    body = part_xml(tracked)
    assert styles(accept_all(body)) == styles(part_xml(new_docx))
    assert styles(reject_all(body)) == styles(part_xml(old_docx))


def test_every_change_is_a_real_revision_with_author_and_date(
    reference_draft: Draft, changed_draft: Draft
) -> None:
    _old, _new, tracked = _tracked(reference_draft, changed_draft)
    marks = revision_marks(part_xml(tracked))
    assert marks
    assert {m.get(W + "author") for m in marks} == {"mmueller"}
    local = WHEN.astimezone().strftime("%Y-%m-%dT%H:%M:%SZ")
    assert {m.get(W + "date") for m in marks} == {local}
    ids = [m.get(W + "id") for m in marks]
    assert len(set(ids)) == len(ids), "jede Änderung hat ihre eigene Nummer"


def test_the_changed_words_are_marked_and_nothing_else(
    reference_draft: Draft, changed_draft: Draft
) -> None:
    _old, _new, tracked = _tracked(reference_draft, changed_draft)
    body = part_xml(tracked)
    deleted = ["".join(t.text for t in d.iter(W + "delText")) for d in body.iter(W + "del")]
    inserted = ["".join(t.text or "" for t in i.iter(W + "t")) for i in body.iter(W + "ins")]
    assert "dritten" in deleted and "vierten" in inserted
    assert "effizienten" in deleted and "sparsamen" in inserted
    assert "03" in deleted and "04" in inserted
    assert "werden" in [d.strip() for d in deleted]
    assert "Die Ergebnisse werden dem Stadtrat jährlich berichtet." in inserted
    assert "Stellungnahme des Amts für Bildung" in inserted
    assert "Anlage 1 – Integrierter Sozialraumplan (Drucksache 2811/23)" in inserted
    assert "Anlage 2 – Lageplan" in inserted  # the program numbers the attachments


def test_the_forms_fixed_wording_never_shows_as_changed(
    reference_draft: Draft, changed_draft: Draft
) -> None:
    _old, _new, tracked = _tracked(reference_draft, changed_draft, draft_mode=True)
    fixed = {
        form.LABEL_DOCUMENT_TITLE,
        form.LABEL_PUBLIC_STATUS,
        form.ASSESSMENT_INSTRUCTION,
        *form.ASSESSMENT_QUESTIONS.values(),
        form.LABEL_STATEMENT,
        form.LABEL_CONCLUSION,
        form.LABEL_AMENDMENTS,
        form.LABEL_ATTACHMENTS,
        form.LABEL_SIGNATURE,
        form.LABEL_DATE,
        form.DRAFT_MARK,
    }
    for name in part_names(tracked):
        for paragraph in part_xml(tracked, name).iter(W + "p"):
            text = "".join(t.text or "" for t in paragraph.iter(W + "t"))
            if text in fixed:
                assert not revision_marks(paragraph), text


def test_the_same_version_gives_no_revision(reference_draft: Draft) -> None:
    old_docx = render_docx_bytes(reference_draft)
    result = tracked_changes(old_docx, old_docx, author="x", date=WHEN)
    assert result.marks == 0
    assert paragraphs(part_xml(result.data)) == paragraphs(part_xml(old_docx))


def test_python_docx_opens_it_with_its_revisions(
    reference_draft: Draft, changed_draft: Draft
) -> None:
    _old, new_docx, tracked = _tracked(reference_draft, changed_draft)
    document = docx.Document(io.BytesIO(tracked))
    new_document = docx.Document(io.BytesIO(new_docx))
    assert document.core_properties.title == new_document.core_properties.title
    texts = [p.text for p in document.paragraphs]
    assert "Stellungnahme des Amts für Soziales" in texts, "was gleich blieb, liest sich gleich"
    body = document.element.body
    inserted = body.xpath(".//w:ins//w:t/text()")
    deleted = body.xpath(".//w:del//w:delText/text()")
    assert "Stellungnahme des Amts für Bildung" in inserted
    assert "dritten" in deleted
    assert len(document.tables) == len(new_document.tables)


def test_removed_points_contributions_and_attachments(reference_draft: Draft) -> None:
    old = reference_draft.copy()
    old.attachments = ["Lageplan", "Kosten", "Zeitplan"]
    new = reference_draft.copy()
    del new.resolution_points[0]
    new.contributions = []
    new.attachments = ["Kosten"]
    new.conclusion = ""
    new.signature.name = ""
    _assert_exact(*_tracked(old, new, draft_mode=True))


def test_everything_added_to_an_empty_draft_and_everything_taken_away(
    reference_draft: Draft,
) -> None:
    empty = Draft(city="Erfurt")
    full = changed_reference(reference_draft)
    full.amended_resolution_points = "Punkt 01 entfällt.\n\nPunkt 02 lautet neu."
    full.public = False
    _assert_exact(*_tracked(empty, full, draft_mode=True))
    _assert_exact(*_tracked(full, empty, draft_mode=True))


def test_line_breaks_and_tabs_inside_a_changed_paragraph(reference_draft: Draft) -> None:
    old = reference_draft.copy()
    old.conclusion = "Erste Zeile\nzweite Zeile\tmit Tab"
    new = reference_draft.copy()
    new.conclusion = "Erste Zeile\ndritte Zeile\tmit Tab\nund mehr"
    _old, _new, tracked = _tracked(old, new)
    _assert_exact(_old, _new, tracked)
    body = part_xml(tracked)
    assert any(d.find(f"{W}r/{W}br") is not None for d in body.iter(W + "ins"))


paragraph_words = st.lists(
    st.sampled_from(["Der", "Rat", "beschließt", "06", "09", "nicht", "Segregation", "."]),
    min_size=1,
    max_size=8,
).map(" ".join)
text_field = st.lists(paragraph_words, max_size=3).map("\n\n".join)
points = st.lists(
    st.builds(ResolutionPoint, st.sampled_from(["01", "02", "03"]), text_field), max_size=3
)
contributions = st.lists(
    st.builds(
        Contribution,
        st.sampled_from(["Jugendamt", "Amt für Soziales"]),
        paragraph_words,
        text_field,
    ),
    max_size=3,
)
attachments = st.lists(st.sampled_from(["Lageplan", "Kosten", "", "Zeitplan"]), max_size=3)


@pytest.mark.slow
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    old_points=points,
    new_points=points,
    old_contributions=contributions,
    new_contributions=contributions,
    old_conclusion=text_field,
    new_conclusion=text_field,
    old_attachments=attachments,
    new_attachments=attachments,
)
def test_any_two_versions_accept_to_the_new_and_reject_to_the_old(
    reference_draft: Draft,
    old_points: list[ResolutionPoint],
    new_points: list[ResolutionPoint],
    old_contributions: list[Contribution],
    new_contributions: list[Contribution],
    old_conclusion: str,
    new_conclusion: str,
    old_attachments: list[str],
    new_attachments: list[str],
) -> None:
    old, new = reference_draft.copy(), reference_draft.copy()
    old.resolution_points, new.resolution_points = old_points, new_points
    old.contributions, new.contributions = old_contributions, new_contributions
    old.conclusion, new.conclusion = old_conclusion, new_conclusion
    old.attachments, new.attachments = old_attachments, new_attachments
    _assert_exact(*_tracked(old, new, draft_mode=True))


def test_the_document_stays_valid_for_word(reference_draft: Draft, changed_draft: Draft) -> None:
    _old, _new, tracked = _tracked(reference_draft, changed_draft, draft_mode=True)
    assert_valid(tracked)
    for name in part_names(tracked):
        root = part_xml(tracked, name)
        for mark in revision_marks(root):
            if mark.getparent().tag in (W + "rPr", W + "trPr"):
                assert len(mark) == 0
                continue
            assert [child.tag for child in mark] == [W + "r"] * len(mark), "nur Textläufe"
            inside = {node.tag for node in mark.iter(W + "t", W + "delText")}
            assert inside <= ({W + "delText"} if mark.tag == W + "del" else {W + "t"})
        for properties in root.iter(W + "trPr"):
            tags = [child.tag for child in properties]
            if W + "ins" in tags or W + "del" in tags:
                assert tags[-1] in (W + "ins", W + "del")


@pytest.mark.office
def test_libreoffice_opens_it_and_shows_the_changes(
    reference_draft: Draft, changed_draft: Draft, tmp_path: Path
) -> None:
    soffice = find_soffice()
    if soffice is None:
        pytest.fail(
            "LibreOffice (soffice) ist nicht installiert; apt-get install libreoffice-writer"
        )
    _old, _new, tracked = _tracked(reference_draft, changed_draft, draft_mode=True)
    source = tmp_path / "Aenderungen.docx"
    source.write_bytes(tracked)
    shown = " ".join(_pdf_text(convert_to_pdf(source, tmp_path / "Aenderungen.pdf")).split())
    assert "im drittenvierten Quartal" in shown, "gelöschte und eingefügte Wörter nebeneinander"
    assert "effizientensparsamen" in shown
    assert "Stellungnahme des Amts für Bildung" in shown
    subprocess.run(
        [
            str(find_soffice()),
            "--headless",
            "--convert-to",
            "fodt",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    flat = (tmp_path / "Aenderungen.fodt").read_text(encoding="utf-8")
    regions = flat.count("<text:changed-region")
    assert regions >= 10, "LibreOffice liest die Änderungen als nachverfolgte Änderungen"
    assert "<text:deletion>" in flat and "<text:insertion>" in flat
    assert "mmueller" in flat


def _pdf_text(path: Path) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def test_changes_in_lists_and_tables_are_revisions_that_give_either_version_exactly(
    reference_draft: Draft,
) -> None:
    """The export lays out lists and tables after filling; the revisions work on them too."""
    old = reference_draft.copy()
    old.contributions[0].text += (
        "\n\nSchritte:\n- Fördermittel prüfen\n- Bericht\n\n"
        "Posten\tBetrag\nDach\t120.000,00 €\nFenster\t86.400,00 €"
    )
    new = old.copy()
    new.contributions[0].text = (
        new.contributions[0]
        .text.replace("- Bericht", "- Ausschreibung\n- Bericht")
        .replace("86.400,00 €", "91.000,00 €")
    )
    old_docx, new_docx, tracked = _tracked(old, new)
    _assert_exact(old_docx, new_docx, tracked)
    body = part_xml(tracked)
    deleted = ["".join(t.text for t in d.iter(W + "delText")) for d in body.iter(W + "del")]
    inserted = ["".join(t.text or "" for t in i.iter(W + "t")) for i in body.iter(W + "ins")]
    assert "Ausschreibung" in inserted
    assert any("86.400,00" in d for d in deleted) and any("91.000,00" in i for i in inserted)
    readback = docx.Document(io.BytesIO(tracked))
    assert "Stn Aufzählung" in {p.style.name for p in readback.paragraphs}
