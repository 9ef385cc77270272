"""Fixtures for the Qt tests (pytest-qt, offscreen), shared by ``tests/ui`` and ``tests/end2end``.

Loaded for every test as a plugin (``tests/conftest.py``); the folders of Qt tests switch on
:func:`german_application` for each of their tests: the application configured as the real
one (German translations and locale), the clipboard emptied after it, and an error message
left on screen at the end of a test fails it – a test that expects an error reads and closes
it with ``error_messages()``.
Screenshots go to ``$STELLUNGNAHME_SCREENSHOTS`` when set (to look at them), else to a
temporary folder.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QAccessible, QDragEnterEvent, QDropEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)

from stellungnahme_app.model import Draft
from stellungnahme_app.settings import Settings, load_settings
from stellungnahme_app.store import ConflictError, Store
from stellungnahme_app.ui.app import configure_application, start_main_window
from stellungnahme_app.ui.background import running_jobs
from stellungnahme_app.ui.backup_dialog import BackupDialog
from stellungnahme_app.ui.conflict_dialog import ConflictDialog
from stellungnahme_app.ui.error_reporting import visible_error_boxes
from stellungnahme_app.ui.help_window import HelpWindow
from stellungnahme_app.ui.history_dialog import HistoryDialog
from stellungnahme_app.ui.main_window import MainWindow
from stellungnahme_app.ui.settings_dialog import SettingsDialog
from stellungnahme_app.ui.trash_dialog import TrashDialog
from stellungnahme_app.workspace import Workspace, load_textbausteine_reporting

SCREENSHOT_VARIABLE = "STELLUNGNAHME_SCREENSHOTS"
#: An offscreen screen of 2560×1440 pixels: 1280×720 at 200 %, a laptop at its usual scaling.
SCREEN_FOR_200_PERCENT = {
    "screens": [
        {
            "name": "Bildschirm",
            "x": 0,
            "y": 0,
            "width": 2560,
            "height": 1440,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": 1,
        }
    ]
}
#: An offscreen Full-HD screen (1920×1080 pixels): 1280×720 at 150 %.
SCREEN_FOR_150_PERCENT = {
    "screens": [{**SCREEN_FOR_200_PERCENT["screens"][0], "width": 1920, "height": 1080}]
}


@pytest.fixture
def german_application(qapp: QApplication) -> Iterator[QApplication]:
    """The QApplication set up like the real program; fails on error messages left open.

    Empties the clipboard at the end: a QMimeData made in Python and still on it when the
    test process ends crashes the process (segmentation fault) after the last test.
    """
    configure_application(qapp)
    yield qapp
    qapp.clipboard().clear()
    leftover = [f"{box.text()} {box.informativeText()}" for box in visible_error_boxes()]
    for box in visible_error_boxes():
        box.close()
    assert leftover == [], f"Unerwartete Fehlermeldung angezeigt: {leftover}"


@pytest.fixture
def error_messages(qapp: QApplication) -> Callable[[], list[str]]:
    """Call to get the texts of the error messages on screen (and close them)."""

    def take() -> list[str]:
        boxes = visible_error_boxes()
        texts = [f"{box.text()}\n{box.informativeText()}".strip() for box in boxes]
        for box in boxes:
            box.close()
        return texts

    return take


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    configured = os.environ.get(SCREENSHOT_VARIABLE)
    folder = Path(configured) if configured else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def save_screenshot(qapp: QApplication, screenshot_dir: Path) -> Callable[[QWidget, str], Path]:
    """Call with a widget and a file stem; the widget is painted to ``<stem>.png``."""

    def save(widget: QWidget, name: str) -> Path:
        qapp.processEvents()
        target = screenshot_dir / f"{name}.png"
        assert widget.grab().save(str(target)), f"Bildschirmfoto {target} nicht gespeichert"
        return target

    return save


def _scaled_runner(
    tmp_path: Path, factor: str, screen: dict[str, Any]
) -> Callable[..., dict[str, Any]]:
    """A runner of check scripts in a process of their own at ``QT_SCALE_FACTOR=factor``."""
    config = tmp_path / f"bildschirm-{factor}.json"
    config.write_text(json.dumps(screen), encoding="utf-8")

    def run(script: Path, *arguments: str) -> dict[str, Any]:
        environment = dict(os.environ)
        environment["QT_SCALE_FACTOR"] = factor
        environment["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
        result = subprocess.run(
            [sys.executable, str(script), *arguments],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=environment,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        found: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
        return found

    return run


@pytest.fixture
def run_at_200_percent(tmp_path: Path) -> Callable[..., dict[str, Any]]:
    """Call with a check script and its arguments: the JSON it printed last.

    Qt reads ``QT_SCALE_FACTOR`` once, when the application starts, so the script runs in a
    process of its own with ``QT_SCALE_FACTOR=2`` on :data:`SCREEN_FOR_200_PERCENT`.
    """
    return _scaled_runner(tmp_path, "2", SCREEN_FOR_200_PERCENT)


@pytest.fixture
def run_at_150_percent(tmp_path: Path) -> Callable[..., dict[str, Any]]:
    """Like :func:`run_at_200_percent` at 150 % (:data:`SCREEN_FOR_150_PERCENT`), the usual
    scaling of a 24-inch Full-HD screen on a Windows desk."""
    return _scaled_runner(tmp_path, "1.5", SCREEN_FOR_150_PERCENT)


@pytest.fixture
def store() -> Iterator[Store]:
    """A real store in the test's own data folder."""
    opened = Store.open()
    yield opened
    opened.close()


@pytest.fixture
def app_settings() -> Settings:
    """The settings as the program loads them (bundled catalogue, no administrator file)."""
    return load_settings().settings


def send_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` key by key, umlauts and „typographic“ marks included.

    ``qtbot.keyClicks`` only knows ASCII (Qt aborts on „ü“); this sends each character as a
    key event carrying that text, and a newline as the Return key.
    """
    for char in text:
        if char == "\n":
            key, char_text = Qt.Key.Key_Return, "\r"
        elif char == "\t":
            key, char_text = Qt.Key.Key_Tab, "\t"
        else:
            key, char_text = Qt.Key.Key_unknown, char
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char_text)
            QApplication.sendEvent(widget, event)


@pytest.fixture
def type_text() -> Callable[[QWidget, str], None]:
    """:func:`send_text` as a fixture: ``type_text(widget, "Prüfung: ja")``."""
    return send_text


@pytest.fixture
def workspace(store: Store, app_settings: Settings) -> Workspace:
    """The application layer on the test's store, with the bundled Textbausteine."""
    textbausteine, problems = load_textbausteine_reporting(app_settings)
    assert problems == []
    return Workspace(store, app_settings, textbausteine)


@pytest.fixture
def open_main_window(qtbot: Any, app_settings: Settings) -> Callable[[Store], MainWindow]:
    """Call with a store: a shown, active main window (closed at the end of the test)."""

    textbausteine, problems = load_textbausteine_reporting(app_settings)
    assert problems == []

    def open_window(store: Store) -> MainWindow:
        window = MainWindow(Workspace(store, app_settings, textbausteine))
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        assert QTest.qWaitForWindowActive(window, 5000), "Fenster wurde nicht aktiv"
        return window

    return open_window


@pytest.fixture
def start_window(qtbot: Any) -> Iterator[Callable[[], MainWindow]]:
    """Call to start the main window as the program does (its own store, the example draft on
    first start, the work after the first paint); window and store are closed at the end."""
    started: list[MainWindow] = []

    def start() -> MainWindow:
        window = start_main_window()
        assert window is not None
        qtbot.addWidget(window)
        started.append(window)
        return window

    yield start
    for window in started:
        window.close()
    # Housekeeping the window started after its first paint must not run into the next test.
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=30_000)
    for window in started:
        window.workspace.close()


@pytest.fixture
def reference_id(store: Store, reference_draft: Draft) -> int:
    """The reference draft, stored: its id."""
    return store.create(reference_draft).id


@pytest.fixture
def reference_window(
    store: Store, reference_id: int, open_main_window: Callable[[Store], MainWindow]
) -> MainWindow:
    """A shown, active main window with the stored reference draft open in the editor."""
    window = open_main_window(store)
    assert window.open_draft(reference_id)
    return window


@pytest.fixture
def shell_dialogs(qtbot: Any) -> Callable[[MainWindow, int], dict[str, QWidget]]:
    """Call with a window and a draft id: every dialog of the shell (not shown yet), made for
    that draft, by the name of its screenshot; closed at the end of the test."""

    def make(window: MainWindow, draft_id: int) -> dict[str, QWidget]:
        workspace = window.workspace
        current = Store.open(workspace.database_path)  # what a second window would hold
        try:
            conflict = ConflictError(current.load(draft_id))
        finally:
            current.close()
        dialogs: dict[str, QWidget] = {
            "datensicherungen": BackupDialog(workspace, window),
            "papierkorb": TrashDialog(workspace, window),
            "versionen": HistoryDialog(workspace, draft_id, window),
            "einstellungen": SettingsDialog(workspace.settings, window),
            "konflikt": ConflictDialog(conflict, window),
            "hilfe": HelpWindow(window.help.shortcut_rows, window),
        }
        dialogs["hilfe"].show_topic("handbuch")  # type: ignore[attr-defined]
        for dialog in dialogs.values():
            qtbot.addWidget(dialog)
        return dialogs

    return make


@pytest.fixture
def edit_field(qtbot: Any) -> Callable[[MainWindow, str, str], QWidget]:
    """Call with a window, a field path and text: the editor jumps to the field, the text is
    typed over its content (key by key, any characters); returns the field's widget."""

    def edit(window: MainWindow, field_path: str, text: str) -> QWidget:
        assert window.editor is not None
        window.editor.jump_to(field_path)
        QApplication.processEvents()
        widget = window.focusWidget()
        assert widget is not None, f"Kein Eingabefeld für {field_path}"
        qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        send_text(widget, text)
        return widget

    return edit


def drop_on(window: QWidget, files: list[Path]) -> QDropEvent:
    """Drag ``files`` onto ``window`` and drop them there, as from the file manager.

    Checks that the window accepts the drag exactly when a ``.json``, ``.pdf`` or ``.docx``
    file is among them; returns the drop event (accepted or not).
    """
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    with warnings.catch_warnings():
        # PySide6 offers only the QPoint constructor and marks it deprecated.
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(
            QPoint(20, 20),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    QApplication.sendEvent(window, enter)
    takes = bool([f for f in files if f.suffix in (".json", ".pdf", ".docx")])
    assert enter.isAccepted() == takes, "nur .json-, .pdf- und .docx-Dateien werden angenommen"
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, drop)
    return drop


@pytest.fixture
def drop_files() -> Callable[[QWidget, list[Path]], QDropEvent]:
    """:func:`drop_on` as a fixture: ``drop_files(window, [path])``."""
    return drop_on


CONTROL_TYPES = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces (explicit, else from a buddy label or the text)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    name = interface.text(QAccessible.Text.Name) if interface is not None else ""
    return (name or widget.accessibleName()).replace("&", "").strip()


def _is_internal(widget: QWidget) -> bool:
    """Parts of a composite control that assistive technology reaches through their owner."""
    parent = widget.parentWidget()
    if isinstance(widget, QScrollBar):
        return True
    if isinstance(widget, QHeaderView) and isinstance(parent, QAbstractItemView):
        return True  # announced as the table's column headers
    if isinstance(widget, QLineEdit) and isinstance(parent, (QComboBox, QAbstractSpinBox)):
        return True
    # The corner button of a table view and the scroll buttons of tab bars have no own name.
    return widget.objectName().startswith("qt_")


def nameless_controls(root: QWidget) -> list[str]:
    """Every visible control under ``root`` (itself included) without an accessible name."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root.window()) and widget is not root.window():
            continue
        interactive = isinstance(widget, CONTROL_TYPES) or (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        )
        if not interactive or _is_internal(widget):
            continue
        if not accessible_name(widget):
            path = []
            current: QWidget | None = widget
            while current is not None:
                path.append(current.objectName() or type(current).__name__)
                current = current.parentWidget()
            found.append(" < ".join(path))
    return found


@pytest.fixture
def find_nameless_controls() -> Callable[[QWidget], list[str]]:
    """:func:`nameless_controls` as a fixture, for the accessibility walker tests."""
    return nameless_controls


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def mnemonic_conflicts(root: QWidget) -> dict[str, list[str]]:
    """Alt+letter accelerators used twice among the visible controls (and the menu bar)."""
    used: dict[str, list[str]] = defaultdict(list)
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            letter = _mnemonic(action.text())
            if letter:
                used[letter].append(f"Menü {action.text()}")
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        text = ""
        labelled = isinstance(widget, QLabel) and widget.buddy() is not None
        if isinstance(widget, QAbstractButton) or labelled:
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        letter = _mnemonic(text)
        if letter:
            used[letter].append(text)
    return {letter: texts for letter, texts in used.items() if len(texts) > 1}


@pytest.fixture
def find_mnemonic_conflicts() -> Callable[[QWidget], dict[str, list[str]]]:
    """:func:`mnemonic_conflicts` as a fixture."""
    return mnemonic_conflicts
