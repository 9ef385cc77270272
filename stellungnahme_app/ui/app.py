"""The desktop application: QApplication set up for German clerks, then the main window.

:func:`run_app` is what ``stellungnahme`` without arguments calls. :func:`create_application`
is shared with the tests: it loads Qt's own German texts (``qtbase_de.qm``) so that standard
buttons and dialogs say „Abbrechen“ and „Öffnen“, and sets the German locale (TT.MM.JJJJ).

The program draws with Qt's Fusion style on every system (:data:`QT_STYLE`). Left alone,
Qt would pick "windows11" on Windows 11 (Qt ≥ 6.7, which still draws several controls badly)
and "windowsvista" on Windows 10, while every test, screenshot and accessibility check runs
with Fusion. Fusion takes its colours from the system's palette, so Windows' dark mode and
high-contrast themes still apply.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from stellungnahme_app import __version__, logs
from stellungnahme_app.errors import StellungnahmeError

if TYPE_CHECKING:
    from stellungnahme_app.store import UnreadableDraft
    from stellungnahme_app.ui.main_window import MainWindow

APPLICATION_NAME = "Stellungnahme"
ORGANIZATION_NAME = "Stadtverwaltung Erfurt"
GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)
TRANSLATION_CATALOGUES = ("qtbase",)
#: Qt's style on every system (see the module docstring).
QT_STYLE = "Fusion"
#: ``=1``: quit as soon as the main window is up (the bundle's smoke test, start-up timing).
QUIT_AFTER_START_VARIABLE = "STELLUNGNAHME_QUIT_AFTER_START"


def install_translations(app: QCoreApplication) -> list[QTranslator]:
    """Load Qt's German catalogues into ``app`` (idempotent); returns the loaded translators."""
    installed: list[QTranslator] | None = getattr(app, "_stellungnahme_translators", None)
    if installed is not None:
        return installed
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    for catalogue in TRANSLATION_CATALOGUES:
        translator = QTranslator(app)
        if translator.load(GERMAN, catalogue, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
    app._stellungnahme_translators = installed  # type: ignore[attr-defined]
    return installed


def configure_application(app: QApplication) -> None:
    """Names, German locale, the style, translations, the visible focus and the combo boxes'
    names for screen readers; safe to call again."""
    QLocale.setDefault(GERMAN)
    if app.style().name().casefold() != QT_STYLE.casefold():
        app.setStyle(QT_STYLE)
    app.setApplicationName(APPLICATION_NAME)
    app.setApplicationDisplayName(APPLICATION_NAME)
    app.setOrganizationName(ORGANIZATION_NAME)
    app.setApplicationVersion(__version__)
    install_translations(app)
    from stellungnahme_app.ui.accessible_names import install_accessible_names
    from stellungnahme_app.ui.focus_frame import install_focus_frame

    install_focus_frame(app)
    install_accessible_names(app)


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The process's QApplication, created on first call and configured for German."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    configure_application(app)
    return app


def run_app(argv: Sequence[str] | None = None) -> int:
    """Open the main window and run until it is closed; the process's exit code."""
    logs.configure()
    app = create_application(argv)
    from stellungnahme_app.ui.error_reporting import install_excepthook

    install_excepthook()
    qInstallMessageHandler(_log_qt_message)
    window = start_main_window()
    if window is None:
        return 2
    code = app.exec()
    from stellungnahme_app.ui.background import wait_for_all

    wait_for_all()
    window.workspace.close()
    return code


_QT_LOG_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _log_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings go to the log file, not to a console the clerk never sees."""
    logging.getLogger("stellungnahme_app.qt").log(_QT_LOG_LEVELS.get(kind, logging.INFO), message)


def start_main_window(database: Path | None = None) -> MainWindow | None:
    """Open the drafts, add the example on first start, show the window (``None``: no store).

    The window is shown first; the Textbausteine, the last open draft, the store's recovery
    notice and problems with the settings follow right after the first paint, and so do the
    store's integrity check, the day's backup and tidying up, on a worker thread. ``database``
    defaults to the store's file in the data folder.
    """
    from stellungnahme_app.store import NetworkPathError
    from stellungnahme_app.ui import session_end
    from stellungnahme_app.ui.error_reporting import show_error, show_notice
    from stellungnahme_app.ui.main_window import MainWindow
    from stellungnahme_app.ui.schema_update import update_with_notice
    from stellungnahme_app.workspace import Workspace, load_configuration

    configuration = load_configuration()
    update_with_notice(database, configuration)  # drafts of an older version: seconds
    try:
        workspace = Workspace.open(database, configuration=configuration, housekeeping=False)
    except NetworkPathError as error:
        _show_fatal(error, headline="Die Entwürfe können hier nicht gespeichert werden.")
        return None
    except StellungnahmeError as error:
        _show_fatal(error, headline="Die Entwurfsdatenbank kann nicht geöffnet werden.")
        return None
    problems = list(configuration.problems)
    try:
        workspace.add_example_if_empty()
    except StellungnahmeError as error:
        problems.append(f"Das Beispiel konnte nicht angelegt werden: {error.message}")
    window = MainWindow(workspace)
    session_end.install(QApplication.instance(), window)  # log-off saves at once
    last_draft = window.restore_window_state()
    window.show()

    def reopen() -> None:
        try:
            window.reopen_last_draft(last_draft)
        except Exception as error:  # the window stays usable; the user learns why
            show_error(
                window, error, action="Der zuletzt geöffnete Entwurf konnte nicht geöffnet werden."
            )
        if os.environ.get(QUIT_AFTER_START_VARIABLE) == "1":
            # Smoke test of the bundle: the whole start-up has run, including this part.
            QTimer.singleShot(0, QApplication.quit)

    def after_first_paint() -> None:
        from stellungnahme_app.ui.background import run_in_background

        window.load_textbausteine(then=reopen)

        def tell(notices: list[str]) -> None:
            for notice in notices:
                show_notice(window, "Hinweis zur Entwurfsdatenbank", details=notice)

        run_in_background(
            window,
            workspace.housekeeping,
            busy_text="Prüfen und Sichern …",
            on_success=tell,
            on_error=lambda error: logging.getLogger(__name__).warning(
                "Prüfen und Sichern nach dem Start fehlgeschlagen: %s", error
            ),
            delivers_result=False,
        )
        if workspace.read_only_reason:
            show_notice(
                window,
                "Die Entwürfe können nur gelesen werden.",
                details=workspace.read_only_reason,
            )

        def tell_unreadable(unreadable: list[UnreadableDraft]) -> None:
            if unreadable:
                show_notice(
                    window,
                    f"{len(unreadable)} Entwürfe sind beschädigt und fehlen in der Übersicht."
                    if len(unreadable) > 1
                    else "Ein Entwurf ist beschädigt und fehlt in der Übersicht.",
                    details="\n".join(f"Entwurf Nr. {d.id}: {d.problem}" for d in unreadable)
                    + "\n\nÜber Extras › Unlesbare Entwürfe holen Sie eine frühere Fassung "
                    "zurück.",
                )

        # Every row is read for it (0.6 s at 10,000 drafts): on a worker, never in the way.
        run_in_background(
            window,
            workspace.unreadable_drafts_apart,
            busy_text="Entwürfe prüfen …",
            on_success=tell_unreadable,
            on_error=lambda error: logging.getLogger(__name__).warning(
                "Prüfung auf unlesbare Entwürfe fehlgeschlagen: %s", error
            ),
            delivers_result=False,
        )
        if workspace.recovery_notice:
            show_notice(
                window, "Die Entwurfsdatenbank wurde repariert.", details=workspace.recovery_notice
            )
        if problems:
            show_notice(
                window,
                "Einige Einstellungen konnten nicht gelesen werden; es gelten die "
                "Voreinstellungen.",
                details="\n\n".join(problems),
            )

    run_after_first_paint(window, after_first_paint)
    return window


class _FirstPaintWatcher(QObject):
    """Calls ``then`` once, from the event loop, after ``window`` has painted for the first time."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then: Callable[[], None] | None = then
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self._then is not None
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            then, self._then = self._then, None
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, then)
        return False


def run_after_first_paint(window: QWidget, then: Callable[[], None]) -> None:
    """Run ``then`` once the window is on screen, so slower work never delays the first paint."""
    _FirstPaintWatcher(window, then)


def _show_fatal(error: StellungnahmeError, *, headline: str) -> None:
    """Without a store the program cannot work: explain why, then end."""
    from stellungnahme_app.ui.error_reporting import log_error

    log_error(error)
    box = QMessageBox(QMessageBox.Icon.Critical, "Stellungnahme", headline)
    box.setInformativeText(error.message)
    box.setAccessibleName("Stellungnahme kann nicht starten")
    box.exec()
