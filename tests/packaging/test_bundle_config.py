"""The bundle's rules: version numbers for Windows, the version resource, what Qt files stay."""

from __future__ import annotations

import importlib
import sys
import types
from pathlib import Path

import bundle_config as config
import pytest

import stellungnahme_app


def test_version_is_read_from_the_package_without_importing_it() -> None:
    assert config.read_version() == stellungnahme_app.__version__


def test_read_version_names_the_file_when_the_version_is_missing(tmp_path: Path) -> None:
    broken = tmp_path / "__init__.py"
    broken.write_text('"""No version here."""\n', encoding="utf-8")
    with pytest.raises(ValueError, match="__version__"):
        config.read_version(broken)


@pytest.mark.parametrize(
    ("version", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2", (1, 2, 0, 0)),
        ("3", (3, 0, 0, 0)),
        ("1.4.2rc1", (1, 4, 2, 0)),
        ("2.0.0.dev7", (2, 0, 0, 0)),
        ("255.255.65535", (255, 255, 65535, 0)),
    ],
)
def test_numeric_version_keeps_the_leading_numbers(
    version: str, numbers: tuple[int, int, int, int]
) -> None:
    assert config.numeric_version(version) == numbers


@pytest.mark.parametrize("version", ["256.0.0", "1.256.0", "1.0.65536"])
def test_numeric_version_refuses_what_windows_installer_cannot_hold(version: str) -> None:
    with pytest.raises(ValueError, match="Windows Installer"):
        config.numeric_version(version)


def test_numeric_version_refuses_a_version_without_numbers() -> None:
    with pytest.raises(ValueError, match="beginnt nicht mit einer Zahl"):
        config.numeric_version("neu")


def test_msi_version_has_three_numbers() -> None:
    assert config.msi_version("1.4.2rc1") == "1.4.2"


@pytest.fixture
def windows_version_classes(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """PyInstaller's version resource classes, loaded off Windows too.

    Their module imports ``pefile`` and ``win32api`` (present on Windows only) for reading
    and writing executables, which these tests never do; empty stand-ins let it load, and
    the module is forgotten again after the test.
    """
    import PyInstaller.compat

    name = "PyInstaller.utils.win32.versioninfo"
    if "pefile" not in sys.modules:
        try:
            import pefile  # noqa: F401
        except ImportError:
            monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
    if not hasattr(PyInstaller.compat, "win32api"):
        monkeypatch.setattr(PyInstaller.compat, "win32api", None, raising=False)
    monkeypatch.delitem(sys.modules, name, raising=False)
    return importlib.import_module(name)


def test_version_resource_carries_the_version_and_german_texts(
    windows_version_classes: types.ModuleType,
) -> None:
    resource = config.version_resource("1.4.2", "stellungnahme-cli.exe")
    assert isinstance(resource, windows_version_classes.VSVersionInfo)
    assert resource.toRaw()  # encodes (its byte layout is Windows' own: 32-bit longs)
    text = str(resource)
    assert "filevers=(1, 4, 2, 0)" in text and "prodvers=(1, 4, 2, 0)" in text
    assert "'040704B0'" in text  # German, Unicode
    assert "StringStruct('CompanyName', 'Stadtverwaltung Erfurt')" in text
    assert "StringStruct('OriginalFilename', 'stellungnahme-cli.exe')" in text
    assert "VarStruct('Translation', [1031, 1200])" in text


def test_version_strings_of_the_windows_version_resource() -> None:
    """What Explorer shows under Eigenschaften → Details (the resource itself is built by
    PyInstaller's Windows-only classes, exercised by the Windows build)."""
    strings = config.version_strings("1.4.2", "stellungnahme-cli.exe")
    assert strings["CompanyName"] == "Stadtverwaltung Erfurt"
    assert strings["ProductName"] == "Stellungnahme"
    assert strings["FileVersion"] == strings["ProductVersion"] == "1.4.2"
    assert strings["OriginalFilename"] == "stellungnahme-cli.exe"
    assert strings["InternalName"] == "stellungnahme-cli"
    assert all(value.strip() for value in strings.values())


@pytest.mark.parametrize(
    "destination",
    [
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6\\translations\\qt_de.qm",  # Windows wheel layout, Windows separators
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",
        "PySide6/plugins/imageformats/qico.dll",
        "PySide6/Qt/plugins/imageformats/libqico.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "stellungnahme_app/templates/stellungnahme.docx",
        "stellungnahme_app/resources/catalogue.toml",
        "docx/templates/default.docx",
        "PySide6\\Qt6Widgets.dll",
        "PySide6\\Qt6Svg.dll",  # the SVG icon engine needs it
        "pypdfium2_raw/libpdfium.so",  # PDFium, for reading motions
        "pypdfium2_raw\\pdfium.dll",
        "pypdfium2_raw/version.json",
        "pypdfium2/version.json",
    ],
)
def test_kept_files(destination: str) -> None:
    assert config.keep_bundle_file(destination)


@pytest.mark.parametrize(
    "destination",
    [
        "PySide6/Qt/translations/qtbase_fr.qm",
        "PySide6\\translations\\qtbase_ja.qm",
        "PySide6/Qt/translations/qt_help_en.qm",
        "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
        "PySide6/plugins/tls/qschannelbackend.dll",
        "PySide6/plugins/networkinformation/qnetworklistmanager.dll",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "PySide6/plugins/imageformats/qsvg.dll",
        "PySide6/plugins/imageformats/qtiff.dll",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/qmltooling/libqmldbg_tcp.so",
        "PySide6\\opengl32sw.dll",
        "PySide6\\Qt6Pdf.dll",
    ],
)
def test_dropped_files(destination: str) -> None:
    assert not config.keep_bundle_file(destination)


def test_unused_qt_modules_are_excluded_but_the_used_ones_are_not() -> None:
    excluded = config.excluded_modules()
    assert {"PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtWebEngineCore"} <= set(excluded)
    assert not {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"} & set(excluded)


def test_no_excluded_qt_module_is_imported_by_the_application() -> None:
    """An excluded module the program imports would only fail in the bundle, on a desk."""
    package = Path(stellungnahme_app.__file__).parent
    sources = "\n".join(p.read_text("utf-8") for p in package.rglob("*.py"))
    used = [name for name in config.UNUSED_QT_MODULES if f"PySide6.{name}" in sources]
    assert used == []


def test_chunspell_s_libraries_go_into_the_bundle() -> None:
    import hunspell

    binaries = config.spelling_binaries()
    package = Path(hunspell.__file__).resolve().parent
    if sys.platform == "win32":
        assert all(folder == config.SPELLING_LIBRARY_FOLDER for _, folder in binaries)
    else:
        assert (str(package / "libhunspell-1.7.so.0"), "hunspell") in binaries
    assert all(Path(source).is_file() for source, _ in binaries)
    assert set(config.SPELLING_MODULES) == {"hunspell", "hunspell.hunspell"}


def test_chunspell_s_english_sample_dictionary_stays_out() -> None:
    assert not config.keep_bundle_file("hunspell/dictionaries/en_US.dic")
    assert not config.keep_bundle_file("hunspell\\dictionaries\\en_US.aff")
    assert config.keep_bundle_file("hunspell/libhunspell-1.7.so.0")
    assert config.keep_bundle_file("chunspell.libs/msvcp140-abc.dll")


@pytest.mark.parametrize("launcher", ["launch_gui.py", "launch_cli.py"])
def test_the_launchers_let_the_spelling_worker_start_in_the_frozen_program(launcher: str) -> None:
    import ast

    tree = ast.parse((config.PACKAGING_DIR / launcher).read_text(encoding="utf-8"))
    calls = [
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    ]
    assert calls.index("freeze_support") < calls.index("exit")


def test_the_spec_collects_the_spelling_module_and_libraries() -> None:
    spec = (config.PACKAGING_DIR / "stellungnahme.spec").read_text(encoding="utf-8")
    assert "*config.spelling_binaries()]" in spec
    assert "*config.SPELLING_MODULES" in spec


@pytest.mark.parametrize(
    ("name", "is_pdfium"),
    [
        ("pdfium.dll", True),
        ("libpdfium.so", True),
        ("libpdfium.dylib", True),
        ("Qt6Pdf.dll", False),
        ("libqpdf.so", False),
    ],
)
def test_pdfium_library_names(name: str, is_pdfium: bool) -> None:
    assert config.is_pdfium_library(name) is is_pdfium


def test_pdfium_is_named_for_the_bundle() -> None:
    """The spec collects the native library and data files of these installed packages."""
    from PyInstaller.utils.hooks import collect_data_files, collect_dynamic_libs

    libraries = [
        Path(source).name
        for name in config.NATIVE_LIBRARY_PACKAGES
        for source, _target in collect_dynamic_libs(name)
    ]
    assert any(config.is_pdfium_library(library) for library in libraries)
    data = [
        Path(source).name
        for name in config.DATA_FILE_PACKAGES
        for source, _t in collect_data_files(name)
    ]
    assert "version.json" in data
