"""The settings dialog: the user's own part of the settings.

The user chooses the Dezernat and the signing person new Stellungnahmen start with, and may
use an own Word template or Textbausteine folder. Everything else (the city, the catalogue
of Dezernate and offices, the form of the number) is the administrator's; settings the
administrator has fixed are shown but cannot be changed. Saving goes through
:func:`stellungnahme_app.settings.save_user_settings`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.settings import (
    SETTING_LABELS,
    Settings,
    default_template,
    default_textbausteine_dir,
    save_user_settings,
)
from stellungnahme_app.ui.error_reporting import show_error

LOCKED_NOTE = "vom Administrator festgelegt"


class PathField(QWidget):
    """A path with „Durchsuchen …“; empty means the file shipped with the program."""

    def __init__(
        self, value: Path, default: Path, *, folder: bool, caption: str, name: str
    ) -> None:
        super().__init__()
        self._folder = folder
        self._caption = caption
        self._default = default
        self.line_edit = QLineEdit("" if _same_path(value, default) else str(value))
        self.line_edit.setPlaceholderText(
            "mitgelieferter Ordner" if folder else "mitgelieferte Vorlage"
        )
        self.line_edit.setClearButtonEnabled(True)
        self.line_edit.setAccessibleName(name)
        self.browse_button = QPushButton("Durchsuchen …")
        self.browse_button.setAccessibleName(f"{name}: Durchsuchen")
        self.browse_button.clicked.connect(self._browse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line_edit, 1)
        layout.addWidget(self.browse_button)
        self.setFocusProxy(self.line_edit)

    def value(self) -> str:
        return self.line_edit.text().strip()

    def _browse(self) -> None:
        start = self.value() or str(Path.home())
        if self._folder:
            chosen = QFileDialog.getExistingDirectory(self, self._caption, start)
        else:
            chosen, _ = QFileDialog.getOpenFileName(
                self, self._caption, start, "Word-Vorlage (*.docx)"
            )
        if chosen:
            self.line_edit.setText(chosen)


class SettingsDialog(QDialog):
    """Edits :data:`~stellungnahme_app.settings.USER_EDITABLE_KEYS`; emits ``settings_saved``."""

    settings_saved = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setObjectName("einstellungen")
        self.setWindowTitle("Einstellungen – Stellungnahme")
        self.setAccessibleName("Einstellungen")

        intro = QLabel(
            "Diese Voreinstellungen gelten für neue Stellungnahmen. Stadt, Dezernate, Ämter "
            f"und die Form der Drucksachennummer legt die IT fest (Stadt: {settings.city})."
        )
        intro.setWordWrap(True)

        self.department = QComboBox()
        self.department.setObjectName("default_department")
        self.department.addItem("(keine Voreinstellung)", "")
        for dezernat in settings.dezernate:
            self.department.addItem(dezernat.label, dezernat.name)
        index = self.department.findData(settings.default_department)
        if index < 0 and settings.default_department:
            self.department.addItem(settings.default_department, settings.default_department)
            index = self.department.count() - 1
        self.department.setCurrentIndex(max(index, 0))
        self.department.setAccessibleName(SETTING_LABELS["default_department"])
        self.department.currentIndexChanged.connect(self._fill_signatories)

        self.signatory = QComboBox()
        self.signatory.setObjectName("default_signatory")
        self.signatory.setEditable(True)
        self.signatory.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.signatory.setAccessibleName(SETTING_LABELS["default_signatory"])
        self.signatory.setAccessibleDescription(
            "Aus der Liste des Dezernats wählen oder einen Namen eintippen."
        )
        self._fill_signatories()
        self.signatory.setEditText(settings.default_signatory)

        self.template = PathField(
            settings.template,
            default_template(),
            folder=False,
            caption="Word-Vorlage wählen",
            name=SETTING_LABELS["template"],
        )
        self.template.setObjectName("template")
        self.textbausteine_dir = PathField(
            settings.textbausteine_dir,
            default_textbausteine_dir(),
            folder=True,
            caption="Ordner der Textbausteine wählen",
            name=SETTING_LABELS["textbausteine_dir"],
        )
        self.textbausteine_dir.setObjectName("textbausteine_dir")

        form = QFormLayout()
        self._fields: dict[str, QWidget] = {
            "default_department": self.department,
            "default_signatory": self.signatory,
            "template": self.template,
            "textbausteine_dir": self.textbausteine_dir,
        }
        mnemonic_labels = {
            "default_department": "&Dezernat:",
            "default_signatory": "&Unterzeichnung:",
            "template": "&Word-Vorlage:",
            "textbausteine_dir": "&Textbausteine:",
        }
        for key, widget in self._fields.items():
            label = QLabel(mnemonic_labels[key])
            label.setBuddy(widget.focusProxy() or widget)
            if settings.is_locked(key):
                widget.setEnabled(False)
                widget.setToolTip(f"{SETTING_LABELS[key]}: {LOCKED_NOTE}")
                label.setText(f"{mnemonic_labels[key][:-1]} ({LOCKED_NOTE}):")
            form.addRow(label, widget)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 95, self.sizeHint().height())

    def _fill_signatories(self, *_: object) -> None:
        typed = self.signatory.currentText()
        self.signatory.clear()
        self.signatory.addItems(list(self._settings.signatories(self.department.currentData())))
        self.signatory.setEditText(typed)

    def values(self) -> dict[str, Any]:
        """What the user entered, for the settings the administrator has not fixed."""
        entered = {
            "default_department": self.department.currentData() or "",
            "default_signatory": self.signatory.currentText().strip(),
            "template": self.template.value(),
            "textbausteine_dir": self.textbausteine_dir.value(),
        }
        return {k: v for k, v in entered.items() if not self._settings.is_locked(k)}

    def save(self) -> bool:
        try:
            save_user_settings(self.values())
        except StellungnahmeError as error:
            show_error(self, error, action="Die Einstellungen konnten nicht gespeichert werden.")
            return False
        self.settings_saved.emit()
        self.accept()
        return True


def _same_path(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return one == other
