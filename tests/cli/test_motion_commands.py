"""``import-motion`` and ``drafts import-motion``, run through the command line's entry point."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from fixtures.motions import corpus

from stellungnahme_app import exchange
from stellungnahme_app.model import Draft, ResolutionPoint
from stellungnahme_app.store import Store, VersionReason

RunCli = Callable[..., tuple[int, str, str]]
MOTIONS = Path(__file__).parents[1] / "fixtures" / "motions"


def test_import_motion_writes_a_draft_with_number_title_and_points(
    run_cli: RunCli, tmp_path: Path
) -> None:
    target = tmp_path / "entwurf.json"
    code, out, err = run_cli("import-motion", MOTIONS / "antrag-schulwege.pdf", "-o", target)
    assert (code, err) == (0, "")
    assert exchange.read_file(target) == Draft(
        document_number="0815/25",
        document_title=corpus.SCHULWEGE.title,
        resolution_points=[ResolutionPoint(*p) for p in corpus.SCHULWEGE.expected_points],
    )
    lines = out.splitlines()
    assert (
        lines[0] == f"Gelesen: 0815/25 – {corpus.SCHULWEGE.title}: 4 Beschlusspunkte (Seiten 1–2)"
    )
    assert lines[2].startswith("  02 (Seiten 1–2): Die Konzepte werden gemeinsam")
    assert lines[-1] == f"Gespeichert: {target.absolute()}"


def test_without_output_the_file_is_named_by_the_number_beside_the_motion(
    run_cli: RunCli, tmp_path: Path
) -> None:
    motion = shutil.copyfile(MOTIONS / "antrag-radverkehr.docx", tmp_path / "antrag.docx")
    code, _out, _err = run_cli("import-motion", motion)
    assert code == 0
    written = exchange.read_file(tmp_path / "Stellungnahme_1023-25.json")
    assert [p.number for p in written.resolution_points] == ["1)", "2)", "3)"]
    folder = tmp_path / "ziel"
    folder.mkdir()
    assert run_cli("import-motion", motion, "-o", folder)[0] == 0
    assert (folder / "Stellungnahme_1023-25.json").is_file()


def test_an_oparl_record_with_and_without_its_main_file(run_cli: RunCli, tmp_path: Path) -> None:
    record = MOTIONS / corpus.OPARL_RADVERKEHR_FILE
    code, out, err = run_cli("import-motion", record, "-o", tmp_path / "x.json")
    assert (code, out) == (2, "")
    assert f"„{corpus.OPARL_RADVERKEHR_MAIN_FILE_NAME}“" in err
    assert err.rstrip().endswith("Geben Sie die Hauptdatei mit --main-file DATEI an.")
    assert not (tmp_path / "x.json").exists()

    main_file = MOTIONS / "antrag-radverkehr.docx"
    code, _out, err = run_cli(
        "import-motion", record, "--main-file", main_file, "-o", tmp_path / "x.json"
    )
    assert (code, err) == (0, "")
    assert exchange.read_file(tmp_path / "x.json").document_number == "1023/25"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (corpus.SCAN_FILE, "enthält keinen lesbaren Text, nur Bilder der Seiten"),
        (corpus.ENCRYPTED_FILE, "ist mit einem Kennwort geschützt"),
        (corpus.NO_POINTS_FILE, "wurden keine Beschlusspunkte gefunden. Gesucht wurde"),
        ("corpus.py", "ist weder ein PDF noch eine Word-Datei"),
    ],
)
def test_unreadable_motions_are_usage_errors_and_write_nothing(
    run_cli: RunCli, tmp_path: Path, name: str, message: str
) -> None:
    code, out, err = run_cli("import-motion", MOTIONS / name, "-o", tmp_path / "x.json")
    assert (code, out) == (2, "")
    assert message in err
    assert list(tmp_path.iterdir()) == []


def test_notes_about_what_is_missing_go_to_stderr(run_cli: RunCli, tmp_path: Path) -> None:
    document = docx.Document()
    for text in ("Der Stadtrat beschließt:", "1. Erstens.", "2. Zweitens."):
        document.add_paragraph(text)
    document.save(str(tmp_path / "antrag.docx"))
    code, out, err = run_cli("import-motion", tmp_path / "antrag.docx", "-o", tmp_path / "x.json")
    assert code == 0
    assert "  1.: Erstens." in out.splitlines()
    assert err.splitlines() == [
        "Hinweis („antrag.docx“): Die Nummer der Drucksache (Form 0661/24) wurde nicht "
        "gefunden; bitte tragen Sie sie ein.",
        "Hinweis („antrag.docx“): Der Titel der Drucksache wurde nicht gefunden; bitte tragen "
        "Sie ihn ein.",
    ]


def test_the_output_must_be_json_and_not_the_motion_itself(run_cli: RunCli, tmp_path: Path) -> None:
    code, _out, err = run_cli(
        "import-motion", MOTIONS / "antrag-schulwege.pdf", "-o", tmp_path / "x.docx"
    )
    assert code == 2 and "muss auf .json enden" in err
    record = shutil.copyfile(MOTIONS / corpus.OPARL_SCHULWEGE_FILE, tmp_path / "paper.json")
    shutil.copyfile(MOTIONS / "antrag-schulwege.pdf", tmp_path / "antrag-schulwege.pdf")
    before = record.read_bytes()
    code, _out, err = run_cli("import-motion", record, "-o", record)
    assert code == 2 and "ist die gelesene Datei" in err
    assert record.read_bytes() == before


def test_an_unwritable_target_is_exit_code_3(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "fehlt" / "x.json"
    code, _out, err = run_cli("import-motion", MOTIONS / "antrag-schulwege.pdf", "-o", target)
    assert code == 3
    assert "fehlt" in err


def test_drafts_import_motion_stores_each_with_an_import_version(run_cli: RunCli) -> None:
    code, out, err = run_cli(
        "drafts",
        "import-motion",
        MOTIONS / "antrag-schulwege.pdf",
        MOTIONS / "antrag-spielplaetze.docx",
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Nr. 1: 0815/25 – Sichere Schulwege für alle Grundschulen und Horte… "
        "(aus „antrag-schulwege.pdf“, 4 Beschlusspunkte)",
        "Nr. 2: 0444/25 – Spielplätze sanieren und schattiger gestalten "
        "(aus „antrag-spielplaetze.docx“, 3 Beschlusspunkte)",
    ]
    with Store.open() as store:
        stored = store.load(1).draft
        assert [(p.number, p.text) for p in stored.resolution_points] == (
            corpus.SCHULWEGE.expected_points
        )
        assert stored.city == "Erfurt"  # the configured defaults, as a new draft in the window
        assert [v.reason for v in store.versions(2)] == [VersionReason.MOTION]


def test_drafts_import_motion_stores_nothing_if_one_cannot_be_read(run_cli: RunCli) -> None:
    code, out, err = run_cli(
        "drafts", "import-motion", MOTIONS / "antrag-schulwege.pdf", MOTIONS / corpus.SCAN_FILE
    )
    assert (code, out) == (2, "")
    assert re.search(r"„scan-ohne-text\.pdf“ enthält keinen lesbaren Text", err)
    assert err.rstrip().endswith("Es wurde kein Entwurf angelegt.")
    assert run_cli("drafts", "list")[1] == "Keine Entwürfe.\n"


def test_drafts_import_motion_of_an_oparl_record(run_cli: RunCli) -> None:
    record = MOTIONS / corpus.OPARL_RADVERKEHR_FILE
    main_file = MOTIONS / "antrag-radverkehr.pdf"
    code, out, _err = run_cli("drafts", "import-motion", record, "--main-file", main_file)
    assert code == 0 and out.startswith("Nr. 1: 1023/25 – Radverkehrsnetz zügig ausbauen")
    code, _out, err = run_cli("drafts", "import-motion", record, record, "--main-file", main_file)
    assert code == 2 and "--main-file geht nur zusammen mit einem einzigen Antrag" in err


def test_the_installed_command_reads_a_motion_in_a_process_of_its_own(
    tmp_path: Path, data_home: Path
) -> None:
    """As a script would call it: the console entry point, German on stderr, exit codes."""
    program = Path(sys.executable).with_name("stellungnahme")
    environment = {**os.environ, "STELLUNGNAHME_HOME": str(data_home)}

    def run(*arguments: object) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(program), *map(str, arguments)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=environment,
            timeout=120,
            check=False,
        )

    done = run("import-motion", MOTIONS / "antrag-haltestellen.pdf", "-o", tmp_path / "x.json")
    assert (done.returncode, done.stderr) == (0, "")
    assert len(exchange.read_file(tmp_path / "x.json").resolution_points) == 12
    refused = run("import-motion", MOTIONS / corpus.SCAN_FILE, "-o", tmp_path / "y.json")
    assert refused.returncode == 2
    assert "„scan-ohne-text.pdf“ enthält keinen lesbaren Text" in refused.stderr
