"""Temporary stand-in for the Editor engineer's DraftEditor until ``ui/editor`` lands.

Implements the agreed contract with a single title field, so the shell (autosave, history,
conflicts) can be built and tested. Removed as soon as the real editor is in the repository.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from stellungnahme_app.model import Draft
from stellungnahme_app.store import Status


@dataclass
class DraftMetadata:
    status: Status = Status.DRAFT
    deadline: dt.date | None = None


class DraftEditor(QWidget):
    changed = Signal()
    export_done = Signal(Path, bool)

    def __init__(
        self, settings: object, textbausteine: list[object], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._draft = Draft()
        self._metadata = DraftMetadata()
        self._step = 0
        self.title_field = QLineEdit()
        self.title_field.setObjectName("document_title")
        layout = QFormLayout(self)
        layout.addRow("&Titel der Drucksache:", self.title_field)
        self.title_field.textEdited.connect(self._title_edited)

    def _title_edited(self, text: str) -> None:
        self._draft.document_title = text
        self.changed.emit()

    def set_draft(self, draft: Draft, *, metadata: DraftMetadata) -> None:
        self._draft = draft
        self._metadata = metadata
        self.title_field.setText(draft.document_title)

    def draft(self) -> Draft:
        return self._draft

    def metadata(self) -> DraftMetadata:
        return self._metadata

    def jump_to(self, field_path: str) -> None:
        self.title_field.setFocus()

    def current_step(self) -> int:
        return self._step

    def set_current_step(self, index: int) -> None:
        self._step = index

    def next_step(self) -> None:
        self._step = min(7, self._step + 1)

    def previous_step(self) -> None:
        self._step = max(0, self._step - 1)

    def show_export_step(self) -> None:
        self._step = 7

    def flush_pending_edits(self) -> None:
        pass
