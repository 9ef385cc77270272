"""The unknown words of a whole draft, field by field: typos in the reference are found at
their field with the right correction near the top; correct texts raise next to nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from stellungnahme_app.model import Draft
from stellungnahme_app.spelling import (
    SpellChecker,
    checked_texts,
    spelling_findings,
    unknown_words,
    words,
)
from stellungnahme_app.spelling.draft_words import is_checked_path

CORPUS = Path(__file__).parents[1] / "fixtures" / "spelling"

#: (field path, the word as written in the reference, the typo put in its place)
TYPOS = [
    ("document_title", "Arbeitskreis", "Arbeitskries"),
    ("resolution_points[0].text", "spätestens", "spätestns"),
    ("resolution_points[2].text", "Herausforderungen", "Herausforderugnen"),
    ("contributions[0].text", "beschlossen", "beschlosen"),
    ("contributions[0].text", "zielgerichtete", "zeilgerichtete"),
    ("contributions[1].heading", "Stadtplanung", "Stadtplannung"),
    ("contributions[1].text", "Verwaltung", "Verwaltnug"),
    ("conclusion", "vorgeschlagenen", "vorgeschlagnen"),
    ("conclusion", "Gründen", "Gruenden"),
]


def text_at(draft: Draft, path: str) -> str:
    return dict(checked_texts(draft))[path]


def put_typo(draft: Draft, path: str, original: str, typo: str) -> None:
    if path == "document_title":
        draft.document_title = draft.document_title.replace(original, typo, 1)
    elif path == "conclusion":
        draft.conclusion = draft.conclusion.replace(original, typo, 1)
    elif path.startswith("resolution_points["):
        point = draft.resolution_points[int(path[18])]
        point.text = point.text.replace(original, typo, 1)
    else:
        contribution = draft.contributions[int(path[14])]
        name = path.rsplit(".", 1)[1]
        setattr(contribution, name, getattr(contribution, name).replace(original, typo, 1))
    assert typo in text_at(draft, path), (path, original)


def test_the_fields_read_and_their_paths(reference_draft: Draft) -> None:
    reference_draft.attachments = ["Anlage 1"]
    paths = [path for path, _ in checked_texts(reference_draft)]
    assert paths[:4] == [
        "document_title",
        "resolution_points[0].text",
        "resolution_points[1].text",
        "resolution_points[2].text",
    ]
    assert "contributions[1].office" in paths and "contributions[1].heading" in paths
    assert paths[-3:] == ["conclusion", "amended_resolution_points", "attachments[0]"]
    assert not any(p in paths for p in ("city", "signature.name", "document_number"))
    assert is_checked_path("conclusion", reference_draft)
    assert not is_checked_path("signature.name", reference_draft)


def test_the_reference_raises_at_most_a_handful_of_words(
    checker: SpellChecker, reference_draft: Draft
) -> None:
    found = {item.word.word for item in unknown_words(reference_draft, checker.misspelt)}
    assert len(found) <= 5, found


@pytest.mark.parametrize("path, original, typo", TYPOS, ids=[t[2] for t in TYPOS])
def test_a_typo_is_found_at_its_field_and_corrected(
    checker: SpellChecker, reference_draft: Draft, path: str, original: str, typo: str
) -> None:
    before = {(u.path, u.word.word) for u in unknown_words(reference_draft, checker.misspelt)}
    put_typo(reference_draft, path, original, typo)
    found = [
        u
        for u in unknown_words(reference_draft, checker.misspelt)
        if (u.path, u.word.word) not in before
    ]
    assert [(u.path, u.word.word) for u in found] == [(path, typo)]
    text = text_at(reference_draft, path)
    assert text[found[0].word.start : found[0].word.end] == typo
    assert original in checker.suggestions(typo)[:3]


def test_all_typos_at_once_become_hinweise(checker: SpellChecker, reference_draft: Draft) -> None:
    for path, original, typo in TYPOS:
        put_typo(reference_draft, path, original, typo)
    findings = spelling_findings(
        unknown_words(reference_draft, checker.misspelt), checker.suggestions
    )
    by_word = {f.word: f for f in findings}
    assert {typo for _, _, typo in TYPOS} <= set(by_word)
    finding = by_word["Verwaltnug"]
    assert finding.field == "contributions[1].text"
    assert finding.message.startswith("Rechtschreibung: „Verwaltnug“ – Vorschläge: Verwaltung")
    assert finding.severity.label == "Hinweis"


@pytest.mark.parametrize("text_file", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_correct_administrative_texts_raise_at_most_a_handful(
    checker: SpellChecker, text_file: Path
) -> None:
    text = text_file.read_text(encoding="utf-8")
    all_words = list(words(text))
    assert len(all_words) > 100
    flagged = [w.key for w in all_words if checker.misspelt(w)]
    assert len(flagged) <= 3, flagged


def test_the_corpus_catches_its_own_typos(checker: SpellChecker) -> None:
    text = (CORPUS / "jugendamt-kita-plaetze.txt").read_text(encoding="utf-8")
    spoilt = text.replace("Betreuungsplätzen", "Betreungsplätzen").replace("steigt", "stiegt")
    flagged = [w.word for w in words(spoilt) if checker.misspelt(w)]
    assert flagged == ["Betreungsplätzen"]  # „stiegt“ is a word too: no spell-check sees it
