"""Reading and writing the exchange format ``stellungnahme/1``."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stellungnahme_app import exchange
from stellungnahme_app.errors import ExchangeFormatError, StellungnahmeError
from stellungnahme_app.model import (
    Assessments,
    Contribution,
    Draft,
    ResolutionPoint,
    Signature,
)

# ----------------------------------------------------------------- strategies

texts = st.text(max_size=60)
answers = st.one_of(st.none(), st.booleans())
drafts = st.builds(
    Draft,
    city=texts,
    department=texts,
    document_number=texts,
    document_title=texts,
    public=answers,
    assessments=st.builds(Assessments, legal=answers, resources=answers, financial=answers),
    resolution_points=st.lists(st.builds(ResolutionPoint, number=texts, text=texts), max_size=4),
    contributions=st.lists(
        st.builds(Contribution, office=texts, heading=texts, text=texts), max_size=4
    ),
    conclusion=texts,
    amended_resolution_points=texts,
    attachments=st.lists(texts, max_size=4),
    signature=st.builds(
        Signature,
        name=texts,
        date=st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1))),
        deputy=st.booleans(),
    ),
)


def _reference_json(reference_json_path: Path) -> dict:
    return json.loads(reference_json_path.read_text(encoding="utf-8"))


def _error_for(value: object) -> ExchangeFormatError:
    with pytest.raises(ExchangeFormatError) as info:
        exchange.loads(json.dumps(value))
    return info.value


# ----------------------------------------------------------------- reading


def test_reference_file_reads_every_part(reference_draft: Draft) -> None:
    d = reference_draft
    assert d.city == "Erfurt"
    assert d.department == "Dezernat für Soziales, Bildung, Jugend und Gesundheit"
    assert d.document_number == "0661/24"
    assert d.document_title == "Arbeitskreis Segregation"
    assert d.public is True
    assert d.assessments == Assessments(legal=True, resources=False, financial=False)
    assert [p.number for p in d.resolution_points] == ["01", "02", "03"]
    assert [c.office for c in d.contributions] == [
        "Amt für Soziales",
        "Amt für Stadtentwicklung und Stadtplanung",
    ]
    assert d.contributions[0].text.count("\n\n") == 3
    assert d.conclusion.startswith("Aus Sicht der Stadtverwaltung")
    assert d.amended_resolution_points == ""
    assert d.attachments == []
    assert d.signature == Signature("Anke Hofmann-Domke", dt.date(2024, 4, 30))


def test_writing_the_reference_gives_back_the_same_json(
    reference_draft: Draft, reference_json_path: Path
) -> None:
    assert json.loads(exchange.dumps(reference_draft)) == _reference_json(reference_json_path)


def test_missing_optional_keys_mean_empty() -> None:
    draft = exchange.loads('{"format": "stellungnahme/1"}')
    assert draft == Draft()


def test_nulls_describe_an_incomplete_draft() -> None:
    raw = {
        "format": "stellungnahme/1",
        "city": None,
        "public": None,
        "assessments": {"legal": None},
        "resolution_points": None,
        "signature": {"name": None, "date": None},
    }
    assert exchange.loads(json.dumps(raw)) == Draft()


def test_byte_order_mark_is_accepted(reference_json_path: Path) -> None:
    data = b"\xef\xbb\xbf" + reference_json_path.read_bytes()
    assert exchange.loads(data).document_number == "0661/24"


def test_malformed_json_names_line_and_column() -> None:
    with pytest.raises(ExchangeFormatError) as info:
        exchange.loads('{\n  "format": "stellungnahme/1",\n  "city" "Erfurt"\n}')
    message = str(info.value)
    assert "Zeile 3, Spalte 10" in message
    assert "Doppelpunkt" in message


def test_wrong_format_names_found_and_supported_version() -> None:
    message = str(_error_for({"format": "stellungnahme/2"}))
    assert "„stellungnahme/2“" in message
    assert "„stellungnahme/1“" in message


def test_missing_format_is_refused() -> None:
    assert "format" in str(_error_for({"city": "Erfurt"}))


def test_unknown_key_is_named_with_its_path(reference_json_path: Path) -> None:
    raw = _reference_json(reference_json_path)
    raw["contributions"][1]["txt"] = raw["contributions"][1].pop("text")
    error = _error_for(raw)
    assert error.path == "contributions[1].txt"
    assert "contributions[1].txt" in str(error)


@pytest.mark.parametrize(
    ("patch", "path", "expected"),
    [
        ({"public": "ja"}, "public", "true, false oder null"),
        ({"assessments": {"legal": 1}}, "assessments.legal", "true, false oder null"),
        (
            {"resolution_points": [{"number": 1, "text": "x"}]},
            "resolution_points[0].number",
            "Text",
        ),
        ({"contributions": "Amt"}, "contributions", "Liste"),
        ({"attachments": ["a", 2]}, "attachments[1]", "Text"),
        ({"signature": []}, "signature", "Objekt"),
        ({"signature": {"date": 20240430}}, "signature.date", "Datum"),
        ({"conclusion": ["a"]}, "conclusion", "Text"),
    ],
)
def test_wrong_type_names_path_and_expected_type(patch: dict, path: str, expected: str) -> None:
    error = _error_for({"format": "stellungnahme/1", **patch})
    assert error.path == path
    assert f"„{path}“" in str(error)
    assert expected in str(error)


def test_invalid_date_is_explained() -> None:
    error = _error_for({"format": "stellungnahme/1", "signature": {"date": "30.04.2024"}})
    assert error.path == "signature.date"
    assert "JJJJ-MM-TT" in str(error)


def test_duplicate_key_is_refused() -> None:
    with pytest.raises(ExchangeFormatError, match="mehrfach"):
        exchange.loads('{"format": "stellungnahme/1", "city": "A", "city": "B"}')


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "leer"),
        (b"\xff\xfe{", "UTF-8"),
        (b"[1, 2]", "Objekt"),
        (b"[" * 100_000, "verschachtelt"),
    ],
)
def test_odd_inputs_give_clean_messages(data: bytes, fragment: str) -> None:
    with pytest.raises(ExchangeFormatError, match=fragment):
        exchange.loads(data)


def test_read_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "kaputt.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ExchangeFormatError, match=r"kaputt\.json"):
        exchange.read_file(path)


def test_missing_file_gives_a_german_message(tmp_path: Path) -> None:
    with pytest.raises(ExchangeFormatError, match="nicht gefunden"):
        exchange.read_file(tmp_path / "fehlt.json")


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="needs POSIX permissions")
def test_unreadable_file_gives_a_german_message(tmp_path: Path) -> None:
    path = tmp_path / "geheim.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(ExchangeFormatError, match="keine Berechtigung"):
        exchange.read_file(path)


# ----------------------------------------------------------------- writing


def test_write_file_then_read_file(tmp_path: Path, reference_draft: Draft) -> None:
    target = tmp_path / "entwurf.json"
    exchange.write_file(reference_draft, target)
    assert exchange.read_file(target) == reference_draft
    assert target.read_text(encoding="utf-8").endswith("}\n")
    assert "Segregation" in target.read_text(encoding="utf-8")  # umlauts unescaped


def test_lone_surrogates_are_written_as_valid_json(tmp_path: Path) -> None:
    draft = Draft(conclusion="kaputt \ud800 Zeichen")
    target = tmp_path / "s.json"
    exchange.write_file(draft, target)
    assert exchange.read_file(target) == draft


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(drafts)
def test_writing_then_reading_gives_an_equal_draft(draft: Draft) -> None:
    assert exchange.loads(exchange.encode(draft)) == draft
    assert exchange.loads(exchange.dumps(draft)) == draft


# ----------------------------------------------------------------- fuzzing

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "format",
                    "city",
                    "public",
                    "assessments",
                    "legal",
                    "resolution_points",
                    "number",
                    "text",
                    "contributions",
                    "signature",
                    "date",
                    "name",
                    "attachments",
                    "x",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=300)
@given(st.binary(max_size=200))
def test_any_bytes_give_a_draft_or_a_clean_error(data: bytes) -> None:
    try:
        assert isinstance(exchange.loads(data), Draft)
    except ExchangeFormatError as error:
        assert error.message


@settings(max_examples=300)
@given(json_values.map(lambda v: {"format": "stellungnahme/1", **v} if isinstance(v, dict) else v))
def test_any_json_gives_a_draft_or_a_clean_error(value: object) -> None:
    try:
        assert isinstance(exchange.loads(json.dumps(value)), Draft)
    except ExchangeFormatError as error:
        assert isinstance(error, StellungnahmeError)
        assert error.message


# ----------------------------------------------------------------- signing as deputy


def test_a_deputy_signs_in_vertretung(reference_json_path: Path) -> None:
    value = _reference_json(reference_json_path)
    value["signature"] = {"name": "Max Muster", "date": "2024-04-30", "deputy": True}
    draft = exchange.loads(json.dumps(value))
    assert draft.signature == Signature("Max Muster", dt.date(2024, 4, 30), deputy=True)
    assert exchange.to_json_value(draft)["signature"]["deputy"] is True


def test_files_without_a_deputy_stay_as_they_were(
    reference_draft: Draft, reference_json_path: Path
) -> None:
    assert reference_draft.signature.deputy is False  # the key is optional
    written = exchange.to_json_value(reference_draft)["signature"]
    assert "deputy" not in written, "older versions of the program read the file as before"
    assert written == _reference_json(reference_json_path)["signature"]


def test_deputy_must_be_true_or_false(reference_json_path: Path) -> None:
    value = _reference_json(reference_json_path)
    value["signature"]["deputy"] = "ja"
    error = _error_for(value)
    assert error.path == "signature.deputy"
    assert "true oder false" in error.message


# ----------------------------------------------------------------- hostile files


def run_program(*argv: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed ``stellungnahme`` program in its own process, as a clerk runs it."""
    name = "stellungnahme.exe" if os.name == "nt" else "stellungnahme"
    program = Path(sys.executable).parent / name
    return subprocess.run(
        [str(program), *map(str, argv)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
        check=False,
        cwd=cwd,
    )


def test_a_number_of_thousands_of_digits_is_a_clean_error(tmp_path: Path) -> None:
    data = '{"format": "stellungnahme/1",\n "public": ' + "9" * 5000 + "}"
    with pytest.raises(ExchangeFormatError) as info:
        exchange.loads(data)
    assert "Zeile 2" in info.value.message and "Ziffern" in info.value.message
    path = tmp_path / "riesenzahl.json"
    path.write_text(data, encoding="utf-8")
    result = run_program("export", path, "--draft", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "riesenzahl.json" in result.stderr and "Ziffern" in result.stderr
    assert "unerwarteter Fehler" not in result.stderr


@pytest.mark.parametrize(
    "patch",
    [
        {"format": "stellungnahme/\ud800"},
        {"signature": {"date": "2024-04-3\udc00"}},
    ],
)
def test_a_lone_surrogate_quoted_in_a_message_can_be_printed(patch: dict, tmp_path: Path) -> None:
    data = json.dumps({"format": "stellungnahme/1", **patch})
    with pytest.raises(ExchangeFormatError) as info:
        exchange.loads(data)
    info.value.message.encode("utf-8")  # would raise UnicodeEncodeError on a lone surrogate
    path = tmp_path / "surrogat.json"
    path.write_text(data, encoding="utf-8")
    result = run_program("validate", path, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "surrogat.json" in result.stderr
    assert "unerwarteter Fehler" not in result.stderr
