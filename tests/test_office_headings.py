"""The heading of an office's contribution, by German genitive rules."""

from __future__ import annotations

import pytest

from stellungnahme_app import settings
from stellungnahme_app.office_headings import derive_heading


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
        ("Zentrale Vergabestelle", "Stellungnahme der Zentralen Vergabestelle"),
        ("Statistisches Amt", "Stellungnahme des Statistischen Amts"),
        ("Stadtmuseum", "Stellungnahme des Stadtmuseums"),
        ("Haus der Kultur", "Stellungnahme des Hauses der Kultur"),
        ("Büro des Oberbürgermeisters", "Stellungnahme des Büros des Oberbürgermeisters"),
        ("Gleichstellungsbüro", "Stellungnahme des Gleichstellungsbüros"),
        ("Steuerverwaltung", "Stellungnahme der Steuerverwaltung"),
        ("  Amt   für Zeitreisen ", "Stellungnahme des Amts für Zeitreisen"),
        ("Eigenbetrieb Kita", "Stellungnahme: Eigenbetrieb Kita"),
        ("Ordnung & Sicherheit", "Stellungnahme: Ordnung & Sicherheit"),
        ("  ", "Stellungnahme"),
    ],
)
def test_heading_in_genitive_or_without_article(office: str, heading: str) -> None:
    assert derive_heading(office) == heading


def test_settings_still_offers_derive_heading() -> None:
    assert settings.derive_heading is derive_heading
