"""How the store packs a draft: its ``stellungnahme/1`` JSON for the row, zlib for versions."""

from __future__ import annotations

import json
import zlib

from stellungnahme_app import exchange
from stellungnahme_app.model import Draft


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
    """The JSON of a version; ``ValueError`` if the bytes cannot be unpacked (``zlib.error``
    is no ``ValueError``, so it is turned into one)."""
    try:
        return zlib.decompress(data).decode("utf-8")
    except zlib.error as error:
        raise ValueError(f"Version nicht entpackbar: {error}") from error
