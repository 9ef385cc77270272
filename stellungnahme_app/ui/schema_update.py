"""Bringing the drafts of an older program version to the current form, with a notice.

After an update of the program, the first start may have to rewrite the database (schema
``m005_text_once`` rebuilds the search index and compacts the file: about 13 s for 10,000
drafts). Without a word the clerk would see nothing at all for that long and might start the
program again or switch the PC off. So the start shows a notice first and does the update on
a worker thread with a connection of its own while the notice stays responsive; the window
then opens the updated database as on any other day. A failure is left to that open, which
reports it as it would without the notice.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QLabel, QProgressDialog

from stellungnahme_app.workspace import Configuration, Workspace

log = logging.getLogger(__name__)

NOTICE_NAME = "umstellung"
SCHEMA_UPDATE_NOTICE = (
    "Die Entwürfe werden für diese Programmversion umgestellt. Bei vielen Entwürfen dauert "
    "das bis zu einer Minute – bitte warten Sie, das Programm öffnet sich danach von selbst."
)


def update_with_notice(database: Path | None, configuration: Configuration) -> bool:
    """Update an older database behind a notice; ``True`` if there was one to update."""
    if not Workspace.update_due(database):
        return False
    notice = _UpdateNotice(SCHEMA_UPDATE_NOTICE, "", 0, 0)  # no end: it shows it is busy
    label = QLabel(SCHEMA_UPDATE_NOTICE)
    label.setWordWrap(True)
    notice.setLabel(label)
    notice.setMinimumWidth(notice.fontMetrics().averageCharWidth() * 60)
    notice.setObjectName(NOTICE_NAME)
    notice.setWindowTitle("Stellungnahme – Umstellung der Entwürfe")
    notice.setCancelButton(None)  # an update stopped halfway would only be rolled back
    notice.setMinimumDuration(0)
    notice.setWindowModality(Qt.WindowModality.ApplicationModal)
    notice.setAccessibleDescription(SCHEMA_UPDATE_NOTICE)
    notice.show()
    worker = threading.Thread(
        target=_update, args=(database, configuration), name="Umstellung", daemon=True
    )
    worker.start()
    application = QApplication.instance()
    while True:  # at least once: the notice is drawn before the wait
        application.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        worker.join(0.02)
        if not worker.is_alive():
            break
    notice.finished_updating = True
    notice.close()
    notice.deleteLater()
    return True


class _UpdateNotice(QProgressDialog):
    """Stays on the screen until the update is done: an update stopped halfway would only be
    rolled back, and without the notice the clerk would see nothing at all."""

    finished_updating = False

    def reject(self) -> None:  # Escape
        if self.finished_updating:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # the window's close button
        if self.finished_updating:
            super().closeEvent(event)
        else:
            event.ignore()


def _update(database: Path | None, configuration: Configuration) -> None:
    try:
        Workspace.open(database, configuration=configuration, housekeeping=False).close()
    except Exception as error:  # the window's own open reports it with its message
        log.warning("Umstellung der Entwurfsdatenbank fehlgeschlagen: %s", error)
