"""The list of attachments on step 6: one line per attachment, in the document's order.

Every attachment keeps its own row of widgets (label, field, up, down, remove) for as long as
it exists, so moving or removing another one never hands a field a different text: each field
keeps its own undo history. Removing a row is undoable as the last action: Ctrl+Z right after
"Entfernen" brings the attachment back at its place, Ctrl+Y removes it again; any other edit
ends that offer and Ctrl+Z is the field's own undo again. The program numbers the attachments
("Anlage 1 – …"): each row's label is the number the document gives it
(:func:`attachment_numbers.row_labels`; a blank row between others is a "Leere Zeile").
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app import attachment_numbers
from stellungnahme_app.ui.editor.text_field import LineField
from stellungnahme_app.ui.editor.widget_helpers import chain_tab_order, describe
from stellungnahme_app.ui.keyboard import is_redo


class AttachmentRow:
    """The widgets of one attachment: label, field, and its three buttons."""

    def __init__(self, owner: AttachmentList) -> None:
        self.label = QLabel()
        self.field = LineField("Anlage", placeholder="Titel, z. B. Kostenaufstellung")
        self.up = QToolButton()
        self.up.setArrowType(Qt.ArrowType.UpArrow)
        self.down = QToolButton()
        self.down.setArrowType(Qt.ArrowType.DownArrow)
        self.remove = QPushButton("Entfernen")
        self.field.edited.connect(lambda text: owner.edited_row(self, text))
        self.up.clicked.connect(lambda: owner.move(self, -1))
        self.down.clicked.connect(lambda: owner.move(self, +1))
        self.remove.clicked.connect(lambda: owner.remove(self))
        self.label.setBuddy(self.field)
        for widget in self.widgets()[1:]:
            widget.installEventFilter(owner)

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


class AttachmentList(QWidget):
    """Edits a list of attachment texts in place; ``changed`` after every change."""

    changed = Signal()

    def __init__(self, before: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._before = before  # the field Tab comes from
        self.texts: list[str] = []
        self.rows: list[AttachmentRow] = []
        self._removed: tuple[int, AttachmentRow] | None = None
        self._restored: AttachmentRow | None = None

        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        self.add_button = QPushButton("Anlage hinzu&fügen")
        describe(self.add_button, "Anlage hinzufügen", "Eine weitere Zeile im Anlagenverzeichnis")
        self.add_button.clicked.connect(self.add)
        self.add_button.installEventFilter(self)
        self.empty_note = QLabel("Keine Anlagen.")
        describe(self.empty_note, "Keine Anlagen")
        self.removal_note = QLabel()
        self.removal_note.setWordWrap(True)
        self.removal_note.setObjectName("anlage_entfernt")
        describe(self.removal_note, "Hinweis zur entfernten Anlage")
        self.removal_note.hide()

        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addWidget(self.removal_note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_note)
        layout.addLayout(self.grid)
        layout.addLayout(add_row)

    # ------------------------------------------------------------------ showing

    def load(self, texts: list[str]) -> None:
        """Show ``texts`` (edited in place from now on); leaves no undo history."""
        self._forget_removal()
        self.texts = texts
        while len(self.rows) > len(texts):
            self._delete_row(self.rows.pop())
        while len(self.rows) < len(texts):
            self.rows.append(AttachmentRow(self))
        for row, text in zip(self.rows, texts, strict=True):
            row.field.set_text(text)
        self._lay_out()

    def _lay_out(self) -> None:
        """Put the rows into the grid in their order, name them after their place."""
        for row in self.rows:
            for widget in row.widgets():
                self.grid.removeWidget(widget)
        for position, row in enumerate(self.rows):
            for column, widget in enumerate(row.widgets()):
                self.grid.addWidget(widget, position, column)
                widget.show()
        self._name_rows()
        self.empty_note.setVisible(not self.rows)
        chain_tab_order(
            [self._before, *(w for row in self.rows for w in row.widgets()[1:]), self.add_button]
        )

    def _name_rows(self) -> None:
        labels = attachment_numbers.row_labels(self.texts)
        for position, (row, label) in enumerate(zip(self.rows, labels, strict=True)):
            row.set_position(position, len(self.rows), label)

    def _delete_row(self, row: AttachmentRow) -> None:
        for widget in row.widgets():
            self.grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()

    # ------------------------------------------------------------------ edits

    def edited_row(self, row: AttachmentRow, text: str) -> None:
        self._forget_removal()
        before = attachment_numbers.row_labels(self.texts)
        self.texts[self.rows.index(row)] = text
        if attachment_numbers.row_labels(self.texts) != before:
            self._name_rows()  # a row became blank or filled: the numbers after it move
        self.changed.emit()

    def add(self) -> None:
        self._forget_removal()
        self.texts.append("")
        row = AttachmentRow(self)
        self.rows.append(row)
        self._lay_out()
        row.field.setFocus()
        self.changed.emit()

    def move(self, row: AttachmentRow, step: int) -> None:
        index = self.rows.index(row)
        target = index + step
        if not 0 <= target < len(self.rows):
            return
        self._forget_removal()
        rows, texts = self.rows, self.texts
        rows[index], rows[target] = rows[target], rows[index]
        texts[index], texts[target] = texts[target], texts[index]
        self._lay_out()
        # The focus stays on an arrow while there is room to go on.
        if step < 0 and target > 0:
            row.up.setFocus()
        elif target < len(rows) - 1:
            row.down.setFocus()
        else:
            row.field.setFocus()
        self.changed.emit()

    def remove(self, row: AttachmentRow) -> None:
        """Take the attachment out; Ctrl+Z right after brings it back."""
        self._forget_removal()
        index = self.rows.index(row)
        text = self.texts.pop(index)
        self.rows.pop(index)
        for widget in row.widgets():
            self.grid.removeWidget(widget)
            widget.hide()
        self._removed = (index, row)
        self._lay_out()
        name = f"„{text.strip()}“ " if text.strip() else ""
        self._show_note(f"Anlage {index + 1} {name}entfernt – Strg+Z holt sie zurück.")
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].field.setFocus()
        else:
            self.add_button.setFocus()
        self.changed.emit()

    def undo_removal(self) -> bool:
        if self._removed is None:
            return False
        index, row = self._removed
        self._removed = None
        self.rows.insert(index, row)
        self.texts.insert(index, row.field.text())
        self._lay_out()
        row.field.setFocus()
        self._restored = row
        self._show_note(f"Anlage {index + 1} ist wieder da – Strg+Y entfernt sie erneut.")
        self.changed.emit()
        return True

    def redo_removal(self) -> bool:
        row = self._restored
        if row is None or row not in self.rows:
            return False
        self.remove(row)
        return True

    def _forget_removal(self) -> None:
        if self._removed is not None:
            self._delete_row(self._removed[1])
        self._removed = None
        self._restored = None
        self.removal_note.hide()

    def _show_note(self, text: str) -> None:
        self.removal_note.setText(text)
        self.removal_note.setAccessibleDescription(text)
        self.removal_note.show()

    # ------------------------------------------------------------------ keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        undo = self._removed is not None and event.matches(QKeySequence.StandardKey.Undo)
        redo = self._restored is not None and is_redo(event)
        if not (undo or redo):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # the key is ours, not a shortcut's or the field's
            return True
        return self.undo_removal() if undo else self.redo_removal()
