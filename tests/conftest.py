"""Fixtures for every test: a private data folder and the reference Stellungnahme."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stellungnahme_app import exchange
from stellungnahme_app.model import Draft

FIXTURES = Path(__file__).parent / "fixtures"
REFERENCE_JSON = FIXTURES / "stellungnahme-0661-24.json"
REFERENCE_TEXT = FIXTURES / "stellungnahme-0661-24.txt"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The platform markers; Qt and editor fixtures for tests/ui and tests/end2end (``pythonpath``
# in pyproject.toml).
pytest_plugins = [
    "helpers.platform_markers",
    "helpers.qt_fixtures",
    "helpers.editor_fixtures",
    "pytester",
]


@pytest.fixture(autouse=True)
def data_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty data folder; none touches the user's real one.

    Nor does any test read the machine's administrator file: ``STELLUNGNAHME_ADMIN_CONFIG``
    names a file in the private folder that does not exist unless a test writes it.
    """
    home = tmp_path_factory.mktemp("stellungnahme-home")
    monkeypatch.setenv("STELLUNGNAHME_HOME", str(home))
    monkeypatch.setenv("STELLUNGNAHME_ADMIN_CONFIG", str(home / "admin" / "stellungnahme.toml"))
    # No LibreOffice kept running for the session unless a test asks for it (the tests of the
    # warm converter and of the page-true preview): the PDFs are made the one-shot way.
    monkeypatch.setenv("STELLUNGNAHME_WARM_OFFICE", "0")
    return home


@pytest.fixture
def reference_draft() -> Draft:
    """The published Stellungnahme 0661/24 as a draft (a fresh copy per test)."""
    return exchange.read_file(REFERENCE_JSON)


@pytest.fixture
def reference_json_path() -> Path:
    return REFERENCE_JSON


@pytest.fixture
def reference_text() -> str:
    """The text of the published document, as extracted from its PDF."""
    return REFERENCE_TEXT.read_text(encoding="utf-8")
