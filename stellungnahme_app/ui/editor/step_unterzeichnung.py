"""Step 7 – Unterzeichnung: who signs (from the Dezernat's list, or typed) and the date.

The list offers the Dezernat's signatories and its deputies ("Max Muster (in Vertretung)");
choosing a deputy, or ticking "in Vertretung" for a name typed in, makes the document print
"gez. i. V. Name". The form's label under it stays "Unterschrift Beigeordneter".
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from stellungnahme_app import form
from stellungnahme_app.form_steps import FieldPath
from stellungnahme_app.ui.editor.date_field import DateField
from stellungnahme_app.ui.editor.step_page import EditorContext, StepPage
from stellungnahme_app.ui.editor.text_field import SingleLineValidator
from stellungnahme_app.ui.editor.widget_helpers import compact_combo_box, describe, hint_label

DEPUTY_SUFFIX = " (in Vertretung)"


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
        self.signatory.activated.connect(self._signatory_chosen)
        self._filling = False
        self._people: list[tuple[str, bool]] | None = None  # (name, deputy) in list order

        self.deputy = QCheckBox("&In Vertretung unterzeichnen („i. V.“)")
        describe(
            self.deputy,
            "In Vertretung unterzeichnen",
            "Die Person unterzeichnet für die Beigeordnete oder den Beigeordneten; im "
            "Dokument steht „i. V.“ vor dem Namen",
        )
        self.deputy.toggled.connect(self._deputy_toggled)

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
        layout_form.addRow("", self.deputy)
        layout_form.addRow("", self.department_note)
        layout_form.addRow(date_label, self.date)

        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                "Die Stellungnahme unterzeichnet die oder der Beigeordnete des Dezernats oder "
                "die Vertretung. Im Dokument steht „gez.“ vor dem Namen, bei einer Vertretung "
                "„gez. i. V.“."
            )
        )
        layout.addLayout(layout_form)
        layout.addStretch(1)

    def load(self) -> None:
        self.refresh()
        self.date.set_date(self.draft.signature.date)

    def refresh(self) -> None:
        """Offer the signatories and deputies of the Dezernat chosen on step 1; show the
        current name and whether it signs in place of the Beigeordnete."""
        settings = self.context.settings
        department = self.draft.department
        dezernat = settings.dezernat(department) if department else None
        if dezernat is not None:
            people = [(name, False) for name in dezernat.signatories]
            people += [(name, True) for name in dezernat.deputies]
        else:
            people = [(name, False) for name in settings.signatories("")]
        if dezernat is None:
            note = "Wählen Sie im Schritt „Drucksache“ das Dezernat; die Liste zeigt alle Namen."
        elif not people:
            note = f"Für „{dezernat.name}“ ist niemand hinterlegt; bitte den Namen eingeben."
        else:
            note = f"Personen, die für „{dezernat.name}“ unterzeichnen."
        self.department_note.setText(note)
        signature = self.draft.signature
        self._filling = True
        try:
            if people != self._people:
                self._people = people
                self.signatory.clear()
                for name, deputy in people:
                    self.signatory.addItem(name + (DEPUTY_SUFFIX if deputy else ""), name)
                self.signatory.setCurrentIndex(-1)
            if self.signatory.currentText() != signature.name:
                self.signatory.setEditText(signature.name)
            self.deputy.setChecked(signature.deputy)
        finally:
            self._filling = False

    def _signatory_chosen(self, index: int) -> None:
        """A person chosen from the list: their name, and whether they are a deputy."""
        if not self._people or not 0 <= index < len(self._people):
            return
        name, deputy = self._people[index]
        self._filling = True
        try:
            if self.signatory.currentText() != name:
                self.signatory.setEditText(name)  # without "(in Vertretung)"
            self.deputy.setChecked(deputy)
        finally:
            self._filling = False
        signature = self.draft.signature
        if (signature.name, signature.deputy) != (name, deputy):
            signature.name, signature.deputy = name, deputy
            self.context.attention.edited_field("signature.name")
            self._edited()

    def _signatory_edited(self, text: str) -> None:
        if self._filling:
            return
        people = self._people or []
        shown = [name + (DEPUTY_SUFFIX if deputy else "") for name, deputy in people]
        if text in shown:  # chosen from the list: the name without "(in Vertretung)"
            self._signatory_chosen(shown.index(text))
            return
        signature = self.draft.signature
        if text == signature.name:
            return
        signature.name = text
        known = dict(people)
        if text in known:  # a listed person typed in: in their role
            self._filling = True
            try:
                self.deputy.setChecked(known[text])
            finally:
                self._filling = False
            signature.deputy = known[text]
        self.context.attention.edited_field("signature.name")
        self._edited()

    def _deputy_toggled(self, checked: bool) -> None:
        if self._filling or checked == self.draft.signature.deputy:
            return
        self.draft.signature.deputy = checked
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
