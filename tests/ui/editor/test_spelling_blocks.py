"""The highlighter re-reads only what an edit touched – and still finds exactly the words a
full reading finds (a property test over random edits)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from stellungnahme_app.spelling import Word, words
from stellungnahme_app.ui.editor.spelling_marks import BlockMarks

PIECES = st.sampled_from(
    ["Amt", "jhrlich", " ", "  ", "-", ".", "bzw.", "Sozial-", "-akteure", "0661/24", "a@b.de",
     "www.erfurt.de", "„", "“", ",", "ISEK", "Bürger*innen", "\t", "x", "ß", "e", "z.B.", "Stelle"]
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=40).map("".join)
WRONG = {"jhrlich", "x", "ß", "Stelle"}


def status(word: Word) -> bool:
    """A stand-in for the session: these words are misspelt, all others right."""
    return word.word not in WRONG


def full_reading(text: str) -> list[Word]:
    return [word for word in words(text) if status(word) is False]


@settings(max_examples=500, deadline=None)
@given(old=TEXTS, start=st.integers(0, 400), length=st.integers(0, 30), inserted=TEXTS)
def test_an_edit_gives_the_words_of_a_full_reading(
    old: str, start: int, length: int, inserted: str
) -> None:
    start = min(start, len(old))
    new = old[:start] + inserted + old[start + length :]
    marks = BlockMarks()
    assert marks.update(old, status) == full_reading(old)
    assert marks.update(new, status) == full_reading(new)
    assert marks.update(new, status) == full_reading(new)  # nothing changed: the same


def test_typing_in_a_huge_paragraph_asks_about_a_handful_of_words() -> None:
    text = "Die Verwaltung prüft den Antrag jhrlich. " * 5000
    marks = BlockMarks()
    assert len(marks.update(text, status)) == 5000
    asked: list[str] = []

    def counting(word: Word) -> bool:
        asked.append(word.word)
        return status(word)

    middle = len(text) // 2
    edited = text[:middle] + "x" + text[middle:]
    misspelt = marks.update(edited, counting)
    assert misspelt == full_reading(edited)
    assert len(asked) <= 3, "only the words around the edit are read anew"
    assert len(marks.update(edited, counting, generation=1)) == 5000  # news: all asked again
    assert len(asked) > 5000
