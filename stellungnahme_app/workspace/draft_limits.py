"""How large a draft the program takes in: an import or a motion beyond this is refused.

A real Stellungnahme has a handful of resolution points and contributions and a few pages of
text. A file with ten thousand points is not a Stellungnahme but a mistake (or an attack):
taken in, it would make the editor unusable for minutes. :func:`size_problem` names what is
too large, in German, so the import can refuse it before anything is stored.
"""

from __future__ import annotations

from stellungnahme_app.model import Draft

MAX_RESOLUTION_POINTS = 300
MAX_CONTRIBUTIONS = 150
MAX_ATTACHMENTS = 150
#: Characters in one text field: about 500 printed pages.
MAX_FIELD_CHARACTERS = 1_000_000


def _text_fields(draft: Draft) -> list[tuple[str, str]]:
    fields = [
        ("Titel", draft.document_title),
        ("Nummer", draft.document_number),
        ("Fazit", draft.conclusion),
        ("Geänderte Beschlusspunkte", draft.amended_resolution_points),
    ]
    fields += [(f"Beschlusspunkt {i + 1}", p.text) for i, p in enumerate(draft.resolution_points)]
    fields += [(f"Beitrag {i + 1}", c.text) for i, c in enumerate(draft.contributions)]
    fields += [(f"Anlage {i + 1}", a) for i, a in enumerate(draft.attachments)]
    return fields


def _number(value: int) -> str:
    """``10.000``: German thousands separators."""
    return f"{value:,}".replace(",", ".")


def size_problem(draft: Draft) -> str | None:
    """A German sentence saying what of ``draft`` is unreasonably large, else ``None``."""
    counts = (
        (len(draft.resolution_points), MAX_RESOLUTION_POINTS, "Beschlusspunkte"),
        (len(draft.contributions), MAX_CONTRIBUTIONS, "Beiträge der Ämter"),
        (len(draft.attachments), MAX_ATTACHMENTS, "Anlagen"),
    )
    for count, limit, what in counts:
        if count > limit:
            return (
                f"Die Datei enthält {_number(count)} {what}; eine Stellungnahme kann höchstens "
                f"{_number(limit)} haben. Bitte prüfen Sie, ob es die richtige Datei ist."
            )
    for name, text in _text_fields(draft):
        if len(text) > MAX_FIELD_CHARACTERS:
            return (
                f"Das Feld „{name}“ ist mit {_number(len(text))} Zeichen zu lang (höchstens "
                f"{_number(MAX_FIELD_CHARACTERS)}). Bitte prüfen Sie, ob es die richtige Datei "
                "ist."
            )
    return None
