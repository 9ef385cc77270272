"""The help: German pages for every step and dialog, bundled and offline, opened with F1.

The pages are Markdown files in ``resources/help/`` (an administrator can read and adapt
them). :func:`topic_for` tells which page belongs to what the clerk is looking at – the
current step of the editor, the overview, or the dialog in front – and
:class:`HelpKeyFilter` opens it on F1 from anywhere in the window, dialogs included.
The page of shortcuts lists the window's real actions with their keys, so it can never
disagree with the menus.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from stellungnahme_app import paths
from stellungnahme_app.form_steps import STEPS, StepKey

HELP_FOLDER_NAME = "help"
MANUAL = "handbuch"
SHORTCUTS = "tastenkuerzel"
OVERVIEW = "uebersicht"
SHORTCUTS_MARKER = "<!-- Die Tastenkürzel der Menüs setzt das Programm hier ein. -->"

#: The page of each step of the editor.
STEP_TOPICS: dict[StepKey, str] = {
    StepKey.DRUCKSACHE: "schritt-1-drucksache",
    StepKey.PRUEFUNG: "schritt-2-pruefung",
    StepKey.BESCHLUSSPUNKTE: "schritt-3-beschlusspunkte",
    StepKey.AEMTER: "schritt-4-aemter",
    StepKey.FAZIT: "schritt-5-fazit",
    StepKey.AENDERUNGEN_ANLAGEN: "schritt-6-aenderungen-und-anlagen",
    StepKey.UNTERZEICHNUNG: "schritt-7-unterzeichnung",
    StepKey.EXPORT: "schritt-8-pruefen-und-exportieren",
}

#: The page of each dialog, by the dialog's object name.
DIALOG_TOPICS: dict[str, str] = {
    "papierkorb": "papierkorb",
    "versionen": "versionen",
    "datensicherungen": "datensicherungen",
    "einstellungen": "einstellungen",
    "konfliktdialog": "konflikt",
    "beitrag_importieren": "beitrag-importieren",
    "antrag_uebernehmen": "antrag-uebernehmen",
    "antragstext_einfuegen": "antrag-uebernehmen",
    "hilfe": MANUAL,
}


def help_folder() -> Path:
    return paths.resources_dir() / HELP_FOLDER_NAME


def page_path(topic: str) -> Path:
    return help_folder() / f"{topic}.md"


def page_url(topic: str) -> QUrl:
    return QUrl.fromLocalFile(str(page_path(topic)))


def step_topic(index: int) -> str:
    return STEP_TOPICS[STEPS[index].key]


def topic_for(window: QWidget | None) -> str:
    """The page for what is in front: a dialog's page, the editor's step, else the overview."""
    current = window
    while current is not None:
        topic = DIALOG_TOPICS.get(current.objectName())
        if topic is not None:
            return topic
        describe = getattr(current, "help_topic", None)
        if callable(describe):
            return str(describe())
        current = current.parentWidget()
    return OVERVIEW


ShortcutRows = Callable[[], list[tuple[str, str]]]


class HelpBrowser(QTextBrowser):
    """Shows the Markdown pages; the shortcut page gets the window's actions filled in."""

    def __init__(self, shortcut_rows: ShortcutRows, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shortcut_rows = shortcut_rows
        self.setOpenExternalLinks(False)
        self.setOpenLinks(True)

    def loadResource(self, kind: int, name: QUrl) -> object:
        path = Path(name.toLocalFile())
        if name.isLocalFile() and path.suffix == ".md" and path.parent == help_folder():
            try:
                text = path.read_text(encoding="utf-8")
            except OSError:
                text = "# Seite nicht gefunden\n\nDiese Hilfeseite fehlt – bitte neu installieren."
            if path.stem == SHORTCUTS:
                text = text.replace(SHORTCUTS_MARKER, _shortcut_table(self._shortcut_rows()))
            return text
        if name.scheme() not in ("", "file"):
            return None  # the help never loads anything from outside
        return super().loadResource(kind, name)


def _shortcut_table(rows: list[tuple[str, str]]) -> str:
    lines = ["", "## In den Menüs", "", "| Taste | Wirkung |", "|---|---|"]
    lines += [f"| {keys} | {what} |" for what, keys in rows]
    return "\n".join(lines) + "\n"


class HelpWindow(QDialog):
    """A window beside the program (not modal) with Zurück, Vor and Inhalt."""

    def __init__(self, shortcut_rows: ShortcutRows, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hilfe")
        self.setWindowTitle("Hilfe – Stellungnahme")
        self.setAccessibleName("Hilfe")
        self.setModal(False)
        self.browser = HelpBrowser(shortcut_rows)
        self.browser.setObjectName("hilfetext")
        self.browser.setAccessibleName("Hilfetext")
        self.back_button = QPushButton("&Zurück")
        self.back_button.setAccessibleDescription("Zur vorigen Hilfeseite")
        self.back_button.clicked.connect(self.browser.backward)
        self.forward_button = QPushButton("&Vor")
        self.forward_button.setAccessibleDescription("Zur nächsten Hilfeseite")
        self.forward_button.clicked.connect(self.browser.forward)
        self.contents_button = QPushButton("&Inhalt")
        self.contents_button.setAccessibleDescription("Zum Handbuch mit allen Hilfeseiten")
        self.contents_button.clicked.connect(lambda: self.show_topic(MANUAL))
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)
        navigation = QHBoxLayout()
        for button in (self.back_button, self.forward_button, self.contents_button):
            navigation.addWidget(button)
        navigation.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(navigation)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 90, metrics.height() * 36)

    def show_topic(self, topic: str) -> None:
        self.browser.setSource(page_url(topic), QTextDocument.ResourceType.MarkdownResource)
        self.setWindowTitle(f"Hilfe – {self.page_title()} – Stellungnahme")

    def topic(self) -> str:
        return Path(self.browser.source().toLocalFile()).stem

    def page_title(self) -> str:
        return self.browser.documentTitle() or self.browser.document().firstBlock().text()


class HelpKeyFilter(QObject):
    """F1 anywhere in ``window`` (or one of its dialogs) opens the matching help page."""

    def __init__(self, window: QMainWindow, open_topic: Callable[[str], None]) -> None:
        super().__init__(window)
        self._window = window
        self._open_topic = open_topic

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() != Qt.Key.Key_F1 or event.modifiers() != Qt.KeyboardModifier.NoModifier:
            return False
        front = _front_window()
        if front is None or not _belongs_to(front, self._window):
            return False
        self._open_topic(topic_for(_focus_in(front)))
        return True


def _front_window() -> QWidget | None:
    return QApplication.activeModalWidget() or QApplication.activeWindow()


def _focus_in(front: QWidget) -> QWidget:
    """The widget with the keyboard focus if it lies in ``front``, else ``front`` itself."""
    focus = QApplication.focusWidget()
    return focus if focus is not None and focus.window() is front else front


def _belongs_to(widget: QWidget, window: QWidget) -> bool:
    current: QWidget | None = widget
    while current is not None:
        if current is window:
            return True
        current = current.parentWidget()
    return False


class WindowHelp(QObject):
    """The help of one main window: F1 anywhere in it, the Hilfe menu, one help window."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.help_window: HelpWindow | None = None
        QApplication.instance().installEventFilter(HelpKeyFilter(window, self.show))

    def show_context(self) -> None:
        """The page for what has the focus (a dialog, a step, the overview)."""
        front = _front_window() or self._window
        self.show(topic_for(_focus_in(front)))

    def show(self, topic: str) -> None:
        """Open the help window (one per window, beside it) at ``topic``."""
        if self.help_window is None:
            self.help_window = HelpWindow(self.shortcut_rows, self._window)
        self.help_window.show_topic(topic)
        self.help_window.show()
        self.help_window.raise_()
        self.help_window.activateWindow()

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(what, keys) of every action of the window that has a key."""
        rows = []
        for action in self._window.actions():
            text, _tab, shown_key = action.text().partition("\t")
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) or shown_key
            if keys:
                rows.append((text.replace("&", ""), keys))
        return rows
