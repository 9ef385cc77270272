"""Fields that only show something stay read-only when a draft is opened for editing."""

from __future__ import annotations

from stellungnahme_app.ui.editor.text_field import PlainTextField
from stellungnahme_app.ui.main_window import MainWindow


def test_the_textbaustein_previews_stay_read_only_in_an_editable_draft(
    reference_window: MainWindow,
) -> None:
    editor = reference_window.editor
    assert editor is not None
    previews = [
        f for f in editor.findChildren(PlainTextField) if f.objectName() == "textbaustein_vorschau"
    ]
    assert len(previews) == 4  # the three assessments' and the Fazit's
    assert all(preview.isReadOnly() for preview in previews)
    editor.set_read_only(True)
    editor.set_read_only(False)
    assert all(preview.isReadOnly() for preview in previews)
