"""The page-true preview: the pages as they print, drawn in the background, zoom, page count."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from stellungnahme_app.export import office_converter
from stellungnahme_app.export.libreoffice import find_soffice
from stellungnahme_app.model import Draft
from stellungnahme_app.ui.page_preview import PagePreview, page_true_preview_possible


@pytest.fixture
def warm_office(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("STELLUNGNAHME_WARM_OFFICE")
    soffice = find_soffice()
    if soffice is None or office_converter.office_python(soffice) is None:
        pytest.skip("LibreOffice mit eigenem Python (uno) ist nicht installiert")
    yield
    office_converter.stop_session()


def test_the_pages_are_drawn_with_count_zoom_and_the_page_in_view(
    qtbot: QtBot, warm_office: None, reference_draft: Draft
) -> None:
    preview = PagePreview()
    qtbot.addWidget(preview)
    preview.resize(700, 900)
    preview.show()
    with qtbot.waitSignal(preview.pages_shown, timeout=90_000) as shown:
        preview.show_draft(reference_draft)
    pages = shown.args[0]
    assert pages == preview.page_count >= 2
    assert preview.page_label.text() == f"Seite 1 von {pages}"
    first = preview._pages_layout.itemAt(0).widget()
    width = first.pixmap().width()
    assert first.pixmap().height() > width, "a portrait A4 page"
    preview.zoom_in.click()
    assert preview.zoom_label.text() == "125 %"
    qtbot.waitUntil(lambda: preview._pages_layout.itemAt(0).widget().pixmap().width() > width)
    scroll = preview.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: scroll.maximum() > 0)
    scroll.setValue(scroll.maximum())
    qtbot.waitUntil(lambda: preview.page_label.text() == f"Seite {pages} von {pages}")


def test_a_change_is_drawn_a_moment_after_the_last_one(
    qtbot: QtBot, warm_office: None, reference_draft: Draft
) -> None:
    preview = PagePreview()
    qtbot.addWidget(preview)
    short = Draft(document_number="0001/25", document_title="Kurz")
    with qtbot.waitSignal(preview.pages_shown, timeout=90_000):
        preview.show_draft(reference_draft)
    long_pages = preview.page_count
    drawn: list[int] = []
    preview.pages_shown.connect(drawn.append)
    for _typing in range(5):
        preview.show_draft(short)
    qtbot.waitUntil(lambda: drawn != [], timeout=90_000)
    qtbot.wait(800)
    assert drawn == [1] and long_pages > 1, "drawn once, for the last state"


def test_without_libreoffice_the_flowing_preview_stays(qtbot: QtBot) -> None:
    assert not page_true_preview_possible()  # the tests' default: no warm LibreOffice
    preview = PagePreview()
    qtbot.addWidget(preview)
    with qtbot.waitSignal(preview.unavailable, timeout=10_000):
        preview.show_draft(Draft())
    assert preview.page_label.text() == "Seitenvorschau nicht möglich"
