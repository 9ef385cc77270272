"""The version history shows what changed, names versions, finds named ones and writes the
changes as a Word document with tracked changes – by keyboard and for screen readers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from stellungnahme_app.model import Draft
from stellungnahme_app.store import Store, VersionReason
from stellungnahme_app.ui.comparison_view import HTML_ROLE
from stellungnahme_app.ui.history_dialog import HistoryDialog
from stellungnahme_app.ui.main_window import MainWindow
from stellungnahme_app.workspace import Workspace
from tests.compare.revisions import accept_all, paragraphs, part_xml, reject_all, revision_marks

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(autouse=True)
def windows_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOGNAME", "mmueller")


def _change(workspace: Workspace, draft_id: int, edit: Callable[[Draft], None]) -> None:
    opened = workspace.open_draft(draft_id)
    edit(opened.draft)
    workspace.save(opened)


def _fourth_quarter(draft: Draft) -> None:
    point = draft.resolution_points[0]
    point.text = point.text.replace("dritten", "vierten")


@pytest.fixture
def changed_since_first(store: Store, workspace: Workspace, reference_id: int) -> int:
    """The reference draft kept as version 1, then its first point changed (not kept)."""
    store.keep_version(reference_id, VersionReason.EDIT)
    _change(workspace, reference_id, _fourth_quarter)
    return reference_id


def _dialog(qtbot: QtBot, workspace: Workspace, draft_id: int, **options: bool) -> HistoryDialog:
    dialog = HistoryDialog(workspace, draft_id, **options)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_selected_version_is_compared_with_now_struck_through_and_underlined(
    qtbot: QtBot, workspace: Workspace, changed_since_first: int
) -> None:
    dialog = _dialog(qtbot, workspace, changed_since_first)
    assert dialog.compare_with.currentText() == "dem jetzigen Stand"
    assert dialog.summary_label.text().startswith("Von Version 1 (")
    assert "bis zum jetzigen Stand: 1 Stelle in 1 Feld geändert" in dialog.summary_label.text()
    view = dialog.comparison_view
    assert view.kinds() == ["feld", "absatz"]
    assert view.spoken_texts()[0] == "Beschlusspunkt 01"
    rich = str(view.item(1).data(HTML_ROLE))
    assert "<s " in rich and ">dritten</s>" in rich
    assert "<u " in rich and ">vierten</u>" in rich
    said = view.spoken_texts()[1]
    assert said.startswith("Beschlusspunkt 01: Der Oberbürgermeister")
    assert "im gelöscht: „dritten“, eingefügt: „vierten“ Quartal 2024" in said


def test_any_two_versions_are_compared_older_to_newer(
    qtbot: QtBot, store: Store, workspace: Workspace, changed_since_first: int
) -> None:
    store.keep_version(changed_since_first, VersionReason.EDIT)  # version 2: "vierten"
    _change(workspace, changed_since_first, lambda d: setattr(d, "conclusion", "Neues Fazit."))
    dialog = _dialog(qtbot, workspace, changed_since_first)
    assert dialog.version_list.count() == 2
    assert dialog.version_list.currentItem().text().splitlines()[1] == "Version 2 · mmueller"
    assert dialog.comparison_view.spoken_texts()[0] == "Fazit"

    version_1 = dialog.compare_with.findText("Version 1", Qt.MatchFlag.MatchStartsWith)
    dialog.compare_with.setCurrentIndex(version_1)  # version 2 selected, against version 1
    assert dialog.summary_label.text().startswith("Von Version 1 (")
    assert " bis Version 2: " in dialog.summary_label.text()
    assert dialog.comparison_view.spoken_texts()[0] == "Beschlusspunkt 01"

    dialog.compare_with.setCurrentIndex(
        dialog.compare_with.findText("Version 2", Qt.MatchFlag.MatchStartsWith)
    )
    assert dialog.summary_label.text().startswith("Version 2 mit sich selbst: Keine Unterschiede")
    assert dialog.comparison_view.kinds() == ["leer"]


def test_unchanged_paragraphs_are_collapsed_and_shown_on_enter(
    qtbot: QtBot, store: Store, workspace: Workspace, reference_id: int
) -> None:
    store.keep_version(reference_id, VersionReason.EDIT)

    def last_paragraph(draft: Draft) -> None:
        contribution = draft.contributions[1]
        contribution.text = contribution.text.rstrip() + " Ein neuer Satz."

    _change(workspace, reference_id, last_paragraph)
    dialog = _dialog(qtbot, workspace, reference_id)
    view = dialog.comparison_view
    assert view.kinds() == ["feld", "unveraendert", "absatz"]
    collapsed = view.item(1)
    assert "unveränderte Absätze" in view.spoken_texts()[1]
    hidden = collapsed.data(Qt.ItemDataRole.UserRole + 11)
    view.setCurrentRow(1)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.kinds() == ["feld", *["unveraendert"] * len(hidden), "absatz"]
    assert view.spoken_texts()[1] == f"unverändert: {hidden[0]}"


def test_a_version_is_named_and_named_ones_are_found(
    qtbot: QtBot, store: Store, workspace: Workspace, changed_since_first: int
) -> None:
    store.keep_version(changed_since_first, VersionReason.EDIT)
    dialog = _dialog(qtbot, workspace, changed_since_first)
    dialog.version_list.setCurrentRow(1)  # version 1
    dialog.name_field.setFocus()
    dialog.name_field.setText("  Fassung für  den Dezernenten ")
    qtbot.keyClick(dialog.name_field, Qt.Key.Key_Return)

    named = [v for v in store.versions(changed_since_first) if v.name]
    assert [(v.number, v.name) for v in named] == [(1, "Fassung für den Dezernenten")]
    item = dialog.version_list.currentItem()
    qtbot.waitUntil(lambda: "„Fassung" in item.text())
    assert item.text().splitlines()[1] == "Version 1 · mmueller · „Fassung für den Dezernenten“"
    assert item.font().bold()
    assert item.data(Qt.ItemDataRole.AccessibleTextRole).endswith(
        ", von mmueller, Name: Fassung für den Dezernenten"
    )
    assert "Version 1 heißt jetzt" in dialog.result_label.text()

    dialog.named_only.setChecked(True)
    assert dialog.version_list.count() == 1
    assert dialog.selected_version() == named[0].id
    dialog.named_only.setChecked(False)
    assert dialog.version_list.count() == 2


def test_named_only_without_named_versions_says_how_to_name_one(
    qtbot: QtBot, workspace: Workspace, changed_since_first: int
) -> None:
    dialog = _dialog(qtbot, workspace, changed_since_first)
    dialog.named_only.setChecked(True)
    assert dialog.version_list.count() == 0
    assert "Noch keine benannten Fassungen" in dialog.comparison_view.spoken_texts()[0]
    assert not dialog.export_button.isEnabled()


def test_the_changes_are_written_as_word_tracked_changes_and_kept_as_a_version(
    qtbot: QtBot,
    store: Store,
    workspace: Workspace,
    changed_since_first: int,
    reference_draft: Draft,
    tmp_path: Path,
) -> None:
    dialog = _dialog(qtbot, workspace, changed_since_first)
    [since] = store.versions(changed_since_first)
    target = tmp_path / "Änderungen"
    dialog.write_changes(target, since)
    qtbot.waitUntil(lambda: dialog.result_label.isVisible(), timeout=20_000)
    written = tmp_path / "Änderungen.docx"
    assert f"Gespeichert: {written}" in dialog.result_label.text()
    root = part_xml(written.read_bytes())
    marks = revision_marks(root)
    assert marks and {m.get(W + "author") for m in marks} == {"mmueller"}
    new_text = "\n".join(paragraphs(accept_all(root)))
    old_text = "\n".join(paragraphs(reject_all(root)))
    assert "im vierten Quartal" in new_text and "im dritten Quartal" not in new_text
    assert "im dritten Quartal" in old_text and "im vierten Quartal" not in old_text
    newest = store.versions(changed_since_first)[0]
    assert (
        newest.what_happened == "Änderungen seit Version 1 als Word-Dokument ausgegeben (Entwurf)"
    )
    assert dialog.version_list.currentItem().data(Qt.ItemDataRole.UserRole + 1) == since.id
    assert (
        dialog.version_list.item(0)
        .text()
        .split(" · ", 1)[1]
        .startswith("Änderungen seit Version 1")
    )
    assert reference_draft.resolution_points[0].text.count("dritten") == 1


def test_the_menu_action_opens_the_history_ready_to_export(
    qtbot: QtBot, store: Store, reference_id: int, reference_window: MainWindow
) -> None:
    store.keep_version(reference_id, VersionReason.EDIT)
    window = reference_window
    assert window.action_export_changes.isEnabled()
    window.action_export_changes.trigger()
    [dialog] = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, HistoryDialog) and w.isVisible()
    ]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.export_button)
    assert dialog.export_button.isDefault()
    dialog.close()


def test_every_control_has_a_name_and_no_mnemonic_is_used_twice(
    qtbot: QtBot,
    workspace: Workspace,
    changed_since_first: int,
    find_nameless_controls: Callable[[QWidget], list[str]],
    find_mnemonic_conflicts: Callable[[QWidget], dict[str, list[str]]],
) -> None:
    dialog = _dialog(qtbot, workspace, changed_since_first)
    assert find_nameless_controls(dialog) == []
    assert find_mnemonic_conflicts(dialog) == {}


def test_enter_on_a_version_asks_before_restoring(
    qtbot: QtBot, workspace: Workspace, changed_since_first: int
) -> None:
    dialog = _dialog(qtbot, workspace, changed_since_first)
    dialog.version_list.setFocus()
    qtbot.keyClick(dialog.version_list, Qt.Key.Key_Return)
    assert dialog.confirmation.isVisible()
    assert "(Version 1)" in dialog.confirmation.text()
    dialog.confirmation.reject()


def test_an_added_attachment_is_named_once_as_new(
    qtbot: QtBot, store: Store, workspace: Workspace, reference_id: int
) -> None:
    store.keep_version(reference_id, VersionReason.EDIT)
    _change(workspace, reference_id, lambda d: d.attachments.append("Lageplan"))
    dialog = _dialog(qtbot, workspace, reference_id)
    assert dialog.comparison_view.spoken_texts()[0] == "Anlage 1 (neu)"
    assert str(dialog.comparison_view.item(0).data(HTML_ROLE)) == "<b>Anlage 1 (neu)</b>"


def test_a_name_typed_is_kept_when_another_version_is_chosen(
    qtbot: QtBot, store: Store, workspace: Workspace, changed_since_first: int
) -> None:
    store.keep_version(changed_since_first, VersionReason.EDIT)
    dialog = _dialog(qtbot, workspace, changed_since_first)
    dialog.activateWindow()
    dialog.name_field.setFocus()
    qtbot.waitUntil(dialog.name_field.hasFocus)
    dialog.name_field.setText("Stand nach dem Amt für Bildung")
    first_row = dialog.version_list.visualItemRect(dialog.version_list.item(1)).center()
    qtbot.mouseClick(dialog.version_list.viewport(), Qt.MouseButton.LeftButton, pos=first_row)
    newest = store.versions(changed_since_first)[0]
    assert newest.name == "Stand nach dem Amt für Bildung"
    assert dialog.selected_version() != newest.id
    assert dialog.name_field.text() == ""
