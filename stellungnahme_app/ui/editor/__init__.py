"""The editor: the eight steps of the form in one widget (:class:`DraftEditor`).

The editor and what it needs (the export for its preview, python-docx, the Textbausteine)
are imported when the first draft is opened, after the window's first paint; importing a
helper of this package (``ui.editor.file_dialogs``) must not load them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stellungnahme_app.ui.editor.editor_widget import DraftEditor

__all__ = ["DraftEditor"]


def __getattr__(name: str) -> Any:
    if name == "DraftEditor":
        from stellungnahme_app.ui.editor.editor_widget import DraftEditor

        return DraftEditor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
