"""The editor of one Stellungnahme: the eight steps of the form in one widget.

The step list at the side shows every step with its state; "Weiter"/"Zurück" (Alt+Right,
Alt+Left) walk the form, and any step can be opened directly. The draft is the model: every
edit changes it in place and emits ``changed`` (the shell saves it); the editor never
touches the store. Rules, step states and the preview are re-computed a moment after typing
stops, never on every key. Every text field underlines misspelt words; F7 goes to the next
one of the draft and opens its corrections (:mod:`.spelling_session`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app.form_steps import (
    EXPORT_STEP_INDEX,
    STEPS,
    Attention,
    form_order,
    parse_field_path,
    step_index_for_field,
    step_summaries,
)
from stellungnahme_app.model import Draft
from stellungnahme_app.rules import Finding, Severity
from stellungnahme_app.spelling import checked_texts
from stellungnahme_app.text import is_blank
from stellungnahme_app.ui.editor.spelling_session import SpellingSession
from stellungnahme_app.ui.editor.step_aemter import AemterStep
from stellungnahme_app.ui.editor.step_aenderungen_anlagen import AenderungenAnlagenStep
from stellungnahme_app.ui.editor.step_beschlusspunkte import BeschlusspunkteStep
from stellungnahme_app.ui.editor.step_drucksache import DrucksacheStep
from stellungnahme_app.ui.editor.step_export import ExportStep
from stellungnahme_app.ui.editor.step_fazit import FazitStep
from stellungnahme_app.ui.editor.step_findings import StepFindings
from stellungnahme_app.ui.editor.step_list import StepList
from stellungnahme_app.ui.editor.step_page import EditorContext, StepPage
from stellungnahme_app.ui.editor.step_pruefung import PruefungStep
from stellungnahme_app.ui.editor.step_unterzeichnung import UnterzeichnungStep
from stellungnahme_app.ui.editor.text_field import LineField, PlainTextField
from stellungnahme_app.ui.editor.widget_helpers import (
    ALWAYS_READ_ONLY,
    describe,
    heading_label,
)
from stellungnahme_app.ui.error_reporting import show_notice
from stellungnahme_app.workspace import OpenDraft, Workspace

#: Pause after the last edit before rules, step states and preview are brought up to date.
RECHECK_DELAY_MS = 300
#: F7 waits for unanswered words in steps of this length, at most this many times.
SPELLING_WAIT_MS = 50
SPELLING_WAIT_STEPS = 200


class DraftEditor(QWidget):
    """Edits one :class:`OpenDraft` (content, status, deadline); see the module docstring."""

    changed = Signal()
    export_done = Signal(Path, bool)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draft_editor")
        describe(self, "Stellungnahme bearbeiten")
        self.context = EditorContext(workspace=workspace)
        self.context.jump_to = self.jump_to
        self.context.text_field_for = self._text_field_for
        self.context.show_word = self.show_word
        #: The text fields find it here (:func:`.spelling_session.session_of`).
        self.spelling_session = SpellingSession(workspace, self)
        self.context.spelling = self.spelling_session
        self.context.reload_steps = self.reload_steps

        self.step_list = StepList()
        self.step_list.currentRowChanged.connect(self._step_chosen)

        self.step_title = heading_label("")
        self.step_title.setObjectName("schritt_titel")
        self.step_findings = StepFindings(self.jump_to)
        self.pages = QStackedWidget()
        self.steps: list[StepPage] = [
            DrucksacheStep(self.context),
            PruefungStep(self.context),
            BeschlusspunkteStep(self.context),
            AemterStep(self.context),
            FazitStep(self.context),
            AenderungenAnlagenStep(self.context),
            UnterzeichnungStep(self.context),
            ExportStep(self.context),
        ]
        self.scroll_areas: list[QScrollArea] = []
        for step, form_step in zip(self.steps, STEPS, strict=True):
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setWidget(step)
            area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            describe(area, f"Schritt {form_step.title}")
            self.pages.addWidget(area)
            self.scroll_areas.append(area)
            step.changed.connect(self._edited)
        self.export_step.exported.connect(self.export_done)

        self.back_button = QPushButton("&Zurück")
        describe(self.back_button, "Zurück zum vorigen Schritt", "Tastenkürzel Alt+Pfeil links")
        self.back_button.clicked.connect(self.previous_step)
        self.next_button = QPushButton("&Weiter")
        describe(self.next_button, "Weiter zum nächsten Schritt", "Tastenkürzel Alt+Pfeil rechts")
        self.next_button.clicked.connect(self.next_step)
        self.position = QLabel()
        describe(self.position, "Position im Formular")

        navigation = QHBoxLayout()
        navigation.addWidget(self.position, 1)
        navigation.addWidget(self.back_button)
        navigation.addWidget(self.next_button)

        right = QVBoxLayout()
        right.addWidget(self.step_title)
        right.addWidget(self.pages, 1)
        right.addWidget(self.step_findings)
        right.addLayout(navigation)
        layout = QHBoxLayout(self)
        layout.addWidget(self.step_list)
        layout.addLayout(right, 1)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.next_shortcut = QShortcut(QKeySequence("Alt+Right"), self, self.next_step)
        self.next_shortcut.setContext(context)
        self.previous_shortcut = QShortcut(QKeySequence("Alt+Left"), self, self.previous_step)
        self.previous_shortcut.setContext(context)
        self.spelling_shortcut = QShortcut(QKeySequence("F7"), self, self.next_misspelling)
        self.spelling_shortcut.setContext(context)

        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(RECHECK_DELAY_MS)
        self._recheck.timeout.connect(self.recheck_now)

        self._current = -1
        self._findings: list[Finding] = []
        QApplication.instance().focusChanged.connect(self._focus_moved)
        self._show(self.context.opened)  # a placeholder until the shell sets a draft

    # ------------------------------------------------------------------ contract

    @property
    def export_step(self) -> ExportStep:
        step = self.steps[EXPORT_STEP_INDEX]
        assert isinstance(step, ExportStep)
        return step

    def set_draft(self, opened: OpenDraft) -> None:
        """Show ``opened`` (edited in place from now on); replaces everything shown.

        A draft without signature (a new one) gets today as its signature date; ``changed``
        then follows once control returns to the event loop.
        """
        draft = opened.draft
        defaulted = draft.signature.date is None and is_blank(draft.signature.name)
        if defaulted:
            draft.signature.date = dt.date.today()
        # What the program filled in, the author should look at (the step list says so).
        prefilled = {"signature.date"} if defaulted else set()
        if opened.is_new:
            filled = {"city": draft.city, "department": draft.department}
            filled["signature.name"] = draft.signature.name
            prefilled |= {path for path, value in filled.items() if not is_blank(value)}
        self._show(opened, prefilled)
        if defaulted:
            QTimer.singleShot(0, lambda shown=draft: self._announce_default(shown))

    @property
    def attention(self) -> Attention:
        """What the author has attended to in the draft shown."""
        return self.context.attention

    def _show(self, opened: OpenDraft, prefilled: set[str] | None = None) -> None:
        self._recheck.stop()
        self.context.attention = Attention(prefilled=prefilled or set())
        self.context.opened = opened
        self.spelling_session.set_draft_id(opened.id or None)
        for step in self.steps:
            step.load()
        for kind in (PlainTextField, LineField):
            for field in self.findChildren(kind):
                field.use_spelling(self.spelling_session)
        self.set_current_step(0)
        self.recheck_now()

    def reload_steps(self) -> None:
        """Show the draft again in every step, staying at the current one."""
        for step in self.steps:
            step.load()
        self.set_current_step(self._current)
        self.recheck_now()

    def _announce_default(self, draft: Draft) -> None:
        if draft is self.context.draft:
            self.changed.emit()

    def draft(self) -> Draft:
        return self.context.draft

    def open_draft(self) -> OpenDraft:
        """The draft shown, with its status and deadline (the object edited in place)."""
        return self.context.opened

    def current_step(self) -> int:
        return self._current

    def set_read_only(self, read_only: bool) -> None:
        """Show the draft without letting it be changed (the drafts can only be read): texts
        stay selectable, every other control of the form steps is disabled; the export
        step keeps working."""
        for step in self.steps[:EXPORT_STEP_INDEX]:
            for widget in step.findChildren(QWidget):
                if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
                    widget.setReadOnly(read_only or bool(widget.property(ALWAYS_READ_ONLY)))
                elif isinstance(widget, QAbstractButton | QComboBox | QAbstractSpinBox):
                    widget.setEnabled(not read_only)

    def help_topic(self) -> str:
        """The help page of the step shown (F1)."""
        from stellungnahme_app.ui.help_window import step_topic

        return step_topic(self._current)

    def set_current_step(self, index: int) -> None:
        """Show step ``index`` (0–7) without moving the keyboard focus into it."""
        index = max(0, min(len(self.steps) - 1, index))
        step = self.steps[index]
        self._current = index
        self.attention.visited_step(index)
        self.pages.setCurrentIndex(index)
        # A page whose content changed while hidden (an answer's Textbausteine disappeared
        # when another draft was loaded) still has its old height; its scroll area learns
        # the new one only from this.
        step.updateGeometry()
        self.step_list.blockSignals(True)
        self.step_list.setCurrentRow(index)
        self.step_list.blockSignals(False)
        self.step_title.setText(f"Schritt {index + 1} von {len(STEPS)}: {STEPS[index].title}")
        self.step_title.setAccessibleName(self.step_title.text())
        self.position.setText(
            f"Weiter: {STEPS[index + 1].title}" if index + 1 < len(STEPS) else "Letzter Schritt"
        )
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.steps) - 1)
        self._show_findings()
        step.refresh()

    def next_step(self) -> None:
        if self._current < len(self.steps) - 1:
            self._walk_to(self._current + 1)

    def previous_step(self) -> None:
        if self._current > 0:
            self._walk_to(self._current - 1)

    def show_export_step(self) -> None:
        self.flush_pending_edits()
        self._walk_to(EXPORT_STEP_INDEX)

    def _leave_step_for(self, index: int) -> None:
        """The author goes from the step shown to step ``index``: moving on past a step or
        coming to the last one (asking to check) turns its open errors into errors."""
        if index > self._current >= 0:
            self.attention.passed_step(self._current)
        if index == EXPORT_STEP_INDEX:
            self.attention.checked = True

    def jump_to(self, field_path: str) -> None:
        """Open the step holding ``field_path`` and put the keyboard focus on its widget."""
        index = step_index_for_field(field_path)
        parsed = parse_field_path(field_path)
        if index is None or parsed is None:
            return
        self.set_current_step(index)
        widget = self.steps[index].focus_field(parsed)
        if widget is not None:
            self.scroll_areas[index].ensureWidgetVisible(widget)

    def focus_first_needed(self) -> None:
        """Put the cursor in the first field, in the form's order, that still needs something;
        with nothing missing, in the first field of the form."""
        missing = sorted(
            (f.field for f in self._findings if f.severity is Severity.ERROR), key=form_order
        )
        if missing:
            self.jump_to(missing[0])
        else:
            self._walk_to(0)

    def focus_current_step(self) -> None:
        """Put the cursor in the first field of the step shown."""
        self._walk_to(self._current)

    def show_word(self, field_path: str, start: int, end: int) -> None:
        """Open the field of ``field_path`` and offer the corrections of its word there."""
        self.jump_to(field_path)
        field = QApplication.focusWidget()
        if not isinstance(field, (PlainTextField, LineField)):
            return
        word = field.misspelling_at(start)
        if word is not None and (word.start, word.end) == (start, end):
            field.offer_corrections(word)

    def next_misspelling(self, waited: int = 0) -> None:
        """F7: the next misspelt word of the draft after the cursor, its corrections open.

        Right after a draft is opened its words may still be with the checker: F7 then
        waits for the answers (up to ten seconds) rather than report that there are none.
        """
        self.flush_pending_edits()
        session = self.spelling_session
        if not session.available:
            show_notice(self, session.reason)
            return
        draft = self.context.draft
        found = session.draft_misspellings(draft)
        if not found and session.pending() and waited < SPELLING_WAIT_STEPS:
            session.check_queued()
            QTimer.singleShot(SPELLING_WAIT_MS, self, lambda: self.next_misspelling(waited + 1))
            return
        if not found:
            show_notice(self, "Keine Rechtschreibfehler gefunden.")
            return
        order = [path for path, _ in checked_texts(draft)]
        here = self._cursor_place(order)
        following = [
            item for item in found if (order.index(item.path), item.word.start) > here
        ] or found
        self.show_word(following[0].path, following[0].word.start, following[0].word.end)

    def _cursor_place(self, order: list[str]) -> tuple[int, int]:
        """Where the cursor is, as (index of the field path, position): the field with the
        focus is found by its text among the current step's fields."""
        field = QApplication.focusWidget()
        texts = dict(checked_texts(self.context.draft))
        if isinstance(field, (PlainTextField, LineField)):
            text = field.text()
            for index, path in enumerate(order):
                if step_index_for_field(path) == self._current and texts[path] == text:
                    position = (
                        field.textCursor().selectionStart()
                        if isinstance(field, PlainTextField)
                        else (
                            field.selectionStart()
                            if field.hasSelectedText()
                            else field.cursorPosition()
                        )
                    )
                    return index, position
        before = [
            i for i, path in enumerate(order) if (step_index_for_field(path) or 0) < self._current
        ]
        return (max(before), 1 << 30) if before else (-1, -1)

    def flush_pending_edits(self) -> None:
        for step in self.steps:
            step.flush()

    # ------------------------------------------------------------------ internals

    def _walk_to(self, index: int) -> None:
        self._leave_step_for(index)
        self.set_current_step(index)
        first = self.steps[index].first_field()
        if first is not None:
            first.setFocus(Qt.FocusReason.TabFocusReason)
            self.scroll_areas[index].ensureWidgetVisible(first)

    def _step_chosen(self, row: int) -> None:
        if 0 <= row < len(self.steps) and row != self._current:
            self._leave_step_for(row)
            self.set_current_step(row)

    def _edited(self) -> None:
        self.changed.emit()
        self._recheck.start()

    def recheck_now(self) -> None:
        """Bring step states (and the export step, if shown) up to date at once."""
        self._recheck.stop()
        self._findings = self.context.workspace.check(self.context.draft)
        self._show_findings()
        if self._current == EXPORT_STEP_INDEX:
            self.export_step.refresh()

    def _show_findings(self) -> None:
        """The step list's states and the findings of the step shown (the export step has
        its own full list)."""
        draft, findings = self.context.draft, self._findings
        self.step_list.set_summaries(step_summaries(draft, findings, attention=self.attention))
        index = self._current
        self.step_findings.setVisible(index != EXPORT_STEP_INDEX)
        if index != EXPORT_STEP_INDEX:
            shown = [f for f in findings if step_index_for_field(f.field) == index]
            self.step_findings.show_findings(shown, self.attention)

    def _focus_moved(self, old: QWidget | None, _new: QWidget | None) -> None:
        """Leaving a field of the step shown: its open errors become errors."""
        if old is None or not shiboken6.isValid(self) or not 0 <= self._current < len(STEPS):
            return
        step = self.steps[self._current]
        if not step.isAncestorOf(old):
            return
        left = set()
        for finding in self._findings:
            parsed = parse_field_path(finding.field)
            widget = step.widget_for(parsed) if parsed is not None else None
            if widget is not None and (widget is old or widget.isAncestorOf(old)):
                left.add(finding.field)
        if left - self.attention.left:
            for path in left:
                self.attention.left_field(path)
            self._show_findings()

    def _text_field_for(self, path: str) -> PlainTextField | None:
        parsed = parse_field_path(path)
        index = step_index_for_field(path)
        if parsed is None or index is None:
            return None
        return self.steps[index].text_field(parsed)
