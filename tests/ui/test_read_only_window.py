"""Where nothing can be written, the window shows the drafts read-only, says why, and exports."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.protection import unwritable
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from stellungnahme_app.model import Draft
from stellungnahme_app.store import Store
from stellungnahme_app.ui.editor.step_drucksache import DrucksacheStep
from stellungnahme_app.ui.error_reporting import visible_notices
from stellungnahme_app.ui.main_window import MainWindow

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def test_a_write_protected_data_folder_gives_a_read_only_window_that_still_exports(
    qtbot: QtBot,
    data_home: Path,
    reference_draft: Draft,
    tmp_path: Path,
    start_window: Callable[[], MainWindow],
) -> None:
    with Store.open() as store:
        draft_id = store.create(reference_draft).id
    with unwritable(data_home):
        window = start_window()
        qtbot.waitUntil(lambda: bool(visible_notices()), timeout=10_000)
        notices = {box.text(): box for box in visible_notices()}
        notice = notices["Die Entwürfe können nur gelesen werden."]
        assert "schreibgeschützt" in notice.informativeText()
        for box in visible_notices():
            box.close()
        assert window.read_only_banner.isVisible()
        assert window.read_only_banner.text().startswith("Nur lesen:")
        assert not window.action_new.isEnabled() and not window.action_import.isEnabled()
        assert not window.overview.new_button.isEnabled()
        assert not window.overview.delete_button.isEnabled()
        assert window.overview.open_button.isEnabled()

        assert window.open_draft(draft_id)
        qtbot.waitUntil(window.is_editing, timeout=10_000)
        assert window.editor is not None
        step = window.editor.steps[0]
        assert isinstance(step, DrucksacheStep)
        assert isinstance(step.title_field, QLineEdit) and step.title_field.isReadOnly()
        assert step.title_field.text() == reference_draft.document_title

        target = tmp_path / "lesend.docx"
        window.editor.show_export_step()
        with qtbot.waitSignal(window.editor.export_done, timeout=20_000):
            window.editor.export_step.write(target, draft_mode=True)
        assert target.is_file()
        window.show_overview()
