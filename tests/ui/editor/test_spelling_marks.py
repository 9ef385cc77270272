"""Spell-check in the editor's real widgets: wavy lines, the context menu, F7, added and
ignored words in every field, screen readers, and step 8's Hinweise."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QContextMenuEvent, QTextCharFormat
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from stellungnahme_app.model import Contribution, Draft
from stellungnahme_app.spelling.dictionary_files import SEARCH_PATH_VARIABLE
from stellungnahme_app.ui.editor import DraftEditor
from stellungnahme_app.ui.editor.spelling_marks import (
    ADD_TEXT,
    IGNORE_TEXT,
    MISSPELLING_COLOR,
    SEARCHING_TEXT,
)
from stellungnahme_app.ui.editor.step_drucksache import DrucksacheStep
from stellungnahme_app.ui.editor.step_export import ExportStep
from stellungnahme_app.ui.editor.step_fazit import FazitStep
from stellungnahme_app.ui.editor.text_field import LineField, PlainTextField

TYPO_TEXT = "Der Bericht erscheint jhrlich und wird im Stadtrat beraten."


def draft_with_typos() -> Draft:
    return Draft(
        document_title="Arbeitskreis Segregatoin",
        contributions=[Contribution(office="Jugendamt", heading="Beitrag", text=TYPO_TEXT)],
        conclusion="Der Stadtrat sollte dem Antrag jhrlich folgen.",
    )


def settled(qtbot: Any, editor: DraftEditor) -> None:
    """Wait until the background checker has answered every word asked so far."""
    session = editor.spelling_session
    qtbot.waitUntil(
        lambda: (session.check_queued() or True) and not session.pending(), timeout=30_000
    )
    QApplication.processEvents()


def underlined(field: PlainTextField) -> list[str]:
    """The words the highlighter underlines in red and wavy, read from the text layout."""
    found = []
    block = field.document().begin()
    while block.isValid():
        for layout_format in block.layout().formats():
            style = layout_format.format.underlineStyle()
            if style == QTextCharFormat.UnderlineStyle.WaveUnderline:
                start = layout_format.start
                found.append(block.text()[start : start + layout_format.length])
        block = block.next()
    return found


def open_menu_and(field: Any, position: int, act: Callable[[QMenu], None]) -> None:
    """Right-click the field at the character ``position``; ``act`` gets the open menu."""
    if isinstance(field, PlainTextField):
        cursor = field.textCursor()
        cursor.setPosition(position)
        point = field.cursorRect(cursor).center()
        target = field.viewport()
    else:
        point = QPoint(int(field._x_of(position)) + 2, field.height() // 2)
        target = field
    seen: list[QMenu] = []

    def inspect() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, inspect)
            return
        seen.append(menu)
        act(menu)

    QTimer.singleShot(0, inspect)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, target.mapToGlobal(point))
    QApplication.sendEvent(target, event)
    assert seen, "no context menu opened"


def texts_of(menu: QMenu) -> list[str]:
    return [action.text() for action in menu.actions() if not action.isSeparator()]


def choose(menu: QMenu, text: str) -> None:
    action = next(a for a in menu.actions() if a.text() == text)
    menu.close()
    action.trigger()


@pytest.fixture
def typo_editor(qtbot: Any, make_editor: Callable[..., DraftEditor]) -> DraftEditor:
    editor = make_editor(draft_with_typos())
    assert editor.spelling_session.available
    settled(qtbot, editor)
    return editor


def contribution_text(editor: DraftEditor) -> PlainTextField:
    editor.jump_to("contributions[0].text")
    field = QApplication.focusWidget()
    assert isinstance(field, PlainTextField)
    return field


def title_field(editor: DraftEditor) -> LineField:
    step = editor.steps[0]
    assert isinstance(step, DrucksacheStep)
    return step.title_field


def conclusion_field(editor: DraftEditor) -> PlainTextField:
    step = editor.steps[4]
    assert isinstance(step, FazitStep)
    return step.conclusion


def test_misspelt_words_get_a_red_wavy_line_in_multi_line_fields(
    qtbot: Any, typo_editor: DraftEditor
) -> None:
    field = contribution_text(typo_editor)
    qtbot.waitUntil(lambda: underlined(field) == ["jhrlich"])
    assert underlined(conclusion_field(typo_editor)) == ["jhrlich"]


def test_one_line_fields_draw_the_red_wavy_line_under_the_word(
    qtbot: Any, typo_editor: DraftEditor
) -> None:
    typo_editor.jump_to("document_title")
    field = title_field(typo_editor)
    qtbot.waitUntil(lambda: [w.word for w in field._marks] == ["Segregatoin"])
    image = field.grab().toImage()
    start, end = int(field._x_of(13)), int(field._x_of(24))
    before = int(field._x_of(0))
    red = QColor(MISSPELLING_COLOR)

    def reddish(x_from: int, x_to: int) -> int:
        count = 0
        for x in range(max(0, x_from), min(image.width(), x_to)):
            for y in range(image.height()):
                pixel = image.pixelColor(x, y)
                if pixel.red() > 150 and pixel.green() < 90 and pixel.blue() < 90:
                    count += 1
        return count

    assert red.red() > 150
    assert reddish(start, end) > (end - start) // 2, "the wavy line under „Segregatoin“"
    assert reddish(before, int(field._x_of(12))) == 0, "nothing under „Arbeitskreis“"


def test_correct_text_and_numbers_get_no_line(
    qtbot: Any, make_editor: Callable[..., DraftEditor]
) -> None:
    editor = make_editor(Draft(conclusion="Zur Drucksache 0661/24 (ISEK) bzw. info@erfurt.de."))
    settled(qtbot, editor)
    assert underlined(conclusion_field(editor)) == []


def test_right_click_offers_suggestions_and_replaces_the_word(
    qtbot: Any, typo_editor: DraftEditor
) -> None:
    field = contribution_text(typo_editor)
    qtbot.waitUntil(lambda: underlined(field) == ["jhrlich"])
    position = TYPO_TEXT.index("jhrlich") + 2
    offered: list[list[str]] = []

    def act(menu: QMenu) -> None:
        def when_ready() -> None:
            texts = texts_of(menu)
            if SEARCHING_TEXT in texts:
                QTimer.singleShot(20, when_ready)
                return
            offered.append(texts)
            choose(menu, "jährlich")

        when_ready()

    open_menu_and(field, position, act)
    qtbot.waitUntil(lambda: bool(offered))
    suggestions = offered[0][: offered[0].index(ADD_TEXT)]
    assert suggestions[0] == "jährlich" and len(suggestions) <= 5
    assert IGNORE_TEXT in offered[0]
    assert "Einfügen" in " ".join(offered[0]).replace("&", "")  # the usual entries stay
    assert typo_editor.draft().contributions[0].text == TYPO_TEXT.replace("jhrlich", "jährlich")
    field.undo()
    assert typo_editor.draft().contributions[0].text == TYPO_TEXT


def test_a_correct_word_gets_the_usual_menu_only(qtbot: Any, typo_editor: DraftEditor) -> None:
    field = contribution_text(typo_editor)
    offered: list[list[str]] = []

    def act(menu: QMenu) -> None:
        offered.append(texts_of(menu))
        menu.close()

    open_menu_and(field, TYPO_TEXT.index("Bericht") + 1, act)
    assert ADD_TEXT not in offered[0] and SEARCHING_TEXT not in offered[0]


def test_adding_a_word_to_the_dictionary_updates_every_field(
    qtbot: Any, typo_editor: DraftEditor, data_home: Any
) -> None:
    field = contribution_text(typo_editor)
    qtbot.waitUntil(lambda: underlined(field) == ["jhrlich"])
    open_menu_and(field, TYPO_TEXT.index("jhrlich") + 1, lambda menu: choose(menu, ADD_TEXT))
    qtbot.waitUntil(lambda: underlined(field) == [])
    assert underlined(conclusion_field(typo_editor)) == []
    assert "jhrlich" in (data_home / "eigene-woerter.txt").read_text(encoding="utf-8")


def test_ignoring_a_word_holds_for_this_draft_only(
    qtbot: Any, typo_editor: DraftEditor, make_editor: Callable[..., DraftEditor]
) -> None:
    typo_editor.jump_to("document_title")
    field = title_field(typo_editor)
    qtbot.waitUntil(lambda: bool(field._marks))
    open_menu_and(field, 15, lambda menu: choose(menu, IGNORE_TEXT))
    qtbot.waitUntil(lambda: field._marks == [])
    other = make_editor(draft_with_typos())
    settled(qtbot, other)
    qtbot.waitUntil(lambda: [w.word for w in title_field(other)._marks] == ["Segregatoin"])


def test_f7_goes_to_the_next_misspelling_and_a_suggestion_is_chosen_by_keyboard(
    qtbot: Any, typo_editor: DraftEditor
) -> None:
    typo_editor.set_current_step(0)
    typo_editor.steps[0].first_field().setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F7)
    field = title_field(typo_editor)
    assert QApplication.focusWidget() is field
    assert field.selectedText() == "Segregatoin"
    menu = field._spelling.menu
    assert menu is not None and menu.isVisible()
    qtbot.waitUntil(lambda: SEARCHING_TEXT not in texts_of(menu))
    assert menu.accessibleName() == "Rechtschreibung: „Segregatoin“ – Vorschläge"
    assert texts_of(menu)[0] == "Segregation"
    if menu.activeAction() is None:
        QTest.keyClick(menu, Qt.Key.Key_Down)
    QTest.keyClick(menu, Qt.Key.Key_Return)
    assert typo_editor.draft().document_title == "Arbeitskreis Segregation"

    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F7)  # on to the next field's word
    assert typo_editor.current_step() == 3
    text = QApplication.focusWidget()
    assert isinstance(text, PlainTextField)
    assert text.textCursor().selectedText() == "jhrlich"
    QTest.keyClick(text._spelling.menu, Qt.Key.Key_Escape)
    QTest.keyClick(text, Qt.Key.Key_F7)
    assert typo_editor.current_step() == 4  # the Fazit


def test_screen_readers_learn_of_the_misspellings(qtbot: Any, typo_editor: DraftEditor) -> None:
    field = conclusion_field(typo_editor)
    qtbot.waitUntil(lambda: "Rechtschreibfehler" in field.accessibleDescription())
    assert "ein möglicher Rechtschreibfehler: jhrlich" in field.accessibleDescription()
    assert "F7" in field.accessibleDescription()
    title = title_field(typo_editor)
    qtbot.waitUntil(lambda: "Segregatoin" in title.accessibleDescription())


def test_the_word_being_typed_is_not_marked_until_it_is_left(
    qtbot: Any, make_editor: Callable[..., DraftEditor], type_text: Callable[[Any, str], None]
) -> None:
    editor = make_editor(Draft())
    editor.jump_to("conclusion")
    field = conclusion_field(editor)
    type_text(field, "Das erscheint jhrlich")
    settled(qtbot, editor)
    QTest.qWait(100)
    assert underlined(field) == []  # the cursor is still in „jhrlich“
    type_text(field, " im Stadtrat")
    settled(qtbot, editor)
    qtbot.waitUntil(lambda: underlined(field) == ["jhrlich"])


def test_step_8_lists_the_hinweise_and_they_lead_to_the_word(
    qtbot: Any, typo_editor: DraftEditor
) -> None:
    typo_editor.show_export_step()
    step = typo_editor.export_step
    assert isinstance(step, ExportStep)

    def items() -> list[str]:
        return [step.findings.item(i).text() for i in range(step.findings.count())]

    qtbot.waitUntil(lambda: any("Rechtschreibung" in text for text in items()), timeout=30_000)
    spelling = [text for text in items() if "Rechtschreibung" in text]
    assert "Hinweis: Rechtschreibung: „Segregatoin“ – Vorschläge: Segregation" in spelling[0]
    assert any("„jhrlich“ – Vorschläge: jährlich" in text for text in spelling)
    assert step.draft_docx.isEnabled()
    row = next(i for i, text in enumerate(items()) if "„jhrlich“" in text)
    step.findings.setCurrentRow(row)
    step._finding_activated(step.findings.item(row))
    field = QApplication.focusWidget()
    assert isinstance(field, PlainTextField)
    assert field.textCursor().selectedText() == "jhrlich"
    assert field._spelling.menu is not None and field._spelling.menu.isVisible()
    field._spelling.menu.close()


def test_without_a_dictionary_nothing_is_marked(
    qtbot: Any,
    make_editor: Callable[..., DraftEditor],
    monkeypatch: pytest.MonkeyPatch,
    workspace: Any,
) -> None:
    monkeypatch.setenv(SEARCH_PATH_VARIABLE, "")
    from stellungnahme_app.workspace import load_configuration

    workspace.use_configuration(load_configuration())
    editor = make_editor(draft_with_typos())
    assert not editor.spelling_session.available
    assert underlined(conclusion_field(editor)) == []
    assert title_field(editor)._marks == []


def test_f7_right_after_opening_waits_for_the_answers_instead_of_saying_none(
    qtbot: Any, make_editor: Callable[..., DraftEditor]
) -> None:
    from stellungnahme_app.ui.error_reporting import visible_notices

    editor = make_editor(Draft(conclusion="Der Stadtrat beschließt das jhrlich."))
    assert editor.spelling_session.pending()  # nothing answered yet
    editor.next_misspelling()
    qtbot.waitUntil(
        lambda: (
            isinstance(QApplication.focusWidget(), PlainTextField)
            and QApplication.focusWidget().textCursor().selectedText() == "jhrlich"
        ),  # type: ignore[union-attr]
        timeout=30_000,
    )
    assert visible_notices() == []
    QApplication.focusWidget()._spelling.menu.close()  # type: ignore[union-attr]


def test_f7_in_a_correct_draft_says_so(qtbot: Any, make_editor: Callable[..., DraftEditor]) -> None:
    from stellungnahme_app.ui.error_reporting import visible_notices

    editor = make_editor(Draft(conclusion="Der Stadtrat beschließt das jährlich."))
    settled(qtbot, editor)
    editor.next_misspelling()
    qtbot.waitUntil(lambda: bool(visible_notices()), timeout=10_000)
    notice = visible_notices()[0]
    assert notice.text() == "Keine Rechtschreibfehler gefunden."
    notice.close()


def test_underlining_is_no_edit_of_the_draft(
    qtbot: Any, make_editor: Callable[..., DraftEditor]
) -> None:
    editor = make_editor(draft_with_typos())
    field = conclusion_field(editor)
    with qtbot.assertNotEmitted(editor.changed, wait=0):
        settled(qtbot, editor)
        qtbot.waitUntil(lambda: underlined(field) == ["jhrlich"])
        field.spelling_changed(None)  # everything underlined anew, as after „Ignorieren“
    assert not field.document().isUndoAvailable()
