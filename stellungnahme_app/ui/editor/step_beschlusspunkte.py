"""Step 3 – Beschlusspunkte: the numbered resolution points of the motion, verbatim.

Points are added, removed and moved one by one, or taken at once from the clipboard:
"Aus Zwischenablage einfügen" splits a copied motion text at its numbers
(:func:`motion_text.split_motion`). "Aus Antrag übernehmen …" reads the motion's PDF, Word
file or OParl record and shows what it read beside the original before it is taken over
(:mod:`stellungnahme_app.ui.motion_import`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.form_steps import FieldPath
from stellungnahme_app.model import ResolutionPoint
from stellungnahme_app.motion import MotionReading
from stellungnahme_app.motion_text import next_point_number, split_motion
from stellungnahme_app.text import is_blank
from stellungnahme_app.ui.editor.detail_list import DetailList, ItemEditor
from stellungnahme_app.ui.editor.step_page import EditorContext, StepPage
from stellungnahme_app.ui.editor.text_field import LineField, PlainTextField, with_bullet_button
from stellungnahme_app.ui.editor.widget_helpers import describe, hint_label
from stellungnahme_app.ui.error_reporting import show_error

if TYPE_CHECKING:
    from stellungnahme_app.ui.motion_import import MotionReader
    from stellungnahme_app.ui.motion_import_dialog import MotionImportDialog

PREVIEW_CHARACTERS = 90


def point_label(index: int, point: ResolutionPoint) -> str:
    """``01 – Der Oberbürgermeister beruft …`` for the list."""
    number = point.number.strip() or f"({index + 1}.)"
    text = " ".join(point.text[: PREVIEW_CHARACTERS * 2].split())  # not all of a huge text
    if len(text) > PREVIEW_CHARACTERS:
        text = text[:PREVIEW_CHARACTERS].rstrip() + " …"
    return f"{number} – {text}" if text else f"{number} – (noch ohne Text)"


class PointEditor(ItemEditor):
    """The fields of one resolution point."""

    def __init__(self, point: ResolutionPoint) -> None:
        super().__init__()
        self.point = point
        self.number = LineField("Nummer des Beschlusspunkts", placeholder="01", spell_check=False)
        self.number.setMaximumWidth(self.number.fontMetrics().horizontalAdvance("0000000") * 2)
        self.text = PlainTextField(
            "Text des Beschlusspunkts", description="Wortlaut aus der Drucksache", visible_lines=8
        )
        self.number.set_text(point.number)
        self.text.set_text(point.text)
        self.number.edited.connect(self._number_edited)
        self.text.edited.connect(self._text_edited)

        number_label = QLabel("&Nummer:")
        number_label.setBuddy(self.number)
        text_label = QLabel("&Text:")
        text_label.setBuddy(self.text)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.addRow(number_label, self.number)
        layout.addRow(text_label, with_bullet_button(self.text))

    def label(self, position: int) -> str:
        return point_label(position, self.point)

    def tab_order(self) -> list[QWidget]:
        return [self.number, self.text]

    def set_position(self, position: int) -> None:
        describe(self.number, f"Nummer des {position + 1}. Beschlusspunkts")
        describe(self.text, f"Text des {position + 1}. Beschlusspunkts")

    def _number_edited(self, text: str) -> None:
        self.point.number = text
        self.edited.emit()

    def _text_edited(self, text: str) -> None:
        self.point.text = text
        self.edited.emit()


class BeschlusspunkteStep(StepPage):
    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.add_button = QPushButton("&Punkt hinzufügen")
        describe(self.add_button, "Beschlusspunkt hinzufügen")
        self.add_button.clicked.connect(self.add_point)
        self.paste_button = QPushButton("Aus Zwischenablage &einfügen")
        describe(
            self.paste_button,
            "Beschlusspunkte aus der Zwischenablage einfügen",
            "Kopierten Antragstext an den Nummern (01, 02 … oder 1., 2. …) in Punkte teilen",
        )
        self.paste_button.clicked.connect(self.paste_from_clipboard)
        self.motion_button = QPushButton("Aus Antrag ü&bernehmen …")
        describe(
            self.motion_button,
            "Beschlusspunkte aus dem Antrag übernehmen",
            "Nummer, Titel und Beschlusspunkte aus dem PDF, der Word-Datei oder dem "
            "OParl-Datensatz des Antrags lesen, prüfen und übernehmen",
        )
        self.motion_button.clicked.connect(self.choose_motion)
        self._motion_reader: MotionReader | None = None
        self.points = DetailList(
            "Beschlusspunkte",
            "den Beschlusspunkt",
            "Noch kein Beschlusspunkt erfasst. Kopieren Sie die Beschlusspunkte aus der "
            "Drucksache und wählen Sie „Aus Zwischenablage einfügen“, lesen Sie sie mit „Aus "
            "Antrag übernehmen“ aus dem PDF oder der Word-Datei, oder fügen Sie sie einzeln "
            "hinzu.",
            [self.add_button, self.paste_button, self.motion_button],
        )
        self.points.remove_requested.connect(self.remove_point)
        self.points.move_requested.connect(self.move_point)
        self.points.edited.connect(self._edited)
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setObjectName("rueckmeldung")
        describe(self.feedback, "Rückmeldung zum Einfügen")
        self.feedback.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                "Übernehmen Sie die Beschlusspunkte der Drucksache wörtlich, jeden mit seiner "
                "Nummer. Sie erscheinen im Dokument unter „Stellungnahme“."
            )
        )
        layout.addWidget(self.feedback)
        layout.addWidget(self.points, 1)

    # ------------------------------------------------------------------ loading

    def load(self) -> None:
        self.points.clear()
        self.points.extend(PointEditor(point) for point in self.draft.resolution_points)
        self.points.set_current(0 if self.draft.resolution_points else -1)
        self.feedback.setVisible(False)

    # ------------------------------------------------------------------ list edits

    def add_point(self) -> None:
        numbers = [p.number for p in self.draft.resolution_points]
        point = ResolutionPoint(number=next_point_number(numbers))
        self.draft.resolution_points.append(point)
        editor = PointEditor(point)
        self.points.append(editor)
        self.points.set_current(self.points.count() - 1)
        self._edited()
        editor.text.setFocus()

    def remove_point(self, index: int) -> None:
        point = self.draft.resolution_points[index]
        if not is_blank(point.text):
            answer = QMessageBox.question(
                self,
                "Beschlusspunkt entfernen",
                f"Beschlusspunkt „{point_label(index, point)}“ entfernen?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        del self.draft.resolution_points[index]
        self.points.remove(index)
        self._edited()

    def move_point(self, source: int, target: int) -> None:
        points = self.draft.resolution_points
        points.insert(target, points.pop(source))
        self.points.move(source, target)
        self._edited()

    def paste_from_clipboard(self) -> None:
        """Split the clipboard's text into points; replaces or appends after asking."""
        split = split_motion(QGuiApplication.clipboard().text())
        if not split.points:
            self._tell(
                "Die Zwischenablage enthält keinen Text. Kopieren Sie zuerst die "
                "Beschlusspunkte aus der Drucksache."
            )
            return
        replace = True
        if self.draft.resolution_points:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                "Beschlusspunkte einfügen",
                f"Es sind schon {len(self.draft.resolution_points)} Beschlusspunkte erfasst. "
                f"Sollen die {len(split.points)} Punkte aus der Zwischenablage sie ersetzen "
                "oder angehängt werden?",
                QMessageBox.StandardButton.NoButton,
                self,
            )
            box.setObjectName("beschlusspunkte_einfuegen")
            replace_button = box.addButton("&Ersetzen", QMessageBox.ButtonRole.AcceptRole)
            append_button = box.addButton("&Anhängen", QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            clicked = box.clickedButton()
            if clicked not in (replace_button, append_button):
                return
            replace = clicked is replace_button
        if replace:
            self.draft.resolution_points[:] = split.points
        else:
            self.draft.resolution_points.extend(split.points)
        self.load()
        count = len(split.points)
        message = (
            f"{count} Beschlusspunkt{'e' if count != 1 else ''} aus der Zwischenablage "
            f"{'übernommen' if replace else 'angehängt'}. Bitte prüfen Sie Nummern und Texte."
        )
        if split.preamble:
            preamble = " ".join(split.preamble.split())
            if len(preamble) > PREVIEW_CHARACTERS:
                preamble = preamble[:PREVIEW_CHARACTERS] + " …"
            message += f" Der einleitende Text „{preamble}“ wurde nicht übernommen."
        if any(not p.number for p in split.points):
            message += " Im Text waren keine Nummern zu erkennen; bitte tragen Sie sie ein."
        self._tell(message)
        self._edited()

    # ------------------------------------------------------------------ from the motion

    def motion_reader(self) -> MotionReader:
        if self._motion_reader is None:
            from stellungnahme_app.ui.motion_import import MotionReader

            self._motion_reader = MotionReader(self, self.context.workspace, self._preview)
        return self._motion_reader

    def choose_motion(self) -> None:
        self.motion_reader().choose_file("Aus Antrag übernehmen – Datei wählen")

    def _preview(self, reading: MotionReading) -> None:
        from stellungnahme_app.ui.motion_import_dialog import MotionImportDialog

        dialog = MotionImportDialog(reading, self, draft=self.draft)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._take_over(dialog))
        dialog.finished.connect(lambda _result: self.motion_reader().next())
        dialog.open()

    def _take_over(self, dialog: MotionImportDialog) -> None:
        take_over = dialog.take_over()
        try:
            first = self.context.workspace.take_over_motion(self.context.opened, take_over)
        except StellungnahmeError as error:
            show_error(self, error, action="Der Antrag konnte nicht übernommen werden.")
            return
        self.context.reload_steps()
        if take_over.points:
            self.points.set_current(first)
        count = len(take_over.points)
        done = "übernommen" if take_over.replace_points else "angehängt"
        message = (
            f"{count} Beschlusspunkt{'e' if count != 1 else ''} aus „{take_over.source_name}“ "
            f"{done}."
        )
        if take_over.number_and_title:
            message += " Nummer und Titel der Drucksache wurden ebenfalls übernommen."
        self._tell(message)
        self._edited()

    def _tell(self, message: str) -> None:
        self.feedback.setText(message)
        self.feedback.setAccessibleDescription(message)
        self.feedback.setVisible(True)

    # ------------------------------------------------------------------ focus

    def first_field(self) -> QWidget:
        return self.points.list if self.points.count() else self.paste_button

    def widget_for(self, path: FieldPath) -> QWidget | None:
        if path.section != "resolution_points":
            return None
        if path.index is None or not 0 <= path.index < self.points.count():
            return self.first_field()
        editor = self.points.detail(path.index)
        if not isinstance(editor, PointEditor):
            return None
        return editor.number if path.attribute == "number" else editor.text

    def focus_field(self, path: FieldPath) -> QWidget | None:
        if path.section != "resolution_points":
            return None
        if path.index is None or not 0 <= path.index < self.points.count():
            widget = self.first_field()
            widget.setFocus()
            return widget
        self.points.set_current(path.index)
        editor = self.points.detail(path.index)
        if not isinstance(editor, PointEditor):
            return None
        widget = editor.number if path.attribute == "number" else editor.text
        widget.setFocus()
        return widget
