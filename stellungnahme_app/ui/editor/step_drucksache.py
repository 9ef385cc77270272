"""Step 1 – Drucksache: number, title, Dezernat, öffentlich/nichtöffentlich, Frist, status."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app import form, rules
from stellungnahme_app.form_steps import FieldPath
from stellungnahme_app.store import Status
from stellungnahme_app.text import is_blank
from stellungnahme_app.ui.editor.date_field import DateField
from stellungnahme_app.ui.editor.step_page import EditorContext, StepPage
from stellungnahme_app.ui.editor.text_field import LineField
from stellungnahme_app.ui.editor.widget_helpers import compact_combo_box, describe, hint_label


class DrucksacheStep(StepPage):
    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        settings = context.settings

        self.number = LineField(
            "Nummer der Drucksache",
            description=f"Form: {settings.number_description}, z. B. {settings.number_example}",
            placeholder=settings.number_example,
            spell_check=False,
        )
        self.number.edited.connect(self._number_edited)
        self.number_check = QLabel()
        self.number_check.setWordWrap(True)
        self.number_check.setObjectName("nummernpruefung")
        describe(self.number_check, "Prüfung der Nummer")

        self.title_field = LineField(form.LABEL_DOCUMENT_TITLE)
        self.title_field.edited.connect(self._title_edited)

        self.department = compact_combo_box()
        describe(self.department, "Dezernat", "Das Dezernat, das die Stellungnahme abgibt")
        self.department.activated.connect(self._department_chosen)

        self.public_yes = QRadioButton("ö&ffentlich")
        self.public_no = QRadioButton("ni&chtöffentlich")
        describe(self.public_yes, f"{form.LABEL_PUBLIC_STATUS}: {form.PUBLIC}")
        describe(self.public_no, f"{form.LABEL_PUBLIC_STATUS}: {form.NOT_PUBLIC}")
        self.public_group = QButtonGroup(self)
        self.public_group.addButton(self.public_yes)
        self.public_group.addButton(self.public_no)
        self.public_group.buttonClicked.connect(self._public_chosen)
        public_row = QHBoxLayout()
        public_row.addWidget(self.public_yes)
        public_row.addWidget(self.public_no)
        public_row.addStretch(1)
        public_box = self.public_box = QWidget()
        public_box.setLayout(public_row)
        public_row.setContentsMargins(0, 0, 0, 0)

        self.city = LineField(
            "Stadt", description="Die Stadt im Titel der Stellungnahme", spell_check=False
        )
        self.city.edited.connect(self._city_edited)

        self.deadline = DateField(
            "Frist", description="Bis wann die Stellungnahme abgegeben sein muss"
        )
        self.deadline.date_edited.connect(self._deadline_edited)
        self.status = compact_combo_box()
        describe(self.status, "Status", "Wo die Stellungnahme gerade steht")
        for status in Status:
            self.status.addItem(status.label, status)
        self.status.activated.connect(self._status_chosen)

        layout_form = QFormLayout()
        layout_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        number_box = QWidget()
        number_column = QVBoxLayout(number_box)
        number_column.setContentsMargins(0, 0, 0, 0)
        number_column.setSpacing(2)
        number_column.addWidget(self.number)
        number_column.addWidget(self.number_check)
        number_label = self._add_row(layout_form, "&Nummer der Drucksache:", number_box)
        number_label.setBuddy(self.number)
        self._add_row(layout_form, f"&{form.LABEL_DOCUMENT_TITLE}:", self.title_field)
        self._add_row(layout_form, "D&ezernat:", self.department)
        public_label = self._add_row(layout_form, f"{form.LABEL_PUBLIC_STATUS}:", public_box)
        public_label.setBuddy(self.public_yes)
        self._add_row(layout_form, "&Stadt:", self.city)
        self._add_row(layout_form, "Fr&ist:", self.deadline)
        self._add_row(layout_form, "Stat&us:", self.status)

        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                "Tragen Sie die Angaben zur Drucksache ein, zu der die Stadtverwaltung Stellung "
                "nimmt. Frist und Status dienen nur Ihrer Übersicht und erscheinen nicht im "
                "Dokument."
            )
        )
        layout.addLayout(layout_form)
        layout.addStretch(1)

    @staticmethod
    def _add_row(layout: QFormLayout, text: str, field: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(field)
        layout.addRow(label, field)
        return label

    # ------------------------------------------------------------------ loading

    def load(self) -> None:
        draft = self.draft
        self.number.set_text(draft.document_number)
        self.title_field.set_text(draft.document_title)
        self.city.set_text(draft.city)
        self._fill_departments()
        self.public_group.setExclusive(False)
        self.public_yes.setChecked(draft.public is True)
        self.public_no.setChecked(draft.public is False)
        self.public_group.setExclusive(True)
        self.deadline.set_date(self.context.opened.deadline)
        self.status.setCurrentIndex(self.status.findData(self.context.opened.status))
        self._show_number_check()

    def refresh(self) -> None:
        """The status may have been set elsewhere (after the final export)."""
        self.status.setCurrentIndex(self.status.findData(self.context.opened.status))

    def _fill_departments(self) -> None:
        current = self.draft.department
        self.department.blockSignals(True)
        self.department.clear()
        self.department.addItem("– bitte wählen –", "")
        for dezernat in self.context.settings.dezernate:
            self.department.addItem(dezernat.label, dezernat.name)
        index = self.department.findData(current)
        if index < 0 and not is_blank(current):
            self.department.addItem(f"{current} (nicht im Katalog)", current)
            index = self.department.count() - 1
        self.department.setCurrentIndex(max(index, 0))
        self.department.blockSignals(False)

    # ------------------------------------------------------------------ edits

    def _number_edited(self, text: str) -> None:
        self.draft.document_number = text
        self._show_number_check()
        self._edited()

    def _show_number_check(self) -> None:
        settings = self.context.settings
        number = self.draft.document_number.strip()
        if not number:
            text = f"Form: {settings.number_description}, z. B. {settings.number_example}"
        elif rules.number_matches(number, settings.number_pattern):
            text = "✓ Die Nummer hat die vorgeschriebene Form."
        else:
            text = (
                f"✗ Die Nummer hat nicht die vorgeschriebene Form "
                f"({settings.number_description}, z. B. {settings.number_example})."
            )
        self.number_check.setText(text)
        self.number_check.setAccessibleDescription(text)

    def _title_edited(self, text: str) -> None:
        self.draft.document_title = text
        self._edited()

    def _city_edited(self, text: str) -> None:
        self.draft.city = text
        self.context.attention.edited_field("city")
        self._edited()

    def _department_chosen(self, index: int) -> None:
        name = self.department.itemData(index) or ""
        if name == self.draft.department:
            return
        settings = self.context.settings
        previous = settings.dezernat(self.draft.department)
        self.draft.department = name
        # The signatory follows the Dezernat unless the author typed someone else.
        chosen = settings.dezernat(name)
        signature = self.draft.signature
        attention = self.context.attention
        attention.edited_field("department")
        listed = (*previous.signatories, *previous.deputies) if previous else ()
        if is_blank(signature.name) or signature.name in listed:
            signature.name = chosen.signatories[0] if chosen and chosen.signatories else ""
            signature.deputy = False
            if signature.name:
                attention.filled_in("signature.name")  # the author should look at it
        self._edited()

    def _public_chosen(self) -> None:
        self.draft.public = self.public_yes.isChecked()
        self._edited()

    def _deadline_edited(self, date: dt.date | None) -> None:
        self.context.opened.deadline = date
        self._edited()

    def _status_chosen(self, index: int) -> None:
        status = self.status.itemData(index)
        if isinstance(status, Status) and status is not self.context.opened.status:
            self.context.opened.status = status
            self._edited()

    # ------------------------------------------------------------------ focus

    def first_field(self) -> QWidget:
        return self.number

    def flush(self) -> None:
        self.deadline.commit()

    def focus_field(self, path: FieldPath) -> QWidget | None:
        widget = self.widget_for(path)
        if path.section == "public":
            widget = self.public_no if self.draft.public is False else self.public_yes
        if widget is not None:
            widget.setFocus()
        return widget

    def widget_for(self, path: FieldPath) -> QWidget | None:
        return {
            "city": self.city,
            "department": self.department,
            "document_number": self.number,
            "document_title": self.title_field,
            "public": self.public_box,
            "deadline": self.deadline.line,
            "status": self.status,
        }.get(path.section)
