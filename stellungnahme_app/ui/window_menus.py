"""The main window's actions (with their shortcuts) and its menus.

Every command of the window is a :class:`QAction` set as ``window.action_…``, so the menu,
the shortcut and the tests use the same object; :func:`install_menus` orders them into
Datei, Ansicht, Extras and Hilfe.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

if TYPE_CHECKING:
    from stellungnahme_app.ui.main_window import MainWindow


def _action(
    window: QMainWindow,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def install_actions(window: MainWindow) -> None:
    """The window's actions as attributes ``window.action_…``, each with its shortcut."""
    window.action_new = _action(window,
        "&Neue Stellungnahme", window.new_draft, QKeySequence.StandardKey.New,
        "Eine neue, leere Stellungnahme anlegen",
    )  # fmt: skip
    window.action_new_from_motion = _action(window,
        "Neu aus An&trag …", window.new_draft_from_motion, "Ctrl+Shift+N",
        "Nummer, Titel und Beschlusspunkte aus dem Antrag (PDF, Word, OParl) lesen",
    )  # fmt: skip
    window.action_import = _action(window,
        "&Importieren …", window.choose_import_files, "Ctrl+I",
        "Eine Datei im Format stellungnahme/1 als neuen Entwurf übernehmen",
    )  # fmt: skip
    window.action_export_file = _action(window,
        "Als &Austauschdatei speichern …", window.choose_export_file, "Ctrl+Shift+S",
        "Den Entwurf als Datei (stellungnahme/1) speichern, z. B. für ein anderes Amt",
    )  # fmt: skip
    window.action_export = _action(window,
        "Prüfen und e&xportieren", window.show_export_step, "Ctrl+E",
        "Zum letzten Schritt: Befunde, Vorschau und Ausgabe als Word oder PDF",
    )  # fmt: skip
    window.action_save = _action(window,
        "&Speichern", window.save_now, QKeySequence.StandardKey.Save,
        "Sofort speichern (das Programm speichert ohnehin laufend)",
    )  # fmt: skip
    window.action_history = _action(window,
        "&Versionen …", window.show_history, "Ctrl+Shift+H",
        "Frühere Fassungen des Entwurfs ansehen und zurückholen",
    )  # fmt: skip
    window.action_export_changes = _action(window,
        "Änderungen als &Word-Dokument …", window.show_changes_export, None,
        "Den Entwurf mit den Änderungen seit einer früheren Fassung als nachverfolgte "
        "Änderungen in Word ausgeben",
    )  # fmt: skip
    window.action_undo_delete = _action(window,
        "Löschen &rückgängig", window.undo_delete, QKeySequence.StandardKey.Undo,
        "Den eben gelöschten Entwurf aus dem Papierkorb zurückholen",
    )  # fmt: skip
    window.action_undo_delete.setEnabled(False)
    window.action_redo_delete = _action(window,
        "Löschen &wiederholen", window.redo_delete, QKeySequence.StandardKey.Redo,
        "Den eben zurückgeholten Entwurf wieder in den Papierkorb legen",
    )  # fmt: skip
    # Ctrl+Y as on Windows, whatever the platform's own redo key is.
    redo_keys = [QKeySequence("Ctrl+Y")]
    redo_keys += [
        k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo) if k != redo_keys[0]
    ]
    window.action_redo_delete.setShortcuts(redo_keys)
    window.action_redo_delete.setEnabled(False)
    window.action_trash = _action(
        window,
        "&Papierkorb …",
        window.show_trash,
        None,
        "Gelöschte Entwürfe ansehen und zurückholen",
    )
    window.action_quit = _action(window, "&Beenden", window.close, QKeySequence.StandardKey.Quit)
    window.action_overview = _action(
        window,
        "Zur &Übersicht",
        window.show_overview,
        "Alt+Home",
        "Die Liste aller Entwürfe zeigen",
    )
    window.action_search = _action(window,
        "&Suchen", window.focus_search, QKeySequence.StandardKey.Find,
        "In allen Entwürfen suchen",
    )  # fmt: skip
    # The editor owns Alt+Left/Alt+Right (a second binding here would make them
    # ambiguous); the menu only names them.
    window.action_previous_step = _action(
        window, "&Vorheriger Schritt\tAlt+Links", window.previous_step
    )
    window.action_next_step = _action(window, "&Nächster Schritt\tAlt+Rechts", window.next_step)
    # The editor owns F7 as well (it reaches the field with the focus first).
    window.action_next_misspelling = _action(
        window, "Nächster &Rechtschreibfehler\tF7", window.next_misspelling
    )
    window.action_settings = _action(window,
        "&Einstellungen …", window.show_settings, None,
        "Voreinstellungen, Word-Vorlage und Textbausteine wählen",
    )  # fmt: skip
    window.action_backups = _action(window,
        "Daten&sicherungen …", window.show_backups, None,
        "Sicherungen aller Entwürfe ansehen, jetzt sichern oder eine Sicherung zurückholen",
    )  # fmt: skip
    window.action_unreadable = _action(window,
        "&Unlesbare Entwürfe …", window.show_unreadable_drafts, None,
        "Beschädigte Entwürfe, die in der Übersicht fehlen, über ihre Versionen zurückholen",
    )  # fmt: skip
    window.action_data_folder = _action(window,
        "&Datenordner öffnen", window.open_data_folder, None,
        "Den Ordner mit Datenbank, Sicherungen und Protokoll öffnen",
    )  # fmt: skip
    window.action_help = _action(
        window, "&Hilfe zu dieser Seite\tF1", window.help.show_context, None,
        "Die Hilfe zum gezeigten Schritt oder Fenster öffnen",
    )  # fmt: skip
    window.action_manual = _action(
        window, "Hand&buch", lambda: window.help.show("handbuch"), None,
        "Das Handbuch mit allen Hilfeseiten öffnen",
    )  # fmt: skip
    window.action_shortcuts = _action(
        window, "&Tastenkürzel", lambda: window.help.show("tastenkuerzel"), None,
        "Alle Tastenkürzel des Programms zeigen",
    )  # fmt: skip
    window.action_about = _action(window, "Über &Stellungnahme", window.show_about)


def install_menus(window: MainWindow) -> None:
    """Datei, Ansicht, Extras, Hilfe."""
    menu_bar = window.menuBar()
    file_menu = menu_bar.addMenu("&Datei")
    file_menu.addAction(window.action_new)
    file_menu.addAction(window.action_new_from_motion)
    file_menu.addAction(window.action_import)
    file_menu.addAction(window.action_export_file)
    file_menu.addSeparator()
    file_menu.addAction(window.action_save)
    file_menu.addAction(window.action_history)
    file_menu.addAction(window.action_export_changes)
    file_menu.addAction(window.action_export)
    file_menu.addSeparator()
    file_menu.addAction(window.action_undo_delete)
    file_menu.addAction(window.action_redo_delete)
    file_menu.addAction(window.action_trash)
    file_menu.addSeparator()
    file_menu.addAction(window.action_quit)
    view_menu = menu_bar.addMenu("&Ansicht")
    view_menu.addAction(window.action_overview)
    view_menu.addAction(window.action_search)
    view_menu.addSeparator()
    view_menu.addAction(window.action_previous_step)
    view_menu.addAction(window.action_next_step)
    view_menu.addAction(window.action_next_misspelling)
    extras_menu = menu_bar.addMenu("E&xtras")
    extras_menu.addAction(window.action_settings)
    extras_menu.addAction(window.action_backups)
    extras_menu.addAction(window.action_unreadable)
    extras_menu.addAction(window.action_data_folder)
    help_menu = menu_bar.addMenu("&Hilfe")
    help_menu.addAction(window.action_help)
    help_menu.addAction(window.action_manual)
    help_menu.addAction(window.action_shortcuts)
    help_menu.addSeparator()
    help_menu.addAction(window.action_about)
