"""Settings: the bundled catalogue, the three layers, locking, damaged files, saving."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stellungnahme_app import settings as settings_module
from stellungnahme_app.settings import (
    Settings,
    load_settings,
)


@pytest.fixture
def defaults() -> Settings:
    loaded = load_settings(admin_files=[], user_file=Path("/nonexistent/einstellungen.json"))
    assert loaded.problems == []
    return loaded.settings


def test_catalogue_loads_without_problems(defaults: Settings) -> None:
    assert defaults.city == "Erfurt"
    assert defaults.number_pattern == r"^\d{4}/\d{2}$"
    assert defaults.number_example == "0661/24"
    assert defaults.number_description == "vierstellige Nummer / zweistelliges Jahr"
    assert re.fullmatch(defaults.number_pattern, defaults.number_example)
    assert defaults.locked == frozenset()


def test_every_office_is_valid_and_unique(defaults: Settings) -> None:
    assert 20 <= len(defaults.offices) <= 30
    names = [o.name for o in defaults.offices]
    assert len({n.casefold() for n in names}) == len(names)
    for office in defaults.offices:
        assert office.name.strip() == office.name != ""
        assert office.heading.startswith(("Stellungnahme des ", "Stellungnahme der "))
        # The catalogue and the genitive rules for unlisted offices agree on every entry.
        assert office.heading == settings_module.derive_heading(office.name)


def test_every_dezernat_is_valid_and_unique(defaults: Settings) -> None:
    names = [d.name for d in defaults.dezernate]
    assert len(set(names)) == len(names) >= 5
    for dezernat in defaults.dezernate:
        assert dezernat.name.strip() == dezernat.name != ""
        assert all(s.strip() == s != "" for s in dezernat.signatories)


def test_reference_dezernat_and_signatory(defaults: Settings) -> None:
    dezernat = defaults.dezernat("Dezernat für Soziales, Bildung, Jugend und Gesundheit")
    assert dezernat is not None
    assert dezernat.short_name == "Dezernat 05"
    assert dezernat.signatories == ("Anke Hofmann-Domke",)
    assert defaults.dezernat("Dezernat 05") == dezernat
    assert defaults.signatories(dezernat.name) == ("Anke Hofmann-Domke",)


@pytest.mark.parametrize(
    ("office", "heading"),
    [
        ("Amt für Soziales", "Stellungnahme des Amts für Soziales"),
        ("Jugendamt", "Stellungnahme des Jugendamts"),
        ("Kämmerei", "Stellungnahme der Kämmerei"),
        ("Kulturdirektion", "Stellungnahme der Kulturdirektion"),
        ("Rechtsamt", "Stellungnahme des Rechtsamts"),
        (
            "Amt für Stadtentwicklung und Stadtplanung",
            "Stellungnahme des Amts für Stadtentwicklung und Stadtplanung",
        ),
    ],
)
def test_catalogue_headings_in_genitive(defaults: Settings, office: str, heading: str) -> None:
    assert defaults.office(office) is not None
    assert defaults.heading_for_office(office) == heading
    assert settings_module.derive_heading(office) == heading
