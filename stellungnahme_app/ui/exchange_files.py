"""Exchange files (``stellungnahme/1``) in the window: choosing, importing, saving them.

The files are read on a worker thread (a file may be large) and stored by the workspace in
one transaction; the window then shows the new drafts and :attr:`MainWindow.imported` names
them. A draft is saved as exchange file under the name of its Word document.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.ui.background import run_in_background
from stellungnahme_app.ui.error_reporting import show_error
from stellungnahme_app.workspace import FileReading, ImportReport, Workspace, exchange_file_name

if TYPE_CHECKING:
    from stellungnahme_app.ui.main_window import MainWindow


class ExchangeFiles(QObject):
    """Import and export of exchange files for ``window``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def choose_import_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self.window,
            "Stellungnahme importieren",
            str(Path.home()),
            "Stellungnahme-Dateien (*.json);;Alle Dateien (*)",
        )
        if files:
            self.import_files([Path(f) for f in files])

    def import_files(self, files: Sequence[Path]) -> None:
        """Add each ``stellungnahme/1`` file as a new draft.

        The files are read and checked on a worker thread (a file may be large); the drafts
        are added when all are read, and :attr:`imported` names them.
        """
        files = list(files)
        if not files:
            return

        def read_all() -> list[FileReading]:
            return Workspace.read_import_files(files)

        busy = "Datei wird eingelesen …" if len(files) == 1 else "Dateien werden eingelesen …"
        run_in_background(self.window, read_all, busy_text=busy, on_success=self._add_imported)

    def _add_imported(self, readings: list[FileReading]) -> list[int]:
        report = self.window.workspace.add_imported(readings)
        self._report_import(report)
        if report.added:
            if self.window.is_editing():
                self.window.show_overview()
            self.window.overview.refresh()
            self.window.overview.select_draft(report.added[-1].id)
            count = "Ein Entwurf" if len(report.added) == 1 else f"{len(report.added)} Entwürfe"
            self.window.statusBar().showMessage(f"{count} importiert.", 8000)
        self.window.imported.emit(report.added_ids)
        return report.added_ids

    def _report_import(self, report: ImportReport) -> None:
        if len(report.failures) == 1:
            file, error = report.failures[0]
            show_error(self.window, error, action=f"„{file.name}“ konnte nicht importiert werden.")
        elif report.failures:
            details = "\n\n".join(f"„{f.name}“: {e.message}" for f, e in report.failures)
            show_error(
                self.window,
                StellungnahmeError(details),
                action=f"{len(report.failures)} Dateien konnten nicht importiert werden.",
            )

    def choose_export_file(self, draft_id: int | None = None) -> None:
        """Save a draft as a ``stellungnahme/1`` file the user names."""
        window = self.window
        if draft_id is None:
            draft_id = window.session.draft_id if window.is_editing() and window.session else None
            draft_id = draft_id if draft_id is not None else window.overview.selected_id()
        if draft_id is None:
            return
        if window.session is not None and window.session.draft_id == draft_id:
            window.session.save_now()
        try:
            draft = window.workspace.open_draft(draft_id).draft
        except StellungnahmeError as error:
            show_error(window, error, action="Der Entwurf konnte nicht gelesen werden.")
            return
        target, _ = QFileDialog.getSaveFileName(
            window,
            "Als Austauschdatei speichern",
            str(Path.home() / exchange_file_name(draft)),
            "Stellungnahme-Datei (*.json)",
        )
        if target:
            self.export_file(draft_id, Path(target))

    def export_file(self, draft_id: int, target: Path) -> bool:
        try:
            written = self.window.workspace.write_exchange_file(draft_id, target)
        except StellungnahmeError as error:
            show_error(self.window, error, action="Die Datei konnte nicht gespeichert werden.")
            return False
        self.window.statusBar().showMessage(f"Gespeichert: {written}", 10_000)
        return True
