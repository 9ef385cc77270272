"""The architecture holds: the core stays Qt-free, and the import contracts of the layers."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import stellungnahme_app

PACKAGE = Path(stellungnahme_app.__file__).parent
UI = PACKAGE / "ui"


def _core_modules() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if UI not in p.parents]


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imported_names(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_modules_exist() -> None:
    names = {_module_name(p) for p in _core_modules()}
    assert {"stellungnahme_app.model", "stellungnahme_app.exchange"} <= names


def test_no_core_module_imports_pyside6() -> None:
    offenders = []
    for path in _core_modules():
        imported = _imported_names(ast.parse(path.read_text(encoding="utf-8")))
        if any(name == "PySide6" or name.startswith("PySide6.") for name in imported):
            offenders.append(_module_name(path))
    assert offenders == [], f"PySide6 outside stellungnahme_app/ui/: {offenders}"


def test_only_the_entry_point_reaches_the_ui() -> None:
    offenders = []
    for path in _core_modules():
        if path.name in ("main.py", "__main__.py") and path.parent == PACKAGE:
            continue
        imported = _imported_names(ast.parse(path.read_text(encoding="utf-8")))
        if any(name.startswith("stellungnahme_app.ui") for name in imported):
            offenders.append(_module_name(path))
    assert offenders == [], f"core modules importing the GUI: {offenders}"


def test_importing_every_core_module_loads_no_qt() -> None:
    """Catches indirect imports too: load the whole core in a fresh interpreter."""
    modules = sorted(_module_name(p) for p in _core_modules() if p.name not in ("__main__.py",))
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'PySide6'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


MAX_MODULE_LINES = 700


def _longer_than_allowed(paths: list[Path]) -> dict[Path, int]:
    return {
        path: lines
        for path in paths
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }


def test_no_module_of_the_program_is_longer_than_700_lines() -> None:
    too_long = {
        _module_name(path): lines
        for path, lines in _longer_than_allowed(list(PACKAGE.rglob("*.py"))).items()
    }
    assert too_long == {}, f"Module über {MAX_MODULE_LINES} Zeilen: {too_long}"


def test_no_script_tool_benchmark_or_test_is_longer_than_700_lines() -> None:
    """The rule holds for every Python file the project keeps, not only the package."""
    project = PACKAGE.parent
    folders = ("tools", "benchmarks", "packaging", "tests")
    files = [path for folder in folders for path in (project / folder).rglob("*.py")]
    too_long = {
        str(path.relative_to(project)): lines for path, lines in _longer_than_allowed(files).items()
    }
    assert too_long == {}, f"Dateien über {MAX_MODULE_LINES} Zeilen: {too_long}"


def test_the_import_contracts_hold() -> None:
    """The layers and the Qt and store boundaries in pyproject.toml (import-linter)."""
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(linter), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=PACKAGE.parent,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "broken" in result.stdout and " 0 broken" in result.stdout


def _modules_loaded_by(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))\n"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return set(result.stdout.split())


#: What the window needs only once a draft is open or a motion read (after its first paint).
LOADED_AFTER_THE_FIRST_PAINT = (
    "stellungnahme_app.motion",
    "stellungnahme_app.spelling",
    "stellungnahme_app.export",
    "stellungnahme_app.textbausteine",
    "stellungnahme_app.compare",
    "stellungnahme_app.ui.editor.editor_widget",
    "sqlite_utils",
    "docx",
    "docxtpl",
    "jinja2",
    "pypdfium2",
    "hunspell",
)


def test_the_window_loads_nothing_it_needs_only_after_its_first_paint() -> None:
    """The editor, the export, the motion reader and the spell-check come after the paint."""
    loaded = _modules_loaded_by(
        "import stellungnahme_app.ui.app\nimport stellungnahme_app.ui.main_window"
    )
    early = sorted(
        module
        for module in loaded
        for heavy in LOADED_AFTER_THE_FIRST_PAINT
        if module == heavy or module.startswith(heavy + ".")
    )
    assert early == [], f"vor dem ersten Bild geladen: {early[:10]}"


def test_the_file_commands_load_neither_database_nor_motion_reader_nor_spell_check() -> None:
    loaded = _modules_loaded_by(
        "from stellungnahme_app.cli.main import build_parser\nbuild_parser()"
    )
    for heavy in (
        "sqlite_utils",
        "stellungnahme_app.motion",
        "stellungnahme_app.spelling",
        "pypdfium2",
        "hunspell",
        "PySide6",
    ):
        assert heavy not in loaded, heavy
