"""What is still open in the step shown: its findings, below the form, in a space of its own.

The list stands between the form and the "Zurück"/"Weiter" buttons and is always as tall
(:data:`VISIBLE_LINES` lines, scrolling beyond), so what the author types never moves when
findings come and go. Findings are listed in the order of the fields on screen; an error of a
field the author has not got to yet reads "offen" (:class:`~stellungnahme_app.form_steps.
Attention`). Return or a click on a finding puts the cursor in its field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from stellungnahme_app.form_steps import Attention, form_order
from stellungnahme_app.rules import Finding
from stellungnahme_app.ui.editor.widget_helpers import describe

#: How many lines the list has room for.
VISIBLE_LINES = 3
NOTHING_OPEN = "Nichts offen in diesem Schritt."
FIELD_ROLE = Qt.ItemDataRole.UserRole


class StepFindings(QListWidget):
    """The findings of one step; activating one calls ``jump_to`` with its field path."""

    def __init__(self, jump_to: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hinweise_zum_schritt")
        describe(
            self,
            "Was in diesem Schritt noch offen ist",
            "Eingabetaste oder Klick setzt den Cursor in das betroffene Feld",
        )
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.addItem("Probe")  # as tall as VISIBLE_LINES rows of one line, never a half row
        row = self.sizeHintForRow(0)
        self.clear()
        self.setFixedHeight(row * VISIBLE_LINES + 2 * self.frameWidth())
        self._jump_to = jump_to
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)

    def show_findings(self, findings: Sequence[Finding], attention: Attention) -> None:
        """Show ``findings`` (of this step), sorted as their fields stand on screen."""
        shown = sorted(findings, key=lambda f: form_order(f.field))
        lines = [(f"{_capitalised(attention.label(f))}: {f.message}", f.field) for f in shown]
        if [(self.item(i).text(), self.item(i).data(FIELD_ROLE)) for i in range(self.count())] == (
            lines or [(NOTHING_OPEN, None)]
        ):
            return  # unchanged: keep the row the keyboard is on
        current = self.currentRow()
        self.clear()
        for text, field in lines:
            item = QListWidgetItem(text)
            item.setData(FIELD_ROLE, field)
            item.setToolTip("Zum Feld springen")
            self.addItem(item)
        if not lines:
            item = QListWidgetItem(NOTHING_OPEN)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(item)
        elif 0 <= current < len(lines):
            self.setCurrentRow(current)
        self.setAccessibleDescription(" ".join(text for text, _ in lines) or NOTHING_OPEN)

    def _activated(self, item: QListWidgetItem) -> None:
        field = item.data(FIELD_ROLE)
        if field:
            self._jump_to(field)


def _capitalised(label: str) -> str:
    """At the start of a line: "Offen", "Fehler", "Hinweis"."""
    return label[:1].upper() + label[1:]
