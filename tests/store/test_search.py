"""Full-text search: umlauts and ß, prefixes, ranking, filters, and safety for any typed text."""

from __future__ import annotations

import logging
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stellungnahme_app.model import Contribution, Draft, ResolutionPoint
from stellungnahme_app.store import Status, Store, StoreBug, search
from stellungnahme_app.store.search import body_text, excerpt, fold, match_query


@pytest.fixture
def filled(store: Store, reference_draft: Draft) -> dict[str, int]:
    ids = {"reference": store.create(reference_draft).id}
    ids["bau"] = store.create(
        Draft(
            document_number="0815/24",
            document_title="Straßenbahn zum Ringelberg",
            resolution_points=[ResolutionPoint("01", "Die Ämter prüfen die Maßnahme.")],
            contributions=[Contribution("Tiefbauamt", "", "Die GRÖSSE der Haltestelle passt.")],
            attachments=["Lageplan Quellenstraße"],
        ),
        status=Status.IN_REVIEW,
    ).id
    ids["fazit"] = store.create(
        Draft(document_title="Schulnetzplan", conclusion="Ein Arbeitskreis ist entbehrlich.")
    ).id
    ids["segregation_in_title"] = store.create(
        Draft(document_title="Segregation in Plattenbaugebieten")
    ).id
    return ids


def _ids(hits: list) -> list[int]:
    return [hit.id for hit in hits]


def _words(text: str) -> list[str]:
    """The words of a text as the index holds them: "ß" as "ss", without accents, any case."""
    decomposed = unicodedata.normalize("NFD", fold(text).lower())
    return re.findall(r"[^\W_]+", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _expected(store: Store, ids: list[int], typed: str) -> set[int]:
    """What a search must find, worked out without FTS5: the drafts whose number, title or
    body hold every typed chunk as consecutive words, the last one as a word's beginning
    (a single letter as a whole word)."""
    phrases = []
    for chunk in re.sub("[\x00-\x1f\x7f]", " ", typed).split():
        words = _words(chunk)
        if words:
            last = re.findall(r"[^\W_]+", chunk)[-1]
            phrases.append((words, len(last) > 1 or last.isdigit()))

    def holds(column: list[str], words: list[str], prefix: bool) -> bool:
        for start in range(len(column) - len(words) + 1):
            *whole, end = column[start : start + len(words)]
            if whole == words[:-1] and (end.startswith(words[-1]) if prefix else end == words[-1]):
                return True
        return False

    found = set()
    for draft_id in ids:
        draft = store.load(draft_id).draft
        columns = [_words(text) for text in (draft.document_number, draft.document_title)]
        columns.append(_words(body_text(draft)))
        if phrases and all(
            any(holds(column, words, prefix) for column in columns) for words, prefix in phrases
        ):
            found.add(draft_id)
    return found


@pytest.mark.parametrize(
    "typed",
    ["Maßnahme", "maßnahme", "Massnahme", "MASSNAHME", "massnah"],
)
def test_sharp_s_and_case_do_not_matter(store: Store, filled: dict[str, int], typed: str) -> None:
    assert filled["bau"] in _ids(store.search(typed))


@pytest.mark.parametrize("typed", ["Ämter", "ämter", "Amter", "größe", "grosse", "strasse"])
def test_umlauts_match_with_and_without_dots(
    store: Store, filled: dict[str, int], typed: str
) -> None:
    assert filled["bau"] in _ids(store.search(typed))


def test_prefix_finds_whole_words(store: Store, filled: dict[str, int]) -> None:
    assert set(_ids(store.search("Segreg"))) == {
        filled["reference"],
        filled["segregation_in_title"],
    }


def test_all_words_must_occur(store: Store, filled: dict[str, int]) -> None:
    assert _ids(store.search("Ringelberg Lageplan")) == [filled["bau"]]
    assert store.search("Ringelberg Segregation") == []


def test_every_part_of_the_form_is_searched(store: Store, filled: dict[str, int]) -> None:
    assert _ids(store.search("0815/24")) == [filled["bau"]]
    assert _ids(store.search("Ringelberg")) == [filled["bau"]]  # title
    assert _ids(store.search("prüfen")) == [filled["bau"]]  # resolution point
    assert _ids(store.search("Tiefbauamt")) == [filled["bau"]]  # contribution office
    assert _ids(store.search("Haltestelle")) == [filled["bau"]]  # contribution text
    assert _ids(store.search("Quellenstraße")) == [filled["bau"]]  # attachment
    assert _ids(store.search("entbehrlich")) == [filled["fazit"]]  # Fazit
    draft = Draft(amended_resolution_points="Neuer Beschlusspunkt Zwiebelmarkt")
    amended = store.create(draft).id
    assert _ids(store.search("Zwiebelmarkt")) == [amended]


def test_title_hits_rank_above_body_hits(store: Store, filled: dict[str, int]) -> None:
    hits = _ids(store.search("Segregation"))
    assert hits[0] == filled["segregation_in_title"]
    assert hits[1] == filled["reference"]


def test_snippet_shows_the_original_text_around_the_match(
    store: Store, filled: dict[str, int]
) -> None:
    (hit,) = store.search("massnahme", status=Status.IN_REVIEW)
    assert "Die Ämter prüfen die Maßnahme." in hit.snippet
    assert "\n" not in hit.snippet
    (hit,) = store.search("entbehrlich")
    assert hit.snippet == "Ein Arbeitskreis ist entbehrlich."


def test_status_filter_and_limit(store: Store, filled: dict[str, int]) -> None:
    assert _ids(store.search("Ringelberg", status=Status.DRAFT)) == []
    assert _ids(store.search("Ringelberg", status=Status.IN_REVIEW)) == [filled["bau"]]
    assert len(store.search("Segregation", limit=1)) == 1
    assert store.search("Segregation", limit=0) == []


def test_changes_and_trash_are_reflected(store: Store, filled: dict[str, int]) -> None:
    stored = store.load(filled["fazit"])
    stored.draft.conclusion = "Ein Arbeitskreis ist überflüssig."
    store.save(stored)
    assert store.search("entbehrlich") == []
    assert _ids(store.search("überflüssig")) == [filled["fazit"]]
    store.delete(filled["fazit"])
    assert store.search("überflüssig") == []
    store.restore_from_trash(filled["fazit"])
    assert _ids(store.search("überflüssig")) == [filled["fazit"]]


@pytest.mark.parametrize(
    "typed",
    [
        '"',
        "*",
        "AND (",
        "-",
        "NEAR",
        ":",
        "NOT",
        "OR",
        "^",
        "(",
        ")",
        "{}",
        "a:b",
        '""',
        "\x00",
        "NEAR(a b)",
        "title:Segregation",
        "-Segregation",
        "Segreg*",
        "+",
        "\\",
        "'",
        "   ",
        "",
    ],
)
def test_query_syntax_characters_are_searched_as_plain_text(
    store: Store, filled: dict[str, int], typed: str
) -> None:
    assert set(_ids(store.search(typed))) == _expected(store, list(filled.values()), typed)


def test_the_search_oracle_finds_what_it_should(store: Store, filled: dict[str, int]) -> None:
    everything = list(filled.values())
    both = {filled["reference"], filled["segregation_in_title"]}
    assert _expected(store, everything, "-Segregation") == both
    assert _expected(store, everything, "Segreg*") == both
    assert _expected(store, everything, "title:Segregation") == set()
    assert _expected(store, everything, "Quellenstrasse") == {filled["bau"]}
    assert _expected(store, everything, "NOT") == set(_ids(store.search("NOT"))) != set()


def test_a_query_fts5_refuses_is_reported_as_a_bug_not_as_no_hits(
    store: Store,
    filled: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(search, "match_query", lambda text: f'"{text}')  # a quote left open
    with caplog.at_level(logging.ERROR), pytest.raises(StoreBug):
        store.search("Segregation")
    assert any(record.exc_info for record in caplog.records)


def test_operators_are_searched_as_words(store: Store) -> None:
    draft_id = store.create(Draft(conclusion="Dies AND das NEAR dem Rathaus.")).id
    assert _ids(store.search("AND")) == [draft_id]
    assert _ids(store.search("near")) == [draft_id]


def test_match_query_quotes_every_word() -> None:
    assert match_query('Segreg "xy" AND (') == '"Segreg"* """xy"""* "AND"*'
    assert match_query("z. B 7") == '"z." "B" "7"*'
    assert match_query("Straße") == '"Strasse"*'
    assert match_query(" - * ( ") is None


def test_fold_keeps_word_boundaries() -> None:
    assert fold("Straße ẞ") == "Strasse SS"
    assert fold("a\ud800b") == "a\ufffdb"


def test_body_text_takes_the_searchable_parts(reference_draft: Draft) -> None:
    text = body_text(reference_draft)
    assert "Arbeitskreis zur fortschreitenden Segregation" in text
    assert "Amt für Soziales" in text
    assert reference_draft.conclusion in text
    assert reference_draft.signature.name not in text


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(typed=st.text(alphabet=st.characters(codec=None), max_size=60))
def test_any_typed_text_never_raises(store: Store, filled: dict[str, int], typed: str) -> None:
    hits = store.search(typed)
    assert all(hit.id in filled.values() for hit in hits)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(typed=st.text(alphabet=st.sampled_from("\"*():-^+ NEARANDORNOT{}ab\x00'.,"), max_size=30))
def test_query_syntax_soup_is_searched_as_plain_text(
    store: Store, filled: dict[str, int], typed: str
) -> None:
    assert set(_ids(store.search(typed))) == _expected(store, list(filled.values()), typed)


def test_single_letters_are_whole_words(store: Store) -> None:
    with_letter = store.create(Draft(conclusion="Variante B wird empfohlen.")).id
    store.create(Draft(conclusion="Bauamt und Bürger."))
    assert _ids(store.search("B")) == [with_letter]
    assert _ids(store.search("Variante b")) == [with_letter]


def test_snippets_only_for_the_first_hits(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SNIPPET_HITS", 3)
    for index in range(6):
        store.create(Draft(conclusion="Zwiebelmarkt " * (index + 1)))
    hits = store.search("Zwiebelmarkt")
    assert [bool(hit.snippet) for hit in hits] == [True] * 3 + [False] * 3
    assert hits[0].snippet.startswith("Zwiebelmarkt Zwiebelmarkt")


def test_very_common_words_rank_title_hits_and_the_newest_drafts(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "RANK_WINDOW", 4)
    old_title_hit = store.create(Draft(document_title="Domplatz")).id
    old_strong_hit = store.create(Draft(conclusion="Domplatz " * 50)).id
    newer = [store.create(Draft(conclusion=f"Am Domplatz {i}.")).id for i in range(6)]
    hits = _ids(store.search("Domplatz"))
    assert hits[0] == old_title_hit
    assert set(hits[1:]) == set(newer[-4:])
    assert old_strong_hit not in hits
    monkeypatch.setattr(search, "RANK_WINDOW", 1000)
    assert _ids(store.search("Domplatz"))[:2] == [old_title_hit, old_strong_hit]


def _excerpt(body: str, typed: str) -> str:
    return excerpt(body, search._excerpt_words(typed))


def test_excerpt_finds_words_as_written() -> None:
    body = "Die Ämter prüfen die Maßnahme an der Straße."
    assert _excerpt(body, "massnahme") == body
    assert _excerpt(body, "ämt") == body
    assert _excerpt("Zuerst: " + "lange Einleitung " * 5 + body, "STRASSE").endswith(
        "Maßnahme an der Straße."
    )
    assert _excerpt(body, "Segregation") == ""
    assert _excerpt("Bauamt und Amtsblatt", "amt") == "Bauamt und Amtsblatt"
    assert _excerpt("Bauamt", "amt") == ""


def test_excerpt_is_one_cut_line() -> None:
    words = " ".join(f"Wort{n}" for n in range(100))
    body = f"{words}\n\nHier steht der Zwiebelmarkt mitten im Text. {words}"
    text = _excerpt(body, "zwiebel")
    assert text.startswith("…") and text.endswith("…")
    assert "Hier steht der Zwiebelmarkt mitten im Text." in text
    assert "\n" not in text
    assert len(text) < 200
    assert " Wort" in text and "Wor…" not in text


def test_snippets_are_fast_for_huge_texts_full_of_the_word(store: Store) -> None:
    """FTS5's own snippet() needs minutes here: its time grows with the square of the hits."""
    stored = store.create(Draft(conclusion="Die Straßenbahn fährt durch die Innenstadt. " * 50_000))
    (hit,) = store.search("strassenbahn innenstadt")
    assert hit.id == stored.id
    assert hit.snippet.startswith("Die Straßenbahn fährt")


def test_index_stays_right_when_only_status_changes(store: Store) -> None:
    stored = store.create(Draft(document_title="Zwiebelmarkt", conclusion="Altstadtfest"))
    stored.status = Status.IN_REVIEW
    stored = store.save(stored)
    assert _ids(store.search("Altstadtfest Zwiebelmarkt")) == [stored.id]
    stored.draft.conclusion = "Krämerbrückenfest"
    store.save(stored)
    assert store.search("Altstadtfest") == []
    assert _ids(store.search("Krämerbrückenfest")) == [stored.id]
