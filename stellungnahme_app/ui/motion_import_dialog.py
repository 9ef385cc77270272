"""The preview of a motion read in: what was read, beside the page it came from, editable.

Left: the Drucksache number, the title and each resolution point (ticked points are taken
over), all editable; right: the original – the PDF page, the region of the value being
checked marked, or for a Word file, an OParl record or pasted text the text it was read
from. Taking over into an open draft also asks whether the points replace the existing ones
or are appended, and whether number and title are taken too. Nothing changes until the
clerk chooses "Übernehmen"; :meth:`MotionImportDialog.take_over` then says what to take.
:class:`PasteMotionDialog` takes a motion's text from the clipboard instead (for scans).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app.errors import StellungnahmeError
from stellungnahme_app.model import Draft, ResolutionPoint
from stellungnahme_app.motion import MotionReading, Origin, render_page
from stellungnahme_app.ui.editor.step_beschlusspunkte import point_label
from stellungnahme_app.ui.editor.text_field import LineField, PlainTextField
from stellungnahme_app.ui.editor.widget_helpers import describe, hint_label
from stellungnahme_app.workspace import MotionTakeOver, number_differs

log = logging.getLogger(__name__)

PAGE_PIXELS = 900
HIGHLIGHT = QColor(255, 200, 0, 90)
HIGHLIGHT_EDGE = QColor(220, 120, 0)


class _Item:
    """A point as the clerk is checking it."""

    def __init__(self, number: str, text: str, origin: Origin) -> None:
        self.point = ResolutionPoint(number, text)
        self.origin = origin
        self.taken = True


class SourceView(QWidget):
    """The original beside the values: a PDF page with the region marked, or the text."""

    def __init__(self, reading: MotionReading, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reading = reading
        self._document = reading.document if reading.page_count else None
        self._pages: dict[int, QImage] = {}
        self._sizes: dict[int, tuple[float, float]] = {}
        self._origin: Origin | None = None
        self._page = 1
        self._full_page: QPixmap | None = None  # the page with its marks, before fitting

        self.caption = QLabel()
        self.caption.setObjectName("quelle_ueberschrift")
        self.caption.setWordWrap(True)
        self.previous_button = QPushButton("◀")
        describe(self.previous_button, "Vorherige Seite des Originals")
        self.previous_button.setToolTip("Vorherige Seite")
        self.previous_button.clicked.connect(lambda: self.show_page(self._page - 1))
        self.next_button = QPushButton("▶")
        describe(self.next_button, "Nächste Seite des Originals")
        self.next_button.setToolTip("Nächste Seite")
        self.next_button.clicked.connect(lambda: self.show_page(self._page + 1))
        for button in (self.previous_button, self.next_button):
            button.setMaximumWidth(button.fontMetrics().horizontalAdvance("M") * 4)
        header = QHBoxLayout()
        header.addWidget(self.caption, 1)
        header.addWidget(self.previous_button)
        header.addWidget(self.next_button)

        self.page_label = QLabel()
        self.page_label.setObjectName("originalseite")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.page_area = QScrollArea()
        self.page_area.setWidget(self.page_label)
        self.page_area.setWidgetResizable(True)
        # Always there, so fitting the page to the width never makes it come and go.
        self.page_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.page_area.viewport().installEventFilter(self)
        self.page_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        describe(
            self.page_area, "Seite des Originals", "Die Stelle, aus der gelesen wurde, ist markiert"
        )
        self.page_area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        describe(self.text, "Text des Originals", "Der Text, aus dem gelesen wurde")
        self.views = QStackedWidget()
        self.views.addWidget(self.page_area)
        self.views.addWidget(self.text)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.views, 1)
        self.previous_button.setVisible(self._document is not None)
        self.next_button.setVisible(self._document is not None)

    def show_origin(self, origin: Origin | None, what: str) -> None:
        """Show where ``what`` (e.g. „Beschlusspunkt 02“) was read."""
        self._origin = origin
        if origin is not None and origin.from_record:
            self._show_text(
                f"{what}: aus dem OParl-Datensatz („{origin.from_record}“)", origin.excerpt
            )
        elif self._document is not None:
            page = origin.pages[0] if origin is not None and origin.pages else self._page
            self.show_page(page, what=what)
        elif origin is not None:
            document = self._reading.document
            where = f"in „{document.name}“" if document is not None else "im eingefügten Text"
            self._show_text(f"{what} – so steht es {where}:", origin.excerpt)
        else:
            self._show_text(f"{what}: nicht gefunden", "")

    def _show_text(self, caption: str, text: str) -> None:
        self.caption.setText(caption)
        self.text.setPlainText(text)
        self.views.setCurrentWidget(self.text)
        self.previous_button.setEnabled(False)
        self.next_button.setEnabled(False)

    def show_page(self, page: int, *, what: str = "") -> None:
        if self._document is None:
            return
        count = self._reading.page_count
        page = max(1, min(page, count))
        self._page = page
        image = self._page_image(page)
        if image is None:
            self._full_page = None
            self.page_label.setText("Die Seite kann nicht angezeigt werden.")
        else:
            self._full_page = self._marked(image, page)
            self._fit_page()
        regions = [r for r in (self._origin.boxes if self._origin else ()) if r.page == page]
        prefix = f"{what}: " if what else ""
        self.caption.setText(f"{prefix}Seite {page} von {count} des Originals")
        describe(self.page_area, f"Seite {page} von {count} des Originals")
        self.views.setCurrentWidget(self.page_area)
        self.previous_button.setEnabled(page > 1)
        self.next_button.setEnabled(page < count)
        if regions and image is not None:
            top = self._to_pixels(page, regions[0].box.left, regions[0].box.top)[1]
            self.page_area.verticalScrollBar().setValue(max(0, int(top * self.page_scale()) - 40))

    def page_scale(self) -> float:
        """Shown size of the page to its rendered size (the page fits the view's width)."""
        pixmap = self.page_label.pixmap()
        if self._full_page is None or pixmap is None or pixmap.isNull():
            return 1.0
        return pixmap.width() / self._full_page.width()

    def _fit_page(self) -> None:
        if self._full_page is None:
            return
        width = max(self.page_area.viewport().width() - 2, 200)
        self.page_label.setPixmap(
            self._full_page.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.page_area.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_page()
        return super().eventFilter(watched, event)

    def _page_image(self, page: int) -> QImage | None:
        if page not in self._pages:
            assert self._document is not None
            try:
                rendered = render_page(self._document, page, PAGE_PIXELS)
            except StellungnahmeError:
                log.warning("Seite %s von %s nicht darstellbar", page, self._document)
                return None
            image = QImage(
                rendered.pixels,
                rendered.width,
                rendered.height,
                rendered.stride,
                QImage.Format.Format_RGB888,
            ).copy()  # the pixels' bytes are not kept
            self._pages[page] = image
            self._sizes[page] = (rendered.page_width, rendered.page_height)
        return self._pages[page]

    def _to_pixels(self, page: int, x: float, y: float) -> tuple[float, float]:
        width, height = self._sizes[page]
        scale = PAGE_PIXELS / width
        return x * scale, (height - y) * scale

    def _marked(self, image: QImage, page: int) -> QPixmap:
        pixmap = QPixmap.fromImage(image)
        regions = [r for r in (self._origin.boxes if self._origin else ()) if r.page == page]
        if not regions:
            return pixmap
        painter = QPainter(pixmap)
        try:
            painter.setPen(HIGHLIGHT_EDGE)
            for region in regions:
                left, top = self._to_pixels(page, region.box.left, region.box.top)
                right, bottom = self._to_pixels(page, region.box.right, region.box.bottom)
                rectangle = (
                    int(left) - 4,
                    int(top) - 3,
                    int(right - left) + 8,
                    int(bottom - top) + 6,
                )
                painter.fillRect(*rectangle, HIGHLIGHT)
                painter.drawRect(*rectangle)
        finally:
            painter.end()
        return pixmap


class MotionImportDialog(QDialog):
    """The preview; ``draft`` given: taking over into that (open) draft."""

    def __init__(
        self, reading: MotionReading, parent: QWidget | None = None, *, draft: Draft | None = None
    ) -> None:
        super().__init__(parent)
        self.reading = reading
        self.draft = draft
        self.items = [_Item(p.number, p.text, p.origin) for p in reading.points]
        self.setObjectName("antrag_uebernehmen")
        self.setWindowTitle(f"Antrag übernehmen – {reading.name}")
        describe(self, "Antrag übernehmen", f"Was aus „{reading.name}“ gelesen wurde")

        summary = hint_label(self._summary())
        summary.setObjectName("antrag_zusammenfassung")
        self.notes = QLabel("\n".join(reading.notes))
        self.notes.setObjectName("warnung")
        self.notes.setWordWrap(True)
        describe(self.notes, "Hinweise zum Antrag", self.notes.text())

        self.number = LineField("Nummer der Drucksache", placeholder="0661/24")
        self.number.set_text(reading.number)
        self.title = LineField("Titel der Drucksache")
        self.title.set_text(reading.title)
        self.title.setCursorPosition(0)  # the start of a long title, not its end
        number_label = QLabel("&Nummer:")
        number_label.setBuddy(self.number)
        title_label = QLabel("T&itel:")
        title_label.setBuddy(self.title)

        self.point_list = QListWidget()
        describe(self.point_list, "Beschlusspunkte", "Angehakte Punkte werden übernommen")
        for index, item in enumerate(self.items):
            row = QListWidgetItem(point_label(index, item.point))
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked)
            self.point_list.addItem(row)
        list_label = QLabel("&Beschlusspunkte (angehakte werden übernommen):")
        list_label.setBuddy(self.point_list)
        self.point_number = LineField("Nummer des Beschlusspunkts")
        self.point_number.setMaximumWidth(
            self.point_number.fontMetrics().horizontalAdvance("0") * 14
        )
        self.point_text = PlainTextField(
            "Text des Beschlusspunkts", description="Wortlaut wie im Original", visible_lines=8
        )
        point_number_label = QLabel("Nu&mmer des Punkts:")
        point_number_label.setBuddy(self.point_number)
        point_text_label = QLabel("&Wortlaut:")
        point_text_label.setBuddy(self.point_text)

        fields = QFormLayout()
        fields.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        fields.addRow(number_label, self.number)
        fields.addRow(title_label, self.title)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(fields)
        left_layout.addWidget(list_label)
        left_layout.addWidget(self.point_list, 1)
        point_fields = QFormLayout()
        point_fields.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        point_fields.addRow(point_number_label, self.point_number)
        point_fields.addRow(point_text_label, self.point_text)
        left_layout.addLayout(point_fields, 2)

        self.source = SourceView(reading)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.source)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.notes)
        self.notes.setVisible(bool(reading.notes))
        layout.addWidget(splitter, 1)
        self._build_choices(layout)
        self._build_buttons(layout)

        self.point_list.currentRowChanged.connect(self._show_point)
        self.point_list.itemChanged.connect(self._ticked)
        self.point_number.edited.connect(self._point_number_edited)
        self.point_text.edited.connect(self._point_text_edited)
        for widget in (self.number, self.title, self.point_number, self.point_text):
            widget.installEventFilter(self)
        if self.items:
            self.point_list.setCurrentRow(0)
        self._update_ok()
        self._size_to_screen()

    # ------------------------------------------------------------------ building

    def _summary(self) -> str:
        reading = self.reading
        count = len(reading.points)
        points = f"{count} Beschlusspunkt{'e' if count != 1 else ''}"
        source = reading.kind.label
        if reading.page_count:
            source += f", {reading.page_count} Seite{'n' if reading.page_count != 1 else ''}"
        return (
            f"Aus „{reading.name}“ ({source}) gelesen: Nummer, Titel und {points}. Bitte "
            "vergleichen Sie jeden Wert mit dem Original rechts; Sie können alles ändern."
        )

    def _build_choices(self, layout: QVBoxLayout) -> None:
        self.replace_button = QRadioButton("Vorhandene Beschlusspunkte &ersetzen")
        self.append_button = QRadioButton("An vorhandene Beschlusspunkte an&hängen")
        self.number_and_title = QCheckBox("&Auch Nummer und Titel übernehmen")
        self.mismatch = QLabel()
        self.mismatch.setObjectName("warnung")
        self.mismatch.setWordWrap(True)
        group = QButtonGroup(self)
        group.addButton(self.replace_button)
        group.addButton(self.append_button)
        self.replace_button.setChecked(True)
        self.choices = QGroupBox("Übernahme in die geöffnete Stellungnahme")
        box = QVBoxLayout(self.choices)
        box.addWidget(self.replace_button)
        box.addWidget(self.append_button)
        box.addWidget(self.number_and_title)
        box.addWidget(self.mismatch)
        layout.addWidget(self.choices)
        draft = self.draft
        self.choices.setVisible(draft is not None)
        if draft is None:
            self.number_and_title.setChecked(True)
            return
        existing = len(draft.resolution_points)
        self.replace_button.setVisible(existing > 0)
        self.append_button.setVisible(existing > 0)
        if existing:
            self.replace_button.setText(
                f"Die {existing} vorhandenen Beschlusspunkte &ersetzen"
                if existing != 1
                else "Den vorhandenen Beschlusspunkt &ersetzen"
            )
        differs = number_differs(draft, self.reading)
        self.number_and_title.setChecked(not differs)
        self.mismatch.setText(
            f"Achtung: Die Stellungnahme gehört zur Drucksache {draft.document_number.strip()}, "
            f"der Antrag ist die Drucksache {self.reading.number}."
        )
        describe(self.mismatch, self.mismatch.text())
        self.mismatch.setVisible(differs)
        self.number_and_title.toggled.connect(self._update_ok)

    def _build_buttons(self, layout: QVBoxLayout) -> None:
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        new_draft = self.draft is None
        self.ok_button.setText("&Stellungnahme anlegen" if new_draft else "&Übernehmen")
        describe(
            self.ok_button,
            "Neue Stellungnahme mit diesen Angaben anlegen" if new_draft else "Übernehmen",
        )
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Abbrechen")
        describe(cancel, "Abbrechen, nichts übernehmen")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _size_to_screen(self) -> None:
        metrics = self.fontMetrics()
        width, height = metrics.averageCharWidth() * 160, metrics.height() * 40
        screen = self.screen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, available.width() * 9 // 10)
            height = min(height, available.height() * 9 // 10)
        self.resize(width, height)

    # ------------------------------------------------------------------ the current value

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            if watched is self.number:
                self.source.show_origin(self.reading.number_origin, "Nummer")
            elif watched is self.title:
                self.source.show_origin(self.reading.title_origin, "Titel")
            elif watched in (self.point_number, self.point_text):
                self._show_point(self.point_list.currentRow())
        return super().eventFilter(watched, event)

    def _current(self) -> _Item | None:
        row = self.point_list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _show_point(self, row: int) -> None:
        if not 0 <= row < len(self.items):
            return
        item = self.items[row]
        if self.point_number.text() != item.point.number:
            self.point_number.set_text(item.point.number)
        if self.point_text.text() != item.point.text:
            self.point_text.set_text(item.point.text)
        name = item.point.number or f"{row + 1}."
        self.source.show_origin(item.origin, f"Beschlusspunkt {name}")

    def _relabel(self) -> None:
        row = self.point_list.currentRow()
        item = self._current()
        if item is not None:
            self.point_list.item(row).setText(point_label(row, item.point))

    def _point_number_edited(self, text: str) -> None:
        item = self._current()
        if item is not None:
            item.point.number = text
            self._relabel()

    def _point_text_edited(self, text: str) -> None:
        item = self._current()
        if item is not None:
            item.point.text = text
            self._relabel()

    def _ticked(self, row_item: QListWidgetItem) -> None:
        row = self.point_list.row(row_item)
        if 0 <= row < len(self.items):
            self.items[row].taken = row_item.checkState() == Qt.CheckState.Checked
        self._update_ok()

    def _update_ok(self) -> None:
        something = any(item.taken for item in self.items)
        if self.draft is not None:
            something = something or self.number_and_title.isChecked()
        self.ok_button.setEnabled(something)

    # ------------------------------------------------------------------ result

    def take_over(self) -> MotionTakeOver:
        """What the clerk confirmed (call after ``accept``)."""
        return MotionTakeOver(
            number=self.number.text().strip(),
            title=" ".join(self.title.text().split()),
            points=[
                ResolutionPoint(item.point.number.strip(), item.point.text.strip())
                for item in self.items
                if item.taken
            ],
            replace_points=not (self.draft and self.draft.resolution_points)
            or self.replace_button.isChecked(),
            number_and_title=self.number_and_title.isChecked(),
            source_name=self.reading.name,
        )


class PasteMotionDialog(QDialog):
    """The text of a motion, pasted (its PDF was a scan); read like a file afterwards."""

    def __init__(self, source_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("antragstext_einfuegen")
        self.setWindowTitle("Antragstext einfügen")
        describe(self, "Antragstext einfügen")
        explanation = hint_label(
            f"„{source_name}“ enthält nur Bilder der Seiten. Kopieren Sie den Text des Antrags "
            "(mindestens die Beschlusspunkte) aus einer anderen Fassung, etwa der Word-Datei "
            "oder dem Ratsinformationssystem, und fügen Sie ihn hier ein (Strg+V). Das "
            "Programm teilt ihn an den Nummern in Beschlusspunkte."
        )
        self.text = PlainTextField("Text des Antrags", visible_lines=14)
        label = QLabel("&Text des Antrags:")
        label.setBuddy(self.text)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Teilen und &prüfen")
        describe(self.ok_button, "Text in Beschlusspunkte teilen und prüfen")
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Abbrechen")
        describe(cancel, "Abbrechen")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.text.edited.connect(lambda text: self.ok_button.setEnabled(bool(text.strip())))
        self.ok_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(label)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 90, self.fontMetrics().height() * 26)
