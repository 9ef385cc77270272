"""The application set-up: German Qt texts and locale, refusing a database on a network share."""

from __future__ import annotations

import itertools
import json
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

from helpers.hard_kill import run_killing_itself
from PySide6.QtCore import QDate, QLocale, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from stellungnahme_app.model import Draft
from stellungnahme_app.settings import user_settings_file
from stellungnahme_app.store import Store
from stellungnahme_app.textbausteine import load_textbausteine
from stellungnahme_app.ui.app import configure_application, create_application, start_main_window
from stellungnahme_app.ui.error_reporting import install_excepthook, visible_notices
from stellungnahme_app.ui.main_window import MainWindow


def test_the_program_draws_with_fusion_on_every_system(qapp: QApplication) -> None:
    """Windows 11 would get Qt's "windows11" style, Windows 10 "windowsvista"."""
    qapp.setStyle("Windows")
    configure_application(qapp)
    assert qapp.style().name() == "fusion"
    assert QApplication.style().name() == "fusion"


def test_qt_speaks_german(qtbot: QtBot) -> None:
    app = create_application()
    assert app.applicationName() == "Stellungnahme"
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Open
        | QDialogButtonBox.StandardButton.Yes
        | QDialogButtonBox.StandardButton.No
        | QDialogButtonBox.StandardButton.Close
    )
    qtbot.addWidget(buttons)
    assert sorted(b.text().replace("&", "") for b in buttons.buttons()) == [
        "Abbrechen",
        "Ja",
        "Nein",
        "Schließen",
        "Öffnen",
    ]
    assert QLocale().toString(QDate(2024, 4, 30), QLocale.FormatType.ShortFormat) == "30.04.24"
    assert QLocale().toString(QDate(2024, 4, 30), "dd.MM.yyyy") == "30.04.2024"
    assert QLocale().name() == "de_DE"


def test_a_database_on_a_network_share_is_refused_with_an_explanation(qtbot: QtBot) -> None:
    shown: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        shown.append(f"{box.text()}\n{box.informativeText()}")
        box.close()

    QTimer.singleShot(0, read_and_close)
    window = start_main_window(Path("//server/freigabe/stellungnahme.db"))
    assert window is None
    [message] = shown
    assert message.startswith("Die Entwürfe können hier nicht gespeichert werden.")
    assert "Netzlaufwerk" in message
    assert "lokalen Laufwerk" in message


def test_an_exception_escaping_a_slot_reaches_the_user(
    qtbot: QtBot, error_messages: Callable[[], list[str]]
) -> None:
    previous = install_excepthook()
    try:
        try:
            raise RuntimeError("kaputt")
        except RuntimeError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    finally:
        sys.excepthook = previous
    [message] = error_messages()
    assert "unerwarteter Fehler" in message


def test_broken_textbausteine_are_reported_after_the_window_is_shown(
    qtbot: QtBot, tmp_path: Path, start_window: Callable[[], MainWindow]
) -> None:
    own = tmp_path / "eigene-textbausteine" / "fazit"
    own.mkdir(parents=True)
    (own / "kaputt.txt").write_text("Fazit: {% if %}", encoding="utf-8")
    user_settings_file().write_text(
        json.dumps({"textbausteine_dir": str(own.parent)}), encoding="utf-8"
    )
    window = start_window()
    assert not window.workspace.textbausteine_loaded, "erst nach dem ersten Bild gelesen"
    qtbot.waitUntil(lambda: bool(visible_notices()))
    [notice] = visible_notices()
    assert notice.text().startswith("Einige Textbausteine konnten nicht gelesen werden")
    assert "kaputt.txt" in notice.informativeText()
    notice.close()
    assert window.workspace.textbausteine, "die mitgelieferten stehen trotzdem zur Verfügung"


def test_reading_many_textbausteine_does_not_hold_up_the_window(
    qtbot: QtBot, tmp_path: Path, start_window: Callable[[], MainWindow]
) -> None:
    folder = tmp_path / "viele-textbausteine" / "fazit"
    folder.mkdir(parents=True)
    for number in range(1500):
        (folder / f"{number:04d}.txt").write_text(
            "{# Titel: Baustein " + str(number) + " #}\n"
            "Aus Sicht der Stadtverwaltung {{ nummer }} – {% if titel %}{{ titel }}{% endif %}.",
            encoding="utf-8",
        )
    user_settings_file().write_text(
        json.dumps({"textbausteine_dir": str(folder.parent)}), encoding="utf-8"
    )
    started = time.monotonic()
    items, problems = load_textbausteine(folder.parent)
    reading_takes = time.monotonic() - started
    assert problems == [] and len(items) > 1500
    assert reading_takes > 0.5, "Voraussetzung: das Lesen dauert spürbar"

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    window = start_window()
    qtbot.waitUntil(lambda: window.workspace.textbausteine_loaded, timeout=30_000)
    timer.stop()
    gaps = [later - earlier for earlier, later in itertools.pairwise(ticks)]
    assert len(window.workspace.textbausteine) == len(items)
    assert max(gaps) < min(0.5, reading_takes / 2), f"Fenster {max(gaps):.2f} s blockiert"


def test_the_window_tidies_up_after_a_killed_run(
    qtbot: QtBot, tmp_path: Path, start_window: Callable[[], MainWindow]
) -> None:
    target = tmp_path / "Stellungnahme.docx"
    run_killing_itself(
        "from stellungnahme_app.fileio import atomic_target\n"
        f"with atomic_target(Path({str(target)!r})) as temp:\n"
        "    kill_itself()\n"
    )
    [left] = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    start_window()
    qtbot.waitUntil(lambda: not left.exists(), timeout=10_000)


def test_the_daily_backup_waits_until_the_window_is_on_screen(
    qtbot: QtBot, start_window: Callable[[], MainWindow]
) -> None:
    with Store.open() as store:
        store.create(Draft(document_number="0100/25"))
        for backup in store.backups():
            backup.path.unlink()
    window = start_window()
    assert window.workspace.backups() == [], "nothing before the first paint"
    qtbot.waitUntil(lambda: len(window.workspace.backups()) == 1, timeout=20_000)
    assert visible_notices() == []


def test_damage_the_check_after_the_start_finds_is_told(
    qtbot: QtBot, start_window: Callable[[], MainWindow]
) -> None:
    with Store.open() as store:
        for index in range(40):
            store.create(Draft(document_title=f"Entwurf {index}", conclusion="Fazit " * 300))
        path = store.path
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    pages = [
        row[0]
        for row in connection.execute(
            "SELECT pageno FROM dbstat WHERE name = 'drafts_fts_data' ORDER BY pageno"
        )
    ]
    connection.close()
    with open(path, "r+b") as handle:
        for page in pages[len(pages) // 2 :]:
            handle.seek((page - 1) * 4096)
            handle.write(bytes(4096))
    window = start_window()
    assert window.overview.model.rowCount() == 40
    qtbot.waitUntil(lambda: len(visible_notices()) == 1, timeout=20_000)
    (notice,) = visible_notices()
    assert "starten Sie es neu" in notice.informativeText()
    notice.close()


def test_a_database_of_an_older_version_is_updated_behind_a_notice(
    qtbot: QtBot, start_window: Callable[[], MainWindow]
) -> None:
    import shutil

    from stellungnahme_app import paths
    from stellungnahme_app.ui.schema_update import SCHEMA_UPDATE_NOTICE
    from tests.conftest import FIXTURES

    shutil.copyfile(FIXTURES / "store_schema1.db", paths.data_dir() / "stellungnahme.db")
    seen: list[str] = []

    def look() -> None:  # runs while the update runs, the window not yet there
        for notice in QApplication.topLevelWidgets():
            if notice.isVisible() and notice.objectName() == "umstellung":
                QTest.keyClick(notice, Qt.Key.Key_Escape)  # neither Escape nor the close
                notice.close()  # button takes the notice away while the update runs
                if notice.isVisible():
                    seen.append(notice.labelText())

    QTimer.singleShot(0, look)
    window = start_window()
    assert seen == [SCHEMA_UPDATE_NOTICE]
    assert "umgestellt" in SCHEMA_UPDATE_NOTICE
    assert window.workspace.list_drafts(), "the drafts of the older version are all there"
    assert not [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w.objectName() == "umstellung"
    ]


def test_a_current_database_opens_without_the_update_notice(
    qtbot: QtBot, start_window: Callable[[], MainWindow]
) -> None:
    with Store.open() as store:
        store.create(Draft(document_number="0100/25"))
    seen: list[str] = []
    QTimer.singleShot(
        0, lambda: seen.extend(w.objectName() for w in QApplication.topLevelWidgets())
    )
    start_window()
    assert "umstellung" not in seen
