"""Full-text search: what is indexed, how it is normalised, how typed text becomes a query,
how hits are found and ranked, and the snippets shown with them.

Two FTS5 indexes, both with the ``unicode61`` tokenizer and ``remove_diacritics 2`` (case and
diacritics do not matter: "Ämter" = "ämter" = "Amter"):

* ``drafts_fts`` (number, title, body) – every searchable word of a draft; contentless since
  schema 4 (``m005_text_once``): it holds only the index, the text itself is the draft's JSON
  once, and the body is made from it (:func:`body_of_content`) for indexing, for removing a
  draft from the index and for snippets – so :func:`body_text` must stay as it is, or a
  migration must build the index anew;
* ``drafts_title_fts`` (number, title) – only the short columns, so that hits in number or
  title are found at once even when a word occurs in thousands of drafts.

No tokenizer maps "ß" to "ss", so :func:`fold` does it before text enters an index and before
a query runs (the replacement keeps every word one token).

Typed text never reaches FTS5's query syntax: :func:`match_query` quotes every word (doubling
any quote inside it) and adds only the ``*`` of a prefix search.

Ranking (:func:`find`): hits in number or title come first, ordered by bm25; then the other
hits by bm25 with number and title weighted higher. bm25 costs time for every hit, so when a
query matches more than :data:`RANK_WINDOW` drafts, the other hits are ranked among the
newest :data:`RANK_WINDOW` of them – a word that occurs in nearly every draft says little
about relevance, and recent drafts are the likelier goal.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from typing import Any

from stellungnahme_app.errors import ExchangeFormatError
from stellungnahme_app.model import Draft
from stellungnahme_app.store import codec

FTS_TABLE = "drafts_fts"
TITLE_FTS_TABLE = "drafts_title_fts"
# bm25 weights for number, title, body: a hit in the number or title counts more.
RANK_WEIGHTS = (10.0, 5.0, 1.0)
TITLE_RANK_WEIGHTS = (2.0, 1.0)
RANK_WINDOW = 1000
SNIPPET_HITS = 30
SNIPPET_SCAN_CHARS = 20_000
SNIPPET_BEFORE = 40
SNIPPET_AFTER = 110
MAX_QUERY_WORDS = 32
MAX_WORD_LENGTH = 100

_FOLD = str.maketrans({"ß": "ss", "ẞ": "SS"})
# Characters SQLite or FTS5 must not see in a query: controls and lone surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
_WORD = re.compile(r"[^\W_]+")


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


def body_of_content(content: object) -> str | None:
    """:func:`body_text` of a draft's stored JSON; ``None`` if it cannot be read (a damaged
    row: what the index holds for it is then unknown)."""
    if type(content) is not str:  # also rows.UnreadableText: bytes that are not UTF-8
        return None
    try:
        return body_text(codec.decode_content(content))
    except (ValueError, TypeError, ExchangeFormatError):
        return None


def match_query(text: str) -> str | None:
    """An FTS5 query that finds drafts containing every typed word (as a word prefix).

    Each whitespace-separated chunk becomes a quoted phrase, so "0661/24" finds the number;
    a trailing star makes it a prefix search, so "Segreg" finds "Segregation". A chunk that
    ends in a single letter ("z. B") is searched as a whole word: a one-letter prefix matches
    nearly everything. Returns ``None`` when the text holds nothing to search for.
    """
    chunks = _UNSAFE.sub(" ", fold(text)).split()
    phrases: list[str] = []
    for chunk in chunks:
        words = _WORD.findall(chunk)
        if not words:
            continue
        last = words[-1]
        star = "" if len(last) == 1 and not last.isdigit() else "*"
        phrases.append('"' + chunk[:MAX_WORD_LENGTH].replace('"', '""') + '"' + star)
        if len(phrases) == MAX_QUERY_WORDS:
            break
    return " ".join(phrases) if phrases else None


# ---------------------------------------------------------------------- keeping the index


def create_indexes(db: sqlite3.Connection) -> None:
    """Create both full-text indexes (empty); part of schema migration 2."""
    db.execute(
        "CREATE VIEW drafts_search AS SELECT d.id AS id, d.number AS number, "
        "d.title AS title, t.body AS body FROM drafts d JOIN draft_texts t ON t.id = d.id"
    )
    db.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(number, title, body, "
        "content='drafts_search', content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
    )
    db.execute(
        f"CREATE VIRTUAL TABLE {TITLE_FTS_TABLE} USING fts5(number, title, "
        "content='drafts', content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
    )
    for table, weights in ((FTS_TABLE, RANK_WEIGHTS), (TITLE_FTS_TABLE, TITLE_RANK_WEIGHTS)):
        db.execute(
            f"INSERT INTO {table}({table}, rank) VALUES ('rank', ?)",
            (f"bm25({', '.join(str(weight) for weight in weights)})",),
        )


def create_contentless_index(db: sqlite3.Connection) -> None:
    """The full-text index of schema 4 (``m005_text_once``): like :func:`create_indexes`'
    ``drafts_fts``, but contentless – the text is not kept a second time."""
    db.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(number, title, body, content='', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    db.execute(
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('rank', ?)",
        (f"bm25({', '.join(str(weight) for weight in RANK_WEIGHTS)})",),
    )


def index(db: sqlite3.Connection, draft_id: int, number: str, title: str, body: str) -> None:
    """Add a draft's text to both indexes."""
    number, title = fold(number), fold(title)
    db.execute(
        f"INSERT INTO {FTS_TABLE}(rowid, number, title, body) VALUES (?, ?, ?, ?)",
        (draft_id, number, title, fold(body)),
    )
    db.execute(
        f"INSERT INTO {TITLE_FTS_TABLE}(rowid, number, title) VALUES (?, ?, ?)",
        (draft_id, number, title),
    )


def unindex(db: sqlite3.Connection, draft_id: int, number: str, title: str, body: str) -> None:
    """Remove a draft from both indexes; needs exactly the text that was indexed."""
    number, title = fold(number), fold(title)
    db.execute(
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, number, title, body) "
        "VALUES ('delete', ?, ?, ?, ?)",
        (draft_id, number, title, fold(body)),
    )
    db.execute(
        f"INSERT INTO {TITLE_FTS_TABLE}({TITLE_FTS_TABLE}, rowid, number, title) "
        "VALUES ('delete', ?, ?, ?)",
        (draft_id, number, title),
    )


# ---------------------------------------------------------------------- finding


def find(
    db: sqlite3.Connection,
    query: str,
    *,
    columns: str,
    status: str | None,
    limit: int,
) -> list[tuple[Any, ...]]:
    """Rows of ``columns`` (of ``drafts d``, the first being ``d.id``) for the best hits of
    ``query``, best first; only drafts outside the trash, and only with the given status
    value if one is given."""
    filters = "d.deleted IS NULL" + (" AND d.status = ?" if status is not None else "")
    filter_parameters: list[Any] = [status] if status is not None else []

    def ranked(table: str, window: tuple[Any, ...] = ()) -> list[Any]:
        within = f"AND {table}.rowid >= ?" if window else ""
        return db.execute(
            f"SELECT {columns} FROM {table} JOIN drafts d ON d.id = {table}.rowid "
            f"WHERE {table} MATCH ? {within} AND {filters} ORDER BY {table}.rank LIMIT ?",
            [query, *window, *filter_parameters, limit],
        ).fetchall()

    title_hits = ranked(TITLE_FTS_TABLE)
    oldest_ranked = db.execute(
        f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? "
        "ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        (query, RANK_WINDOW - 1),
    ).fetchone()
    other_hits = ranked(FTS_TABLE, tuple(oldest_ranked or ()))
    title_ids = {row[0] for row in title_hits}
    rows = title_hits + [row for row in other_hits if row[0] not in title_ids]
    return rows[:limit]


def snippets(db: sqlite3.Connection, typed: str, draft_ids: list[int]) -> dict[int, str]:
    """A short excerpt around the first typed word in each draft's body (see :func:`excerpt`).

    Made here rather than with FTS5's ``snippet()``, whose time grows with the square of the
    number of hits in a text: a long pasted text full of one word would take minutes.
    """
    if not draft_ids:
        return {}
    words = _excerpt_words(typed)
    rows = db.execute(
        f"SELECT id, content FROM draft_texts WHERE id IN ({', '.join('?' * len(draft_ids))})",
        draft_ids,
    ).fetchall()
    bodies = {draft_id: body_of_content(content) or "" for draft_id, content in rows}
    return {
        draft_id: excerpt(body[:SNIPPET_SCAN_CHARS], words) for draft_id, body in bodies.items()
    }


def _excerpt_words(typed: str) -> list[str]:
    """Each typed word in the spellings it may have in the text (case aside)."""
    words = [w for w in _WORD.findall(without_surrogates(typed).lower()) if len(w) > 1]
    forms: list[str] = []
    for word in words[:MAX_QUERY_WORDS]:
        plain = _strip_diacritics(word)
        for form in (word, plain, word.replace("ß", "ss"), plain.replace("ß", "ss")):
            forms.append(form)
            if "ss" in form:
                forms.append(form.replace("ss", "ß"))
    return list(dict.fromkeys(form for form in forms if form))


def _strip_diacritics(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def excerpt(body: str, words: list[str]) -> str:
    """About a line of ``body`` around the first word that starts with one of ``words``
    (lower case), on one line, with "…" where it was cut; "" if none occurs."""
    lowered = body.lower()
    if len(lowered) != len(body):  # a few characters grow when lowered (e.g. "İ")
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in body)
    found = -1
    for word in words:
        position = lowered.find(word)
        while position > 0 and lowered[position - 1].isalnum():
            position = lowered.find(word, position + 1)
        if position != -1 and (found == -1 or position < found):
            found = position
    if found == -1:
        return ""
    start = max(0, found - SNIPPET_BEFORE)
    end = min(len(body), found + SNIPPET_AFTER)
    if start > 0:
        space = body.find(" ", start, found)
        start = space + 1 if space != -1 else start
    if end < len(body):
        space = body.rfind(" ", found, end)
        end = space if space > found else end
    text = " ".join(body[start:end].split())
    return ("…" if start > 0 else "") + text + ("…" if end < len(body) else "")
