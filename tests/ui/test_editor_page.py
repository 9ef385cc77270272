"""The page of the open draft: autosave reported, conflicts asked, nothing lost or overwritten."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from stellungnahme_app import exchange, paths
from stellungnahme_app.model import Draft
from stellungnahme_app.store import Store
from stellungnahme_app.ui.background import run_in_background, running_jobs
from stellungnahme_app.ui.conflict_dialog import ConflictDialog
from stellungnahme_app.ui.error_reporting import visible_notices
from stellungnahme_app.ui.main_window import MainWindow

OpenWindow = Callable[[Store], MainWindow]
EditField = Callable[[MainWindow, str, str], QWidget]


def _change_elsewhere(draft_id: int, conclusion: str) -> None:
    """Another instance of the program (its own store handle) saves the draft."""
    with Store.open() as other:
        theirs = other.load(draft_id)
        theirs.draft.conclusion = conclusion
        other.save(theirs)


def _conflict_dialog(qtbot: QtBot) -> ConflictDialog:
    def shown() -> list[ConflictDialog]:
        return [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, ConflictDialog) and w.isVisible()
        ]

    qtbot.waitUntil(lambda: len(shown()) == 1, timeout=3000)
    return shown()[0]


def test_a_conflict_asks_and_reload_takes_the_other_state(
    qtbot: QtBot,
    store: Store,
    reference_draft: Draft,
    reference_id: int,
    reference_window: MainWindow,
    edit_field: EditField,
) -> None:
    draft_id, window = reference_id, reference_window
    _change_elsewhere(draft_id, "Fazit von nebenan")
    edit_field(window, "document_title", "Meine Fassung")
    dialog = _conflict_dialog(qtbot)
    assert "an anderer Stelle geändert" in dialog.text()
    assert window.save_label.text() == "Nicht gespeichert – Konflikt"
    assert store.load(draft_id).draft.conclusion == "Fazit von nebenan", "nicht überschrieben"
    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    assert window.editor is not None
    assert window.editor.draft().conclusion == "Fazit von nebenan"
    assert window.editor.draft().document_title == reference_draft.document_title
    edit_field(window, "document_title", "Danach weiter")
    qtbot.waitUntil(
        lambda: store.load(draft_id).draft.document_title == "Danach weiter", timeout=2000
    )
    assert store.load(draft_id).draft.conclusion == "Fazit von nebenan"


def test_a_conflict_can_keep_my_text_as_a_copy(
    qtbot: QtBot,
    store: Store,
    reference_draft: Draft,
    reference_id: int,
    reference_window: MainWindow,
    edit_field: EditField,
) -> None:
    draft_id, window = reference_id, reference_window
    _change_elsewhere(draft_id, "Fazit von nebenan")
    edit_field(window, "document_title", "Meine Fassung")
    dialog = _conflict_dialog(qtbot)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert window.session is not None
    copy_id = window.session.draft_id
    assert copy_id != draft_id
    mine = store.load(copy_id).draft
    assert mine.document_title == "Meine Fassung"
    assert mine.conclusion == reference_draft.conclusion
    theirs = store.load(draft_id).draft
    assert theirs.document_title == reference_draft.document_title
    assert theirs.conclusion == "Fazit von nebenan"
    assert "als neuer Entwurf gespeichert" in window.statusBar().currentMessage()


def test_an_unresolved_conflict_at_closing_keeps_a_copy(
    qtbot: QtBot,
    store: Store,
    reference_draft: Draft,
    reference_id: int,
    reference_window: MainWindow,
    edit_field: EditField,
) -> None:
    draft_id, window = reference_id, reference_window
    _change_elsewhere(draft_id, "Fazit von nebenan")
    edit_field(window, "document_title", "Meine Fassung")
    _conflict_dialog(qtbot)
    window.close()
    titles = sorted(store.load(row.id).draft.document_title for row in store.list_drafts())
    assert titles == sorted([reference_draft.document_title, "Meine Fassung"])


def test_a_second_window_on_the_same_draft_is_told(
    qtbot: QtBot, store: Store, reference_draft: Draft, open_main_window: OpenWindow
) -> None:
    draft_id = store.create(reference_draft).id
    first = open_main_window(store)
    first.open_draft(draft_id)
    assert not first.editor_page.elsewhere_banner.isVisible()
    second = open_main_window(store)
    second.open_draft(draft_id)
    assert second.editor_page.elsewhere_banner.isVisible()
    assert "anderen Fenster" in second.editor_page.elsewhere_banner.text()
    first.close()
    second.show_overview()
    second.open_draft(draft_id)
    assert not second.editor_page.elsewhere_banner.isVisible(), (
        "die Sperre ist mit dem Fenster frei"
    )


def test_a_failing_save_is_reported_and_closing_keeps_an_emergency_copy(
    qtbot: QtBot,
    store: Store,
    reference_window: MainWindow,
    edit_field: EditField,
    error_messages: Callable[[], list[str]],
) -> None:
    window = reference_window
    store.close()  # the database is gone from under the window
    edit_field(window, "document_title", "Nicht speicherbar")
    qtbot.waitUntil(lambda: window.save_label.text().startswith("Nicht gespeichert"), timeout=2000)
    [message] = error_messages()
    assert message.startswith("Der Entwurf konnte nicht gespeichert werden.")
    assert window.session is not None
    assert window.session.has_unsaved_changes()

    answers: list[str] = []

    def answer_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        answers.append(box.text())
        box.button(QMessageBox.StandardButton.Close).click()

    QTimer.singleShot(0, answer_close)
    window.close()
    error_messages()
    assert not window.isVisible()
    [question] = answers
    assert "konnten nicht in der Datenbank gespeichert werden" in question
    [rescued] = (paths.data_dir() / "notfallkopien").glob("*.json")
    assert exchange.read_file(rescued).document_title == "Nicht speicherbar"


def test_a_draft_purged_elsewhere_is_kept_as_a_new_draft(
    qtbot: QtBot,
    store: Store,
    reference_id: int,
    reference_window: MainWindow,
    edit_field: EditField,
) -> None:
    draft_id, window = reference_id, reference_window
    with Store.open() as other:
        other.delete(draft_id)
        assert other.purge_trash(older_than_days=None) == 1
    edit_field(window, "document_title", "Gerettet")
    qtbot.waitUntil(lambda: bool(visible_notices()), timeout=3000)
    [notice] = visible_notices()
    assert "endgültig gelöscht" in notice.text()
    notice.close()
    assert window.session is not None
    assert not window.session.suspended
    assert [store.load(row.id).draft.document_title for row in store.list_drafts()] == ["Gerettet"]
    assert window.session.draft_id == store.list_drafts()[0].id


def test_closing_while_work_runs_in_the_background_asks_first(
    qtbot: QtBot, store: Store, open_main_window: OpenWindow
) -> None:
    window = open_main_window(store)
    release = threading.Event()
    run_in_background(window, lambda: release.wait(10), busy_text="PDF wird erstellt …",
                      on_success=lambda _: None)  # fmt: skip
    questions: list[str] = []

    def answer(cancel: bool) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        questions.append(box.text())
        if cancel:
            box.button(QMessageBox.StandardButton.Cancel).click()
        else:
            next(b for b in box.buttons() if "schließen" in b.text()).click()

    QTimer.singleShot(0, lambda: answer(cancel=True))
    window.close()
    assert window.isVisible(), "Abbrechen lässt das Fenster offen"
    QTimer.singleShot(0, lambda: answer(cancel=False))
    window.close()
    assert not window.isVisible()
    assert questions == ["Im Hintergrund wird noch gearbeitet (z. B. eine PDF-Datei erstellt)."] * 2
    release.set()
    qtbot.waitUntil(lambda: running_jobs() == 0)
