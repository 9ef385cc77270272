"""Step 5 – Fazit: the administration's conclusion, with the Textbausteine for it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from stellungnahme_app import form
from stellungnahme_app.form_steps import FieldPath
from stellungnahme_app.textbausteine import FAZIT_CATEGORY
from stellungnahme_app.ui.editor.step_page import EditorContext, StepPage
from stellungnahme_app.ui.editor.text_field import PlainTextField, with_bullet_button
from stellungnahme_app.ui.editor.textbaustein_picker import TextbausteinPicker
from stellungnahme_app.ui.editor.widget_helpers import hint_label


class FazitStep(StepPage):
    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.conclusion = PlainTextField(
            "Fazit", description="Die Schlussfolgerung der Stadtverwaltung", visible_lines=10
        )
        self.conclusion.edited.connect(self._conclusion_edited)
        label = QLabel("&" + form.LABEL_CONCLUSION)
        label.setBuddy(self.conclusion)
        self.picker = TextbausteinPicker(
            context, FAZIT_CATEGORY, "das Fazit", fixed_target="conclusion"
        )
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                "Fassen Sie zusammen, ob die Stadtverwaltung empfiehlt, der Drucksache zu "
                "folgen. Ein Textbaustein wird an der Stelle des Cursors eingefügt."
            )
        )
        layout.addWidget(label)
        layout.addWidget(with_bullet_button(self.conclusion), 1)
        layout.addWidget(self.picker)

    def load(self) -> None:
        self.conclusion.set_text(self.draft.conclusion)

    def refresh(self) -> None:
        self.picker.refresh()

    def _conclusion_edited(self, text: str) -> None:
        self.draft.conclusion = text
        self._edited()

    def first_field(self) -> QWidget:
        return self.conclusion

    def text_field(self, path: FieldPath) -> PlainTextField | None:
        return self.conclusion if path.section == "conclusion" else None

    def widget_for(self, path: FieldPath) -> QWidget | None:
        return self.conclusion if path.section == "conclusion" else None

    def focus_field(self, path: FieldPath) -> QWidget | None:
        if path.section != "conclusion":
            return None
        self.conclusion.setFocus()
        return self.conclusion
