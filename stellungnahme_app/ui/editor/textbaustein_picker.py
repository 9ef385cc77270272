"""Choosing a Textbaustein (standard phrase) and inserting its rendered text into a field.

The picker lists the Textbausteine of one category – those that fit the answers of step 2
first –, shows the chosen one as it will read
for the open draft (rendered by :func:`textbausteine.render_textbaustein`, never by the
editor), and inserts it as a paragraph at the cursor of the target field – one undo step
there. On the Prüfung step the author also chooses the target: the Fazit or an office's
contribution.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from stellungnahme_app.text import is_blank
from stellungnahme_app.textbausteine import (
    Textbaustein,
    for_category,
    render_textbaustein,
    suggested_order,
)
from stellungnahme_app.ui.editor.step_page import EditorContext
from stellungnahme_app.ui.editor.text_field import PlainTextField
from stellungnahme_app.ui.editor.widget_helpers import (
    ALWAYS_READ_ONLY,
    compact_combo_box,
    describe,
)
from stellungnahme_app.ui.error_reporting import show_error

CONCLUSION_TARGET = ("conclusion", "Fazit")


class TextbausteinPicker(QWidget):
    """Textbausteine of one category; inserts into ``fixed_target`` or a chosen field."""

    def __init__(
        self,
        context: EditorContext,
        category: str,
        purpose: str,
        *,
        fixed_target: str | None = None,
        mnemonics: bool = True,
        insert_text: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``mnemonics=False``: no Alt-letters for the labels (several pickers on one page);
        ``insert_text`` then gives the insert button its own letter."""
        super().__init__(parent)
        self.context = context
        self.fixed_target = fixed_target
        self._all_items = for_category(context.textbausteine, category)
        self.items: list[Textbaustein] = list(self._all_items)

        self.choice = compact_combo_box()
        describe(self.choice, f"Textbaustein für {purpose}", "Vorlage für einen Absatz auswählen")
        for item in self.items:
            self.choice.addItem(item.title, item)
        self.choice.currentIndexChanged.connect(self._show_preview)

        self.preview = PlainTextField(f"Vorschau des Textbausteins für {purpose}", visible_lines=4)
        self.preview.setReadOnly(True)
        self.preview.setProperty(ALWAYS_READ_ONLY, True)
        self.preview.setObjectName("textbaustein_vorschau")

        self.target = compact_combo_box()
        describe(
            self.target,
            f"Einfügen in (Textbaustein für {purpose})",
            "Das Feld, in das der Text kommt",
        )

        self.insert_button = QPushButton(
            insert_text or ("Textbaustein &einfügen" if mnemonics else "Textbaustein einfügen")
        )
        describe(self.insert_button, f"Textbaustein für {purpose} einfügen")
        shortcut = QKeySequence.mnemonic(self.insert_button.text())
        if not shortcut.isEmpty():
            self.insert_button.setToolTip(
                f"Textbaustein für {purpose} einfügen "
                f"({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})"
            )
        self.insert_button.clicked.connect(self.insert_chosen)

        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setObjectName("rueckmeldung")
        describe(self.feedback, f"Rückmeldung zum Textbaustein für {purpose}")
        self.show_button = QPushButton("Anzeigen")
        describe(self.show_button, "Eingefügten Text anzeigen")
        self.show_button.setVisible(False)
        self.show_button.clicked.connect(self._show_inserted)
        self._inserted_path = ""

        self.empty = QLabel(
            f"Für {purpose} sind keine Textbausteine hinterlegt. Sie können eigene in den "
            "Einstellungen hinzufügen."
        )
        self.empty.setWordWrap(True)
        describe(self.empty, self.empty.text())

        choice_label = QLabel("Text&baustein:" if mnemonics else "Textbaustein:")
        choice_label.setBuddy(self.choice)
        target_label = QLabel("Einfügen in:")
        target_label.setBuddy(self.target)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(choice_label, 0, 0)
        grid.addWidget(self.choice, 0, 1)
        grid.addWidget(self.preview, 1, 1)
        grid.addWidget(target_label, 2, 0)
        grid.addWidget(self.target, 2, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.insert_button)
        buttons.addWidget(self.feedback, 1)
        buttons.addWidget(self.show_button)
        grid.addLayout(buttons, 3, 1)
        grid.addWidget(self.empty, 4, 0, 1, 2)
        grid.setColumnStretch(1, 1)

        # Visibility only once every widget has its parent (else it flashes up as a window).
        has_items = bool(self.items)
        for widget in (choice_label, self.choice, self.preview, self.insert_button):
            widget.setVisible(has_items)
        target_label.setVisible(has_items and fixed_target is None)
        self.target.setVisible(has_items and fixed_target is None)
        self.empty.setVisible(not has_items)
        self.refresh()

    # ------------------------------------------------------------------ targets

    def refresh(self) -> None:
        """Re-read the targets (contributions may have changed), offer first what fits the
        answers of step 2 (after two "Nein" not "Zustimmen"), and show the preview."""
        ordered = suggested_order(self._all_items, self.context.draft)
        if ordered != self.items:
            self.items = ordered
            self.choice.blockSignals(True)
            self.choice.clear()
            for item in ordered:
                self.choice.addItem(item.title, item)
            self.choice.setCurrentIndex(0)
            self.choice.blockSignals(False)
        if self.fixed_target is None:
            current = self.target.currentData()
            self.target.clear()
            for path, label in self._targets():
                self.target.addItem(label, path)
            index = self.target.findData(current)
            self.target.setCurrentIndex(max(index, 0))
        self._show_preview()

    def _targets(self) -> list[tuple[str, str]]:
        targets = [CONCLUSION_TARGET]
        for index, contribution in enumerate(self.context.draft.contributions):
            name = next(
                (t for t in (contribution.heading, contribution.office) if not is_blank(t)),
                f"{index + 1}. Beitrag",
            )
            targets.append((f"contributions[{index}].text", name.strip()))
        return targets

    def target_path(self) -> str:
        return self.fixed_target or self.target.currentData() or CONCLUSION_TARGET[0]

    # ------------------------------------------------------------------ rendering

    def chosen(self) -> Textbaustein | None:
        item = self.choice.currentData()
        return item if isinstance(item, Textbaustein) else None

    def _render(self, item: Textbaustein) -> str:
        return render_textbaustein(item, self.context.draft)

    def _show_preview(self) -> None:
        item = self.chosen()
        if item is None:
            self.preview.set_text("")
            return
        try:
            self.preview.set_text(self._render(item))
        except Exception as error:  # a broken Textbaustein must not break the step
            self.preview.set_text(f"Dieser Textbaustein kann nicht verwendet werden: {error}")

    def insert_chosen(self) -> None:
        item = self.chosen()
        if item is None:
            return
        path = self.target_path()
        field: PlainTextField | None = self.context.text_field_for(path)
        if field is None:
            return
        try:
            text = self._render(item)
        except Exception as error:
            show_error(
                self, error, action=f"Der Textbaustein „{item.title}“ kann nicht eingefügt werden."
            )
            return
        # Into a field on another step the author has not placed the cursor: append.
        field.insert_paragraph(text, at_end=self.fixed_target is None)
        label = dict(self._targets()).get(path, path)
        self.feedback.setText(f"„{item.title}“ wurde in „{label}“ eingefügt.")
        self._inserted_path = path
        self.show_button.setVisible(self.fixed_target is None)

    def _show_inserted(self) -> None:
        if self._inserted_path:
            self.context.jump_to(self._inserted_path)
