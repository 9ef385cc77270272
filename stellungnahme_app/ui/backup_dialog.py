"""Extras › Datensicherungen: the store's backups, a backup made now, and a restore.

The store backs the database up every day it is used and keeps the last ten (see
the store). The dialog lists them with date, time and size,
makes one on request (:meth:`Workspace.back_up_now`) and, after a confirmation that says what will
happen, asks the main window to restore the chosen one
(:attr:`BackupDialog.restore_requested`): the main window first saves and closes the open
draft, and the store keeps the database it replaces aside.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app import form
from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.store import KEEP_DAILY_BACKUPS, BackupFile
from stellungnahme_app.ui.error_reporting import show_error
from stellungnahme_app.workspace import Workspace

NAME_ROLE = Qt.ItemDataRole.UserRole + 1


def format_size(size: int) -> str:
    """``840 Byte``, ``12 KB``, ``1,5 MB`` – as the Windows Explorer shows file sizes."""
    if size < 1024:
        return f"{size} Byte"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def describe_backup(backup: BackupFile, *, with_seconds: bool = False) -> str:
    """``06.05.2024 14:32`` (local time), with seconds where two share a minute."""
    moment = backup.made.strftime(f"{form.DATE_FORMAT} %H:%M" + (":%S" if with_seconds else ""))
    if backup.before_schema is not None:
        return f"{moment} (vor einer Programmaktualisierung)"
    return moment


class BackupDialog(QDialog):
    """Lists the backups; „Jetzt sichern“ and „Wiederherstellen …“."""

    #: The file name of the backup the user confirmed to restore.
    restore_requested = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.confirmation: QMessageBox | None = None
        self.setObjectName("datensicherungen")
        self.setWindowTitle("Datensicherungen – Stellungnahme")
        self.setAccessibleName("Datensicherungen")

        intro = QLabel(
            "Das Programm sichert alle Entwürfe an jedem Tag, an dem es benutzt wird, und "
            f"bewahrt die letzten {KEEP_DAILY_BACKUPS} Sicherungen auf. Mit einer Sicherung "
            "holen Sie den Stand aller Entwürfe von damals zurück, etwa nach einem "
            "versehentlichen endgültigen Löschen."
        )
        intro.setWordWrap(True)

        self.backup_list = QTreeWidget()
        self.backup_list.setObjectName("sicherungsliste")
        self.backup_list.setAccessibleName("Vorhandene Sicherungen")
        self.backup_list.setAccessibleDescription(
            "Neueste zuerst: Zeitpunkt der Sicherung und Dateigröße. Die Eingabetaste "
            "stellt die gewählte Sicherung wieder her (nach einer Rückfrage)."
        )
        self.backup_list.setColumnCount(2)
        self.backup_list.setHeaderLabels(["Gesichert am", "Größe"])
        self.backup_list.setRootIsDecorated(False)
        self.backup_list.setUniformRowHeights(True)
        self.backup_list.setAlternatingRowColors(True)
        self.backup_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.backup_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.backup_list.currentItemChanged.connect(self._update_buttons)
        self.backup_list.itemActivated.connect(lambda _item, _column: self.ask_to_restore())
        list_label = QLabel("&Vorhandene Sicherungen:")
        list_label.setBuddy(self.backup_list)

        self.empty_label = QLabel(
            "Noch keine Sicherung vorhanden. Mit „Jetzt sichern“ legen Sie eine an."
        )
        self.empty_label.setObjectName("leer_hinweis")
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

        self.status_label = QLabel()
        self.status_label.setObjectName("sicherungsstand")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setAccessibleName("Ergebnis")
        self.status_label.hide()

        self.backup_now_button = QPushButton("Jetzt &sichern")
        self.backup_now_button.setAccessibleDescription(
            "Sichert alle Entwürfe jetzt; die Sicherung erscheint oben in der Liste."
        )
        self.backup_now_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton("&Wiederherstellen …")
        self.restore_button.setAccessibleDescription(
            "Setzt alle Entwürfe auf den Stand der gewählten Sicherung zurück (nach einer "
            "Rückfrage); der jetzige Stand wird beiseitegelegt, nicht gelöscht."
        )
        self.restore_button.clicked.connect(self.ask_to_restore)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.backup_now_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(list_label)
        layout.addWidget(self.backup_list, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 90, metrics.height() * 22)
        self.refresh()

    # ------------------------------------------------------------------ the list

    def refresh(self, *, select: Path | None = None) -> None:
        """Read the backups again; select ``select`` (default: the newest)."""
        self.backup_list.clear()
        backups = self._workspace.backups()
        minutes = [describe_backup(backup) for backup in backups]
        for backup, minute in zip(backups, minutes, strict=True):
            shared = minutes.count(minute) > 1
            try:
                size = format_size(backup.path.stat().st_size)
            except OSError:
                size = "–"
            item = QTreeWidgetItem([describe_backup(backup, with_seconds=shared), size])
            item.setData(0, NAME_ROLE, backup.name)
            item.setToolTip(0, str(backup.path))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.backup_list.addTopLevelItem(item)
            if backup.path == select:
                self.backup_list.setCurrentItem(item)
        if backups and self.backup_list.currentItem() is None:
            self.backup_list.setCurrentItem(self.backup_list.topLevelItem(0))
        self.empty_label.setVisible(not backups)
        self._update_buttons()

    def selected_backup(self) -> str | None:
        """The file name of the chosen backup."""
        item = self.backup_list.currentItem()
        return None if item is None else str(item.data(0, NAME_ROLE))

    def _update_buttons(self, *_: object) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)

    # ------------------------------------------------------------------ actions

    def back_up_now(self) -> Path | None:
        """Make a backup now; it is shown selected at the top of the list."""
        try:
            made = self._workspace.back_up_now()
        except StellungnahmeError as error:
            show_error(self, error, action="Die Sicherung konnte nicht angelegt werden.")
            return None
        self.refresh(select=made)
        item = self.backup_list.currentItem()
        when = item.text(0) if item is not None else ""
        self.show_status(f"Sicherung angelegt: {when} ({made.name}).")
        self.backup_list.setFocus(Qt.FocusReason.OtherFocusReason)
        return made

    def show_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setAccessibleDescription(text)
        self.status_label.setVisible(bool(text))

    def ask_to_restore(self) -> None:
        """Ask before restoring the chosen backup; :attr:`restore_requested` if confirmed."""
        name = self.selected_backup()
        item = self.backup_list.currentItem()
        if name is None or item is None:
            return
        when = item.text(0)
        confirm = QMessageBox(self)
        confirm.setObjectName("sicherung_wiederherstellen_bestaetigen")
        confirm.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        confirm.setIcon(QMessageBox.Icon.Warning)
        confirm.setWindowTitle("Sicherung wiederherstellen")
        confirm.setText(f"Alle Entwürfe auf den Stand der Sicherung vom {when} zurücksetzen?")
        confirm.setInformativeText(
            "Was seitdem geschrieben, geändert oder neu angelegt wurde, steht danach nicht "
            "mehr in der Liste. Der jetzige Stand wird aber nicht gelöscht, sondern vorher "
            "als Datei im Datenordner beiseitegelegt; wo, sagt Ihnen das Programm danach. "
            "Ein geöffneter Entwurf wird vorher gespeichert und geschlossen.\n\n"
            "Andere Fenster dieses Programms müssen dazu geschlossen sein."
        )
        confirm.setAccessibleName("Sicherung wiederherstellen")
        confirm.setAccessibleDescription(f"{confirm.text()} {confirm.informativeText()}")
        confirm.setStandardButtons(
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel
        )
        yes = confirm.button(QMessageBox.StandardButton.Yes)
        yes.setText("&Wiederherstellen")
        # Restoring is seldom what a slip of the Enter key should do.
        confirm.setDefaultButton(QMessageBox.StandardButton.Cancel)
        confirm.buttonClicked.connect(
            lambda button: self.restore_requested.emit(name) if button is yes else None
        )
        self.confirmation = confirm
        confirm.open()
