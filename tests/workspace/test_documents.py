"""Use cases on a draft's content: defaults, the configured check, file names, emergency copies."""

from __future__ import annotations

from stellungnahme_app import exchange, paths
from stellungnahme_app.model import Draft
from stellungnahme_app.settings import load_settings
from stellungnahme_app.workspace import (
    check_draft,
    emergency_copy,
    exchange_file_name,
    new_draft_content,
)


def test_exchange_files_are_named_like_the_word_documents(reference_draft: Draft) -> None:
    assert exchange_file_name(reference_draft) == "Stellungnahme_0661-24.json"
    odd_number = Draft(document_number="06\t61/24\x01")
    rescued = emergency_copy(odd_number)
    assert rescued is not None, "Zeichen, die Windows nicht erlaubt, stehen nicht im Namen"
    assert rescued.parent == paths.data_dir() / "notfallkopien"
    assert rescued.name.startswith("Stellungnahme_06-61-24 ")
    assert exchange.read_file(rescued) == odd_number


def test_an_emergency_copy_that_cannot_be_written_says_none(reference_draft: Draft) -> None:
    (paths.data_dir() / "notfallkopien").write_text("eine Datei, wo der Ordner hin soll")
    assert emergency_copy(reference_draft) is None


def test_a_new_draft_has_the_configured_defaults() -> None:
    settings = load_settings().settings
    draft = new_draft_content(settings)
    assert draft.city == settings.city == "Erfurt"
    assert draft.department == settings.default_department
    assert draft.signature.name == settings.default_signatory
    assert draft.document_number == "" and draft.contributions == []


def test_the_check_uses_the_configured_number_form(admin_file, reference_draft: Draft) -> None:
    admin_file('number_pattern = "DS [0-9]{3}"\nnumber_example = "DS 123"\n')
    settings = load_settings().settings
    messages = [finding.message for finding in check_draft(reference_draft, settings)]
    assert any("DS 123" in message for message in messages), messages
    reference_draft.document_number = "DS 661"
    assert not any("DS 123" in f.message for f in check_draft(reference_draft, settings))
