"""Step 2 – Prüfung: the three questions of the form as Ja/Nein, nothing preselected.

After a "Nein" the form asks for the reasoning in the Stellungnahme; the step offers the
matching Textbausteine right below the question and scrolls them into view.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app import form
from stellungnahme_app.form_steps import FieldPath
from stellungnahme_app.model import ASSESSMENT_KEYS, AssessmentKey
from stellungnahme_app.textbausteine import category_for_assessment
from stellungnahme_app.ui.editor.step_page import EditorContext, StepPage
from stellungnahme_app.ui.editor.textbaustein_picker import TextbausteinPicker
from stellungnahme_app.ui.editor.widget_helpers import describe, hint_label, scroll_into_view

# Where each question carries its mnemonic (Alt+L, Alt+P, Alt+F), and the letter of the
# button that inserts its Textbaustein (Alt+T, Alt+E, Alt+N); the main window's menus and
# buttons have D, A, X, H, Ü, V, Z and W.
_MNEMONICS: dict[AssessmentKey, tuple[str, str, str]] = {
    "legal": ("rechtliche", "recht&liche", "&Textbaustein einfügen"),
    "resources": ("personelle", "&personelle", "Textbaustein &einfügen"),
    "financial": ("finanziellen", "&finanziellen", "Textbaustein ei&nfügen"),
}


class _Question:
    """One question: a group box with Ja and Nein, and the Textbausteine for a Nein."""

    def __init__(self, step: PruefungStep, key: AssessmentKey) -> None:
        self.key = key
        question = form.ASSESSMENT_QUESTIONS[key]
        word, marked, insert_text = _MNEMONICS[key]
        self.box = QGroupBox(question.replace(word, marked, 1))
        describe(self.box, question)
        short = form.ASSESSMENT_SHORT_NAMES[key]
        self.yes = QRadioButton(form.ANSWER_YES.rstrip("."))
        self.no = QRadioButton(form.ANSWER_NO.rstrip("."))
        describe(self.yes, f"{short}: Ja", question)
        describe(self.no, f"{short}: Nein", question)
        self.group = QButtonGroup(step)
        self.group.addButton(self.yes)
        self.group.addButton(self.no)
        self.group.buttonClicked.connect(lambda _button: step.answer_chosen(self))

        self.picker = TextbausteinPicker(
            step.context,
            category_for_assessment(key),
            f"die Begründung zu „{short}“",
            mnemonics=False,
            insert_text=insert_text,
        )
        self.picker.setVisible(False)

        answers = QHBoxLayout()
        answers.addWidget(self.yes)
        answers.addWidget(self.no)
        answers.addStretch(1)
        layout = QVBoxLayout(self.box)
        layout.addLayout(answers)
        layout.addWidget(self.picker)

    def answer(self) -> bool | None:
        if self.yes.isChecked():
            return True
        if self.no.isChecked():
            return False
        return None

    def show_answer(self, answer: bool | None) -> None:
        self.group.setExclusive(False)
        self.yes.setChecked(answer is True)
        self.no.setChecked(answer is False)
        self.group.setExclusive(True)
        self.picker.setVisible(answer is False)


class PruefungStep(StepPage):
    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.questions = {key: _Question(self, key) for key in ASSESSMENT_KEYS}
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(form.ASSESSMENT_INSTRUCTION))
        for question in self.questions.values():
            layout.addWidget(question.box)
        layout.addWidget(
            hint_label(
                "Jede Frage muss mit Ja oder Nein beantwortet werden. Bei „Nein“ verlangt "
                "das Formular eine Begründung im Beitrag eines Amtes oder im Fazit."
            )
        )
        layout.addStretch(1)

    def load(self) -> None:
        for key, question in self.questions.items():
            question.show_answer(self.draft.assessments.get(key))

    def refresh(self) -> None:
        for question in self.questions.values():
            if question.picker.isVisible():
                question.picker.refresh()

    def answer_chosen(self, question: _Question) -> None:
        answer = question.answer()
        self.draft.assessments.set(question.key, answer)
        question.picker.setVisible(answer is False)
        if answer is False:
            question.picker.refresh()
            scroll_into_view(question.picker)
        self._edited()

    def first_field(self) -> QWidget:
        return self._button_for(self.questions["legal"])

    def focus_field(self, path: FieldPath) -> QWidget | None:
        if path.section != "assessments":
            return None
        key = path.attribute if path.attribute in self.questions else "legal"
        button = self._button_for(self.questions[key])  # type: ignore[index]
        button.setFocus()
        return button

    def widget_for(self, path: FieldPath) -> QWidget | None:
        if path.section != "assessments" or path.attribute not in self.questions:
            return None
        return self.questions[path.attribute].box  # type: ignore[index]

    @staticmethod
    def _button_for(question: _Question) -> QRadioButton:
        return question.no if question.answer() is False else question.yes
