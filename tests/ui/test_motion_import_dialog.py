"""The preview of a motion: what was read beside the original, editable, nothing taken unasked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fixtures.motions import corpus
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from stellungnahme_app.model import Draft, ResolutionPoint
from stellungnahme_app.motion import MotionReading, read_motion, read_motion_text
from stellungnahme_app.ui.motion_import_dialog import (
    PAGE_PIXELS,
    MotionImportDialog,
    PasteMotionDialog,
)

MOTIONS = Path(__file__).parents[1] / "fixtures" / "motions"


@pytest.fixture
def schulwege() -> MotionReading:
    return read_motion(MOTIONS / "antrag-schulwege.pdf")


@pytest.fixture
def show(qtbot: Any) -> Callable[..., MotionImportDialog]:
    def make(reading: MotionReading, draft: Draft | None = None) -> MotionImportDialog:
        dialog = MotionImportDialog(reading, draft=draft)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def test_shows_number_title_and_every_point_beside_its_page(
    show: Callable[..., MotionImportDialog], schulwege: MotionReading
) -> None:
    dialog = show(schulwege)
    assert dialog.number.text() == "0815/25"
    assert dialog.title.text() == corpus.SCHULWEGE.title
    labels = [dialog.point_list.item(i).text() for i in range(dialog.point_list.count())]
    assert [label.split(" – ")[0] for label in labels] == ["01", "02", "03", "04"]
    assert dialog.point_text.text() == corpus.SCHULWEGE.expected_points[0][1]
    assert dialog.source.caption.text() == "Beschlusspunkt 01: Seite 1 von 2 des Originals"
    pixmap = dialog.source.page_label.pixmap()
    viewport = dialog.source.page_area.viewport().width()
    assert viewport - 2 == pixmap.width() or pixmap.width() == 200  # the page fits the width
    dialog.point_list.setCurrentRow(2)
    assert dialog.source.caption.text() == "Beschlusspunkt 03: Seite 2 von 2 des Originals"
    assert dialog.point_number.text() == "03"
    assert not dialog.choices.isVisible()  # a new draft: nothing to replace


def test_the_region_of_the_point_is_marked_on_its_page(
    show: Callable[..., MotionImportDialog], schulwege: MotionReading
) -> None:
    dialog = show(schulwege)
    point = schulwege.points[0]
    region = point.origin.boxes[0].box
    image = dialog.source.page_label.pixmap().toImage()
    scale = PAGE_PIXELS / 595.3 * dialog.source.page_scale()
    left = int(region.left * scale) - 1  # inside the marked rectangle, left of the text
    top = int((841.9 - region.top) * scale) + 2
    marked = QColor(image.pixel(left, top))
    assert marked != QColor("white") and marked.blue() < marked.red()
    outside = QColor(image.pixel(5, 5))
    assert outside == QColor("white")


def test_paging_through_the_original(
    show: Callable[..., MotionImportDialog], schulwege: MotionReading
) -> None:
    dialog = show(schulwege)
    source = dialog.source
    assert not source.previous_button.isEnabled() and source.next_button.isEnabled()
    source.next_button.click()
    assert source.caption.text().endswith("Seite 2 von 2 des Originals")
    assert source.previous_button.isEnabled() and not source.next_button.isEnabled()


def test_number_and_title_show_where_they_stood(
    show: Callable[..., MotionImportDialog], schulwege: MotionReading, qtbot: Any
) -> None:
    dialog = show(schulwege)
    dialog.title.setFocus()
    qtbot.waitUntil(lambda: dialog.source.caption.text().startswith("Titel: Seite 1"))
    dialog.number.setFocus()
    qtbot.waitUntil(lambda: dialog.source.caption.text().startswith("Nummer: Seite 1"))


def test_word_files_and_oparl_records_show_the_text_they_were_read_from(
    show: Callable[..., MotionImportDialog], qtbot: Any
) -> None:
    dialog = show(read_motion(MOTIONS / "antrag-radverkehr.docx"))
    assert dialog.source.views.currentWidget() is dialog.source.text
    assert dialog.source.caption.text() == (
        "Beschlusspunkt 1) – so steht es in „antrag-radverkehr.docx“:"
    )
    assert dialog.source.text.toPlainText().startswith("1) Die Stadtverwaltung legt")
    assert not dialog.source.next_button.isVisible()

    record = show(read_motion(MOTIONS / corpus.OPARL_SCHULWEGE_FILE))
    record.number.setFocus()
    qtbot.waitUntil(lambda: "OParl-Datensatz" in record.source.caption.text())
    assert record.source.caption.text() == "Nummer: aus dem OParl-Datensatz („reference“)"
    assert record.source.text.toPlainText() == "0815/25"
    record.point_list.setFocus()
    record.point_list.setCurrentRow(1)
    assert record.source.caption.text() == "Beschlusspunkt 02: Seite 1 von 2 des Originals"


def test_edits_and_ticks_are_what_is_taken_over(
    show: Callable[..., MotionImportDialog], schulwege: MotionReading, type_text: Any, qtbot: Any
) -> None:
    dialog = show(schulwege)
    dialog.number.setText("0816/25")
    dialog.title.setText("  Sichere   Schulwege ")
    dialog.point_list.setCurrentRow(1)
    dialog.point_text.setFocus()
    qtbot.keyClick(dialog.point_text, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(dialog.point_text, " Ergänzt.")
    assert dialog.point_list.item(1).text().startswith("02 – Die Konzepte")
    dialog.point_list.item(3).setCheckState(Qt.CheckState.Unchecked)
    take_over = dialog.take_over()
    assert (take_over.number, take_over.title) == ("0816/25", "Sichere Schulwege")
    assert [p.number for p in take_over.points] == ["01", "02", "03"]
    assert take_over.points[1].text.endswith("zur Übernahme vorgeschlagen. Ergänzt.")
    assert take_over.replace_points and take_over.number_and_title
    assert take_over.source_name == "antrag-schulwege.pdf"
    for row in range(3):
        dialog.point_list.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.ok_button.isEnabled()


def test_into_an_open_draft_replace_or_append_and_a_number_that_differs(
    show: Callable[..., MotionImportDialog], schulwege: MotionReading
) -> None:
    draft = Draft(document_number="0661/24", resolution_points=[ResolutionPoint("01", "Bisher.")])
    dialog = show(schulwege, draft)
    assert dialog.choices.isVisible()
    assert dialog.replace_button.text() == "Den vorhandenen Beschlusspunkt &ersetzen"
    assert dialog.mismatch.isVisible()
    assert "Drucksache 0661/24, der Antrag ist die Drucksache 0815/25" in dialog.mismatch.text()
    assert not dialog.number_and_title.isChecked()
    dialog.append_button.setChecked(True)
    take_over = dialog.take_over()
    assert not take_over.replace_points and not take_over.number_and_title
    assert dialog.ok_button.text() == "&Übernehmen"

    empty = show(schulwege, Draft())
    assert not empty.replace_button.isVisible() and not empty.mismatch.isVisible()
    assert empty.number_and_title.isChecked()
    assert empty.take_over().replace_points


def test_notes_are_shown_when_something_was_not_found(
    show: Callable[..., MotionImportDialog], qtbot: Any
) -> None:
    dialog = show(read_motion_text("1. Eins\n2. Zwei"))
    assert dialog.notes.isVisible()
    assert "Die Nummer der Drucksache (Form 0661/24) wurde nicht gefunden" in dialog.notes.text()
    assert dialog.source.caption.text() == "Beschlusspunkt 1. – so steht es im eingefügten Text:"
    assert dialog.source.text.toPlainText() == "1. Eins"
    dialog.number.setFocus()
    qtbot.waitUntil(lambda: dialog.source.caption.text() == "Nummer: nicht gefunden")


@pytest.mark.parametrize("into_draft", [False, True])
def test_every_control_is_named_and_no_alt_letter_twice(
    show: Callable[..., MotionImportDialog],
    schulwege: MotionReading,
    find_nameless_controls: Callable[[QWidget], list[str]],
    find_mnemonic_conflicts: Callable[[QWidget], dict[str, list[str]]],
    into_draft: bool,
) -> None:
    draft = Draft(document_number="0661/24", resolution_points=[ResolutionPoint("1", "x")])
    dialog = show(schulwege, draft if into_draft else None)
    assert find_nameless_controls(dialog) == []
    assert find_mnemonic_conflicts(dialog) == {}


def test_the_paste_dialog_needs_text(
    qtbot: Any,
    type_text: Any,
    find_nameless_controls: Callable[[QWidget], list[str]],
    find_mnemonic_conflicts: Callable[[QWidget], dict[str, list[str]]],
) -> None:
    dialog = PasteMotionDialog("scan.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    assert (
        "„scan.pdf“ enthält nur Bilder der Seiten"
        in dialog.findChild(QWidget, "erlaeuterung").text()
    )
    assert not dialog.ok_button.isEnabled()
    type_text(dialog.text, "1. Eins")
    assert dialog.ok_button.isEnabled()
    assert find_nameless_controls(dialog) == []
    assert find_mnemonic_conflicts(dialog) == {}


def test_f1_help_of_the_preview_and_the_paste_dialog(
    show: Callable[..., MotionImportDialog], schulwege: MotionReading, qtbot: Any
) -> None:
    from stellungnahme_app.ui import help_window

    dialog = show(schulwege)
    paste = PasteMotionDialog("scan.pdf")
    qtbot.addWidget(paste)
    for widget in (dialog, dialog.point_text, paste):
        topic = help_window.topic_for(widget)
        assert topic == "antrag-uebernehmen"
        assert help_window.page_path(topic).read_text("utf-8").startswith("# Antrag übernehmen\n")
