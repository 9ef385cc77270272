"""A changed reference draft: a word in a point, a new point, a contribution's paragraph, a
new office, the Fazit and attachments – the changes the comparison tests look for."""

from __future__ import annotations

import pytest

from stellungnahme_app.model import Contribution, Draft, ResolutionPoint


def changed_reference(reference: Draft) -> Draft:
    changed = reference.copy()
    first = changed.resolution_points[0]
    first.text = first.text.replace("dritten Quartal", "vierten Quartal")
    changed.resolution_points[2].number = "04"
    changed.resolution_points.insert(
        2, ResolutionPoint("03", "Die Ergebnisse werden dem Stadtrat jährlich berichtet.")
    )
    amt = changed.contributions[1]
    amt.text = amt.text.replace("Im Sinne eines effizienten", "Im Sinne eines sparsamen")
    changed.contributions.append(
        Contribution(
            "Amt für Bildung",
            "Stellungnahme des Amts für Bildung",
            "Die Schulen im Erfurter Norden werden beteiligt.\n\nSchulsozialarbeit berichtet.",
        )
    )
    changed.conclusion = changed.conclusion.replace("nicht gefolgt werden", "nicht gefolgt")
    changed.attachments = ["Integrierter Sozialraumplan (Drucksache 2811/23)", "Lageplan"]
    return changed


@pytest.fixture
def changed_draft(reference_draft: Draft) -> Draft:
    return changed_reference(reference_draft)
