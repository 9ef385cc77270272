"""The administrator's checklist for the first Windows desk: linked, complete, and naming only
what exists (variables, folders, menu entries of the program)."""

from __future__ import annotations

import re

import bundle_config as config
import pytest

from stellungnahme_app import paths
from stellungnahme_app.export.libreoffice import SOFFICE_VARIABLE
from stellungnahme_app.workspace.documents import EMERGENCY_FOLDER_NAME

CHECKLIST = (config.PACKAGING_DIR / "CHECKLIST.md").read_text("utf-8")
GUIDE = (config.PACKAGING_DIR / "ADMIN.md").read_text("utf-8")


def test_the_administrators_guide_links_the_checklist() -> None:
    assert "[`CHECKLIST.md`](CHECKLIST.md)" in GUIDE


@pytest.mark.parametrize(
    "topic",
    [
        "Pro Benutzer",
        "Pro Computer",
        "Rechtschreibprüfung",
        "PDF über LibreOffice",
        "Umgeleitete Ausgabe",
        "Ziehen aus Outlook",
        "Abmelden mit offenem Entwurf",
        "Hoher Kontrast",
        "150 % Skalierung",
        "Virenscanner",
        "Netzlaufwerk abgelehnt",
        "Schreibgeschützte Datei",
        "Aktualisieren, während das Programm läuft",
    ],
)
def test_every_point_only_a_real_desk_can_show_is_on_the_list(topic: str) -> None:
    assert re.search(rf"^- \[ \] \*\*{re.escape(topic)}", CHECKLIST, flags=re.M), topic


def test_every_point_is_an_open_box_to_tick() -> None:
    items = re.findall(r"^- \[(.)\]", CHECKLIST, flags=re.M)
    assert len(items) >= 30
    assert set(items) == {" "}


def test_the_names_it_uses_are_the_programs() -> None:
    text = " ".join(CHECKLIST.split())  # the lines are wrapped
    for name in (SOFFICE_VARIABLE, paths.HOME_VARIABLE, paths.LOG_FILE_NAME):
        assert name in text
    assert f"\\{EMERGENCY_FOLDER_NAME}\\" in GUIDE
    app = (config.ROOT / "stellungnahme_app" / "ui" / "app.py").read_text("utf-8")
    refused = "Die Entwürfe können hier nicht gespeichert werden."
    assert refused in app and f"„{refused}“" in text


def test_the_buttons_and_menus_it_names_exist_in_the_window() -> None:
    text = " ".join(CHECKLIST.split())
    ui = config.ROOT / "stellungnahme_app" / "ui"
    sources = "".join(path.read_text("utf-8") for path in ui.rglob("*.py")).replace("&", "")
    for label in ("Word-Dokument (endgültig) …", "PDF (endgültig) …", "Datensicherungen …"):
        assert label in text and f'"{label}"' in sources, label
