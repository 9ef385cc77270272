"""The question after a save conflict: take the other state, or keep mine as a copy.

The draft was saved elsewhere (another window, another instance of the program) since it
was loaded here. Overwriting is not offered: either the other state is loaded ("Neu laden")
or this window's text is kept as a new draft ("Als Kopie speichern"). Closing the question
with Escape keeps the copy, because that loses nothing.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from stellungnahme_app.german_dates import format_date_time
from stellungnahme_app.store import ConflictError


class ConflictChoice(enum.Enum):
    RELOAD = "reload"
    KEEP_AS_COPY = "copy"


class ConflictDialog(QMessageBox):
    """Asks how to resolve ``error``; emits :attr:`chosen` once the user has decided."""

    chosen = Signal(object)  # ConflictChoice

    def __init__(self, error: ConflictError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = error
        self.setObjectName("konfliktdialog")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle("Stellungnahme – Entwurf anderweitig geändert")
        self.setText("Dieser Entwurf wurde inzwischen an anderer Stelle geändert.")
        changed = format_date_time(error.current.changed)
        self.setInformativeText(
            f"Ein anderes Fenster oder eine zweite Programmsitzung hat ihn um {changed} "
            "gespeichert. Ihre Änderungen hier sind noch nicht gespeichert.\n\n"
            "„Neu laden“ übernimmt den anderen Stand und verwirft Ihre Änderungen hier.\n"
            "„Als Kopie speichern“ behält Ihre Fassung als neuen Entwurf; der andere Stand "
            "bleibt unverändert."
        )
        self.setAccessibleName(self.windowTitle())
        self.setAccessibleDescription(self.text())
        self.reload_button: QPushButton = self.addButton(
            "&Neu laden", QMessageBox.ButtonRole.DestructiveRole
        )
        self.reload_button.setAccessibleDescription(
            "Den anderweitig gespeicherten Stand laden; Ihre Änderungen hier gehen verloren."
        )
        self.copy_button: QPushButton = self.addButton(
            "Als &Kopie speichern", QMessageBox.ButtonRole.AcceptRole
        )
        self.copy_button.setAccessibleDescription(
            "Ihre Fassung als neuen Entwurf speichern; der andere Stand bleibt erhalten."
        )
        self.setDefaultButton(self.copy_button)
        self.setEscapeButton(self.copy_button)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button: object) -> None:
        choice = (
            ConflictChoice.RELOAD if button is self.reload_button else ConflictChoice.KEEP_AS_COPY
        )
        self.chosen.emit(choice)
