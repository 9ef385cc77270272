"""Step 4 – Stellungnahmen der Ämter: one block per office, each with heading and text.

Offices are added from the catalogue, which supplies the heading in correct German
("Stellungnahme des Amts für Soziales"); an office not in the catalogue can be typed, its
heading is derived. "Beitrag importieren" takes contributions from a ``stellungnahme/1`` file
another office sent, after showing what would be added or replaced.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app import exchange
from stellungnahme_app.contribution_import import plan_contribution_import
from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.form_steps import FieldPath
from stellungnahme_app.model import Contribution
from stellungnahme_app.text import is_blank
from stellungnahme_app.ui.editor.contribution_import_dialog import ContributionImportDialog
from stellungnahme_app.ui.editor.detail_list import DetailList, ItemEditor
from stellungnahme_app.ui.editor.file_dialogs import ask_open_path, documents_folder
from stellungnahme_app.ui.editor.step_page import EditorContext, StepPage
from stellungnahme_app.ui.editor.text_field import LineField, PlainTextField, with_bullet_button
from stellungnahme_app.ui.editor.widget_helpers import compact_combo_box, describe, hint_label
from stellungnahme_app.ui.error_reporting import show_error
from stellungnahme_app.ui.flow_layout import flow_row

ADD_BUTTON_TEXT = "&Beitrag hinzufügen"
IMPORT_BUTTON_TEXT = "Beitrag &importieren …"


def contribution_label(index: int, contribution: Contribution) -> str:
    for candidate in (contribution.heading, contribution.office):
        if not is_blank(candidate):
            return candidate.strip()
    return f"{index + 1}. Beitrag (ohne Überschrift)"


class ContributionEditor(ItemEditor):
    """The fields of one office's contribution."""

    def __init__(self, context: EditorContext, contribution: Contribution) -> None:
        super().__init__()
        self.context = context
        self.contribution = contribution
        self.office = LineField("Amt")
        self.heading = LineField("Überschrift des Beitrags")
        self.text = PlainTextField("Text des Beitrags", visible_lines=12)
        self.office.set_text(contribution.office)
        self.heading.set_text(contribution.heading)
        self.text.set_text(contribution.text)
        self.office.edited.connect(self._office_edited)
        self.heading.edited.connect(self._heading_edited)
        self.text.edited.connect(self._text_edited)

        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, field, shown in (
            ("A&mt:", self.office, self.office),
            ("Übers&chrift:", self.heading, self.heading),
            ("&Text:", self.text, with_bullet_button(self.text)),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            layout.addRow(label, shown)

    def label(self, position: int) -> str:
        return contribution_label(position, self.contribution)

    def tab_order(self) -> list[QWidget]:
        return [self.office, self.heading, self.text]

    def set_position(self, position: int) -> None:
        describe(self.office, f"Amt des {position + 1}. Beitrags")
        describe(self.heading, f"Überschrift des {position + 1}. Beitrags")
        describe(self.text, f"Text des {position + 1}. Beitrags")

    def _office_edited(self, text: str) -> None:
        settings = self.context.settings
        heading_was_derived = self.contribution.heading == settings.heading_for_office(
            self.contribution.office
        ) or is_blank(self.contribution.heading)
        self.contribution.office = text
        if heading_was_derived:
            self.contribution.heading = settings.heading_for_office(text) if text.strip() else ""
            self.heading.set_text(self.contribution.heading)
        self.edited.emit()

    def _heading_edited(self, text: str) -> None:
        self.contribution.heading = text
        self.edited.emit()

    def _text_edited(self, text: str) -> None:
        self.contribution.text = text
        self.edited.emit()


class AemterStep(StepPage):
    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.office_choice = compact_combo_box()
        self.office_choice.setEditable(True)
        self.office_choice.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        describe(
            self.office_choice,
            "Amt für den neuen Beitrag",
            "Amt aus dem Katalog wählen oder den Namen eines anderen Amtes eingeben",
        )
        for office in context.settings.offices:
            self.office_choice.addItem(office.name)
        self.office_choice.setCurrentIndex(-1)
        # "Bildung" finds "Amt für Bildung": any part of the name, in a list to choose from.
        completer = self.office_choice.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.office_choice.lineEdit().setPlaceholderText("Amt wählen oder eingeben")
        self.office_choice.lineEdit().setAccessibleName("Amt für den neuen Beitrag")
        # Return in the list of matches first lets the combo box take the chosen name.
        self.office_choice.lineEdit().returnPressed.connect(
            lambda: QTimer.singleShot(0, self.add_chosen_office)
        )
        office_label = QLabel("Amt aus dem &Katalog:")
        office_label.setBuddy(self.office_choice)
        self.add_button = QPushButton(ADD_BUTTON_TEXT)
        describe(self.add_button, "Beitrag des gewählten Amtes hinzufügen")
        self.add_button.clicked.connect(self.add_chosen_office)

        self.import_button = QPushButton(IMPORT_BUTTON_TEXT)
        describe(
            self.import_button,
            "Beitrag importieren",
            "Beiträge aus einer Datei übernehmen, die ein anderes Amt geschickt hat",
        )
        self.import_button.clicked.connect(self.choose_import_file)

        self.contributions = DetailList(
            "Beiträge der Ämter",
            "den Beitrag",
            f"Noch kein Beitrag eines Amtes. Wählen Sie oben ein Amt und "
            f"„{ADD_BUTTON_TEXT.replace('&', '')}“, oder übernehmen Sie den Beitrag, den ein Amt "
            f"geschickt hat, mit „{IMPORT_BUTTON_TEXT.replace('&', '').rstrip(' …')}“.",
            [self.import_button],
        )
        self.contributions.remove_requested.connect(self.remove_contribution)
        self.contributions.move_requested.connect(self.move_contribution)
        self.contributions.edited.connect(self._edited)

        # In a narrow window the button moves below the field instead of making the page
        # scroll sideways.
        add_row = flow_row(
            office_label, self.office_choice, self.add_button, stretch_of=self.office_choice
        )

        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                "Jedes beteiligte Amt gibt seinen Beitrag ab; er erscheint im Dokument mit "
                "seiner Überschrift in der Reihenfolge dieser Liste."
            )
        )
        layout.addLayout(add_row)
        layout.addWidget(self.contributions, 1)

    # ------------------------------------------------------------------ loading

    def load(self) -> None:
        self.contributions.clear()
        self.contributions.extend(
            ContributionEditor(self.context, shown) for shown in self.draft.contributions
        )
        self.contributions.set_current(0 if self.draft.contributions else -1)

    # ------------------------------------------------------------------ list edits

    def add_chosen_office(self) -> None:
        name = " ".join(self.office_choice.currentText().split())
        if not name:
            self.office_choice.setFocus()
            return
        office = self.context.settings.office(name)
        if office is not None:
            name = office.name
        contribution = Contribution(
            office=name, heading=self.context.settings.heading_for_office(name)
        )
        self.draft.contributions.append(contribution)
        editor = ContributionEditor(self.context, contribution)
        self.contributions.append(editor)
        self.contributions.set_current(self.contributions.count() - 1)
        self.office_choice.setCurrentIndex(-1)
        self.office_choice.clearEditText()
        self._edited()
        editor.text.setFocus()

    def remove_contribution(self, index: int) -> None:
        contribution = self.draft.contributions[index]
        if not is_blank(contribution.text):
            answer = QMessageBox.question(
                self,
                "Beitrag entfernen",
                f"Den Beitrag „{contribution_label(index, contribution)}“ mit seinem Text "
                "entfernen?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        del self.draft.contributions[index]
        self.contributions.remove(index)
        self._edited()

    def move_contribution(self, source: int, target: int) -> None:
        contributions = self.draft.contributions
        contributions.insert(target, contributions.pop(source))
        self.contributions.move(source, target)
        self._edited()

    # ------------------------------------------------------------------ import

    def choose_import_file(self) -> None:
        ask_open_path(
            self,
            title="Beitrag importieren – Datei wählen",
            folder=documents_folder(),
            name_filter="Stellungnahme-Dateien (*.json);;Alle Dateien (*)",
            on_chosen=self.import_file,
        )

    def import_file(self, path: Path) -> None:
        """Read ``path``, show the plan, and apply what the author chooses."""
        action = "Der Beitrag konnte nicht importiert werden."
        try:
            incoming = exchange.read_file(path)
        except StellungnahmeError as error:
            show_error(self, error, action=action)
            return
        plan = plan_contribution_import(self.draft, incoming)
        if not plan.items:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                "Beitrag importieren",
                f"Die Datei „{path.name}“ enthält keinen Beitrag eines Amtes.",
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setObjectName("kein_beitrag")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return
        dialog = ContributionImportDialog(plan, path.name, self)
        dialog.accepted.connect(lambda: self._apply_import(dialog))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _apply_import(self, dialog: ContributionImportDialog) -> None:
        try:
            changed = self.context.workspace.take_over_contributions(
                self.context.opened, dialog.plan, chosen=dialog.chosen()
            )
        except StellungnahmeError as error:
            show_error(self, error)
            return
        if not changed:
            return
        self.load()
        self.contributions.set_current(changed[0])
        self._edited()

    # ------------------------------------------------------------------ focus

    def first_field(self) -> QWidget:
        return self.office_choice

    def text_field(self, path: FieldPath) -> PlainTextField | None:
        if path.section != "contributions" or path.index is None:
            return None
        if not 0 <= path.index < self.contributions.count():
            return None
        editor = self.contributions.detail(path.index)
        return editor.text if isinstance(editor, ContributionEditor) else None

    def widget_for(self, path: FieldPath) -> QWidget | None:
        if path.section != "contributions":
            return None
        if path.index is None or not 0 <= path.index < self.contributions.count():
            return self.first_field()
        editor = self.contributions.detail(path.index)
        if not isinstance(editor, ContributionEditor):
            return None
        return {"office": editor.office, "heading": editor.heading}.get(
            path.attribute or "", editor.text
        )

    def focus_field(self, path: FieldPath) -> QWidget | None:
        if path.section != "contributions":
            return None
        if path.index is None or not 0 <= path.index < self.contributions.count():
            widget = self.first_field()
            widget.setFocus()
            return widget
        self.contributions.set_current(path.index)
        editor = self.contributions.detail(path.index)
        if not isinstance(editor, ContributionEditor):
            return None
        widget = {"office": editor.office, "heading": editor.heading}.get(
            path.attribute or "", editor.text
        )
        widget.setFocus()
        return widget
