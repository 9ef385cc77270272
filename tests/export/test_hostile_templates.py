"""Templates that would hang the export or use up the memory are refused within seconds.

The corpus is ``tests/fixtures/make_hostile_templates.py``; each template must give
``template-check`` an error and make the export fail with a German :class:`TemplateError`
naming the file – never an unexpected error, never a hang.
"""

from __future__ import annotations

import importlib.util
import time
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
from console import fake_soffice, run_program, use_soffice

from stellungnahme_app.errors import TemplateError
from stellungnahme_app.export import bundled_template, check_template, export_document
from stellungnahme_app.export.external_targets import external_targets
from stellungnahme_app.model import Draft
from stellungnahme_app.rules import Severity

FIXTURES = Path(__file__).parents[1] / "fixtures"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, FIXTURES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hostile = _load("make_hostile_templates")


@pytest.mark.timeout(30)
@pytest.mark.parametrize("name", sorted(hostile.HOSTILE_JINJA))
def test_template_check_and_export_refuse_within_seconds(
    name: str, reference_draft: Draft, tmp_path: Path
) -> None:
    template = hostile.word_template(tmp_path, name, hostile.HOSTILE_JINJA[name])
    started = time.monotonic()
    errors = [p for p in check_template(template) if p.severity is Severity.ERROR]
    assert errors and all(p.location.startswith("Haupttext") for p in errors)
    assert len(errors) == len({p.message for p in errors})  # each problem said once
    target = tmp_path / "aus.docx"
    with pytest.raises(TemplateError) as raised:
        export_document(reference_draft, target, draft_mode=True, template=template)
    assert f"„{template.name}“" in raised.value.message
    assert not target.exists()
    assert time.monotonic() - started < 15


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", ["leere-schleifen", "wiederholung", "makro-ruft-sich-selbst"])
def test_the_commands_exit_with_a_german_message(
    name: str, reference_json_path: Path, tmp_path: Path
) -> None:
    template = hostile.word_template(tmp_path, name, hostile.HOSTILE_JINJA[name])
    checked = run_program("template-check", template, cwd=tmp_path)
    assert checked.returncode == 1, checked.stderr
    assert f"Die Vorlage „{template.name}“ hat 1 Fehler." in checked.stdout
    exported = run_program(
        "export",
        reference_json_path,
        "--draft",
        "--template",
        template,
        "-o",
        tmp_path / "aus.docx",
        cwd=tmp_path,
    )
    assert exported.returncode == 2, exported.stderr
    assert f"Die Vorlage „{template.name}“ kann nicht verwendet werden" in exported.stderr
    assert "unerwarteter Fehler" not in exported.stderr
    assert not (tmp_path / "aus.docx").exists()


# --------------------------------------------------------------------------- zip bombs


@pytest.mark.timeout(60)
def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    reference_draft: Draft, tmp_path: Path
) -> None:
    bomb = hostile.zip_bomb(tmp_path, 300 * 1024 * 1024)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    started = time.monotonic()
    with pytest.raises(TemplateError) as raised:
        check_template(bomb)
    message = raised.value.message
    assert f"„{bomb.name}“" in message and "entpackt 300 MB" in message
    with pytest.raises(TemplateError, match="entpackt 300 MB"):
        export_document(reference_draft, tmp_path / "aus.docx", draft_mode=True, template=bomb)
    assert time.monotonic() - started < 2
    checked = run_program("template-check", bomb, cwd=tmp_path)
    assert checked.returncode == 2 and "entpackt 300 MB" in checked.stderr


def test_a_part_packed_absurdly_tightly_is_refused(tmp_path: Path) -> None:
    """20 MB of padding pack into 20 KB: a ratio no Word document has."""
    bomb = hostile.zip_bomb(tmp_path, 20 * 1024 * 1024, name="dicht")
    with pytest.raises(TemplateError) as raised:
        check_template(bomb)
    assert "word/document.xml" in raised.value.message
    assert "verdichtet" in raised.value.message


# --------------------------------------------------------------------------- pointing outside


@pytest.mark.parametrize("name", sorted(hostile.EXTERNAL_TARGETS))
def test_template_check_names_what_points_outside_and_the_export_refuses_it(
    name: str, reference_draft: Draft, tmp_path: Path
) -> None:
    template = hostile.template_pointing_outside(tmp_path, name)
    target = hostile.EXTERNAL_TARGETS[name][0]
    errors = [p for p in check_template(template) if p.severity is Severity.ERROR]
    assert len(errors) == 1, errors
    [error] = errors
    assert target in error.message and "nicht nach außen zeigen" in error.message
    expected_part = {"dokumentvorlage": "settings.xml", "bild-in-kopfzeile": "Kopfzeile"}
    assert error.location.startswith(expected_part.get(name, "Haupttext"))
    with pytest.raises(TemplateError) as raised:
        export_document(reference_draft, tmp_path / "aus.docx", draft_mode=True, template=template)
    assert target in raised.value.message
    assert not (tmp_path / "aus.docx").exists()


def test_the_command_names_every_external_target(tmp_path: Path) -> None:
    template = hostile.template_pointing_outside(tmp_path, *hostile.EXTERNAL_TARGETS)
    checked = run_program("template-check", template, cwd=tmp_path)
    assert checked.returncode == 1, checked.stderr
    for target, _build in hostile.EXTERNAL_TARGETS.values():
        assert target in checked.stdout
    assert f"hat {len(hostile.EXTERNAL_TARGETS)} Fehler" in checked.stdout


def test_a_web_link_is_kept_and_only_mentioned(reference_draft: Draft, tmp_path: Path) -> None:
    template = hostile.template_pointing_outside(tmp_path, web_link=True)
    problems = check_template(template)
    assert [p.severity for p in problems] == [Severity.WARNING]
    assert hostile.WEB_LINK in problems[0].message
    target = export_document(
        reference_draft, tmp_path / "aus.docx", draft_mode=True, template=template
    )
    assert [t.target for t in external_targets(target.read_bytes())] == [hostile.WEB_LINK]


def test_the_exported_document_points_nowhere(reference_draft: Draft, tmp_path: Path) -> None:
    target = export_document(reference_draft, tmp_path / "aus.docx")
    assert external_targets(target.read_bytes()) == []


def test_libreoffice_never_sees_a_template_that_points_outside(
    reference_draft: Draft, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = tmp_path / "soffice-lief"
    body = f"Path(r'{started}').touch()\nsys.exit(1)"
    use_soffice(monkeypatch, fake_soffice(tmp_path, body))
    template = hostile.template_pointing_outside(tmp_path, "bild-http")
    with pytest.raises(TemplateError, match=r"example\.invalid"):
        export_document(reference_draft, tmp_path / "aus.pdf", draft_mode=True, template=template)
    assert not started.exists()
    assert not (tmp_path / "aus.pdf").exists()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda info: setattr(info, "flag_bits", info.flag_bits | 0x1), "verschlüsselt"),
        (lambda info: setattr(info, "compress_type", 9), "Deflate64"),
    ],
)
def test_a_template_zip_python_cannot_unpack_is_refused(
    change: object, reason: str, tmp_path: Path
) -> None:
    """An encrypted part or one packed with Deflate64: "not a Word file", not a crash."""
    path = tmp_path / f"{reason}.docx"
    with (
        zipfile.ZipFile(bundled_template()) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        for info in target.infolist():
            if info.filename == "word/document.xml":
                change(info)  # type: ignore[operator]
    with pytest.raises(TemplateError, match="keine Word-Datei"):
        check_template(path)
    checked = run_program("template-check", path, cwd=tmp_path)
    assert checked.returncode == 2, checked.stderr


@pytest.mark.parametrize("name", sorted(hostile.BROKEN_JINJA))
def test_constructs_that_break_jinjas_compiler_are_template_errors(
    name: str, reference_draft: Draft, tmp_path: Path
) -> None:
    template = hostile.word_template(tmp_path, name, hostile.BROKEN_JINJA[name])
    errors = [p for p in check_template(template) if p.severity is Severity.ERROR]
    assert errors and errors[0].location.startswith("Haupttext")
    with pytest.raises(TemplateError):
        export_document(reference_draft, tmp_path / "aus.docx", draft_mode=True, template=template)
