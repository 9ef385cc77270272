"""Asking for a file name without blocking: the save and open dialogs of the editor.

The dialogs are opened window-modal with :meth:`QFileDialog.open`, and the chosen path is
handed to a callback. On Windows they are the system's own dialogs; tests find the dialog
as a child of the editor and choose a file in it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QWidget

FILE_DIALOG_NAME = "dateiauswahl"


def documents_folder() -> Path:
    """The user's documents folder (``Dokumente``), else the home folder."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path = Path(location) if location else Path.home()
    return path if path.is_dir() else Path.home()


def _dialog(parent: QWidget, title: str, name_filter: str, folder: Path) -> QFileDialog:
    dialog = QFileDialog(parent, title, str(folder), name_filter)
    dialog.setObjectName(FILE_DIALOG_NAME)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    return dialog


def ask_save_path(
    parent: QWidget,
    *,
    title: str,
    folder: Path,
    file_name: str,
    name_filter: str,
    on_chosen: Callable[[Path], None],
) -> QFileDialog:
    """Ask where to save; ``on_chosen`` gets the path (with the filter's suffix)."""
    dialog = _dialog(parent, title, name_filter, folder)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    suffix = Path(file_name).suffix.lstrip(".")
    if suffix:
        dialog.setDefaultSuffix(suffix)
    dialog.selectFile(str(folder / file_name))
    dialog.fileSelected.connect(lambda chosen: on_chosen(Path(chosen)))
    dialog.open()
    return dialog


def ask_open_path(
    parent: QWidget,
    *,
    title: str,
    folder: Path,
    name_filter: str,
    on_chosen: Callable[[Path], None],
) -> QFileDialog:
    """Ask which existing file to open; ``on_chosen`` gets its path."""
    dialog = _dialog(parent, title, name_filter, folder)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.fileSelected.connect(lambda chosen: on_chosen(Path(chosen)))
    dialog.open()
    return dialog
