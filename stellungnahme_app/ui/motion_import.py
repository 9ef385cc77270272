"""Reading a motion in from the window: choose it, read it in the background, offer a way on.

:class:`MotionReader` asks for the file (PDF, Word, OParl record), reads it on a worker
thread – a 300-page PDF keeps the window usable, the status bar shows the page and offers
"Abbrechen" – and hands what was read to its owner. When the file cannot be read it says
why; for a scan it offers to paste the text instead, for an OParl record whose main file is
not beside it, to choose that file. Several files (dropped at once) are read one after the
other: the owner calls :meth:`MotionReader.next` when it is done with one.
:class:`NewDraftFromMotion` is the window's "Neu aus Antrag …": preview, then a new draft.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from stellungnahme_app.cancellation import Cancellation
from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.ui.background import run_in_background
from stellungnahme_app.ui.editor.file_dialogs import ask_open_path, documents_folder
from stellungnahme_app.ui.error_reporting import show_error
from stellungnahme_app.workspace import Workspace

if TYPE_CHECKING:  # the motion reader is imported when a motion is read, not at start
    from stellungnahme_app.motion import MainFileMissing, MotionReading
    from stellungnahme_app.ui.main_window import MainWindow
    from stellungnahme_app.workspace.motion_import import MotionTakeOver

MOTION_FILTER = (
    "Anträge (*.pdf *.docx *.json);;PDF-Dateien (*.pdf);;Word-Dateien (*.docx);;"
    "OParl-Datensätze (*.json);;Alle Dateien (*)"
)
MAIN_FILE_FILTER = "Anträge (*.pdf *.docx);;Alle Dateien (*)"
SCAN_BOX_NAME = "antrag_ist_scan"
MAIN_FILE_BOX_NAME = "hauptdatei_fehlt"


class MotionReader:
    """Reads motions for ``parent``; ``on_read`` gets each :class:`MotionReading`."""

    def __init__(
        self,
        parent: QWidget,
        workspace: Workspace,
        on_read: Callable[[MotionReading], None],
    ) -> None:
        self._parent = parent
        self._workspace = workspace
        self._on_read = on_read
        self._waiting: list[Path] = []
        self.busy = False

    def choose_file(self, title: str = "Antrag wählen") -> None:
        ask_open_path(
            self._parent,
            title=title,
            folder=documents_folder(),
            name_filter=MOTION_FILTER,
            on_chosen=lambda path: self.read_files([path]),
        )

    def read_files(self, files: Sequence[Path]) -> None:
        """Read ``files`` one after the other (the next after :meth:`next`)."""
        self._waiting += list(files)
        if not self.busy:
            self.next()

    def next(self) -> None:
        """Read the next waiting file, if any (the owner is done with the last one)."""
        self.busy = False
        if self._waiting:
            self.read(self._waiting.pop(0))

    def read(self, path: Path, *, main_file: Path | None = None) -> None:
        self.busy = True
        cancellation = Cancellation()
        settings = self._workspace.settings

        def work() -> MotionReading:
            from stellungnahme_app.workspace.motion_import import read_motion_file

            return read_motion_file(path, settings, main_file=main_file, cancellation=cancellation)

        run_in_background(
            self._parent,
            work,
            busy_text=f"„{path.name}“ wird gelesen …",
            on_success=self._on_read,
            on_error=lambda error: self._failed(path, error),
            cancellation=cancellation,
            on_cancelled=self.next,
        )

    # ------------------------------------------------------------------ ways on

    def _failed(self, path: Path, error: BaseException) -> None:
        from stellungnahme_app.motion import MainFileMissing, NoTextLayer

        if isinstance(error, NoTextLayer):
            self._offer_paste(path, error)
        elif isinstance(error, MainFileMissing):
            self._offer_main_file(path, error)
        else:
            show_error(
                self._parent, error, action=f"Der Antrag „{path.name}“ konnte nicht gelesen werden."
            )
            self.next()

    def _question(
        self, name: str, text: str, details: str, way_on: str, on_way_on: Callable[[], None]
    ) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Antrag übernehmen",
            text,
            QMessageBox.StandardButton.NoButton,
            self._parent.window(),
        )
        box.setObjectName(name)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setInformativeText(details)
        box.setAccessibleName("Antrag übernehmen")
        box.setAccessibleDescription(f"{text} {details}")
        chosen = box.addButton(way_on, QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Abbrechen", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(chosen)

        def answered(button: object) -> None:
            if button is chosen:
                on_way_on()
            else:
                self.next()

        box.buttonClicked.connect(answered)
        box.open()
        return box

    def _offer_paste(self, path: Path, error: StellungnahmeError) -> None:
        self._question(
            SCAN_BOX_NAME,
            f"„{path.name}“ ist ein Scan: Die Seiten sind Bilder ohne Text.",
            "Das Programm kann Text in Bildern nicht lesen. Sie können den Text des Antrags aus "
            "einer anderen Fassung kopieren und einfügen; er wird dann genauso in "
            "Beschlusspunkte geteilt.",
            "Text &einfügen …",
            lambda: self.paste_text(path.name),
        )

    def paste_text(self, source_name: str) -> None:
        from stellungnahme_app.ui.motion_import_dialog import PasteMotionDialog

        dialog = PasteMotionDialog(source_name, self._parent.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._read_pasted(dialog.text.text()))
        dialog.rejected.connect(self.next)
        dialog.open()

    def _read_pasted(self, text: str) -> None:
        try:
            from stellungnahme_app.workspace.motion_import import read_pasted_motion

            reading = read_pasted_motion(text, self._workspace.settings)
        except StellungnahmeError as error:
            show_error(
                self._parent,
                error,
                action="Im eingefügten Text wurden keine Beschlusspunkte gefunden.",
            )
            self.next()
            return
        self._on_read(reading)

    def _offer_main_file(self, record: Path, error: MainFileMissing) -> None:
        self._question(
            MAIN_FILE_BOX_NAME,
            "Die Hauptdatei der Drucksache fehlt.",
            error.message,
            "Hauptdatei &wählen …",
            lambda: ask_open_path(
                self._parent,
                title=f"Hauptdatei {error.expected_name or 'der Drucksache'} wählen",
                folder=record.parent,
                name_filter=MAIN_FILE_FILTER,
                on_chosen=lambda chosen: self.read(record, main_file=chosen),
            ),
        )


class NewDraftFromMotion:
    """ "Neu aus Antrag …": read, preview, and a new draft of what the clerk confirmed."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self.reader = MotionReader(window, window.workspace, self._show_preview)

    def choose_file(self) -> None:
        self.reader.choose_file("Neue Stellungnahme aus Antrag – Datei wählen")

    def read_files(self, files: Sequence[Path]) -> None:
        self.reader.read_files(files)

    def _show_preview(self, reading: MotionReading) -> None:
        from stellungnahme_app.ui.motion_import_dialog import MotionImportDialog

        dialog = MotionImportDialog(reading, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._create(dialog.take_over()))
        dialog.finished.connect(lambda _result: self.reader.next())
        dialog.open()

    def _create(self, take_over: MotionTakeOver) -> None:
        count = len(take_over.points)
        self._window.start_new_draft(
            lambda: self._window.workspace.create_draft_from_motion(take_over),
            f"Neue Stellungnahme aus „{take_over.source_name}“ angelegt: {count} "
            f"Beschlusspunkt{'e' if count != 1 else ''} übernommen.",
        )
