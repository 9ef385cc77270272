"""The status bar's offer after a delete in the overview: take it back, or do it again.

After a draft went to the trash the status bar says so and offers "Löschen rückgängig"
(Ctrl+Z in the list); after taking it back, Ctrl+Y deletes it again, as on Windows. Ctrl+Z
in the search field stays the search text's own undo. The offer ends after
:data:`OFFER_TIMEOUT_MS`, with the next delete, and when the author leaves the overview – so
Ctrl+Z never brings back a draft deleted long before. The window does the deleting and
restoring; this only keeps what may be taken back.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar

OFFER_TIMEOUT_MS = 20_000


class DeleteOffer(QObject):
    """What the last delete in the overview left to take back (or to do again)."""

    #: The offer changed (the window enables its actions accordingly).
    changed = Signal()

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self._bar = bar
        self.deleted_id: int | None = None  # may be taken back (Ctrl+Z)
        self.restored_id: int | None = None  # may be deleted again (Ctrl+Y)
        self.label = QLabel()
        self.label.setObjectName("loeschen_hinweis")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.hide()
        bar.addWidget(self.label)
        self.undo_button = QPushButton("Löschen &rückgängig")
        self.undo_button.setObjectName("loeschen_rueckgaengig")
        self.undo_button.setAccessibleDescription(
            "Holt den eben gelöschten Entwurf aus dem Papierkorb zurück (Strg+Z in der Liste)."
        )
        self.undo_button.hide()
        bar.addWidget(self.undo_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(OFFER_TIMEOUT_MS)
        self._timer.timeout.connect(self.forget)

    def offer_undo(self, draft_id: int, title: str) -> None:
        """``draft_id`` went to the trash: offer to take it back."""
        self.deleted_id, self.restored_id = draft_id, None
        self._bar.clearMessage()  # a temporary message would hide the button
        self._show(f"„{title}“ liegt im Papierkorb. Strg+Z in der Liste holt ihn zurück.")
        self.undo_button.show()
        self._timer.start()
        self.changed.emit()

    def offer_redo(self, draft_id: int, title: str) -> None:
        """``draft_id`` came back from the trash: offer to delete it again."""
        self.deleted_id, self.restored_id = None, draft_id
        self._bar.clearMessage()
        self._show(f"„{title}“ ist wiederhergestellt. Strg+Y löscht ihn wieder.")
        self.undo_button.hide()
        self._timer.start()
        self.changed.emit()

    def take_undo(self) -> int | None:
        """The draft to take back (the offer ends)."""
        draft_id = self.deleted_id
        self.forget()
        return draft_id

    def take_redo(self) -> int | None:
        """The draft to delete again (the offer ends)."""
        draft_id = self.restored_id
        self.forget()
        return draft_id

    def forget(self) -> None:
        self.deleted_id = self.restored_id = None
        self._timer.stop()
        self.label.hide()
        self.undo_button.hide()
        self.changed.emit()

    def _show(self, text: str) -> None:
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.label.show()
