"""The flow layout: side by side while there is room, further rows when narrow."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from stellungnahme_app.ui.flow_layout import FlowLayout, flow_row


def _row_of_buttons(qtbot: QtBot) -> tuple[QWidget, list[QPushButton]]:
    page = QWidget()
    qtbot.addWidget(page)
    buttons = [QPushButton(text) for text in ("Word-Dokument …", "PDF …", "Entwurf …")]
    layout = flow_row(*buttons)
    page.setLayout(layout)
    return page, buttons


def _rows(buttons: list[QPushButton]) -> list[list[str]]:
    rows: dict[int, list[str]] = {}
    for button in sorted(buttons, key=lambda b: (b.y(), b.x())):
        rows.setdefault(button.y(), []).append(button.text())
    return list(rows.values())


def test_buttons_stand_side_by_side_while_they_fit(qtbot: QtBot) -> None:
    page, buttons = _row_of_buttons(qtbot)
    page.resize(page.sizeHint().width() + 50, page.sizeHint().height())
    page.show()
    QApplication.processEvents()
    assert _rows(buttons) == [["Word-Dokument …", "PDF …", "Entwurf …"]]
    assert buttons[0].x() < buttons[1].x() < buttons[2].x()


def test_buttons_wrap_when_narrow_and_never_need_more_than_the_widest(qtbot: QtBot) -> None:
    page, buttons = _row_of_buttons(qtbot)
    layout = page.layout()
    assert isinstance(layout, FlowLayout)
    widest = max(b.sizeHint().width() for b in buttons)
    assert layout.minimumSize().width() == widest
    one_row = layout.heightForWidth(page.sizeHint().width())
    width = buttons[0].sizeHint().width() + buttons[1].sizeHint().width() + 20
    assert layout.heightForWidth(width) > one_row
    assert layout.heightForWidth(widest) > layout.heightForWidth(width)
    page.resize(width, layout.heightForWidth(width))
    page.show()
    QApplication.processEvents()
    assert _rows(buttons) == [["Word-Dokument …", "PDF …"], ["Entwurf …"]]
    for button in buttons:
        assert page.rect().contains(button.geometry()), f"{button.text()} ragt hinaus"
        assert button.width() >= button.minimumSizeHint().width()


def test_hidden_widgets_take_no_room(qtbot: QtBot) -> None:
    page, buttons = _row_of_buttons(qtbot)
    buttons[1].hide()
    page.show()
    QApplication.processEvents()
    assert _rows([buttons[0], buttons[2]]) == [["Word-Dokument …", "Entwurf …"]]


def test_the_stretching_widget_takes_the_spare_room_of_its_row(qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    label, combo, add = QLabel("Amt aus dem Katalog:"), QComboBox(), QPushButton("Hinzufügen")
    combo.setMinimumContentsLength(20)
    page.setLayout(flow_row(label, combo, add, stretch_of=combo))
    page.resize(page.sizeHint().width() + 200, page.sizeHint().height())
    page.show()
    QApplication.processEvents()
    assert combo.width() >= combo.sizeHint().width() + 190
    assert add.geometry().right() == page.rect().right()
    assert label.y() <= combo.y() + combo.height() // 2 <= label.y() + label.height()

    narrow = label.sizeHint().width() + combo.sizeHint().width() + 30
    page.resize(narrow, page.layout().heightForWidth(narrow))
    QApplication.processEvents()
    assert add.y() > combo.y(), "der Knopf rückt in die nächste Zeile"
    assert combo.geometry().right() == page.rect().right(), "das Feld füllt seine Zeile"
