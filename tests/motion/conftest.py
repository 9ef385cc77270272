"""Fixtures for the motion tests: the corpus folder and its definitions."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.motions import corpus

MOTIONS_FOLDER = Path(__file__).parents[1] / "fixtures" / "motions"


@pytest.fixture
def motions() -> Path:
    """``tests/fixtures/motions``: the corpus made by ``make_motions.py``."""
    return MOTIONS_FOLDER


@pytest.fixture
def schulwege_pdf(motions: Path) -> Path:
    return motions / f"{corpus.SCHULWEGE.stem}.pdf"
