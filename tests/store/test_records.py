"""What a version says happened, in a clerk's words."""

from __future__ import annotations

import pytest

from stellungnahme_app.store import ExportKind, VersionReason
from stellungnahme_app.store.records import what_happened


@pytest.mark.parametrize(
    ("reason", "detail", "said"),
    [
        (VersionReason.EXPORT, "word", "Als Word-Dokument ausgegeben"),
        (VersionReason.EXPORT, "pdf", "PDF ausgegeben"),
        (VersionReason.EXPORT, "word-entwurf", "Entwurf ausgegeben"),
        (VersionReason.EXPORT, "pdf-entwurf", "Entwurf als PDF ausgegeben"),
        (VersionReason.EXPORT, "austauschdatei", "Als Austauschdatei gespeichert"),
        (
            VersionReason.EXPORT,
            "aenderungen:3",
            "Änderungen seit Version 3 als Word-Dokument ausgegeben",
        ),
        (VersionReason.EXPORT, "", "Ausgegeben"),
        (VersionReason.EXPORT, "von morgen", "Ausgegeben"),
        (VersionReason.STATUS, "zur_unterschrift", "Status: Zur Unterschrift"),
        (VersionReason.STATUS, "", "Status geändert"),
        (VersionReason.CONTRIBUTIONS, "Amt für Bildung", "Beitrag des Amts für Bildung übernommen"),
        (
            VersionReason.CONTRIBUTIONS,
            "Stellungnahme des Jugendamts",
            "Beitrag des Jugendamts übernommen",
        ),
        (
            VersionReason.CONTRIBUTIONS,
            "Amt für Bildung\nJugendamt\nKämmerei",
            "Beiträge des Amts für Bildung, des Jugendamts und der Kämmerei übernommen",
        ),
        (VersionReason.CONTRIBUTIONS, "A\nB\nC\nD", "4 Beiträge übernommen"),
        (VersionReason.CONTRIBUTIONS, "Ordnungsdings", "Beitrag „Ordnungsdings“ übernommen"),
        (VersionReason.MOTION, "antrag-0815-25.pdf", "Antrag übernommen aus „antrag-0815-25.pdf“"),
        (VersionReason.MOTION, "", "Antrag übernommen"),
        (VersionReason.RESTORE, "4", "Stand vor dem Wiederherstellen von Version 4"),
        (VersionReason.RESTORE, "", "Stand vor einer Wiederherstellung"),
        (VersionReason.IMPORT, "", "Importiert"),
        (VersionReason.UPDATE, "neu.json", "Inhalt aus „neu.json“ übernommen"),
        (VersionReason.EDIT, "", "Bearbeitet"),
    ],
)
def test_what_happened(reason: VersionReason, detail: str, said: str) -> None:
    assert what_happened(reason, detail) == said


def test_the_kind_of_a_document_export() -> None:
    assert ExportKind.of_document(".docx", draft_mode=False) is ExportKind.WORD
    assert ExportKind.of_document(".DOCX", draft_mode=True) is ExportKind.WORD_DRAFT
    assert ExportKind.of_document(".pdf", draft_mode=False) is ExportKind.PDF
    assert ExportKind.of_document(".pdf", draft_mode=True) is ExportKind.PDF_DRAFT
