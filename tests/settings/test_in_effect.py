"""The settings in effect: looking up offices, Dezernate and signatories by name."""

from __future__ import annotations

from stellungnahme_app.settings import Office, Settings


def test_office_lookup_ignores_case_and_spacing(defaults: Settings) -> None:
    assert defaults.office("  jugendAMT ") == Office("Jugendamt", "Stellungnahme des Jugendamts")
    assert defaults.dezernat("") is None
    assert defaults.office("Amt für Zeitreisen") is None
    assert defaults.heading_for_office("Amt für Zeitreisen") == (
        "Stellungnahme des Amts für Zeitreisen"
    )


def test_signatories_of_unknown_department_are_everyone(defaults: Settings) -> None:
    assert defaults.signatories("Dezernat für Zeitreisen") == ("Anke Hofmann-Domke",)
