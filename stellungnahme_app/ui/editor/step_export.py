"""Step 8 – Prüfen und exportieren: findings, preview, and the export buttons.

Every finding of the rules is a link: activating it opens the step of its field and puts the
cursor there. The spell-check's Hinweise follow once the background checker has them, each a
link to its word with the corrections open; they never block the export. The preview shows
the document's text as the export prints it (a :class:`DocumentPreview`, as in the version
history). The final .docx and PDF stay disabled
while errors remain, and the step says why; a draft marked ENTWURF can always be written.
Writing runs in the background (PDF conversion takes seconds), then "Öffnen" and "Ordner
öffnen" appear, and after the final export the offer to set the status "Zur Unterschrift".
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app import export, rules
from stellungnahme_app.form_steps import STEPS, form_order, step_index_for_field
from stellungnahme_app.model import Draft
from stellungnahme_app.rules import Finding, Severity
from stellungnahme_app.spelling import SpellingFinding
from stellungnahme_app.store import Status
from stellungnahme_app.ui.background import run_in_background
from stellungnahme_app.ui.document_preview import DocumentPreview
from stellungnahme_app.ui.editor.file_dialogs import ask_save_path, documents_folder
from stellungnahme_app.ui.editor.step_page import EditorContext, StepPage
from stellungnahme_app.ui.editor.widget_helpers import describe, heading_label
from stellungnahme_app.ui.error_reporting import show_error
from stellungnahme_app.ui.flow_layout import flow_row
from stellungnahme_app.ui.page_preview import PagePreview, page_true_preview_possible

FIELD_ROLE = Qt.ItemDataRole.UserRole
NOTHING_FOUND = "Keine Fehler, keine Hinweise."
#: The word a spelling Hinweis points at: ``(start, end)`` in its field.
WORD_ROLE = Qt.ItemDataRole.UserRole + 1


class ExportStep(StepPage):
    #: A file was written: its path and whether it is a draft (ENTWURF).
    exported = Signal(Path, bool)

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._busy = False
        self._last_folder: Path | None = None
        self._soffice: Path | bool | None = False  # False: not looked for yet
        self.last_export: Path | None = None
        self._preview_from_top = True
        self._rule_findings: list[Finding] = []
        self._spelling_findings: list[SpellingFinding] = []
        self._spelling_round = 0

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("pruefergebnis_zusammenfassung")
        describe(self.summary, "Zusammenfassung der Prüfung")
        self.findings = QListWidget()
        describe(
            self.findings,
            "Prüfergebnis",
            "Fehler und Hinweise; Eingabetaste oder Klick springt zur betroffenen Stelle",
        )
        self.findings.setWordWrap(True)
        # As tall as its entries, at most about eight lines; the preview gets the rest.
        self.findings.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.findings.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.findings.setMaximumHeight(self.findings.fontMetrics().lineSpacing() * 9)
        self.findings.itemActivated.connect(self._finding_activated)
        self.findings.itemClicked.connect(self._finding_activated)
        findings_label = QLabel("Prüf&ergebnis:")
        findings_label.setBuddy(self.findings)

        self.final_docx = QPushButton("Word-Dokument (end&gültig) …")
        describe(self.final_docx, "Endgültiges Word-Dokument speichern")
        self.final_docx.clicked.connect(lambda: self.export(".docx", draft_mode=False))
        self.final_pdf = QPushButton("&PDF (endgültig) …")
        describe(self.final_pdf, "Endgültiges Dokument als PDF speichern")
        self.final_pdf.clicked.connect(lambda: self.export(".pdf", draft_mode=False))
        self.draft_docx = QPushButton("Entwurf mit Vermerk E&NTWURF …")
        describe(
            self.draft_docx,
            "Entwurf als Word-Dokument speichern",
            "Jede Seite trägt den Vermerk ENTWURF; geht auch, solange Fehler bestehen",
        )
        self.draft_docx.clicked.connect(lambda: self.export(".docx", draft_mode=True))
        self.blocked_reason = QLabel()
        self.blocked_reason.setWordWrap(True)
        self.blocked_reason.setObjectName("sperrgrund")
        describe(self.blocked_reason, "Grund für die Sperre")

        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        describe(self.result, "Ergebnis der Ausgabe")
        self.open_button = QPushButton("Ö&ffnen")
        describe(self.open_button, "Ausgegebenes Dokument öffnen")
        self.open_button.clicked.connect(self.open_result)
        self.folder_button = QPushButton("&Ordner öffnen")
        describe(self.folder_button, "Ordner des ausgegebenen Dokuments öffnen")
        self.folder_button.clicked.connect(self.open_result_folder)
        for widget in (self.result, self.open_button, self.folder_button):
            widget.setVisible(False)

        # After the final export: the document goes out for signature – say so in its status.
        self.status_offer = QLabel(
            f"Das Dokument geht zur Unterschrift? Dann setzen Sie den Status auf "
            f"„{Status.FOR_SIGNATURE.label}“."
        )
        self.status_offer.setWordWrap(True)
        describe(self.status_offer, "Angebot, den Status zu setzen")
        self.status_button = QPushButton("Status „Zur &Unterschrift“ setzen")
        describe(self.status_button, f"Status auf „{Status.FOR_SIGNATURE.label}“ setzen")
        self.status_button.clicked.connect(self.set_status_for_signature)
        for widget in (self.status_offer, self.status_button):
            widget.setVisible(False)

        self.preview = DocumentPreview()
        describe(self.preview, "Vorschau des Dokuments", "So liest sich das Dokument")
        preview_label = QLabel("Vor&schau des Dokuments:")
        preview_label.setBuddy(self.preview)
        # Page-true where LibreOffice is there; the flowing preview is the fallback.
        self.page_preview: PagePreview | None = None
        if page_true_preview_possible():
            self.page_preview = PagePreview()
            self.page_preview.unavailable.connect(self._page_preview_unavailable)
            preview_label.setBuddy(self.page_preview.scroll)
            self.preview.setVisible(False)
            self._warm_up_libreoffice()

        buttons = flow_row(self.final_docx, self.final_pdf, self.draft_docx)
        result_row = QHBoxLayout()
        result_row.addWidget(self.result, 1)
        result_row.addWidget(self.open_button)
        result_row.addWidget(self.folder_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading_label("Prüfung"))
        layout.addWidget(self.summary)
        layout.addWidget(findings_label)
        layout.addWidget(self.findings)
        layout.addWidget(heading_label("Ausgabe"))
        layout.addLayout(buttons)
        layout.addWidget(self.blocked_reason)
        layout.addLayout(result_row)
        layout.addLayout(
            flow_row(self.status_offer, self.status_button, stretch_of=self.status_offer)
        )
        layout.addWidget(preview_label)
        layout.addWidget(self.preview, 2)
        if self.page_preview is not None:
            layout.addWidget(self.page_preview, 2)

    # ------------------------------------------------------------------ showing

    def load(self) -> None:
        """Forget the last export; findings and preview are made when the step is shown,
        the preview of another draft from its top."""
        for widget in (self.result, self.open_button, self.folder_button):
            widget.setVisible(False)
        self._show_status_offer(False)
        self.last_export = None
        self._preview_from_top = True
        self._spelling_findings = []
        self._spelling_round += 1

    def refresh(self) -> None:
        """Re-run the rules and rebuild the findings and the preview (costly: not per key);
        the spell-check's Hinweise follow from the background."""
        self._rule_findings = self.context.workspace.check(self.draft)
        self.show_findings([*self._rule_findings, *self._spelling_findings])
        self.show_preview(self.draft)
        self._ask_for_spelling()

    def _ask_for_spelling(self) -> None:
        session = self.context.spelling
        if session is None or not session.available:
            return
        self._spelling_round += 1
        round_asked, draft = self._spelling_round, self.draft

        def arrived(found: list[SpellingFinding]) -> None:
            if round_asked != self._spelling_round or draft is not self.draft:
                return  # edited or another draft meanwhile: a newer round follows
            self._spelling_findings = found
            self.show_findings([*self._rule_findings, *found])

        session.fetch_findings(draft, arrived)

    def show_findings(self, found: list[Finding]) -> None:
        self.findings.clear()
        style = self.style()
        error_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for finding in sorted(found, key=lambda f: form_order(f.field)):
            index = step_index_for_field(finding.field)
            where = f" (Schritt {index + 1}: {STEPS[index].title})" if index is not None else ""
            item = QListWidgetItem(f"{finding.severity.label}: {finding.message}{where}")
            item.setIcon(error_icon if finding.severity is Severity.ERROR else warning_icon)
            item.setData(FIELD_ROLE, finding.field)
            item.setToolTip("Zur Stelle springen")
            if isinstance(finding, SpellingFinding):
                item.setData(WORD_ROLE, (finding.start, finding.end))
                item.setToolTip("Zum Wort springen und Vorschläge zeigen")
            self.findings.addItem(item)
        errors = rules.errors(found)
        warnings = len(found) - len(errors)
        if errors:
            count = (
                "ein Fehler verhindert" if len(errors) == 1 else f"{len(errors)} Fehler verhindern"
            )
            text = (
                f"{count[0].upper()}{count[1:]} die endgültige Ausgabe. Wählen Sie einen "
                "Eintrag, um zur Stelle zu springen."
            )
        elif warnings:
            text = (
                "Keine Fehler. Bitte sehen Sie sich die Hinweise an; die Stellungnahme kann "
                "endgültig ausgegeben werden."
            )
        else:
            text = f"{NOTHING_FOUND[:-1]} – die Stellungnahme kann endgültig ausgegeben werden."
            item = QListWidgetItem(NOTHING_FOUND)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.findings.addItem(item)
        self.summary.setText(text)
        self.summary.setAccessibleDescription(text)
        blocked = bool(errors)
        self.final_docx.setEnabled(not blocked and not self._busy)
        self.final_pdf.setEnabled(not blocked and not self._busy and self._pdf_available())
        self.draft_docx.setEnabled(not self._busy)
        reasons = []
        if blocked:
            reasons.append(
                "Die endgültige Ausgabe (Word und PDF) ist gesperrt, solange Fehler bestehen "
                "(siehe Prüfergebnis). Ein Entwurf mit dem Vermerk ENTWURF geht jederzeit."
            )
        if not self._pdf_available():
            reasons.append(
                "PDF: LibreOffice ist auf diesem Rechner nicht installiert; bitte wenden Sie "
                "sich an die IT-Betreuung oder geben Sie das Word-Dokument aus."
            )
        reason = " ".join(reasons)
        self.blocked_reason.setText(reason)
        self.blocked_reason.setVisible(bool(reason))
        for button in (self.final_docx, self.final_pdf):
            button.setToolTip(reason if not button.isEnabled() else "")
            button.setAccessibleDescription(reason if not button.isEnabled() else "")

    def show_preview(self, draft: Draft) -> None:
        self.preview.show_draft(draft, from_top=self._preview_from_top)
        self._preview_from_top = False
        if self.page_preview is not None:
            self.page_preview.show_draft(draft)

    def _warm_up_libreoffice(self) -> None:
        """Start the session's LibreOffice now that a draft is open, so that the preview and
        the first PDF of this step need not wait for it."""
        from stellungnahme_app.export import office_converter

        run_in_background(
            self,
            office_converter.warm_up,
            busy_text="LibreOffice wird gestartet …",
            on_success=lambda _none: None,
            on_error=lambda _error: None,  # the preview and the PDF fall back on their own
            delivers_result=False,
        )

    def _page_preview_unavailable(self) -> None:
        if self.page_preview is not None:
            self.page_preview.setVisible(False)
            self.preview.setVisible(True)
            self.page_preview = None

    def _finding_activated(self, item: QListWidgetItem) -> None:
        field = item.data(FIELD_ROLE)
        word = item.data(WORD_ROLE)
        if field and word:
            self.context.show_word(field, *word)
        elif field:
            self.context.jump_to(field)

    # ------------------------------------------------------------------ export

    def _pdf_available(self) -> bool:
        if self._soffice is False:
            self._soffice = export.find_soffice()
        return self._soffice is not None

    def export(self, suffix: str, *, draft_mode: bool) -> None:
        """Ask for the file name, then write the document in the background."""
        if self._busy:
            return
        name = export.default_file_name(self.draft, suffix, draft_mode=draft_mode)
        kind = "PDF-Dokument (*.pdf)" if suffix == ".pdf" else "Word-Dokument (*.docx)"
        title = "Entwurf speichern" if draft_mode else "Stellungnahme speichern"
        ask_save_path(
            self,
            title=title,
            folder=self._last_folder or documents_folder(),
            file_name=name,
            name_filter=kind,
            on_chosen=lambda path: self.write(path, draft_mode=draft_mode),
        )

    def write(self, target: Path, *, draft_mode: bool) -> None:
        """Write the document to ``target`` in the background (no dialog); the workspace
        keeps what was written as a version."""
        workspace = self.context.workspace
        exported_draft = self.draft
        snapshot = self.context.opened.copy()  # the worker thread never reads the live model
        self._last_folder = target.parent
        self._set_busy(True)
        is_pdf = target.suffix.lower() == ".pdf"
        busy_text = "PDF wird erstellt …" if is_pdf else "Dokument wird geschrieben …"

        def work() -> Path:
            return workspace.export_document(snapshot, target, draft_mode=draft_mode)

        run_in_background(
            self,
            work,
            busy_text=busy_text,
            on_success=lambda written: self._written(written, draft_mode, exported_draft),
            on_error=self._failed,
        )

    def _written(self, path: Path, draft_mode: bool, exported_draft: Draft) -> None:
        self._set_busy(False)
        if exported_draft is not self.draft:
            # Another draft was opened meanwhile: its page must not offer this file.
            return
        self.last_export = path
        kind = "Der Entwurf" if draft_mode else "Die Stellungnahme"
        self.result.setText(f"{kind} wurde gespeichert: {path}")
        self.result.setAccessibleDescription(self.result.text())
        for widget in (self.result, self.open_button, self.folder_button):
            widget.setVisible(True)
        offer = not draft_mode and self.context.opened.status in (Status.DRAFT, Status.IN_REVIEW)
        self._show_status_offer(offer)
        self.open_button.setFocus()
        self.exported.emit(path, draft_mode)

    def _show_status_offer(self, shown: bool) -> None:
        for widget in (self.status_offer, self.status_button):
            widget.setVisible(shown)

    def set_status_for_signature(self) -> None:
        """The document went out for signature: the draft's status says so (saved with the
        draft, and kept as a version)."""
        self._show_status_offer(False)
        if self.context.opened.status is not Status.FOR_SIGNATURE:
            self.context.opened.status = Status.FOR_SIGNATURE
            self._edited()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        show_error(self, error, action="Das Dokument konnte nicht gespeichert werden.")

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.refresh()

    def open_result(self) -> None:
        if self.last_export is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export)))

    def open_result_folder(self) -> None:
        if self.last_export is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export.parent)))

    def first_field(self) -> QWidget:
        found = self.findings.count() and self.findings.item(0).flags() & Qt.ItemFlag.ItemIsEnabled
        return self.findings if found else self.final_docx
