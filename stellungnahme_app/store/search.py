"""Full-text search: what is indexed, how it is normalised, and how typed text becomes a query.

The index is an FTS5 table with the ``unicode61`` tokenizer and ``remove_diacritics 2``, so
case and diacritics do not matter ("Ämter" = "ämter" = "Amter"). Because no tokenizer maps
"ß" to "ss", :func:`fold` does it before text enters the index and before a query is run;
the replacement keeps every word one token, so positions in the index still fit the original
text and the snippets show the text as written.

Typed text never reaches FTS5's query syntax: :func:`match_query` quotes every word (and
doubles any quote inside it) and lets only the trailing ``*`` of a prefix search through.
"""

from __future__ import annotations

import re

from stellungnahme_app.model import Draft

FTS_TABLE = "drafts_fts"
# bm25 weights for the columns number, title, body: a hit in the number or title counts more.
RANK_WEIGHTS = (10.0, 5.0, 1.0)
SNIPPET_WORDS = 12
MAX_QUERY_WORDS = 32
MAX_WORD_LENGTH = 100

_FOLD = str.maketrans({"ß": "ss", "ẞ": "SS"})
# Characters SQLite or FTS5 must not see in a query: controls and lone surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")


def fold(text: str) -> str:
    """The text as it goes into the index: "ß" becomes "ss"; the tokenizer does the rest."""
    return without_surrogates(text).translate(_FOLD)


def without_surrogates(text: str) -> str:
    """Replace lone surrogates (which SQLite cannot store as UTF-8) with U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return re.sub("[\ud800-\udfff]", "\ufffd", text)
    return text


def body_text(draft: Draft) -> str:
    """Everything searchable besides number and title, one part per paragraph."""
    parts: list[str] = []
    for point in draft.resolution_points:
        parts.append(f"{point.number} {point.text}".strip())
    for contribution in draft.contributions:
        parts.extend((contribution.office, contribution.heading, contribution.text))
    parts.append(draft.conclusion)
    parts.append(draft.amended_resolution_points)
    parts.extend(draft.attachments)
    return without_surrogates("\n\n".join(part for part in parts if part.strip()))


def match_query(text: str) -> str | None:
    """An FTS5 query that finds drafts containing every typed word (as a word prefix).

    Each whitespace-separated chunk becomes a quoted phrase with a prefix star, so
    "0661/24" finds the number and "Segreg" finds "Segregation". Returns ``None`` when the
    text holds nothing to search for.
    """
    chunks = _UNSAFE.sub(" ", fold(text)).split()
    phrases: list[str] = []
    for chunk in chunks:
        if not any(character.isalnum() for character in chunk):
            continue
        phrases.append('"' + chunk[:MAX_WORD_LENGTH].replace('"', '""') + '"*')
        if len(phrases) == MAX_QUERY_WORDS:
            break
    return " ".join(phrases) if phrases else None
