"""Where a key is set in a settings file: its line, and the German phrase naming file and line.

Neither ``tomllib`` nor ``json`` tells on which line a value stood, so a problem with a value
is located by searching the text for the key (best effort: ``None`` when it cannot be found).
"""

from __future__ import annotations

import json
import re
from pathlib import Path


def where(path: Path, line: int | None) -> str:
    """``Einstellungsdatei „…“, Zeile 3`` – the start of every problem with a file."""
    return f"Einstellungsdatei „{path}“" + (f", Zeile {line}" if line else "")


def toml_line(text: str, key_path: str) -> int | None:
    """Best effort: the line where ``key`` or ``table[i].key`` is set in a TOML text."""
    lines = text.splitlines()
    entry = re.fullmatch(r"([A-Za-z_]+)\[(\d+)\](?:\.(.+))?", key_path)
    if entry is None:
        return _first_line(lines, 0, len(lines), key_path, top_level=True)
    table, index, key = entry.group(1), int(entry.group(2)), entry.group(3)
    header = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]")
    starts = [number for number, line in enumerate(lines) if header.match(line)]
    if index >= len(starts):
        return _first_line(lines, 0, len(lines), table, top_level=True)
    start = starts[index]
    end = next(
        (n for n in range(start + 1, len(lines)) if re.match(r"^\s*\[", lines[n])), len(lines)
    )
    if key is None:
        return start + 1
    return _first_line(lines, start + 1, end, key, top_level=False) or start + 1


def _first_line(lines: list[str], start: int, end: int, key: str, *, top_level: bool) -> int | None:
    assignment = re.compile(rf"""^\s*["']?{re.escape(key)}["']?\s*=""")
    for number in range(start, end):
        if top_level and re.match(r"^\s*\[", lines[number]):
            break
        if assignment.match(lines[number]):
            return number + 1
    return None


def json_line(text: str, key_path: str) -> int | None:
    """The line of ``"key":`` in a JSON text (the user file is flat)."""
    needle = json.dumps(key_path.split(".")[0].split("[")[0]) + ":"
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line.replace('" :', '":'):
            return number
    return None
