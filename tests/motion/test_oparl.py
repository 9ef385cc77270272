"""OParl Paper records: number and name from the record, points from its main file."""

from __future__ import annotations

import json
import re
import shutil
import socket
from pathlib import Path
from typing import Any

import pytest
from fixtures.motions import corpus

from stellungnahme_app.motion import (
    MainFileMissing,
    NotAPaper,
    SourceKind,
    json_kind,
    read_motion,
)
from stellungnahme_app.motion.oparl import read_paper

PAPER_TYPE = "https://schema.oparl.org/1.1/Paper"


def write_json(folder: Path, name: str, value: Any) -> Path:
    path = folder / name
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def beside(tmp_path: Path, motions: Path) -> Path:
    """A folder with the main file of 0815/25 as the clerk saved it."""
    shutil.copyfile(motions / "antrag-schulwege.pdf", tmp_path / "antrag-schulwege.pdf")
    return tmp_path


def test_a_record_with_the_quirks_real_systems_send(motions: Path) -> None:
    """mimeType "pdf", an empty downloadUrl, [null] lists (the corpus record)."""
    reading = read_motion(motions / corpus.OPARL_SCHULWEGE_FILE)
    assert reading.kind is SourceKind.OPARL
    assert reading.source == motions / corpus.OPARL_SCHULWEGE_FILE
    assert reading.document == motions / "antrag-schulwege.pdf"
    assert (reading.number, reading.title) == (corpus.SCHULWEGE.number, corpus.SCHULWEGE.title)
    assert reading.number_origin is not None and reading.number_origin.from_record == "reference"
    assert reading.title_origin is not None and reading.title_origin.from_record == "name"
    assert [(p.number, p.text) for p in reading.points] == corpus.SCHULWEGE.expected_points
    assert reading.page_count == 2


def test_the_main_file_not_beside_the_record_is_named(motions: Path) -> None:
    with pytest.raises(MainFileMissing) as missing:
        read_motion(motions / corpus.OPARL_RADVERKEHR_FILE)
    assert missing.value.expected_name == corpus.OPARL_RADVERKEHR_MAIN_FILE_NAME
    assert missing.value.message.startswith(
        f"Die Hauptdatei „{corpus.OPARL_RADVERKEHR_MAIN_FILE_NAME}“ der Drucksache liegt nicht "
        f"neben „{corpus.OPARL_RADVERKEHR_FILE}“"
    )


def test_the_main_file_given_explicitly(motions: Path) -> None:
    reading = read_motion(
        motions / corpus.OPARL_RADVERKEHR_FILE, main_file=motions / "antrag-radverkehr.docx"
    )
    assert (reading.number, reading.title) == (corpus.RADVERKEHR.number, corpus.RADVERKEHR.title)
    assert [(p.number, p.text) for p in reading.points] == corpus.RADVERKEHR.expected_points


def test_missing_optional_keys_fall_back_to_the_document(beside: Path) -> None:
    record = write_json(
        beside, "paper.json", {"type": PAPER_TYPE, "mainFile": {"fileName": "antrag-schulwege.pdf"}}
    )
    reading = read_motion(record)
    assert (reading.number, reading.title) == (corpus.SCHULWEGE.number, corpus.SCHULWEGE.title)
    assert reading.number_origin is not None and reading.number_origin.from_record == ""


@pytest.mark.parametrize(
    "main_file",
    [
        "https://ratsinfo.example/dokumente/antrag-schulwege.pdf",
        {"accessUrl": "https://ratsinfo.example/dokumente/antrag-schulwege.pdf", "downloadUrl": ""},
        {"name": "antrag-schulwege", "mimeType": "application/pdf"},
        {"fileName": "ANTRAG-SCHULWEGE.PDF"},
    ],
    ids=["url", "access-url", "name-and-mime", "other-case"],
)
def test_the_main_file_is_found_by_what_the_record_gives(beside: Path, main_file: Any) -> None:
    record = write_json(
        beside, "paper.json", {"type": PAPER_TYPE, "reference": "0815/25", "mainFile": main_file}
    )
    assert read_motion(record).document == beside / "antrag-schulwege.pdf"


def test_a_file_name_never_leads_out_of_the_folder(tmp_path: Path, motions: Path) -> None:
    inner = tmp_path / "ablage"
    inner.mkdir()
    shutil.copyfile(motions / "antrag-schulwege.pdf", tmp_path / "antrag-schulwege.pdf")
    record = write_json(
        inner,
        "paper.json",
        {"type": PAPER_TYPE, "mainFile": {"fileName": "../antrag-schulwege.pdf"}},
    )
    assert read_paper(record).main_file_name == "antrag-schulwege.pdf"
    with pytest.raises(MainFileMissing):
        read_motion(record)  # looked for in ablage/, not one folder up


def test_a_record_without_main_file_asks_for_one(tmp_path: Path) -> None:
    record = write_json(tmp_path, "paper.json", {"type": PAPER_TYPE, "reference": "0815/25"})
    with pytest.raises(MainFileMissing, match="nennt keine Hauptdatei") as missing:
        read_motion(record)
    assert missing.value.expected_name == ""


def test_a_list_page_with_one_paper(beside: Path) -> None:
    paper = {
        "type": PAPER_TYPE,
        "reference": "0815/25",
        "mainFile": {"fileName": "antrag-schulwege.pdf"},
    }
    record = write_json(beside, "liste.json", {"data": [None, paper], "links": {}})
    assert read_motion(record).number == "0815/25"
    assert json_kind(record) == "paper"


def test_a_list_page_with_several_papers_is_refused(tmp_path: Path) -> None:
    paper = {"type": PAPER_TYPE, "reference": "0815/25"}
    record = write_json(tmp_path, "liste.json", {"data": [paper, paper]})
    with pytest.raises(NotAPaper, match="eine Liste mit 2 Drucksachen"):
        read_motion(record)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"type": "https://schema.oparl.org/1.0/Meeting"}, "sondern vom Typ „Meeting“"),
        ({"reference": "0815/25"}, "Erwartet wird ein Objekt mit „type“"),
        ([1, 2], "Erwartet wird ein Objekt"),
    ],
)
def test_json_that_is_not_a_paper(tmp_path: Path, value: Any, message: str) -> None:
    record = write_json(tmp_path, "sitzung.json", value)
    with pytest.raises(NotAPaper, match=message) as refused:
        read_motion(record)
    assert refused.value.message.startswith(
        "„sitzung.json“ ist kein OParl-Datensatz einer Drucksache (Paper)"
    )


def test_json_that_is_not_json(tmp_path: Path) -> None:
    broken = tmp_path / "kaputt.json"
    broken.write_text('{"type": ', encoding="utf-8")
    with pytest.raises(NotAPaper, match=re.escape("„kaputt.json“ ist keine gültige JSON-Datei")):
        read_motion(broken)


def test_an_exchange_file_is_told_apart_from_a_paper(
    motions: Path, reference_json_path: Path, tmp_path: Path
) -> None:
    assert json_kind(reference_json_path) == "exchange"
    assert json_kind(motions / corpus.OPARL_SCHULWEGE_FILE) == "paper"
    assert json_kind(write_json(tmp_path, "x.json", {"type": "Meeting"})) == "other"
    broken = tmp_path / "kaputt.json"
    broken.write_text("{", encoding="utf-8")
    assert json_kind(broken) == "exchange"  # the usual import says what is wrong with it


def test_reading_a_record_opens_no_network_connection(
    motions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("Netzwerkverbindung geöffnet")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert read_motion(motions / corpus.OPARL_SCHULWEGE_FILE).number == "0815/25"


def test_an_exchange_file_chosen_as_a_motion_says_where_it_belongs(
    reference_json_path: Path,
) -> None:
    with pytest.raises(NotAPaper) as refused:
        read_motion(reference_json_path)
    assert refused.value.message == (
        "„stellungnahme-0661-24.json“ ist kein Antrag, sondern eine Stellungnahme im "
        "Austauschformat (stellungnahme/1). Übernehmen Sie sie mit „Importieren …“."
    )
