"""How a draft is packed: its JSON survives any text, and versions are compressed."""

from __future__ import annotations

from stellungnahme_app.model import Contribution, Draft
from stellungnahme_app.store.codec import compress, decode_content, decompress, encode_content


def test_compression_round_trip() -> None:
    text = "Straße 😀 " * 100
    assert decompress(compress(text)) == text
    assert len(compress(text)) < len(text.encode("utf-8"))


def test_content_round_trip_keeps_lone_surrogates() -> None:
    draft = Draft(document_title="Titel \ud800 mit Surrogat", contributions=[Contribution()])
    content = encode_content(draft)
    content.encode("utf-8")  # storable as UTF-8 although the draft is not
    assert decode_content(content) == draft
