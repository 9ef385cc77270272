"""Step 6 – Änderungen und Anlagen: amended resolution points and the list of attachments.

Both are optional. Attachments are one line each, in the order they are numbered in the
document; they can be added, removed (undoably) and moved (:class:`AttachmentList`). The
program numbers them ("Anlage 1 – …"); each row's label is the number the document gives it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from stellungnahme_app import form
from stellungnahme_app.form_steps import FieldPath
from stellungnahme_app.ui.editor.attachment_list import AttachmentList, AttachmentRow
from stellungnahme_app.ui.editor.step_page import EditorContext, StepPage
from stellungnahme_app.ui.editor.text_field import PlainTextField, with_bullet_button
from stellungnahme_app.ui.editor.widget_helpers import hint_label


class AenderungenAnlagenStep(StepPage):
    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.amendments = PlainTextField(
            "Änderung der Beschlusspunkte",
            description=form.LABEL_AMENDMENTS + " (freiwillig)",
            visible_lines=6,
        )
        self.amendments.edited.connect(self._amendments_edited)
        amendments_label = QLabel(
            "Ä&nderung des/der Beschlusspunkte aus Sicht der Stadtverwaltung:"
        )
        amendments_label.setBuddy(self.amendments)
        amendments_label.setWordWrap(True)

        self.attachments = AttachmentList(before=self.amendments)
        self.attachments.changed.connect(self._edited)
        attachments_heading = QLabel(form.LABEL_ATTACHMENTS + ":")
        attachments_heading.setAccessibleName(form.LABEL_ATTACHMENTS)

        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                "Beide Angaben sind freiwillig. Schlägt die Stadtverwaltung geänderte "
                "Beschlusspunkte vor, tragen Sie sie hier ein; jede Anlage bekommt eine Zeile. "
                "Die Nummer („Anlage 1 – “) setzt das Programm in der Reihenfolge der Zeilen "
                "davor."
            )
        )
        layout.addWidget(amendments_label)
        layout.addWidget(with_bullet_button(self.amendments), 1)
        layout.addWidget(attachments_heading)
        layout.addWidget(self.attachments)
        layout.addStretch(1)

    @property
    def rows(self) -> list[AttachmentRow]:
        return self.attachments.rows

    @property
    def add_button(self) -> QPushButton:
        return self.attachments.add_button

    @property
    def no_attachments(self) -> QLabel:
        return self.attachments.empty_note

    @property
    def removal_note(self) -> QLabel:
        return self.attachments.removal_note

    # ------------------------------------------------------------------ loading and edits

    def load(self) -> None:
        self.amendments.set_text(self.draft.amended_resolution_points)
        self.attachments.load(self.draft.attachments)

    def _amendments_edited(self, text: str) -> None:
        self.draft.amended_resolution_points = text
        self._edited()

    # ------------------------------------------------------------------ focus

    def first_field(self) -> QWidget:
        return self.amendments

    def text_field(self, path: FieldPath) -> PlainTextField | None:
        return self.amendments if path.section == "amended_resolution_points" else None

    def widget_for(self, path: FieldPath) -> QWidget | None:
        if path.section == "amended_resolution_points":
            return self.amendments
        if path.section != "attachments":
            return None
        if path.index is not None and 0 <= path.index < len(self.rows):
            return self.rows[path.index].field
        return self.rows[0].field if self.rows else self.add_button

    def focus_field(self, path: FieldPath) -> QWidget | None:
        widget = self.widget_for(path)
        if widget is not None:
            widget.setFocus()
        return widget
