"""The commands export, validate and template-check, called as the user calls them."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document

from stellungnahme_app.export import bundled_template

RunCli = Callable[..., tuple[int, str, str]]
MakeFile = Callable[[str], Path]


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


def test_export_writes_beside_the_input(run_cli: RunCli, draft_file: Path) -> None:
    code, out, err = run_cli("export", draft_file)
    target = draft_file.parent / "Stellungnahme_0661-24.docx"
    assert code == 0
    assert out == f"Gespeichert: {target}\n"
    assert target.is_file()
    assert "ENTWURF" not in header(target)
    # The reference answers "Nein" without the Fazit taking it up: a warning, not a block.
    assert err.startswith("Hinweis (assessments.financial)")


def test_export_as_draft(run_cli: RunCli, incomplete_file: Path) -> None:
    code, out, _err = run_cli("export", incomplete_file, "--draft")
    target = incomplete_file.parent / "Stellungnahme_0661-24_Entwurf.docx"
    assert code == 0
    assert out == f"Gespeichert (Entwurf): {target}\n"
    assert "ENTWURF" in header(target)


def test_export_to_a_named_file_and_to_a_folder(
    run_cli: RunCli, draft_file: Path, tmp_path: Path
) -> None:
    named = tmp_path / "Ausgabe.DOCX"
    assert run_cli("export", draft_file, "-o", named)[0] == 0
    assert named.is_file()
    folder = tmp_path / "Ordner"
    folder.mkdir()
    assert run_cli("export", draft_file, "--output", folder)[0] == 0
    assert (folder / "Stellungnahme_0661-24.docx").is_file()


def test_export_of_an_incomplete_draft_is_refused(run_cli: RunCli, incomplete_file: Path) -> None:
    code, out, err = run_cli("export", incomplete_file)
    assert code == 1
    assert out == ""
    assert "kann noch nicht endgültig ausgegeben werden" in err
    assert "– Das Fazit fehlt." in err
    assert "– Die Stadt fehlt." in err
    assert list(incomplete_file.parent.glob("*.docx")) == []


def test_export_with_a_wrong_suffix_is_a_usage_error(run_cli: RunCli, draft_file: Path) -> None:
    code, _out, err = run_cli("export", draft_file, "-o", draft_file.parent / "x.odt")
    assert code == 2
    assert ".docx" in err and ".pdf" in err


def test_export_of_an_unreadable_file(run_cli: RunCli, tmp_path: Path) -> None:
    broken = tmp_path / "kaputt.json"
    broken.write_text('{"format": "stellungnahme/1", ', encoding="utf-8")
    code, out, err = run_cli("export", broken)
    assert code == 2
    assert out == ""
    assert "kein gültiges JSON" in err


def test_export_into_a_missing_folder(run_cli: RunCli, draft_file: Path, tmp_path: Path) -> None:
    code, _out, err = run_cli("export", draft_file, "-o", tmp_path / "fehlt" / "x.docx")
    assert code == 3
    assert "existiert nicht" in err


def test_export_with_a_broken_template(run_cli: RunCli, draft_file: Path, tmp_path: Path) -> None:
    template = tmp_path / "vorlage.docx"
    template.write_bytes(b"kein Word")
    code, _out, err = run_cli("export", draft_file, "--template", template)
    assert code == 2
    assert "keine Word-Datei" in err


def test_export_with_a_custom_template(
    run_cli: RunCli, draft_file: Path, tmp_path: Path, template_with_footer: MakeFile
) -> None:
    template = template_with_footer(" – Amt 50")
    target = tmp_path / "x.docx"
    assert run_cli("export", draft_file, "--template", template, "-o", target)[0] == 0
    footer = Document(str(target)).sections[0].footer.paragraphs[0].text
    assert footer.endswith(" – Amt 50")


def test_export_uses_the_configured_template(
    run_cli: RunCli,
    draft_file: Path,
    tmp_path: Path,
    template_with_footer: MakeFile,
    admin_config: MakeFile,
) -> None:
    template = template_with_footer(" – Vorlage des Administrators")
    admin_config(f"template = '{template}'\n")
    target = tmp_path / "x.docx"
    assert run_cli("export", draft_file, "-o", target)[0] == 0
    footer = Document(str(target)).sections[0].footer.paragraphs[0].text
    assert footer.endswith(" – Vorlage des Administrators")


# --------------------------------------------------------------------------- validate


def test_validate_a_complete_draft(run_cli: RunCli, draft_file: Path) -> None:
    code, out, err = run_cli("validate", draft_file)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Hinweis (assessments.financial): ")
    assert lines[-1] == "Bereit für die endgültige Ausgabe (1 Hinweis)."
    assert err == ""


def test_validate_an_incomplete_draft(run_cli: RunCli, incomplete_file: Path) -> None:
    code, out, _err = run_cli("validate", incomplete_file)
    assert code == 1
    lines = out.splitlines()
    assert "Fehler (city): Die Stadt fehlt." in lines
    assert "Fehler (signature.date): Das Datum der Unterschrift fehlt." in lines
    assert lines[-1].startswith("Nicht bereit für die endgültige Ausgabe: ")


def test_validate_uses_the_configured_number_form(
    run_cli: RunCli, draft_file: Path, admin_config: MakeFile
) -> None:
    admin_config("number_pattern = '^DS-\\d{4}/\\d{4}$'\nnumber_example = 'DS-0661/2024'\n")
    code, out, err = run_cli("validate", draft_file)
    assert code == 1, err
    assert "Fehler (document_number): " in out
    assert "DS-0661/2024" in out
    assert run_cli("export", draft_file)[0] == 1


def test_validate_a_missing_file(run_cli: RunCli, tmp_path: Path) -> None:
    code, _out, err = run_cli("validate", tmp_path / "fehlt.json")
    assert code == 2
    assert "nicht gefunden" in err


# --------------------------------------------------------------------------- template-check


def test_template_check_of_the_bundled_template(run_cli: RunCli) -> None:
    code, out, _err = run_cli("template-check", bundled_template())
    assert code == 0
    assert out == "Die Vorlage „stellungnahme.docx“ ist in Ordnung.\n"


def test_template_check_with_problems(run_cli: RunCli, tmp_path: Path) -> None:
    document = Document(str(bundled_template()))
    document.paragraphs[0].runs[0].text = "{{ dezernat }}"
    template = tmp_path / "fehlerhaft.docx"
    document.save(str(template))
    code, out, _err = run_cli("template-check", template)
    assert code == 1
    lines = out.splitlines()
    assert any(line.startswith("Fehler [Haupttext") and "„dezernat“" in line for line in lines)
    assert any("„department“" in line and "fehlt" in line for line in lines)
    assert lines[-1] == "Die Vorlage „fehlerhaft.docx“ hat 2 Fehler."


def test_template_check_of_an_unreadable_file(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(b"")
    code, out, err = run_cli("template-check", path)
    assert code == 2
    assert out == ""
    assert "keine Word-Datei" in err


def test_template_check_lists_the_placeholders(run_cli: RunCli) -> None:
    code, out, _err = run_cli("template-check", "--platzhalter")
    assert code == 0
    lines = out.splitlines()
    assert "* signature_line oder signature_name – „gez. Name“ der unterzeichnenden Person" in lines
    assert any(line.startswith("* contributions – ") and "heading" in line for line in lines)
    assert any(line.startswith("  labels – ") for line in lines)


def test_template_check_without_a_file(run_cli: RunCli) -> None:
    code, out, err = run_cli("template-check")
    assert code == 2
    assert out == ""
    assert "VORLAGE.docx" in err
    assert "Bitte die zu prüfende Vorlage angeben" in err  # the command's message, not argparse's


# --------------------------------------------------------------------------- console script


def run_console_script(*argv: Path | str) -> subprocess.CompletedProcess[str]:
    """Run the installed ``stellungnahme`` program in its own process."""
    name = "stellungnahme.exe" if os.name == "nt" else "stellungnahme"
    program = Path(sys.executable).parent / name
    if not program.is_file():
        found = shutil.which("stellungnahme")
        if found is None:
            pytest.fail("Das Programm „stellungnahme“ ist nicht installiert (pip install -e .).")
        program = Path(found)
    return subprocess.run(
        [str(program), *map(str, argv)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_the_console_script_exports(draft_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "aus dem Prozess.docx"
    result = run_console_script("export", draft_file, "-o", target)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Gespeichert: {target}"
    assert Document(io.BytesIO(target.read_bytes())).paragraphs[0].text.startswith("Dezernat")


def test_the_console_script_reports_blocking_findings(incomplete_file: Path) -> None:
    result = run_console_script("export", incomplete_file)
    assert result.returncode == 1
    assert "Das Fazit fehlt." in result.stderr


def test_template_check_names_a_missing_list_style(run_cli: RunCli, tmp_path: Path) -> None:
    document = Document(str(bundled_template()))
    document.styles.element.remove(document.styles["Stn Aufzählung"].element)
    template = tmp_path / "ohne-liste.docx"
    document.save(str(template))
    code, out, _err = run_cli("template-check", template)
    assert code == 0
    assert "Hinweis [Formatvorlagen]: Die Formatvorlage „Stn Aufzählung“" in out
    assert "„ohne-liste.docx“ ist verwendbar (1 Hinweis)." in out
