"""What goes into the bundle and how it is labelled: shared by the spec, build.py and the tests.

Kept apart from ``stellungnahme.spec`` (which PyInstaller executes, not imports) so that the
rules – version numbers, Windows version resource, which Qt files to leave out – can be tested
without running PyInstaller.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path, PurePath

PACKAGING_DIR = Path(__file__).resolve().parent
ROOT = PACKAGING_DIR.parent
VERSION_FILE = ROOT / "stellungnahme_app" / "__init__.py"

BUNDLE_NAME = "Stellungnahme"
GUI_NAME = "Stellungnahme"
CLI_NAME = "stellungnahme-cli"
COMPANY = "Stadtverwaltung Erfurt"
DESCRIPTION = "Stellungnahme – Stellungnahmen der Stadtverwaltung zu Drucksachen"
COPYRIGHT = "© Stadtverwaltung Erfurt"
ICON_FILE = ROOT / "resources" / "stellungnahme.ico"

GERMAN_LANGUAGE_ID = 0x0407  # de-DE
UNICODE_CODEPAGE = 1200

# Qt modules the application never uses: excluded so that neither they nor their plugins,
# QML files and translations are collected.
UNUSED_QT_MODULES = (
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtAxContainer",
    "QtBluetooth",
    "QtCharts",
    "QtConcurrent",
    "QtDataVisualization",
    "QtDBus",
    "QtDesigner",
    "QtGraphs",
    "QtGraphsWidgets",
    "QtHelp",
    "QtHttpServer",
    "QtLabsStyleKit",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetwork",
    "QtNetworkAuth",
    "QtNfc",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPdf",
    "QtPdfWidgets",
    "QtPositioning",
    "QtPrintSupport",
    "QtQml",
    "QtQmlFeatures",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickTest",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialBus",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtSvg",
    "QtSvgWidgets",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtXml",
)

# Python packages that are installed for development but never needed at run time.
UNUSED_PYTHON_MODULES = (
    "tkinter",
    "_tkinter",
    "idlelib",
    "lib2to3",
    "pydoc_data",
    "ensurepip",
    "venv",
    "pip",
    "setuptools",
    "pkg_resources",
    "PyInstaller",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "ruff",
    "IPython",
)

# Qt plug-in folders the application has no use for (databases, networking, QML debugging,
# designer, printing, vector images; on Linux desktop themes and embedded displays) – they
# would only add megabytes and dependencies.
UNUSED_QT_PLUGIN_FOLDERS = frozenset(
    {
        "designer",
        "egldeviceintegrations",
        "generic",
        "platformthemes",
        "networkinformation",
        "printsupport",
        "qmltooling",
        "sqldrivers",
        "tls",
        "vectorimageformats",
        "position",
        "multimedia",
        "sensors",
        "sceneparsers",
        "renderers",
        "geometryloaders",
        "canbus",
    }
)
# Image formats the program reads besides PNG (built into Qt): ICO for its icon. Everything else
# (PDF via QtPdf, SVG via QtSvg, TIFF, WebP …) stays out.
KEPT_IMAGE_FORMATS = ("qico",)
KEPT_TRANSLATION_LANGUAGE = "de"
# Libraries collected for plug-ins and features the program does not use: the software
# OpenGL renderer (about 20 MB; Qt Widgets paint without OpenGL) and QtPdf (only for the
# PDF image format plug-in, which is dropped).
UNUSED_LIBRARIES = frozenset({"opengl32sw.dll", "qt6pdf.dll", "libqt6pdf.so.6"})
# The spell-check's hunspell comes as chunspell's compiled module ``hunspell`` (its library
# beside it on Linux, linked in on Windows, where ``chunspell.libs`` holds the C++ runtime
# that delvewheel put there). Its English sample dictionary stays out: the program looks up
# the German one at run time (packaging/ADMIN.md, section 11).
SPELLING_MODULES = ("hunspell", "hunspell.hunspell")
SPELLING_LIBRARY_FOLDER = "chunspell.libs"


def spelling_binaries() -> list[tuple[str, str]]:
    """The libraries of chunspell as (source, folder in the bundle) for the spec: on Windows
    the DLLs of ``chunspell.libs`` (hunspell/__init__.py adds that folder to the DLL path),
    on Linux ``libhunspell-1.7.so.0`` beside the module."""
    import hunspell

    package = Path(hunspell.__file__).resolve().parent
    found = [(str(path), "hunspell") for path in sorted(package.glob("libhunspell*"))]
    libraries = package.parent / SPELLING_LIBRARY_FOLDER
    found += [(str(path), SPELLING_LIBRARY_FOLDER) for path in sorted(libraries.glob("*.dll"))]
    return found


# Python packages with a native library of their own that the bundle must hold: PDFium
# (pypdfium2_raw), with which motions are read from PDFs. PyInstaller's contributed hooks
# collect it too; naming it here keeps the bundle right if a hook is missing or changes.
NATIVE_LIBRARY_PACKAGES = ("pypdfium2_raw",)
# Packages that read data files of their own at run time (pypdfium2's version.json).
DATA_FILE_PACKAGES = ("pypdfium2", "pypdfium2_raw")
# Packages whose licence texts (in their installed metadata) must ship with the bundle.
LICENSED_PACKAGES = ("pypdfium2",)


def is_pdfium_library(name: str) -> bool:
    """Whether a file name is PDFium's library (``pdfium.dll``, ``libpdfium.so``, …)."""
    stem = PurePath(name).name.casefold()
    return stem in ("pdfium.dll", "libpdfium.so", "libpdfium.dylib")


def read_version(version_file: Path = VERSION_FILE) -> str:
    """``__version__`` from the package's ``__init__.py``, without importing the package."""
    match = re.search(
        r"^__version__\s*=\s*[\"']([^\"']+)[\"']", version_file.read_text("utf-8"), re.M
    )
    if not match:
        raise ValueError(f"Keine Versionsangabe (__version__) in {version_file} gefunden.")
    return match.group(1)


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """The four numbers Windows wants, from a version like ``1.2.3`` or ``1.2.0rc1``.

    Windows Installer reads only the first three (major ≤ 255, minor ≤ 255, build ≤ 65535);
    a pre-release suffix is dropped, so release builds must raise the third number.
    """
    match = re.match(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?", version.strip())
    if not match:
        raise ValueError(f"Die Version „{version}“ beginnt nicht mit einer Zahl.")
    major, minor, build = (int(part or 0) for part in match.groups())
    if major > 255 or minor > 255 or build > 65535:
        raise ValueError(
            f"Die Version „{version}“ ist für Windows Installer zu groß (höchstens 255.255.65535)."
        )
    return major, minor, build, 0


def msi_version(version: str) -> str:
    """The ProductVersion of the MSI package: three numbers, e.g. ``0.1.0``."""
    return ".".join(str(part) for part in numeric_version(version)[:3])


def version_strings(version: str, original_filename: str) -> dict[str, str]:
    """The texts of the Windows version resource (Explorer → Eigenschaften → Details)."""
    return {
        "CompanyName": COMPANY,
        "FileDescription": DESCRIPTION,
        "FileVersion": version,
        "InternalName": Path(original_filename).stem,
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": original_filename,
        "ProductName": BUNDLE_NAME,
        "ProductVersion": version,
    }


def version_resource(version: str, original_filename: str):  # -> VSVersionInfo
    """PyInstaller's Windows version resource for one executable of the bundle."""
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    numbers = numeric_version(version)
    table_name = f"{GERMAN_LANGUAGE_ID:04X}{UNICODE_CODEPAGE:04X}"
    strings = version_strings(version, original_filename)
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            StringFileInfo(
                [StringTable(table_name, [StringStruct(k, v) for k, v in strings.items()])]
            ),
            VarFileInfo([VarStruct("Translation", [GERMAN_LANGUAGE_ID, UNICODE_CODEPAGE])]),
        ],
    )


def excluded_modules() -> list[str]:
    return [f"PySide6.{name}" for name in UNUSED_QT_MODULES] + list(UNUSED_PYTHON_MODULES)


def keep_bundle_file(destination: str) -> bool:
    """Whether a collected file (its path inside the bundle) belongs in the bundle.

    Drops Qt translations other than German, unused plug-in folders, unused image formats,
    the libraries in :data:`UNUSED_LIBRARIES` and chunspell's English sample dictionary.
    """
    parts = PurePath(destination.replace("\\", "/")).parts
    if parts and parts[-1].casefold() in UNUSED_LIBRARIES:
        return False
    if parts[:2] == ("hunspell", "dictionaries"):
        return False
    if len(parts) >= 3 and parts[0] == "PySide6":
        qt_relative = parts[2:] if parts[1] == "Qt" else parts[1:]
        if qt_relative and qt_relative[0] == "translations":
            return qt_relative[-1].endswith(f"_{KEPT_TRANSLATION_LANGUAGE}.qm")
        if len(qt_relative) >= 2 and qt_relative[0] == "plugins":
            folder = qt_relative[1]
            if folder in UNUSED_QT_PLUGIN_FOLDERS:
                return False
            if folder == "imageformats":
                stem = PurePath(qt_relative[-1]).stem.removeprefix("lib")
                return stem.endswith(KEPT_IMAGE_FORMATS)
    return True


def executable_name(name: str) -> str:
    """``name`` with the platform's suffix for programs (``.exe`` on Windows)."""
    return f"{name}.exe" if sys.platform == "win32" else name
