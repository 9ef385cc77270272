"""Settings files for the tests: writing them, any JSON value, the one problem a test expects."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import strategies as st

from stellungnahme_app.settings import LoadedSettings


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def only_problem(loaded: LoadedSettings) -> str:
    assert len(loaded.problems) == 1, loaded.problems
    return loaded.problems[0]


def to_toml(data: dict[str, object]) -> str:
    """A small TOML writer for tests (inline tables; tomllib cannot write)."""

    def value(item: object) -> str:
        if item is None:
            return '""'
        if isinstance(item, bool):
            return "true" if item else "false"
        if isinstance(item, int | float):
            return repr(item) if not isinstance(item, float) or item == item else "0"
        if isinstance(item, str):
            return json.dumps(item)
        if isinstance(item, list):
            return "[" + ", ".join(value(i) for i in item) + "]"
        assert isinstance(item, dict)
        return "{" + ", ".join(f"{json.dumps(k)} = {value(v)}" for k, v in item.items()) + "}"

    return "".join(f"{key} = {value(item)}\n" for key, item in data.items())


#: Any value JSON can hold, nested a little.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=20), children, max_size=4)
    ),
    max_leaves=12,
)
