"""What every step of the editor has in common, and the state the steps share.

A step is a page showing one part of the form. It shows the draft in :meth:`StepPage.load`,
writes each of the author's edits straight into the draft and emits ``changed``, and can put
the keyboard focus on the widget of a field (:meth:`StepPage.focus_field`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from stellungnahme_app.form_steps import Attention, FieldPath
from stellungnahme_app.model import Draft
from stellungnahme_app.settings import Settings
from stellungnahme_app.store import Status
from stellungnahme_app.textbausteine import Textbaustein
from stellungnahme_app.ui.editor.spelling_session import SpellingSession
from stellungnahme_app.ui.editor.text_field import PlainTextField
from stellungnahme_app.workspace import OpenDraft, Workspace


def _placeholder() -> OpenDraft:
    """What the editor shows before the shell gives it a draft (never saved)."""
    moment = dt.datetime.now().astimezone()
    return OpenDraft(
        id=0, draft=Draft(), status=Status.DRAFT, deadline=None, revision=0,
        created=moment, changed=moment,
    )  # fmt: skip


@dataclass
class EditorContext:
    """The open draft and what the steps need around it; the editor owns it.

    The steps reach the application only through ``workspace`` (settings, Textbausteine,
    the rules with the configured number form, the export); never the store.
    """

    workspace: Workspace
    opened: OpenDraft = field(default_factory=_placeholder)
    #: Opens the step of a field path and focuses its widget (set by the editor).
    jump_to: Callable[[str], None] = lambda path: None
    #: The text field showing a field path such as ``conclusion`` or ``contributions[0].text``.
    text_field_for: Callable[[str], PlainTextField | None] = lambda path: None
    #: What the author has attended to and what the program filled in (new for each draft).
    attention: Attention = field(default_factory=Attention)
    #: Opens a field path and offers the corrections of the word at ``start``–``end`` of it
    #: (set by the editor; the findings of the spell-check link there).
    show_word: Callable[[str, int, int], None] = lambda path, start, end: None
    #: The spell-check of the open draft (set by the editor).
    spelling: SpellingSession | None = None
    #: Shows the draft again in every step, after a change outside their fields (set by the
    #: editor; a motion taken over in step 3 changes the number and title of step 1).
    reload_steps: Callable[[], None] = lambda: None

    @property
    def draft(self) -> Draft:
        return self.opened.draft

    @property
    def settings(self) -> Settings:
        return self.workspace.settings

    @property
    def textbausteine(self) -> list[Textbaustein]:
        return self.workspace.textbausteine


class StepPage(QWidget):
    """Base class of the eight steps."""

    changed = Signal()

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context

    @property
    def draft(self) -> Draft:
        return self.context.draft

    def load(self) -> None:
        """Show the context's draft; replaces everything, leaves no undo history."""

    def refresh(self) -> None:
        """Bring what this step shows from other steps up to date (called when it is shown)."""

    def focus_field(self, path: FieldPath) -> QWidget | None:
        """Focus the widget of ``path`` and return it (``None`` if this step lacks it)."""
        return None

    def widget_for(self, path: FieldPath) -> QWidget | None:
        """The widget showing ``path`` – the focus is on it or inside it while the author
        edits the field – without moving the focus (``None`` if this step lacks it)."""
        return None

    def first_field(self) -> QWidget | None:
        """Where the focus goes when the author walks into this step."""
        return None

    def flush(self) -> None:
        """Commit a half-typed value into the draft."""

    def text_field(self, path: FieldPath) -> PlainTextField | None:
        """The multi-line field showing ``path``, for inserting Textbausteine."""
        return None

    def _edited(self) -> None:
        self.changed.emit()
