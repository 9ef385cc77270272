"""Versions of a draft: how a draft is packed for keeping and how a version is described."""

from __future__ import annotations

import json
import zlib

from stellungnahme_app import exchange
from stellungnahme_app.model import Draft
from stellungnahme_app.store.records import Status

MAX_NAMED_CHANGES = 4


def encode_content(draft: Draft) -> str:
    """The draft's ``stellungnahme/1`` JSON, compact. Lone surrogates are kept, escaped."""
    value = exchange.to_json_value(draft)
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return text


def decode_content(text: str) -> Draft:
    """The draft from its stored JSON (raises ``ValueError`` or ``ExchangeFormatError``)."""
    return exchange.from_json_value(json.loads(text))


def compress(content: str) -> bytes:
    return zlib.compress(content.encode("utf-8"), 6)


def decompress(data: bytes) -> str:
    return zlib.decompress(data).decode("utf-8")


def describe(draft: Draft, previous: Draft | None, status: Status | None = None) -> str:
    """A one-line summary, e.g. ``0661/24 · 2 Beiträge · Fazit 312 Zeichen · geändert: Fazit``.

    ``previous`` is the draft of the version before (if any) to say what changed;
    ``status`` is named first when the version records a status change.
    """
    parts: list[str] = []
    if status is not None:
        parts.append(f"Status „{status.label}“")
    parts.append(draft.document_number.strip() or "ohne Nummer")
    count = len(draft.contributions)
    parts.append(f"{count} Beitrag" if count == 1 else f"{count} Beiträge")
    parts.append(f"Fazit {len(draft.conclusion.strip())} Zeichen")
    if previous is not None:
        changes = changed_parts(previous, draft)
        if changes:
            named = ", ".join(changes[:MAX_NAMED_CHANGES])
            more = len(changes) - MAX_NAMED_CHANGES
            parts.append(f"geändert: {named}" + (f" und {more} weitere" if more > 0 else ""))
        else:
            parts.append("Text unverändert")
    return " · ".join(parts)


def changed_parts(old: Draft, new: Draft) -> list[str]:
    """German names of the parts of the form that differ between two drafts, in form order."""
    names: list[str] = []
    simple = (
        ("department", "Dezernat"),
        ("document_number", "Nummer"),
        ("document_title", "Titel"),
        ("public", "Öffentlichkeit"),
        ("assessments", "Prüffragen"),
        ("resolution_points", "Beschlusspunkte"),
    )
    for attribute, name in simple:
        if getattr(old, attribute) != getattr(new, attribute):
            names.append(name)
    for index in range(max(len(old.contributions), len(new.contributions))):
        if index >= len(old.contributions):
            names.append(f"Beitrag {index + 1} neu")
        elif index >= len(new.contributions):
            names.append(f"Beitrag {index + 1} entfernt")
        elif old.contributions[index] != new.contributions[index]:
            office = new.contributions[index].office.strip()
            names.append(f"Beitrag {index + 1}" + (f" ({office})" if office else ""))
    tail = (
        ("conclusion", "Fazit"),
        ("amended_resolution_points", "geänderte Beschlusspunkte"),
        ("attachments", "Anlagen"),
        ("signature", "Unterschrift"),
        ("city", "Stadt"),
    )
    for attribute, name in tail:
        if getattr(old, attribute) != getattr(new, attribute):
            names.append(name)
    return names
