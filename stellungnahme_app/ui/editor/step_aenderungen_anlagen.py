"""Step 6 – Änderungen und Anlagen: amended resolution points and the list of attachments.

Both are optional. Attachments are one line each, in the order they are numbered in the
document; they can be added, removed and moved. The program numbers them ("Anlage 1 – …");
each row's label is the number the document gives it (:func:`attachment_numbers.row_labels`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app import attachment_numbers, form
from stellungnahme_app.form_steps import FieldPath
from stellungnahme_app.ui.editor.step_page import EditorContext, StepPage
from stellungnahme_app.ui.editor.text_field import LineField, PlainTextField, with_bullet_button
from stellungnahme_app.ui.editor.widget_helpers import chain_tab_order, describe, hint_label


class _AttachmentRow:
    """The widgets of one attachment: label, field, and its three buttons."""

    def __init__(self, step: AenderungenAnlagenStep) -> None:
        self.label = QLabel()
        self.field = LineField("Anlage", placeholder="Titel, z. B. Kostenaufstellung")
        self.up = QToolButton()
        self.up.setArrowType(Qt.ArrowType.UpArrow)
        self.down = QToolButton()
        self.down.setArrowType(Qt.ArrowType.DownArrow)
        self.remove = QPushButton("Entfernen")
        self.field.edited.connect(lambda text: step.attachment_edited(self, text))
        self.up.clicked.connect(lambda: step.move_attachment(self, -1))
        self.down.clicked.connect(lambda: step.move_attachment(self, +1))
        self.remove.clicked.connect(lambda: step.remove_attachment(self))
        self.label.setBuddy(self.field)

    def widgets(self) -> list[QWidget]:
        return [self.label, self.field, self.up, self.down, self.remove]

    def set_position(self, index: int, count: int, name: str) -> None:
        """Show the row at ``index`` of ``count``, labelled ``name`` as in the document."""
        self.label.setText(f"{name}:")
        describe(self.field, name)
        describe(self.up, f"{name} nach oben verschieben")
        describe(self.down, f"{name} nach unten verschieben")
        describe(self.remove, f"{name} entfernen")
        self.up.setToolTip(f"{name} nach oben verschieben")
        self.down.setToolTip(f"{name} nach unten verschieben")
        self.up.setEnabled(index > 0)
        self.down.setEnabled(index < count - 1)


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

        self.rows: list[_AttachmentRow] = []
        self.rows_layout = QGridLayout()
        self.rows_layout.setColumnStretch(1, 1)
        self.add_button = QPushButton("Anlage hinzu&fügen")
        describe(self.add_button, "Anlage hinzufügen", "Eine weitere Zeile im Anlagenverzeichnis")
        self.add_button.clicked.connect(self.add_attachment)
        self.no_attachments = QLabel("Keine Anlagen.")
        describe(self.no_attachments, "Keine Anlagen")

        attachments_heading = QLabel(form.LABEL_ATTACHMENTS + ":")
        attachments_heading.setAccessibleName(form.LABEL_ATTACHMENTS)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)

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
        layout.addWidget(self.no_attachments)
        layout.addLayout(self.rows_layout)
        layout.addLayout(add_row)
        layout.addStretch(1)

    # ------------------------------------------------------------------ loading

    def load(self) -> None:
        self.amendments.set_text(self.draft.amended_resolution_points)
        while len(self.rows) > len(self.draft.attachments):
            self._drop_row()
        while len(self.rows) < len(self.draft.attachments):
            self._add_row()
        for row, text in zip(self.rows, self.draft.attachments, strict=True):
            row.field.set_text(text)
        self._renumber()

    def _add_row(self) -> _AttachmentRow:
        row = _AttachmentRow(self)
        position = len(self.rows)
        for column, widget in enumerate(row.widgets()):
            self.rows_layout.addWidget(widget, position, column)
        self.rows.append(row)
        return row

    def _drop_row(self) -> None:
        row = self.rows.pop()
        for widget in row.widgets():
            self.rows_layout.removeWidget(widget)
            widget.deleteLater()

    def _renumber(self) -> None:
        labels = attachment_numbers.row_labels(self.draft.attachments)
        for index, (row, label) in enumerate(zip(self.rows, labels, strict=True)):
            row.set_position(index, len(self.rows), label)
        self.no_attachments.setVisible(not self.rows)
        chain_tab_order(
            [self.amendments, *(w for row in self.rows for w in row.widgets()[1:]), self.add_button]
        )

    def _show_texts(self) -> None:
        for row, text in zip(self.rows, self.draft.attachments, strict=True):
            if row.field.text() != text:
                row.field.set_text(text)

    # ------------------------------------------------------------------ edits

    def _amendments_edited(self, text: str) -> None:
        self.draft.amended_resolution_points = text
        self._edited()

    def attachment_edited(self, row: _AttachmentRow, text: str) -> None:
        before = attachment_numbers.row_labels(self.draft.attachments)
        self.draft.attachments[self.rows.index(row)] = text
        if attachment_numbers.row_labels(self.draft.attachments) != before:
            self._renumber()  # a row became blank or filled: the numbers after it move
        self._edited()

    def add_attachment(self) -> None:
        self.draft.attachments.append("")
        row = self._add_row()
        self._renumber()
        row.field.setFocus()
        self._edited()

    def remove_attachment(self, row: _AttachmentRow) -> None:
        index = self.rows.index(row)
        del self.draft.attachments[index]
        self._drop_row()
        self._show_texts()
        self._renumber()
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].field.setFocus()
        else:
            self.add_button.setFocus()
        self._edited()

    def move_attachment(self, row: _AttachmentRow, step: int) -> None:
        index = self.rows.index(row)
        target = index + step
        if not 0 <= target < len(self.rows):
            return
        attachments = self.draft.attachments
        attachments[index], attachments[target] = attachments[target], attachments[index]
        self._show_texts()
        self._renumber()
        moved = self.rows[target]
        (
            moved.up
            if step < 0 and target > 0
            else moved.down
            if target < len(self.rows) - 1
            else moved.field
        ).setFocus()
        self._edited()

    # ------------------------------------------------------------------ focus

    def first_field(self) -> QWidget:
        return self.amendments

    def text_field(self, path: FieldPath) -> PlainTextField | None:
        return self.amendments if path.section == "amended_resolution_points" else None

    def focus_field(self, path: FieldPath) -> QWidget | None:
        widget: QWidget | None = None
        if path.section == "amended_resolution_points":
            widget = self.amendments
        elif path.section == "attachments":
            if path.index is not None and 0 <= path.index < len(self.rows):
                widget = self.rows[path.index].field
            else:
                widget = self.rows[0].field if self.rows else self.add_button
        if widget is not None:
            widget.setFocus()
        return widget
