"""The catalogue's lists: the bundled Dezernate and offices, merging by name, bad entries."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stellungnahme_app.office_headings import derive_heading
from stellungnahme_app.settings import Dezernat, Office, Settings, load_settings
from stellungnahme_app.settings.catalogue import merge_by_name, name_key

from .setting_files import json_values, to_toml, write


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
        assert office.heading == derive_heading(office.name)


def test_every_dezernat_is_valid_and_unique(defaults: Settings) -> None:
    names = [d.name for d in defaults.dezernate]
    assert len(set(names)) == len(names) >= 5
    for dezernat in defaults.dezernate:
        assert dezernat.name.strip() == dezernat.name != ""
        assert all(s.strip() == s != "" for s in dezernat.signatories)


def test_every_dezernat_is_listed_by_number_and_name_alike(defaults: Settings) -> None:
    labels = [d.label for d in defaults.dezernate]
    assert "Dezernat 05 – Soziales, Bildung, Jugend und Gesundheit" in labels
    assert "Dezernat 01 – Bereich des Oberbürgermeisters" in labels
    for label in labels:
        assert re.fullmatch(r"Dezernat \d{2} – \S.*", label), label
        assert label.count("Dezernat") == 1, label


@pytest.mark.parametrize(
    ("dezernat", "label"),
    [
        (Dezernat("Dezernat für Bau und Verkehr", "Dezernat 06"), "Dezernat 06 – Bau und Verkehr"),
        (Dezernat("dezernat Kultur", "Dezernat 04"), "Dezernat 04 – Kultur"),
        (
            Dezernat("Bereich des Oberbürgermeisters", "Dezernat 01"),
            "Dezernat 01 – Bereich des Oberbürgermeisters",
        ),
        (
            Dezernat("Stabsstelle Digitalisierung", "Bereich 7"),
            "Bereich 7 – Stabsstelle Digitalisierung",
        ),
        (Dezernat("Dezernat für Bau und Verkehr"), "Dezernat für Bau und Verkehr"),
    ],
)
def test_a_label_names_the_dezernat_once(dezernat: Dezernat, label: str) -> None:
    assert dezernat.label == label


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
    assert derive_heading(office) == heading


def test_admin_lists_merge_by_name(admin_file: Path) -> None:
    write(
        admin_file,
        """
[[dezernate]]
name = "Dezernat für Bau und Verkehr"
short_name = "Dezernat 06"
signatories = ["Erika Musterfrau", "Max Mustermann"]

[[offices]]
name = "Amt für Soziales"
heading = "Stellungnahme des Amtes für Soziales"

[[offices]]
name = "Stadtarchiv"
remove = true

[[offices]]
name = "Stabsstelle Klimaschutz"
heading = "Stellungnahme der Stabsstelle Klimaschutz"
""",
    )
    loaded = load_settings(admin_files=[admin_file])
    assert loaded.problems == []
    current = loaded.settings
    defaults = load_settings(admin_files=[]).settings
    assert len(current.dezernate) == len(defaults.dezernate)
    assert current.dezernat("Dezernat 06") == Dezernat(
        "Dezernat für Bau und Verkehr", "Dezernat 06", ("Erika Musterfrau", "Max Mustermann")
    )
    assert current.heading_for_office("Amt für Soziales") == "Stellungnahme des Amtes für Soziales"
    assert current.office("Stadtarchiv") is None
    assert current.offices[-1] == Office(
        "Stabsstelle Klimaschutz", "Stellungnahme der Stabsstelle Klimaschutz"
    )
    assert len(current.offices) == len(defaults.offices)
    # the order of the catalogue is kept: a replaced entry stays where it was
    assert [o.name for o in current.offices][:2] == [o.name for o in defaults.offices][:2]
    assert current.locked == {"dezernate", "offices"}


def test_a_dezernat_names_its_deputies(admin_file: Path) -> None:
    write(
        admin_file,
        """
[[dezernate]]
name = "Dezernat für Bau und Verkehr"
short_name = "Dezernat 06"
signatories = ["Erika Musterfrau"]
deputies = ["Max Mustermann", " Max  Mustermann ", "Eva Vertreterin"]
""",
    )
    loaded = load_settings(admin_files=[admin_file])
    assert loaded.problems == []
    dezernat = loaded.settings.dezernat("Dezernat 06")
    assert dezernat is not None
    assert dezernat.signatories == ("Erika Musterfrau",)
    assert dezernat.deputies == ("Max Mustermann", "Eva Vertreterin")
    assert loaded.settings.deputies("Dezernat 06") == ("Max Mustermann", "Eva Vertreterin")
    assert loaded.settings.deputies("Dezernat 99 – unbekannt") == ()


def test_deputies_must_be_a_list_of_names(admin_file: Path) -> None:
    write(
        admin_file,
        """
[[dezernate]]
name = "Dezernat für Bau und Verkehr"
deputies = "Max Mustermann"
""",
    )
    loaded = load_settings(admin_files=[admin_file])
    [problem] = loaded.problems
    assert "dezernate[0].deputies" in problem
    assert "Vertretung" in problem


def test_bad_entry_is_skipped_alone(admin_file: Path) -> None:
    write(
        admin_file,
        """
[[dezernate]]
name = "Dezernat A"
signatories = "Erika Musterfrau"

[[dezernate]]
name = "Dezernat B"
signatories = ["Max Mustermann"]

[[offices]]
heading = "Stellungnahme ohne Namen"
""",
    )
    loaded = load_settings(admin_files=[admin_file])
    assert len(loaded.problems) == 2, loaded.problems
    assert "Zeile 4" in loaded.problems[0] and "dezernate[0].signatories" in loaded.problems[0]
    assert "Zeile 10" in loaded.problems[1] and "offices[0].name" in loaded.problems[1]
    assert loaded.settings.dezernat("Dezernat A") is None
    assert loaded.settings.dezernat("Dezernat B") is not None


@settings(max_examples=60, deadline=None)
@given(
    entries=st.lists(
        st.dictionaries(
            st.sampled_from(["name", "short_name", "signatories", "heading", "remove", "x"]),
            json_values,
            max_size=5,
        ),
        max_size=4,
    )
)
def test_no_list_entry_makes_loading_fail(entries: list[dict[str, object]]) -> None:
    data = {"dezernate": entries, "offices": entries}
    with tempfile.TemporaryDirectory() as folder:
        admin = Path(folder) / "stellungnahme.toml"
        admin.write_text(to_toml(data), encoding="utf-8")
        loaded = load_settings(admin_files=[admin])
    for dezernat in loaded.settings.dezernate:
        assert dezernat.name and all(isinstance(s, str) for s in dezernat.signatories)
    for office in loaded.settings.offices:
        assert office.name and office.heading


def test_merge_by_name_replaces_in_place_adds_at_the_end_and_removes() -> None:
    earlier = (
        Office("Jugendamt", "Stellungnahme des Jugendamts"),
        Office("Stadtarchiv", "Stellungnahme des Stadtarchivs"),
        Office("Kämmerei", "Stellungnahme der Kämmerei"),
    )
    changes = [
        ("jugendamt", Office("Jugendamt", "Stellungnahme des Jugendamtes")),
        ("stadtarchiv", None),
        ("rechtsamt", Office("Rechtsamt", "Stellungnahme des Rechtsamts")),
        ("amt für zeitreisen", None),  # removing what is not there changes nothing
    ]
    assert merge_by_name(earlier, changes) == (
        Office("Jugendamt", "Stellungnahme des Jugendamtes"),
        Office("Kämmerei", "Stellungnahme der Kämmerei"),
        Office("Rechtsamt", "Stellungnahme des Rechtsamts"),
    )
    assert merge_by_name(None, []) == ()
    assert name_key("  Amt  für SOZIALES ") == name_key("amt für soziales")
