"""The settings dialog: the user's own part of the settings.

The user chooses the Dezernat and the signing person new Stellungnahmen start with, and may
use an own Word template or Textbausteine folder. Everything else (the city, the catalogue
of Dezernate and offices, the form of the number) is the administrator's; settings the
administrator has fixed are shown but cannot be changed. Saving goes through
:func:`stellungnahme_app.settings.save_user_settings`. A last line says which dictionary the
spell-check uses, or why there is none.

Which settings get a row, in which order, and their labels come from the table of settings
(:data:`stellungnahme_app.settings.table.SETTING_TABLE`); this module only knows which widget
edits which key.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
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
    Settings,
    default_template,
    default_textbausteine_dir,
    save_user_settings,
)
from stellungnahme_app.settings.table import DEFINITIONS, SETTING_TABLE, SettingDefinition
from stellungnahme_app.ui.error_reporting import show_error

LOCKED_NOTE = "vom Administrator festgelegt"


class PathField(QWidget):
    """A path with „Durchsuchen …“; empty means the file shipped with the program."""

    def __init__(self, value: Path, default: Path, definition: SettingDefinition) -> None:
        super().__init__()
        self._folder = definition.kind == "folder"
        self._caption = f"{definition.label} wählen"
        self._default = default
        self.line_edit = QLineEdit("" if _same_path(value, default) else str(value))
        self.line_edit.setPlaceholderText(
            "mitgelieferter Ordner" if self._folder else "mitgelieferte Vorlage"
        )
        self.line_edit.setClearButtonEnabled(True)
        self.line_edit.setAccessibleName(definition.label)
        self.browse_button = QPushButton("Durchsuchen …")
        self.browse_button.setAccessibleName(f"{definition.label}: Durchsuchen")
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

    def __init__(
        self, settings: Settings, parent: QWidget | None = None, *, spelling: str = ""
    ) -> None:
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
        self.department.addItem("(keine Voreinstellung)", "")
        for dezernat in settings.dezernate:
            self.department.addItem(dezernat.label, dezernat.name)
        index = self.department.findData(settings.default_department)
        if index < 0 and settings.default_department:
            self.department.addItem(settings.default_department, settings.default_department)
            index = self.department.count() - 1
        self.department.setCurrentIndex(max(index, 0))
        self.department.currentIndexChanged.connect(self._fill_signatories)

        self.signatory = QComboBox()
        self.signatory.setEditable(True)
        self.signatory.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.signatory.setAccessibleDescription(
            "Aus der Liste des Dezernats wählen oder einen Namen eintippen."
        )
        self._fill_signatories()
        self.signatory.setEditText(settings.default_signatory)

        self.template = PathField(settings.template, default_template(), DEFINITIONS["template"])
        self.textbausteine_dir = PathField(
            settings.textbausteine_dir,
            default_textbausteine_dir(),
            DEFINITIONS["textbausteine_dir"],
        )

        #: Each user-editable key's widget and how to read what the user entered.
        self._fields: dict[str, tuple[QWidget, Callable[[], str]]] = {
            "default_department": (self.department, lambda: self.department.currentData() or ""),
            "default_signatory": (self.signatory, lambda: self.signatory.currentText().strip()),
            "template": (self.template, self.template.value),
            "textbausteine_dir": (self.textbausteine_dir, self.textbausteine_dir.value),
        }
        form = QFormLayout()
        for definition in SETTING_TABLE:
            if definition.user_editable:
                form.addRow(*self._row(definition, settings.is_locked(definition.key)))

        #: Which dictionary the spell-check uses, or why there is none (set by the IT).
        self.spelling = QLabel(spelling)
        self.spelling.setObjectName("rechtschreibpruefung")
        self.spelling.setWordWrap(True)
        self.spelling.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.spelling.setAccessibleName("Rechtschreibprüfung")
        self.spelling.setAccessibleDescription(spelling)
        if spelling:
            form.addRow(QLabel("Rechtschreibprüfung:"), self.spelling)

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

    def _row(self, definition: SettingDefinition, locked: bool) -> tuple[QLabel, QWidget]:
        """The label and the field of one setting, disabled when the administrator fixed it."""
        widget, _ = self._fields[definition.key]
        widget.setObjectName(definition.key)
        if not isinstance(widget, PathField):
            widget.setAccessibleName(definition.label)
        label = QLabel(f"&{definition.field_label}:")
        label.setBuddy(widget.focusProxy() or widget)
        if locked:
            widget.setEnabled(False)
            widget.setToolTip(f"{definition.label}: {LOCKED_NOTE}")
            label.setText(f"&{definition.field_label} ({LOCKED_NOTE}):")
        return label, widget

    def values(self) -> dict[str, Any]:
        """What the user entered, for the settings the administrator has not fixed."""
        return {
            key: read()
            for key, (_, read) in self._fields.items()
            if not self._settings.is_locked(key)
        }

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
