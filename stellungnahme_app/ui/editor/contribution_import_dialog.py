"""The dialog that shows what importing an office's contribution would change.

It lists every contribution in the file another office sent: "wird hinzugefügt", "ersetzt
den vorhandenen Beitrag" or "ist bereits unverändert enthalten", each with a checkbox, and
shows the incoming text beside the one it would replace. Nothing changes until the author
chooses "Übernehmen"; the plan itself comes from :mod:`contribution_import`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app.contribution_import import ImportAction, ImportPlan
from stellungnahme_app.ui.editor.text_field import PlainTextField
from stellungnahme_app.ui.editor.widget_helpers import describe


class ContributionImportDialog(QDialog):
    """Shows ``plan`` for the file ``source_name``; :meth:`chosen` after ``accept``."""

    def __init__(self, plan: ImportPlan, source_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setObjectName("beitrag_importieren")
        self.setWindowTitle("Beitrag importieren")
        describe(self, "Beitrag importieren", f"Beiträge aus „{source_name}“ übernehmen")

        summary = QLabel(self._summary(source_name))
        summary.setWordWrap(True)
        describe(summary, summary.text())
        self.warning = QLabel(
            f"Achtung: Die Datei gehört zur Drucksache {plan.incoming_number}, die geöffnete "
            f"Stellungnahme zur Drucksache {plan.draft_number}."
        )
        self.warning.setWordWrap(True)
        self.warning.setObjectName("warnung")
        describe(self.warning, self.warning.text())

        self.items = QListWidget()
        describe(self.items, "Beiträge in der Datei", "Angehakte Beiträge werden übernommen")
        for item in plan.items:
            row = QListWidgetItem(f"{item.name} – {item.action.label}")
            if item.action is ImportAction.UNCHANGED:
                row.setFlags(row.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
                row.setData(Qt.ItemDataRole.CheckStateRole, None)
            else:
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                row.setCheckState(Qt.CheckState.Checked)
            self.items.addItem(row)
        rows = max(3, min(len(plan.items), 6)) + 1
        self.items.setMaximumHeight(self.items.fontMetrics().lineSpacing() * rows * 3 // 2)
        self.items.currentRowChanged.connect(self._show_texts)
        self.items.itemChanged.connect(self._update_ok)
        items_label = QLabel("&Beiträge in der Datei (angehakte werden übernommen):")
        items_label.setBuddy(self.items)

        self.incoming_text = PlainTextField("Text aus der Datei", visible_lines=8)
        self.incoming_text.setReadOnly(True)
        self.current_text = PlainTextField("Bisheriger Text", visible_lines=8)
        self.current_text.setReadOnly(True)
        incoming_label = QLabel("Text aus der &Datei:")
        incoming_label.setBuddy(self.incoming_text)
        self.current_label = QLabel("Bisheriger &Text (wird ersetzt):")
        self.current_label.setBuddy(self.current_text)

        texts = QGridLayout()
        texts.addWidget(incoming_label, 0, 0)
        texts.addWidget(self.current_label, 0, 1)
        texts.addWidget(self.incoming_text, 1, 0)
        texts.addWidget(self.current_text, 1, 1)
        texts.setColumnStretch(0, 1)
        texts.setColumnStretch(1, 1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Über&nehmen")
        describe(self.ok_button, "Angehakte Beiträge übernehmen")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Abbrechen")
        describe(cancel, "Abbrechen, nichts übernehmen")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.warning)
        layout.addWidget(items_label)
        layout.addWidget(self.items)
        layout.addLayout(texts, 1)
        layout.addWidget(self.buttons)
        self.warning.setVisible(plan.number_mismatch)  # once it has its parent
        if plan.items:
            self.items.setCurrentRow(0)
        self._update_ok()
        self.resize(self.sizeHint().expandedTo(self.fontMetrics().boundingRect("M" * 70).size()))

    def _summary(self, source_name: str) -> str:
        plan = self.plan
        parts = []
        if plan.additions:
            parts.append(f"{len(plan.additions)} neu")
        if plan.replacements:
            parts.append(f"{len(plan.replacements)} ersetzt vorhandene")
        unchanged = len(plan.items) - len(plan.additions) - len(plan.replacements)
        if unchanged:
            parts.append(f"{unchanged} unverändert")
        count = len(plan.items)
        return (
            f"„{source_name}“ enthält {count} {'Beitrag' if count == 1 else 'Beiträge'} von Ämtern "
            f"({', '.join(parts)}). Wählen Sie aus, was übernommen werden soll."
        )

    def _show_texts(self, row: int) -> None:
        if not 0 <= row < len(self.plan.items):
            return
        item = self.plan.items[row]
        self.incoming_text.set_text(item.incoming.text)
        replaced = item.current.text if item.current is not None else ""
        self.current_text.set_text(replaced)
        is_replacement = item.action is ImportAction.REPLACE
        self.current_text.setVisible(is_replacement)
        self.current_label.setVisible(is_replacement)

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.chosen()))

    def chosen(self) -> list[int]:
        """Positions in ``plan.items`` the author ticked."""
        return [
            index
            for index in range(self.items.count())
            if self.items.item(index).flags() & Qt.ItemFlag.ItemIsUserCheckable
            and self.items.item(index).checkState() == Qt.CheckState.Checked
        ]
