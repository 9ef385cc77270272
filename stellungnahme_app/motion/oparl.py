"""An OParl ``Paper`` (OParl 1.0/1.1): the Drucksache's number, name and main file.

Council information systems publish each Drucksache as an OParl ``Paper`` object: its
``reference`` is the number, its ``name`` the title, and ``mainFile`` (an OParl ``File``)
the document with the resolution points. The clerk saves the JSON and the main file side by
side; the program opens **no network connection**: the main file is found by its
``fileName`` beside the JSON (or given explicitly). What real systems send is tolerated:
``mimeType: "pdf"``, an empty ``downloadUrl``, ``[null]`` in lists, missing optional keys,
``mainFile`` given only as a URL, a list page (``{"data": [Paper]}``) holding one Paper.

:func:`json_kind` tells such a record from a ``stellungnahme/1`` draft by its content.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import unquote, urlsplit

from stellungnahme_app.fileio import FileReadError, read_bytes
from stellungnahme_app.motion.errors import DamagedFile, MainFileMissing, NotAPaper

MAX_RECORD_BYTES = 20 * 1024 * 1024
_PAPER_TYPE = re.compile(r"(?:https?://schema\.oparl\.org/1\.[01]/)?Paper", re.IGNORECASE)
_SUFFIX_BY_MIME = {
    "pdf": ".pdf",
    "application/pdf": ".pdf",
    "docx": ".docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}


@dataclass(frozen=True)
class PaperRecord:
    """What an OParl ``Paper`` says about the Drucksache (every value may be empty)."""

    reference: str
    name: str
    #: File name of the main file (no folder: it is looked for beside the record).
    main_file_name: str
    main_file_mime: str


def _load(path: Path) -> Any:
    try:
        data = read_bytes(path, max_bytes=MAX_RECORD_BYTES, subject=f"Die Datei „{path.name}“")
    except FileReadError as error:
        raise DamagedFile(error.message, path=path) from None
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise NotAPaper(
            f"„{path.name}“ ist keine gültige JSON-Datei und damit kein OParl-Datensatz einer "
            "Drucksache.",
            path=path,
        ) from None


def _type_name(value: Any) -> str:
    if isinstance(value, dict) and isinstance(value.get("type"), str):
        return value["type"].rstrip("/").rsplit("/", 1)[-1]
    return ""


def is_paper(value: Any) -> bool:
    return isinstance(value, dict) and bool(_PAPER_TYPE.fullmatch(str(value.get("type", ""))))


def json_kind(path: Path) -> str:
    """``"exchange"`` (a ``stellungnahme/1`` draft), ``"paper"`` (OParl) or ``"other"``.

    Decided by content, never by the name. A file that cannot be read counts as
    ``"exchange"``, so the usual import reports what is wrong with it.
    """
    try:
        value = _load(path)
    except (DamagedFile, NotAPaper):
        return "exchange"
    if isinstance(value, dict) and isinstance(value.get("format"), str):
        return "exchange"
    if is_paper(value) or _single_paper(value) is not None:
        return "paper"
    return "other"


def _single_paper(value: Any) -> dict[str, Any] | None:
    data = value.get("data") if isinstance(value, dict) else None
    if isinstance(data, list):
        papers = [item for item in data if is_paper(item)]
        if len(papers) == 1:
            return papers[0]
    return None


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _safe_name(name: str) -> str:
    """Only the last part of a name: a record never points into another folder."""
    name = PureWindowsPath(PurePosixPath(name.strip()).name).name
    return "" if name in ("", ".", "..") else name


def _name_from_url(url: str) -> str:
    try:
        path = urlsplit(url).path
    except ValueError:
        return ""
    name = _safe_name(unquote(path.rstrip("/").rsplit("/", 1)[-1]))
    return name if "." in name else ""


def _main_file(paper: dict[str, Any]) -> tuple[str, str]:
    """(file name, MIME type) of the paper's main file; ``("", "")`` if it names none."""
    main = paper.get("mainFile")
    if isinstance(main, str):
        return _name_from_url(main), ""
    if not isinstance(main, dict):
        return "", ""
    mime = _text(main.get("mimeType")).casefold()
    name = _safe_name(_text(main.get("fileName")))
    for key in ("downloadUrl", "accessUrl", "id"):
        if name:
            break
        name = _name_from_url(_text(main.get(key)))
    if not name and _text(main.get("name")):
        name = _safe_name(_text(main.get("name")))
        suffix = _SUFFIX_BY_MIME.get(mime, "")
        if suffix and not name.casefold().endswith(suffix):
            name += suffix
    return name, mime


def read_paper(path: Path) -> PaperRecord:
    """The Paper in the JSON file at ``path``; :class:`NotAPaper` if it holds none."""
    value = _load(path)
    paper = value if is_paper(value) else _single_paper(value)
    if paper is None:
        raise NotAPaper(_not_a_paper_message(path, value), path=path)
    name, mime = _main_file(paper)
    return PaperRecord(
        reference=_text(paper.get("reference")),
        name=_text(paper.get("name")),
        main_file_name=name,
        main_file_mime=mime,
    )


def _not_a_paper_message(path: Path, value: Any) -> str:
    if isinstance(value, dict) and isinstance(value.get("format"), str):
        return (
            f"„{path.name}“ ist kein Antrag, sondern eine Stellungnahme im Austauschformat "
            f"({value['format']}). Übernehmen Sie sie mit „Importieren …“."
        )
    start = f"„{path.name}“ ist kein OParl-Datensatz einer Drucksache (Paper)"
    data = value.get("data") if isinstance(value, dict) else None
    if isinstance(data, list):
        count = sum(1 for item in data if is_paper(item))
        if count > 1:
            return (
                f"„{path.name}“ ist eine Liste mit {count} Drucksachen. Bitte speichern Sie "
                "die gewünschte Drucksache einzeln aus dem Ratsinformationssystem."
            )
    kind = _type_name(value)
    if kind:
        return f"{start}, sondern vom Typ „{kind}“. Bitte wählen Sie den Datensatz der Drucksache."
    return f"{start}. Erwartet wird ein Objekt mit „type“: „https://schema.oparl.org/1.1/Paper“."


def locate_main_file(record: PaperRecord, record_path: Path, given: Path | None) -> Path:
    """The main file: ``given``, else the file named by the record beside ``record_path``."""
    if given is not None:
        return given
    folder = record_path.parent
    name = record.main_file_name
    if name:
        candidate = folder / name
        if candidate.is_file():
            return candidate
        try:
            for entry in folder.iterdir():
                if entry.name.casefold() == name.casefold() and entry.is_file():
                    return entry
        except OSError:
            pass
        message = (
            f"Die Hauptdatei „{name}“ der Drucksache liegt nicht neben „{record_path.name}“ "
            f"(im Ordner {folder}). Bitte speichern Sie sie aus dem Ratsinformationssystem dort "
            "oder wählen Sie sie aus."
        )
    else:
        message = (
            f"„{record_path.name}“ nennt keine Hauptdatei der Drucksache. Bitte wählen Sie die "
            "Datei mit dem Antrag (PDF oder Word) aus."
        )
    raise MainFileMissing(message, path=record_path, expected_name=name)
