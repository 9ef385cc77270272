"""A change as text: ``[-alt-]{+neu+}`` for the terminal, in words for a screen reader."""

from __future__ import annotations

from stellungnahme_app.compare import (
    compare_drafts,
    markup,
    place,
    spoken,
    spoken_paragraph,
    word_diff,
)
from stellungnahme_app.model import Draft


def test_markup_in_the_style_of_git_word_diff() -> None:
    assert markup(word_diff("im dritten Quartal", "im vierten Quartal")) == (
        "im [-dritten-]{+vierten+} Quartal"
    )
    assert markup(word_diff("Es gilt.", "Es gilt weiterhin.")) == "Es gilt{+ weiterhin+}."


def test_spoken_names_each_change_in_words() -> None:
    assert spoken(word_diff("im dritten Quartal", "im vierten Quartal")) == (
        "im gelöscht: „dritten“, eingefügt: „vierten“ Quartal"
    )
    assert spoken(word_diff("Punkt 06.", "Punkt 09.")) == ("Punkt gelöscht: „06“, eingefügt: „09“.")
    assert spoken(word_diff("alt und neu", "neu")) == "gelöscht: „alt und“ neu"
    assert spoken(word_diff("", "ganz\nneu")) == "eingefügt: „ganz neu“"


def test_a_paragraph_is_named_by_its_field_and_place(
    reference_draft: Draft, changed_draft: Draft
) -> None:
    fields = compare_drafts(reference_draft, changed_draft).fields
    contribution = next(f for f in fields if f.path == "contributions[1].text")
    paragraph = contribution.changed_paragraphs[0]
    assert place(contribution, paragraph) == "Absatz 4"
    assert spoken_paragraph(contribution, paragraph).startswith(
        "Beitrag 2 – Amt für Stadtentwicklung und Stadtplanung, Absatz 4: Im Sinne eines "
        "gelöscht: „effizienten“, eingefügt: „sparsamen“ Ressourceneinsatzes"
    )
    title = next(f for f in fields if f.path == "resolution_points[2]")
    assert place(title, title.changed_paragraphs[0]) == ""
    assert spoken_paragraph(title, title.changed_paragraphs[0]) == (
        "Beschlusspunkt 03 (neu): eingefügt: „Die Ergebnisse werden dem Stadtrat jährlich "
        "berichtet.“"
    )


def test_a_field_of_one_paragraph_gets_no_paragraph_number(reference_draft: Draft) -> None:
    changed = reference_draft.copy()
    changed.resolution_points[0].text = changed.resolution_points[0].text.replace(
        "dritten", "vierten"
    )
    [point] = compare_drafts(reference_draft, changed).fields
    assert point.path == "resolution_points[0].text"
    assert place(point, point.changed_paragraphs[0]) == ""
