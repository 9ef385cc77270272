"""The warm LibreOffice: one soffice for the session, reused, restarted, ended with the program."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.hard_kill import KILL_ITSELF, KILLED_RETURN_CODE, kill_hard

from stellungnahme_app import paths
from stellungnahme_app.export import office_converter, render_docx_bytes
from stellungnahme_app.export.libreoffice import find_soffice
from stellungnahme_app.export.pdf import convert_to_pdf, pdfa_version, pdfua_part
from stellungnahme_app.model import Draft


def _office_python() -> Path:
    soffice = find_soffice()
    python = office_converter.office_python(soffice) if soffice else None
    if python is None:
        pytest.skip("LibreOffice mit eigenem Python (uno) ist nicht installiert")
    return python


@pytest.fixture(autouse=True)
def warm_office_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STELLUNGNAHME_WARM_OFFICE")


@pytest.fixture
def session() -> Iterator[office_converter.OfficeConverter]:
    _office_python()
    office_converter.stop_session()
    converter = office_converter.session_converter()
    assert converter is not None
    yield converter
    office_converter.stop_session()


@pytest.fixture
def reference_docx(tmp_path: Path, reference_draft: Draft) -> Path:
    path = tmp_path / "Stellungnahme.docx"
    path.write_bytes(render_docx_bytes(reference_draft))
    return path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _wait_until_gone(pid: int, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.1)
    return False


def test_later_pdfs_come_from_the_same_libreoffice(
    session: office_converter.OfficeConverter, reference_docx: Path, tmp_path: Path
) -> None:
    office_converter.warm_up()  # as the window does when the editor is made
    first = convert_to_pdf(reference_docx, tmp_path / "eins.pdf")
    office = session.office_pid
    assert office is not None
    second = convert_to_pdf(reference_docx, tmp_path / "zwei.pdf")
    assert session.office_pid == office
    for pdf in (first, second):  # as the one-shot conversion makes them
        assert pdfa_version(pdf.read_bytes()) == "2B"
        assert pdfua_part(pdf.read_bytes()) == 1
    assert session.profile.parent == paths.data_dir() / "libreoffice"
    assert session.profile.is_dir()
    office_converter.stop_session()
    assert not session.profile.exists(), "its profile goes with it"
    assert _wait_until_gone(office)


@pytest.mark.posix_only(reason="checks the process by its ID with signal 0")
def test_a_libreoffice_that_died_is_started_again(
    session: office_converter.OfficeConverter, reference_docx: Path, tmp_path: Path
) -> None:
    office_converter.warm_up()
    convert_to_pdf(reference_docx, tmp_path / "eins.pdf")
    office = session.office_pid
    assert office is not None
    kill_hard(office)
    deadline = time.monotonic() + 15
    while session.running() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not session.running()
    pdf = convert_to_pdf(reference_docx, tmp_path / "zwei.pdf")
    assert pdfa_version(pdf.read_bytes()) == "2B"
    assert session.office_pid not in (None, office)


def test_without_the_warm_converter_the_one_shot_conversion_does_it(
    reference_docx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _office_python()
    office_converter.stop_session()
    monkeypatch.setenv("STELLUNGNAHME_WARM_OFFICE", "0")
    try:
        assert office_converter.session_converter() is None
        pdf = convert_to_pdf(reference_docx, tmp_path / "einmal.pdf")
        assert pdfa_version(pdf.read_bytes()) == "2B"
    finally:
        office_converter.stop_session()


def test_a_program_that_never_warmed_libreoffice_up_converts_once_as_before(
    session: office_converter.OfficeConverter, reference_docx: Path, tmp_path: Path
) -> None:
    """The command line makes one PDF and ends: a LibreOffice kept for later would only cost."""
    pdf = convert_to_pdf(reference_docx, tmp_path / "einmal.pdf")
    assert pdfa_version(pdf.read_bytes()) == "2B"
    assert pdfua_part(pdf.read_bytes()) == 1
    assert session.office_pid is None
    assert not session.running()


_CONVERT_THEN_DIE = """
import os, signal, sys
from pathlib import Path
from stellungnahme_app.export import office_converter
from stellungnahme_app.export.pdf import convert_to_pdf
office_converter.warm_up()
convert_to_pdf(Path(sys.argv[1]), Path(sys.argv[2]))
print(office_converter.session_converter().office_pid, flush=True)
KILL_ITSELF
"""


@pytest.mark.posix_only(reason="checks the process by its ID with signal 0")
def test_libreoffice_ends_when_the_program_is_killed(reference_docx: Path, tmp_path: Path) -> None:
    _office_python()
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            _CONVERT_THEN_DIE.replace("KILL_ITSELF", KILL_ITSELF),
            str(reference_docx),
            str(tmp_path / "vorher.pdf"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={key: value for key, value in os.environ.items() if key != "STELLUNGNAHME_WARM_OFFICE"},
    )
    assert result.returncode == KILLED_RETURN_CODE, result.stderr
    office = int(result.stdout.strip())
    assert (tmp_path / "vorher.pdf").is_file()
    assert _wait_until_gone(office), "soffice outlived the killed program"


def test_profiles_of_ended_runs_go_and_those_of_running_ones_stay(tmp_path: Path) -> None:
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait(timeout=30)
    try:
        folder = tmp_path / "libreoffice"
        for pid in (running.pid, ended.pid, os.getpid()):
            (folder / f"profil-{pid}" / "user").mkdir(parents=True)
        office_converter.remove_stale_profiles(folder)
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            [f"profil-{running.pid}", f"profil-{os.getpid()}"]
        )
    finally:
        running.kill()
        running.wait(timeout=30)
