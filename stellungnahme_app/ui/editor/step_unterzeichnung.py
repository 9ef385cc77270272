"""Step 7 – Unterzeichnung: who signs (from the Dezernat's list, or typed) and the date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from stellungnahme_app import form
from stellungnahme_app.form_steps import FieldPath
from stellungnahme_app.ui.editor.date_field import DateField
from stellungnahme_app.ui.editor.step_page import EditorContext, StepPage
from stellungnahme_app.ui.editor.text_field import SingleLineValidator
from stellungnahme_app.ui.editor.widget_helpers import compact_combo_box, describe, hint_label


class UnterzeichnungStep(StepPage):
    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.signatory = compact_combo_box()
        self.signatory.setEditable(True)
        self.signatory.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.signatory.setValidator(SingleLineValidator(self.signatory))
        describe(
            self.signatory,
            form.LABEL_SIGNATURE,
            "Name der Person, die unterzeichnet: aus der Liste des Dezernats oder eingeben",
        )
        self.signatory.lineEdit().setAccessibleName(form.LABEL_SIGNATURE)
        self.signatory.lineEdit().setPlaceholderText("Name eingeben oder aus der Liste wählen")
        self.signatory.editTextChanged.connect(self._signatory_edited)
        self._filling = False
        self._names: list[str] | None = None

        self.date = DateField(form.LABEL_DATE, description="Datum der Unterschrift")
        self.date.date_edited.connect(self._date_edited)

        signatory_label = QLabel("&Unterschrift (Beigeordnete/r):")
        signatory_label.setBuddy(self.signatory)
        date_label = QLabel("Da&tum:")
        date_label.setBuddy(self.date)
        self.department_note = QLabel()
        self.department_note.setWordWrap(True)
        describe(self.department_note, "Hinweis zum Dezernat")

        layout_form = QFormLayout()
        layout_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout_form.addRow(signatory_label, self.signatory)
        layout_form.addRow("", self.department_note)
        layout_form.addRow(date_label, self.date)

        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                "Die Stellungnahme unterzeichnet die oder der Beigeordnete des Dezernats. Im "
                "Dokument steht „gez.“ vor dem Namen."
            )
        )
        layout.addLayout(layout_form)
        layout.addStretch(1)

    def load(self) -> None:
        self.refresh()
        self.date.set_date(self.draft.signature.date)

    def refresh(self) -> None:
        """Offer the signatories of the Dezernat chosen on step 1; show the current name."""
        settings = self.context.settings
        department = self.draft.department
        dezernat = settings.dezernat(department) if department else None
        names = list(dezernat.signatories) if dezernat else list(settings.signatories(""))
        if dezernat is None:
            note = "Wählen Sie im Schritt „Drucksache“ das Dezernat; die Liste zeigt alle Namen."
        elif not names:
            note = f"Für „{dezernat.name}“ ist niemand hinterlegt; bitte den Namen eingeben."
        else:
            note = f"Personen, die für „{dezernat.name}“ unterzeichnen."
        self.department_note.setText(note)
        current = self.draft.signature.name
        self._filling = True
        try:
            if names != self._names:
                self._names = names
                self.signatory.clear()
                self.signatory.addItems(names)
                self.signatory.setCurrentIndex(-1)
            if self.signatory.currentText() != current:
                self.signatory.setEditText(current)
        finally:
            self._filling = False

    def _signatory_edited(self, text: str) -> None:
        if self._filling or text == self.draft.signature.name:
            return
        self.draft.signature.name = text
        self.context.attention.edited_field("signature.name")
        self._edited()

    def _date_edited(self, date: dt.date | None) -> None:
        self.draft.signature.date = date
        self.context.attention.edited_field("signature.date")
        self._edited()

    def flush(self) -> None:
        self.date.commit()

    def first_field(self) -> QWidget:
        return self.signatory

    def widget_for(self, path: FieldPath) -> QWidget | None:
        if path.section != "signature":
            return None
        return self.date if path.attribute == "date" else self.signatory

    def focus_field(self, path: FieldPath) -> QWidget | None:
        if path.section != "signature":
            return None
        widget = self.date.line if path.attribute == "date" else self.signatory
        widget.setFocus()
        return widget
