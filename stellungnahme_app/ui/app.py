"""The desktop application: QApplication set up for German clerks, then the main window.

:func:`run_app` is what ``stellungnahme`` without arguments calls. :func:`create_application`
is shared with the tests: it loads Qt's own German texts (``qtbase_de.qm``) so that standard
buttons and dialogs say „Abbrechen“ and „Öffnen“, and sets the German locale (TT.MM.JJJJ).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from stellungnahme_app import __version__, logs

APPLICATION_NAME = "Stellungnahme"
ORGANIZATION_NAME = "Stadtverwaltung Erfurt"
GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)
TRANSLATION_CATALOGUES = ("qtbase",)


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
    """Names, German locale and translations; safe to call on an existing application."""
    QLocale.setDefault(GERMAN)
    app.setApplicationName(APPLICATION_NAME)
    app.setApplicationDisplayName(APPLICATION_NAME)
    app.setOrganizationName(ORGANIZATION_NAME)
    app.setApplicationVersion(__version__)
    install_translations(app)


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
    from PySide6.QtWidgets import QLabel

    placeholder = QLabel("Stellungnahme – das Hauptfenster folgt.")
    placeholder.setWindowTitle(APPLICATION_NAME)
    placeholder.show()
    return app.exec()
