"""Build the one-folder bundle for this platform and smoke-test it, as the Windows build does.

Slow (PyInstaller analyses and copies the whole program, then the smoke test starts the built
programs): see packaging/README.md for what the smoke test checks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import build
import bundle_config as config
import pytest

from stellungnahme_app.export.pdf import find_soffice
from stellungnahme_app.spelling import find_dictionary

BUILD_SCRIPT = config.PACKAGING_DIR / "build.py"
BUILD_TIMEOUT_SECONDS = 600


@pytest.mark.slow
def test_bundle_builds_and_passes_its_smoke_test(tmp_path: Path) -> None:
    dist, work = tmp_path / "dist", tmp_path / "work"
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--dist", str(dist), "--work", str(work)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=BUILD_TIMEOUT_SECONDS,
        check=False,
    )
    report = result.stdout + result.stderr
    try:
        assert result.returncode == 0, report
        assert "Ergebnis: in Ordnung" in report
        assert "✗" not in report
        # PDF only with LibreOffice, the spell-check only with a German dictionary
        expected_checks = 6 + (find_soffice() is not None) + (find_dictionary().found is not None)
        assert report.count("✓") == expected_checks, report
        bundle = dist / config.BUNDLE_NAME
        assert (bundle / config.executable_name(config.GUI_NAME)).is_file()
        assert (bundle / config.executable_name(config.CLI_NAME)).is_file()
        assert "✓ Antrag lesen (PDF): antrag-schulwege.pdf → 0815/25, 4 Beschlusspunkte" in report
    finally:  # some 200 MB; pytest would keep them for three runs
        shutil.rmtree(dist, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)


def test_build_script_refuses_to_test_a_bundle_that_is_not_there(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--skip-build", "--dist", str(tmp_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Kein Bundle" in result.stdout


def test_application_quits_by_itself_after_start_when_asked(data_home: Path) -> None:
    """The hook the smoke test relies on, in the source tree: window up, then exit code 0."""
    result = subprocess.run(
        [sys.executable, "-m", "stellungnahme_app"],
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "STELLUNGNAHME_QUIT_AFTER_START": "1",
            "STELLUNGNAHME_HOME": str(data_home),
        },
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (data_home / "stellungnahme.db").is_file()  # the window opened the store


def test_a_release_build_fails_when_the_pdf_check_cannot_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without LibreOffice the PDF check is skipped – not so with --require-pdf."""

    def without_libreoffice(bundle: build.Bundle, home: Path) -> str:
        raise build.SkippedCheck("LibreOffice nicht gefunden")

    checks = ((build.PDF_CHECK, without_libreoffice),)
    bundle = build.Bundle(tmp_path)
    assert build.smoke_test(bundle, checks=checks) == []
    assert "übersprungen" in capsys.readouterr().out
    required = frozenset({build.PDF_CHECK})
    assert build.smoke_test(bundle, checks=checks, required=required) == [build.PDF_CHECK]
    assert "✗ PDF-Ausgabe: übersprungen (LibreOffice nicht gefunden), ist aber verlangt" in (
        capsys.readouterr().out
    )
    assert build.parse_arguments(["--require-pdf"]).require_pdf
    assert not build.parse_arguments([]).require_pdf
