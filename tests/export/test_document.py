"""export_document: the final export's rules gate, draft exports, file names, atomic writing."""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import random
import time
import zipfile
from pathlib import Path

import pytest
from console import fake_soffice, run_program, start_export
from docx.oxml.ns import qn
from docx_readback import body_texts, header_text, open_docx
from lxml import etree

from stellungnahme_app import exchange, fileio, rules
from stellungnahme_app.errors import ExportError
from stellungnahme_app.export import (
    ExportBlocked,
    default_file_name,
    document_text,
    export_document,
)
from stellungnahme_app.model import Draft

OLD_CONTENT = b"old document, must survive"


def leftovers(folder: Path) -> list[str]:
    """Files in ``folder`` other than the ones a test put there on purpose."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_final_export_writes_the_document(reference_draft: Draft, tmp_path: Path) -> None:
    target = tmp_path / "Stellungnahme_0661-24.docx"
    result = export_document(reference_draft, target, today=dt.date(2024, 5, 2))
    assert result == target
    document = open_docx(target)
    assert body_texts(document) == document_text(reference_draft)
    assert "ENTWURF" not in header_text(document)
    assert leftovers(tmp_path) == []


def test_final_export_refuses_a_draft_with_errors_and_lists_all_of_them(
    reference_draft: Draft, tmp_path: Path
) -> None:
    reference_draft.document_number = "661/24"
    reference_draft.conclusion = ""
    reference_draft.signature.name = "  "
    target = tmp_path / "out.docx"
    with pytest.raises(ExportBlocked) as caught:
        export_document(reference_draft, target, today=dt.date(2024, 5, 2))
    blocked = caught.value
    assert isinstance(blocked, ExportError)
    assert [f.field for f in blocked.findings] == [
        "document_number",
        "conclusion",
        "signature.name",
    ]
    assert all(f.severity is rules.Severity.ERROR for f in blocked.findings)
    for finding in blocked.findings:
        assert finding.message in blocked.message
    assert "Entwurf" in blocked.message
    assert not target.exists()


def test_warnings_do_not_block_the_final_export(reference_draft: Draft, tmp_path: Path) -> None:
    findings = rules.check(reference_draft, today=dt.date(2024, 5, 2))
    assert findings and not rules.has_errors(findings)
    export_document(reference_draft, tmp_path / "x.docx", today=dt.date(2024, 5, 2))


def test_number_pattern_is_passed_to_the_rules(reference_draft: Draft, tmp_path: Path) -> None:
    reference_draft.document_number = "DS-0661-2024"
    with pytest.raises(ExportBlocked) as caught:
        export_document(reference_draft, tmp_path / "x.docx", today=dt.date(2024, 5, 2))
    assert "0661/24" in caught.value.message
    export_document(
        reference_draft,
        tmp_path / "x.docx",
        number_pattern=r"^DS-\d{4}-\d{4}$",
        number_example="DS-0661-2024",
        today=dt.date(2024, 5, 2),
    )


def test_draft_export_always_works_even_for_an_empty_draft(tmp_path: Path) -> None:
    target = tmp_path / "Entwurf.docx"
    export_document(Draft(), target, draft_mode=True)
    assert "ENTWURF" in header_text(open_docx(target))


def test_unknown_suffix_is_refused(reference_draft: Draft, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"\.docx"):
        export_document(reference_draft, tmp_path / "x.doc", draft_mode=True)
    assert list(tmp_path.iterdir()) == []


def test_suffix_case_does_not_matter(reference_draft: Draft, tmp_path: Path) -> None:
    export_document(reference_draft, tmp_path / "X.DOCX", draft_mode=True)
    assert open_docx(tmp_path / "X.DOCX")


# --------------------------------------------------------------------------- file names


@pytest.mark.parametrize(
    ("number", "title", "expected"),
    [
        ("0661/24", "Arbeitskreis", "Stellungnahme_0661-24.docx"),
        (" 0661/24 ", "", "Stellungnahme_0661-24.docx"),
        ("", "Arbeitskreis Segregation", "Stellungnahme_Arbeitskreis-Segregation.docx"),
        ("", "", "Stellungnahme_ohne_Nummer.docx"),
        ('a\\b:c*d?e"f<g>h|i\x00j', "", "Stellungnahme_a-b-c-d-e-f-g-h-ij.docx"),
        ("...", "  ", "Stellungnahme_ohne_Nummer.docx"),
    ],
)
def test_default_file_name(number: str, title: str, expected: str) -> None:
    draft = Draft(document_number=number, document_title=title)
    assert default_file_name(draft) == expected


def test_default_file_name_of_a_draft_export() -> None:
    """The command line and the window name a draft export the same way."""
    draft = Draft(document_number="0661/24")
    assert default_file_name(draft, draft_mode=True) == "Stellungnahme_0661-24_Entwurf.docx"
    assert default_file_name(Draft(), ".pdf", draft_mode=True) == (
        "Stellungnahme_ohne_Nummer_Entwurf.pdf"
    )


def test_default_file_name_for_pdf_and_long_titles() -> None:
    assert default_file_name(Draft(document_number="0661/24"), ".pdf") == (
        "Stellungnahme_0661-24.pdf"
    )
    name = default_file_name(Draft(document_title="Wort " * 100))
    assert len(name) <= len("Stellungnahme_.docx") + 60


# --------------------------------------------------------------------------- atomic writing


def test_missing_folder(reference_draft: Draft, tmp_path: Path) -> None:
    target = tmp_path / "gibt-es-nicht" / "x.docx"
    with pytest.raises(ExportError, match="existiert nicht"):
        export_document(reference_draft, target, draft_mode=True)
    assert not target.parent.exists()


def test_target_is_a_folder(reference_draft: Draft, tmp_path: Path) -> None:
    target = tmp_path / "ordner.docx"
    target.mkdir()
    with pytest.raises(ExportError, match="Ordner"):
        export_document(reference_draft, target, draft_mode=True)
    assert target.is_dir()
    assert leftovers(tmp_path) == []


def test_document_open_in_word_is_left_alone(reference_draft: Draft, tmp_path: Path) -> None:
    target = tmp_path / "Stellungnahme.docx"
    target.write_bytes(OLD_CONTENT)
    (tmp_path / "~$Stellungnahme.docx").write_bytes(b"lock")
    with pytest.raises(ExportError, match="geöffnet"):
        export_document(reference_draft, target, draft_mode=True)
    assert target.read_bytes() == OLD_CONTENT
    assert leftovers(tmp_path) == []


@pytest.mark.posix_only(reason="Windows ignores the write bit of a folder")
@pytest.mark.skipif(os.name != "nt" and os.geteuid() == 0, reason="chmod does not bind root")
def test_read_only_folder(reference_draft: Draft, tmp_path: Path) -> None:
    folder = tmp_path / "schreibgeschützt"
    folder.mkdir()
    target = folder / "x.docx"
    target.write_bytes(OLD_CONTENT)
    folder.chmod(0o555)
    try:
        with pytest.raises(ExportError, match="Berechtigung"):
            export_document(reference_draft, target, draft_mode=True)
        assert target.read_bytes() == OLD_CONTENT
        assert sorted(p.name for p in folder.iterdir()) == ["x.docx"]
    finally:
        folder.chmod(0o755)


def test_replacing_the_old_file_fails(
    reference_draft: Draft, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A target Word holds open (Windows refuses the replace) keeps its old content."""
    target = tmp_path / "x.docx"
    target.write_bytes(OLD_CONTENT)

    def refuse(source: object, destination: object) -> None:
        error = PermissionError(errno.EACCES, "Zugriff verweigert", str(destination))
        error.winerror = 32  # type: ignore[attr-defined]  # the sharing violation of Windows
        raise error

    monkeypatch.setattr(fileio, "_replace", refuse)
    with pytest.raises(ExportError, match="gesperrt"):
        export_document(reference_draft, target, draft_mode=True)
    monkeypatch.undo()
    assert target.read_bytes() == OLD_CONTENT
    assert leftovers(tmp_path) == []


def test_blocked_export_leaves_an_existing_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "x.docx"
    target.write_bytes(OLD_CONTENT)
    with pytest.raises(ExportBlocked):
        export_document(Draft(), target)
    assert target.read_bytes() == OLD_CONTENT


def test_export_replaces_an_existing_file(reference_draft: Draft, tmp_path: Path) -> None:
    target = tmp_path / "x.docx"
    target.write_bytes(OLD_CONTENT)
    target.chmod(0o640)
    export_document(reference_draft, target, draft_mode=True)
    assert open_docx(target)
    if os.name != "nt":
        assert target.stat().st_mode & 0o777 == 0o640


# --------------------------------------------------------------------------- extreme drafts


def body_text_lengths(docx: Path) -> list[int]:
    """The length of every text run of the body (read with lxml's limits for huge texts off)."""
    with zipfile.ZipFile(docx) as archive:
        xml = archive.read("word/document.xml")
    tree = etree.fromstring(xml, etree.XMLParser(huge_tree=True))
    return [len(node.text or "") for node in tree.iter(qn("w:t"))]


@pytest.mark.timeout(60)
def test_a_paragraph_of_ten_megabytes_is_exported(reference_draft: Draft, tmp_path: Path) -> None:
    reference_draft.conclusion = "Fazit " + "x" * (10 * 1024 * 1024)
    target = tmp_path / "riesig.docx"
    export_document(reference_draft, target, draft_mode=True)
    assert max(body_text_lengths(target)) == len(reference_draft.conclusion)
    source = tmp_path / "riesig.json"
    exchange.write_file(reference_draft, source)
    result = run_program("export", source, "--draft", "-o", tmp_path / "cli.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert max(body_text_lengths(tmp_path / "cli.docx")) == len(reference_draft.conclusion)


def test_a_document_number_of_240_characters(reference_draft: Draft, tmp_path: Path) -> None:
    reference_draft.document_number = "0661/24" + "-Anlage" * 34
    target = tmp_path / "lang.docx"
    export_document(reference_draft, target, draft_mode=True)
    properties = open_docx(target).core_properties
    assert properties.keywords.startswith("Stellungnahme; Drucksache 0661/24-Anlage")
    assert len(properties.keywords) <= 255 and len(properties.subject) <= 255
    source = tmp_path / "lang.json"
    exchange.write_file(reference_draft, source)
    result = run_program("export", source, "--draft", "-o", tmp_path / "cli.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_a_lone_surrogate_in_the_title_is_exported(reference_draft: Draft, tmp_path: Path) -> None:
    """JSON can carry ``\\ud800``; no encoding can write it, so the export leaves it out."""
    reference_draft.document_title = "Arbeitskreis \ud800Segregation"
    source = tmp_path / "surrogat.json"
    exchange.write_file(reference_draft, source)
    result = run_program("export", source, "-o", tmp_path / "aus.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = open_docx(tmp_path / "aus.docx")
    assert "Arbeitskreis Segregation" in body_texts(document)
    assert document.core_properties.title.endswith("– Arbeitskreis Segregation")


# --------------------------------------------------------------------------- killed exports

COPYING_SOFFICE = (
    "time.sleep(0.2)\n"
    "outdir.mkdir(parents=True, exist_ok=True)\n"
    "(outdir / 'Stellungnahme.pdf').write_bytes(source.read_bytes())"
)


def is_the_whole_export(data: bytes) -> bool:
    """A complete Word document of the reference (the fake soffice's "PDF" is a copy of it)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if archive.testzip() is not None:
                return False
        return "Arbeitskreis Segregation" in " ".join(body_texts(open_docx(data)))
    except (zipfile.BadZipFile, KeyError, ValueError):
        return False


@pytest.mark.slow
@pytest.mark.timeout(240)
@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_an_export_killed_at_any_moment_leaves_the_old_or_the_whole_new_file(
    suffix: str, reference_json_path: Path, tmp_path: Path
) -> None:
    fake = fake_soffice(tmp_path, COPYING_SOFFICE)
    temp = tmp_path / "temp"
    temp.mkdir()
    out = tmp_path / "Ablage"
    out.mkdir()
    target = out / f"Stellungnahme_0661-24{suffix}"
    rng = random.Random(66124)
    longest_wait = 0.5 if suffix == ".pdf" else 0.25  # about as long as each export takes
    for _ in range(8):
        target.write_bytes(OLD_CONTENT)
        child = start_export(reference_json_path, target, temp, fake, slow_disk=True)
        assert child.stdout is not None and child.stdout.readline() == "bereit\n"
        time.sleep(rng.uniform(0, longest_wait))
        child.kill()
        child.communicate()
        data = target.read_bytes()
        assert data == OLD_CONTENT or is_the_whole_export(data)
        fileio.clean_up_after_killed_writes(temp_folder=temp)
        assert sorted(p.name for p in out.iterdir()) == [target.name]
        assert list(temp.iterdir()) == []
