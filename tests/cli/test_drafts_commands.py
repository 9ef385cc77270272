"""The ``drafts`` commands, run through the real command-line entry point."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from stellungnahme_app import exchange
from stellungnahme_app.cli.drafts_commands import parse_status
from stellungnahme_app.export import find_soffice
from stellungnahme_app.model import Draft
from stellungnahme_app.store import Status, Store, VersionReason

RunCli = Callable[..., tuple[int, str, str]]
MakeFile = Callable[[str], Path]


def imported_ids(output: str) -> list[int]:
    return [int(number) for number in re.findall(r"^Nr\. (\d+):", output, re.MULTILINE)]


def document_text(path: Path) -> list[str]:
    """Every paragraph of the body, the tables, headers and footers, in document order."""
    document = docx.Document(str(path))
    parts = [document.element.body]
    for section in document.sections:
        parts.extend(part._element for part in (section.header, section.footer))
    return [
        "".join(node.text or "" for node in paragraph.iter(qn("w:t")))
        for part in parts
        for paragraph in part.iter(qn("w:p"))
    ]


def test_list_of_an_empty_database(run_cli: RunCli) -> None:
    assert run_cli("drafts", "list") == (0, "Keine Entwürfe.\n", "")


def test_without_subcommand_shows_help(run_cli: RunCli) -> None:
    code, _out, err = run_cli("drafts")
    assert code == 2
    assert "Unterbefehle" in err


def test_import_prints_new_ids_and_list_shows_an_aligned_table(
    run_cli: RunCli, reference_json_path: Path, tmp_path: Path
) -> None:
    other = tmp_path / "bau.json"
    exchange.write_file(
        Draft(document_number="0815/24", document_title="Straßenbahn zum Ringelberg"), other
    )
    code, out, err = run_cli("drafts", "import", str(reference_json_path), str(other))
    assert (code, err) == (0, "")
    assert imported_ids(out) == [1, 2]
    assert "0661/24 – Arbeitskreis Segregation" in out
    with Store.open() as store:
        assert store.load(1).draft == exchange.read_file(reference_json_path)
        assert [v.reason for v in store.versions(1)] == [VersionReason.IMPORT]
        stored = store.load(2)
        stored.deadline = date(2020, 1, 31)
        stored.status = Status.IN_REVIEW
        store.save(stored)

    code, out, _err = run_cli("drafts", "list")
    assert code == 0
    header, first, second = out.splitlines()
    assert header.split() == ["Nr.", "Drucksache", "Titel", "Status", "Frist", "Geändert"]
    assert first.split()[:2] == ["2", "0815/24"]
    assert "In Abstimmung" in first and "31.01.2020 überfällig" in first
    assert re.search(r"\d\d\.\d\d\.\d{4} \d\d:\d\d$", second)
    for column in ("Titel", "Status", "Frist", "Geändert"):
        start = header.index(column)
        assert first[start - 2 : start] == "  " and first[start] != " "
        assert second[start - 2 : start] == "  "


def test_import_of_a_broken_file_imports_nothing(
    run_cli: RunCli, reference_json_path: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "kaputt.json"
    broken.write_text('{"format": "stellungnahme/1", "titel": 1}', encoding="utf-8")
    code, out, err = run_cli("drafts", "import", str(reference_json_path), str(broken))
    assert code == 2
    assert out == ""
    assert "kaputt.json" in err and "titel" in err
    with Store.open() as store:
        assert store.is_empty()


def test_import_of_an_unreasonably_large_draft_imports_nothing(
    run_cli: RunCli, reference_json_path: Path, tmp_path: Path
) -> None:
    huge = tmp_path / "riesig.json"
    points = [{"number": f"{i:02d}", "text": "x"} for i in range(10_000)]
    huge.write_text(
        json.dumps({"format": "stellungnahme/1", "resolution_points": points}), encoding="utf-8"
    )
    code, out, err = run_cli("drafts", "import", str(reference_json_path), str(huge))
    assert code == 2 and out == ""
    assert "riesig.json" in err and "10.000 Beschlusspunkte" in err
    assert "Es wurde keine Datei gespeichert." in err
    with Store.open() as store:
        assert store.is_empty()


def test_titles_reach_the_terminal_with_control_characters_escaped(
    run_cli: RunCli, tmp_path: Path
) -> None:
    hostile = "Titel\x1b]0;gekapert\x07\x1b[31m rot\u202e"
    path = tmp_path / "steuerzeichen.json"
    exchange.write_file(Draft(document_title=hostile), path)
    code, out, err = run_cli("drafts", "import", str(path))
    assert code == 0, err
    code, listing, _err = run_cli("drafts", "list")
    assert code == 0
    for printed in (out, listing):
        assert "\x1b" not in printed and "\x07" not in printed and "\u202e" not in printed
    assert "Titel\\x1b]0;gekapert\\x07\\x1b[31m rot\\u202e" in out
    assert "Titel\\x1b]0;gekapert" in listing


@pytest.mark.parametrize(
    "typed", ["in_abstimmung", "In Abstimmung", "IN ABSTIMMUNG", "in abstimmung"]
)
def test_status_accepts_value_or_label_in_any_case(typed: str) -> None:
    assert parse_status(typed) is Status.IN_REVIEW


def test_list_filters_by_status_and_search(run_cli: RunCli, reference_draft: Draft) -> None:
    with Store.open() as store:
        store.create(reference_draft, status=Status.FOR_SIGNATURE)
        store.create(Draft(document_title="Größere Umgehungsstraße"))
    code, out, _ = run_cli("drafts", "list", "--status", "zur unterschrift")
    assert code == 0 and len(out.splitlines()) == 2 and "Segregation" in out
    code, out, _ = run_cli("drafts", "list", "--search", "umgehungsstrasse")
    assert code == 0 and len(out.splitlines()) == 2 and "Größere Umgehungsstraße" in out
    code, out, _ = run_cli("drafts", "list", "--search", "Segreg", "--status", "entwurf")
    assert (code, out) == (0, "Keine Entwürfe gefunden.\n")
    code, _out, err = run_cli("drafts", "list", "--status", "fertig")
    assert code == 2 and "unbekannter Status „fertig“" in err and "Abgeschlossen" in err


def test_export_to_json_records_an_export_version(
    run_cli: RunCli, reference_draft: Draft, tmp_path: Path
) -> None:
    with Store.open() as store:
        draft_id = store.create(reference_draft).id
    target = tmp_path / "aus-der-datenbank.json"
    code, out, _ = run_cli("drafts", "export", str(draft_id), "-o", str(target))
    assert code == 0 and str(target) in out
    assert exchange.read_file(target) == reference_draft
    with Store.open() as store:
        assert [v.reason for v in store.versions(draft_id)] == [VersionReason.EXPORT]


def test_docx_from_the_store_equals_the_export_of_the_same_json(
    run_cli: RunCli, reference_json_path: Path, tmp_path: Path
) -> None:
    code, out, _ = run_cli("drafts", "import", str(reference_json_path))
    (draft_id,) = imported_ids(out)
    from_store = tmp_path / "aus-der-datenbank.docx"
    from_file = tmp_path / "aus-der-datei.docx"
    code, _, err = run_cli("drafts", "export", str(draft_id), "-o", str(from_store))
    assert code == 0, err
    code, _, err = run_cli("export", str(reference_json_path), "-o", str(from_file))
    assert code == 0, err
    text = document_text(from_store)
    assert "Arbeitskreis Segregation" in "\n".join(text)
    assert text == document_text(from_file)


def test_final_export_of_an_incomplete_draft_is_blocked_but_draft_mode_works(
    run_cli: RunCli, tmp_path: Path
) -> None:
    with Store.open() as store:
        draft_id = store.create(Draft(document_title="Halb fertig")).id
    target = tmp_path / "halb.docx"
    code, out, err = run_cli("drafts", "export", str(draft_id), "-o", str(target))
    assert code == 1 and out == "" and "noch nicht endgültig" in err
    assert not target.exists()
    code, out, err = run_cli("drafts", "export", str(draft_id), "-o", str(target), "--draft")
    assert code == 0 and "Gespeichert (Entwurf)" in out
    assert "ENTWURF" in "".join(document_text(target))
    with Store.open() as store:
        assert [v.reason for v in store.versions(draft_id)] == [VersionReason.EXPORT]


def test_export_uses_the_configured_template_and_number_form(
    run_cli: RunCli,
    reference_draft: Draft,
    tmp_path: Path,
    template_with_footer: MakeFile,
    admin_config: MakeFile,
) -> None:
    """Like ``export`` and the window: the administrator's template and number form apply."""
    with Store.open() as store:
        draft_id = store.create(reference_draft).id
    template = template_with_footer(" – Vorlage des Administrators")
    admin_config(f"template = '{template}'\n")
    target = tmp_path / "x.docx"
    code, _out, err = run_cli("drafts", "export", str(draft_id), "-o", str(target))
    assert code == 0, err
    footer = docx.Document(str(target)).sections[0].footer.paragraphs[0].text
    assert footer.endswith(" – Vorlage des Administrators")
    admin_config("number_pattern = '^DS-\\d{4}/\\d{4}$'\nnumber_example = 'DS-0661/2024'\n")
    code, _out, err = run_cli("drafts", "export", str(draft_id), "-o", str(target))
    assert code == 1 and "DS-0661/2024" in err


@pytest.mark.office
@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice fehlt")  # not only in PATH
def test_export_to_pdf(run_cli: RunCli, reference_draft: Draft, tmp_path: Path) -> None:
    with Store.open() as store:
        draft_id = store.create(reference_draft).id
    target = tmp_path / "Stellungnahme.pdf"
    code, _out, err = run_cli("drafts", "export", str(draft_id), "-o", str(target))
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["drafts", "export", "7", "-o", "x.json"], "Nr. 7 gibt es nicht"),
        (["drafts", "export", "1", "-o", "x.txt"], "muss auf .json"),
        (["drafts", "export", "eins", "-o", "x.json"], "keine Entwurfsnummer"),
        (["drafts", "delete", "7"], "Nr. 7 gibt es nicht"),
        (["drafts", "restore", "0"], "keine Entwurfsnummer"),
        (["drafts", "restore-backup"], "keine Sicherung"),
    ],
)
def test_usage_errors_exit_with_2(
    run_cli: RunCli, argv: list[str], expected: str, tmp_path: Path
) -> None:
    code, out, err = run_cli(*argv)
    assert code == 2
    assert out == ""
    assert expected in err


def test_delete_and_restore(run_cli: RunCli, reference_draft: Draft) -> None:
    with Store.open() as store:
        draft_id = store.create(reference_draft).id
    code, out, _ = run_cli("drafts", "delete", str(draft_id))
    assert code == 0 and "Papierkorb" in out
    assert run_cli("drafts", "list")[1] == "Keine Entwürfe.\n"
    code, out, _ = run_cli("drafts", "list", "--trash")
    assert "Segregation" in out
    code, out, _ = run_cli("drafts", "restore", str(draft_id))
    assert code == 0 and "zurückgeholt" in out
    assert "Segregation" in run_cli("drafts", "list")[1]


def test_backup_and_restore_backup(run_cli: RunCli, reference_draft: Draft) -> None:
    with Store.open() as store:
        store.create(reference_draft)
    code, out, _ = run_cli("drafts", "backup")
    assert code == 0
    backup = Path(out.split(": ", 1)[1].strip())
    assert backup.is_file()
    with Store.open() as store:
        store.create(Draft(document_title="Nach der Sicherung"))
    code, out, err = run_cli("drafts", "restore-backup", "nicht-da.db")
    assert code == 2 and "nicht-da.db" in err
    code, out, _ = run_cli("drafts", "restore-backup", backup.name)
    assert code == 0
    assert backup.name in out and "aufbewahrt" in out
    assert "Nach der Sicherung" not in run_cli("drafts", "list")[1]


def test_recovery_notice_is_shown(run_cli: RunCli, data_home: Path) -> None:
    (data_home / "stellungnahme.db").write_bytes(b"kein SQLite" * 500)
    code, out, err = run_cli("drafts", "list")
    assert code == 0
    assert out == "Keine Entwürfe.\n"
    assert "beschädigt" in err


def test_list_names_a_damaged_draft_it_leaves_out(run_cli: RunCli) -> None:
    import sqlite3

    with Store.open() as store:
        store.create(Draft(document_title="Gesund"))
        damaged = store.create(Draft(document_title="Domplatz")).id
        path = store.path
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "UPDATE drafts SET status = CAST(? AS TEXT) WHERE id = ?", (b"entw\xffrf", damaged)
        )
    connection.close()
    code, out, err = run_cli("drafts", "list")
    assert code == 0
    assert "Gesund" in out and "Domplatz" not in out
    assert f"Entwurf Nr. {damaged} ist beschädigt und fehlt in der Liste" in err
