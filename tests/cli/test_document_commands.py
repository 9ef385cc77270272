"""The commands export, validate and template-check, called as the user calls them."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from stellungnahme_app.cli.main import main
from stellungnahme_app.export import bundled_template


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def header(path: Path) -> str:
    return " ".join(p.text for p in Document(str(path)).sections[0].header.paragraphs)


@pytest.fixture
def draft_file(reference_json_path: Path, tmp_path: Path) -> Path:
    target = tmp_path / "entwurf.json"
    shutil.copyfile(reference_json_path, target)
    return target


@pytest.fixture
def incomplete_file(tmp_path: Path) -> Path:
    path = tmp_path / "unvollständig.json"
    data = {"format": "stellungnahme/1", "document_number": "0661/24", "document_title": "X"}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- export


def test_export_writes_beside_the_input(capsys, draft_file: Path) -> None:
    code, out, err = run(capsys, "export", draft_file)
    target = draft_file.parent / "Stellungnahme_0661-24.docx"
    assert code == 0
    assert out == f"Gespeichert: {target}\n"
    assert target.is_file()
    assert "ENTWURF" not in header(target)
    # The reference answers "Nein" without the Fazit taking it up: a warning, not a block.
    assert err.startswith("Hinweis (assessments.financial)")


def test_export_as_draft(capsys, incomplete_file: Path) -> None:
    code, out, _err = run(capsys, "export", incomplete_file, "--draft")
    target = incomplete_file.parent / "Stellungnahme_0661-24_Entwurf.docx"
    assert code == 0
    assert out == f"Gespeichert (Entwurf): {target}\n"
    assert "ENTWURF" in header(target)


def test_export_to_a_named_file_and_to_a_folder(capsys, draft_file: Path, tmp_path: Path) -> None:
    named = tmp_path / "Ausgabe.DOCX"
    assert run(capsys, "export", draft_file, "-o", named)[0] == 0
    assert named.is_file()
    folder = tmp_path / "Ordner"
    folder.mkdir()
    assert run(capsys, "export", draft_file, "--output", folder)[0] == 0
    assert (folder / "Stellungnahme_0661-24.docx").is_file()


def test_export_of_an_incomplete_draft_is_refused(capsys, incomplete_file: Path) -> None:
    code, out, err = run(capsys, "export", incomplete_file)
    assert code == 1
    assert out == ""
    assert "kann noch nicht endgültig ausgegeben werden" in err
    assert "– Das Fazit fehlt." in err
    assert "– Die Stadt fehlt." in err
    assert list(incomplete_file.parent.glob("*.docx")) == []


def test_export_with_a_wrong_suffix_is_a_usage_error(capsys, draft_file: Path) -> None:
    code, _out, err = run(capsys, "export", draft_file, "-o", draft_file.parent / "x.odt")
    assert code == 2
    assert ".docx" in err and ".pdf" in err


def test_export_of_an_unreadable_file(capsys, tmp_path: Path) -> None:
    broken = tmp_path / "kaputt.json"
    broken.write_text('{"format": "stellungnahme/1", ', encoding="utf-8")
    code, out, err = run(capsys, "export", broken)
    assert code == 2
    assert out == ""
    assert "kein gültiges JSON" in err


def test_export_into_a_missing_folder(capsys, draft_file: Path, tmp_path: Path) -> None:
    code, _out, err = run(capsys, "export", draft_file, "-o", tmp_path / "fehlt" / "x.docx")
    assert code == 3
    assert "existiert nicht" in err


def test_export_with_a_broken_template(capsys, draft_file: Path, tmp_path: Path) -> None:
    template = tmp_path / "vorlage.docx"
    template.write_bytes(b"kein Word")
    code, _out, err = run(capsys, "export", draft_file, "--template", template)
    assert code == 2
    assert "keine Word-Datei" in err


def test_export_with_a_custom_template(capsys, draft_file: Path, tmp_path: Path) -> None:
    document = Document(str(bundled_template()))
    document.sections[0].footer.paragraphs[0].add_run(" – Amt 50")
    template = tmp_path / "eigene.docx"
    document.save(str(template))
    target = tmp_path / "x.docx"
    assert run(capsys, "export", draft_file, "--template", template, "-o", target)[0] == 0
    footer = Document(str(target)).sections[0].footer.paragraphs[0].text
    assert footer.endswith(" – Amt 50")


def test_export_uses_the_configured_template(
    capsys, draft_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = Document(str(bundled_template()))
    document.sections[0].footer.paragraphs[0].add_run(" – Vorlage des Administrators")
    template = tmp_path / "amt.docx"
    document.save(str(template))
    admin = tmp_path / "stellungnahme.toml"
    admin.write_text(f"template = '{template}'\n", encoding="utf-8")
    monkeypatch.setenv("STELLUNGNAHME_ADMIN_CONFIG", str(admin))
    target = tmp_path / "x.docx"
    assert run(capsys, "export", draft_file, "-o", target)[0] == 0
    footer = Document(str(target)).sections[0].footer.paragraphs[0].text
    assert footer.endswith(" – Vorlage des Administrators")


# --------------------------------------------------------------------------- validate


def test_validate_a_complete_draft(capsys, draft_file: Path) -> None:
    code, out, err = run(capsys, "validate", draft_file)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Hinweis (assessments.financial): ")
    assert lines[-1] == "Bereit für die endgültige Ausgabe (1 Hinweis)."
    assert err == ""


def test_validate_an_incomplete_draft(capsys, incomplete_file: Path) -> None:
    code, out, _err = run(capsys, "validate", incomplete_file)
    assert code == 1
    lines = out.splitlines()
    assert "Fehler (city): Die Stadt fehlt." in lines
    assert "Fehler (signature.date): Das Datum der Unterschrift fehlt." in lines
    assert lines[-1].startswith("Nicht bereit für die endgültige Ausgabe: ")


def test_validate_uses_the_configured_number_form(
    capsys, draft_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = tmp_path / "stellungnahme.toml"
    admin.write_text(
        "number_pattern = '^DS-\\d{4}/\\d{4}$'\nnumber_example = 'DS-0661/2024'\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("STELLUNGNAHME_ADMIN_CONFIG", str(admin))
    code, out, err = run(capsys, "validate", draft_file)
    assert code == 1, err
    assert "Fehler (document_number): " in out
    assert "DS-0661/2024" in out
    assert run(capsys, "export", draft_file)[0] == 1


def test_validate_a_missing_file(capsys, tmp_path: Path) -> None:
    code, _out, err = run(capsys, "validate", tmp_path / "fehlt.json")
    assert code == 2
    assert "nicht gefunden" in err


# --------------------------------------------------------------------------- template-check


def test_template_check_of_the_bundled_template(capsys) -> None:
    code, out, _err = run(capsys, "template-check", bundled_template())
    assert code == 0
    assert out == "Die Vorlage „stellungnahme.docx“ ist in Ordnung.\n"


def test_template_check_with_problems(capsys, tmp_path: Path) -> None:
    document = Document(str(bundled_template()))
    document.paragraphs[0].runs[0].text = "{{ dezernat }}"
    template = tmp_path / "fehlerhaft.docx"
    document.save(str(template))
    code, out, _err = run(capsys, "template-check", template)
    assert code == 1
    lines = out.splitlines()
    assert any(line.startswith("Fehler [Haupttext") and "„dezernat“" in line for line in lines)
    assert any("„department“" in line and "fehlt" in line for line in lines)
    assert lines[-1] == "Die Vorlage „fehlerhaft.docx“ hat 2 Fehler."


def test_template_check_of_an_unreadable_file(capsys, tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(b"")
    code, out, err = run(capsys, "template-check", path)
    assert code == 2
    assert out == ""
    assert "keine Word-Datei" in err


def test_template_check_lists_the_placeholders(capsys) -> None:
    code, out, _err = run(capsys, "template-check", "--platzhalter")
    assert code == 0
    lines = out.splitlines()
    assert "* signature_line oder signature_name – „gez. Name“ der unterzeichnenden Person" in lines
    assert any(line.startswith("* contributions – ") and "heading" in line for line in lines)
    assert any(line.startswith("  labels – ") for line in lines)


def test_template_check_without_a_file(capsys) -> None:
    code, out, err = run(capsys, "template-check")
    assert code == 2
    assert out == ""
    assert "VORLAGE.docx" in err


# --------------------------------------------------------------------------- console script


def console_script() -> Path:
    name = "stellungnahme.exe" if os.name == "nt" else "stellungnahme"
    beside_python = Path(sys.executable).parent / name
    if beside_python.is_file():
        return beside_python
    found = shutil.which("stellungnahme")
    if found is None:
        pytest.fail("Das Programm „stellungnahme“ ist nicht installiert (pip install -e .).")
    return Path(found)


def test_the_console_script_exports(draft_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "aus dem Prozess.docx"
    result = subprocess.run(
        [str(console_script()), "export", str(draft_file), "-o", str(target)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Gespeichert: {target}"
    assert Document(io.BytesIO(target.read_bytes())).paragraphs[0].text.startswith("Dezernat")


def test_the_console_script_reports_blocking_findings(incomplete_file: Path) -> None:
    result = subprocess.run(
        [str(console_script()), "export", str(incomplete_file)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "Das Fazit fehlt." in result.stderr
