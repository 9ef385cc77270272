"""The editor: the eight steps of the form in one widget (:class:`DraftEditor`)."""

from stellungnahme_app.ui.editor.editor_widget import DraftEditor

__all__ = ["DraftEditor"]
