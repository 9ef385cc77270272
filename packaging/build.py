"""Build the one-folder bundle with PyInstaller, then smoke-test the result.

Usage (from the project folder, with the project installed in the running Python)::

    python packaging/build.py                 # build into dist/Stellungnahme, then test it
    python packaging/build.py --skip-build    # only test an existing bundle
    python packaging/build.py --dist D --work W

The smoke test runs the built programs as a user would, each with its own empty data folder
(``STELLUNGNAHME_HOME``) and without the build's Python on the path:

1. the layout: both programs, templates/, resources/, PDFium, German Qt texts and no others;
2. ``stellungnahme-cli --version`` names the version being built;
3. ``stellungnahme-cli export <Beispiel> -o …docx`` writes a Word document whose text
   (read back with python-docx) holds the example's number, title, text and signatory;
4. ``stellungnahme-cli export <Beispiel> -o …pdf`` gives a PDF/A through LibreOffice
   (skipped where LibreOffice is not installed – unless ``--require-pdf`` is given, as for a
   release build, where a skipped PDF check fails the smoke test);
5. ``stellungnahme-cli template-check <bundled template>`` accepts it;
6. ``stellungnahme-cli import-motion <motion PDF> -o …json`` reads the motion with the
   bundled PDFium and writes the same draft as the program run from the source tree;
7. the desktop application starts offscreen (``QT_QPA_PLATFORM=offscreen``), shows its main
   window and quits by itself (``STELLUNGNAHME_QUIT_AFTER_START=1``) with exit code 0.

Works on Linux and Windows; exits non-zero when the build or any check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundle_config as config

SPEC_FILE = config.PACKAGING_DIR / "stellungnahme.spec"
DEFAULT_DIST = config.ROOT / "dist"
DEFAULT_WORK = config.ROOT / "build" / "pyinstaller"
EXAMPLE_CANDIDATES = (
    config.ROOT / "resources" / "beispiel-0661-24.json",
    config.ROOT / "tests" / "fixtures" / "stellungnahme-0661-24.json",
)
MOTION_EXAMPLE = config.ROOT / "tests" / "fixtures" / "motions" / "antrag-schulwege.pdf"
COMMAND_TIMEOUT_SECONDS = 120
QUIT_AFTER_START_VARIABLE = "STELLUNGNAHME_QUIT_AFTER_START"
# Variables of the build environment that must not leak into the bundle's test runs.
ISOLATED_VARIABLES = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV")


class BuildFailed(Exception):
    """The bundle could not be built or failed a smoke test; the message says why."""


class SkippedCheck(Exception):
    """A smoke check that cannot run on this machine (the message says why)."""


@dataclass(frozen=True)
class Bundle:
    """The built folder and its two programs."""

    folder: Path

    @property
    def gui(self) -> Path:
        return self.folder / config.executable_name(config.GUI_NAME)

    @property
    def cli(self) -> Path:
        return self.folder / config.executable_name(config.CLI_NAME)

    @property
    def internal(self) -> Path:
        return self.folder / "_internal"


def say(message: str) -> None:
    print(message, flush=True)


def build_bundle(dist: Path, work: Path) -> Bundle:
    """Run PyInstaller on the spec; its full output goes to ``work/pyinstaller.log``."""
    work.mkdir(parents=True, exist_ok=True)
    log_path = work / "pyinstaller.log"
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC_FILE),
    ]
    with log_path.open("w", encoding="utf-8") as log:
        result = subprocess.run(
            command, cwd=config.ROOT, stdout=log, stderr=subprocess.STDOUT, check=False
        )
    if result.returncode != 0:
        tail = log_path.read_text("utf-8", errors="replace").splitlines()[-30:]
        raise BuildFailed(
            f"PyInstaller ist mit Code {result.returncode} gescheitert. Ende des Protokolls "
            f"({log_path}):\n" + "\n".join(tail)
        )
    return Bundle(dist / config.BUNDLE_NAME)


def isolated_environment(home: Path, **extra: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k not in ISOLATED_VARIABLES}
    environment["STELLUNGNAHME_HOME"] = str(home)
    environment.pop(QUIT_AFTER_START_VARIABLE, None)
    environment.update(extra)
    return environment


def run_program(
    program: Path, arguments: list[str], home: Path, **extra: str
) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [str(program), *arguments],
            cwd=home,
            env=isolated_environment(home, **extra),
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=COMMAND_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        shown = " ".join([program.name, *arguments])
        raise BuildFailed(f"{shown} hat nach {COMMAND_TIMEOUT_SECONDS} s nicht geendet.") from error


def expect_success(result: subprocess.CompletedProcess[str], what: str) -> None:
    if result.returncode != 0:
        raise BuildFailed(
            f"{what}: Exit-Code {result.returncode}.\nAusgabe: {result.stdout.strip()}\n"
            f"Fehlerausgabe: {result.stderr.strip()}"
        )


def check_layout(bundle: Bundle, home: Path) -> str:
    """Both programs, the bundled folders, the German Qt texts."""
    required = [
        bundle.gui,
        bundle.cli,
        bundle.internal / "stellungnahme_app" / "templates",
        bundle.internal / "stellungnahme_app" / "resources" / "stellungnahme.png",
    ]
    missing = [str(path.relative_to(bundle.folder)) for path in required if not path.exists()]
    translations = list(bundle.internal.rglob("qtbase_de.qm"))
    if not translations:
        missing.append("qtbase_de.qm")
    if not any(config.is_pdfium_library(path.name) for path in bundle.internal.rglob("*pdfium*")):
        missing.append("die PDFium-Bibliothek (pypdfium2_raw)")
    if not list(bundle.internal.glob("pypdfium2-*.dist-info/licenses/LICENSES")):
        missing.append("die Lizenztexte von PDFium und pypdfium2")
    if missing:
        raise BuildFailed("Im Bundle fehlt: " + ", ".join(missing))
    foreign = [p.name for p in translations[0].parent.glob("*.qm") if not p.stem.endswith("_de")]
    if foreign:
        raise BuildFailed("Nicht-deutsche Qt-Übersetzungen im Bundle: " + ", ".join(foreign))
    return "Programme, templates/, resources/, PDFium und qtbase_de.qm vorhanden"


def check_version(bundle: Bundle, home: Path) -> str:
    version = config.read_version()
    result = run_program(bundle.cli, ["--version"], home)
    expect_success(result, "stellungnahme-cli --version")
    shown = (result.stdout + result.stderr).strip()
    if version not in shown.split():
        raise BuildFailed(f"--version zeigt „{shown}“, erwartet wurde Version {version}.")
    return shown


def find_example() -> Path:
    for candidate in EXAMPLE_CANDIDATES:
        if candidate.is_file():
            return candidate
    raise BuildFailed("Kein Beispielentwurf gefunden: " + ", ".join(map(str, EXAMPLE_CANDIDATES)))


def expected_phrases(example: Path) -> list[str]:
    """Texts from the example draft that the exported document must contain."""
    draft = json.loads(example.read_text("utf-8"))
    phrases = [
        f"Drucksache {draft['document_number']}",
        draft["document_title"],
        draft["signature"]["name"],
    ]
    if draft.get("resolution_points"):
        phrases.append(draft["resolution_points"][0]["text"][:60])
    if draft.get("contributions"):
        phrases.append(draft["contributions"][0]["text"][:60])
    return [normalise(phrase) for phrase in phrases if phrase.strip()]


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def docx_text(path: Path) -> str:
    """All text of a Word document: body paragraphs, tables, headers and footers."""
    import docx  # python-docx: a dependency of the project, so present in the build Python

    document = docx.Document(str(path))
    parts: list[str] = []

    def collect(container) -> None:
        parts.extend(paragraph.text for paragraph in container.paragraphs)
        for table in container.tables:
            for row in table.rows:
                for cell in row.cells:
                    collect(cell)

    collect(document)
    for section in document.sections:
        collect(section.header)
        collect(section.footer)
    return normalise(" ".join(parts))


def check_export(bundle: Bundle, home: Path) -> str:
    example = find_example()
    target = home / "Stellungnahme_Rauchtest.docx"
    result = run_program(bundle.cli, ["export", str(example), "-o", str(target)], home)
    expect_success(result, f"stellungnahme-cli export {example.name}")
    if not target.is_file():
        raise BuildFailed(f"Der Export meldet Erfolg, aber {target} fehlt.")
    text = docx_text(target)
    missing = [phrase for phrase in expected_phrases(example) if phrase not in text]
    if missing:
        raise BuildFailed("Im exportierten Dokument fehlt: " + " | ".join(missing))
    return f"{example.name} → .docx ({target.stat().st_size // 1024} KB), Text geprüft"


def find_libreoffice() -> Path | None:
    """LibreOffice as the program itself finds it (PATH, then the usual folders)."""
    from stellungnahme_app.export.pdf import find_soffice

    return find_soffice()


def check_pdf_export(bundle: Bundle, home: Path) -> str:
    """The bundled program starts LibreOffice and gets a PDF/A back (a child process of a
    frozen program must not inherit the bundle's library paths)."""
    if find_libreoffice() is None:
        raise SkippedCheck("LibreOffice nicht gefunden")
    example = find_example()
    target = home / "Stellungnahme_Rauchtest.pdf"
    result = run_program(bundle.cli, ["export", str(example), "-o", str(target)], home)
    expect_success(result, f"stellungnahme-cli export {example.name} -o ….pdf")
    data = target.read_bytes() if target.is_file() else b""
    if not data.startswith(b"%PDF-") or b"pdfaid:part" not in data:
        raise BuildFailed(f"{target} ist kein PDF/A.")
    return f"{example.name} → PDF/A ({len(data) // 1024} KB) über LibreOffice"


def check_template(bundle: Bundle, home: Path) -> str:
    template = bundle.internal / "stellungnahme_app" / "templates" / "stellungnahme.docx"
    result = run_program(bundle.cli, ["template-check", str(template)], home)
    expect_success(result, "stellungnahme-cli template-check")
    return (result.stdout.strip().splitlines() or ["Vorlage in Ordnung"])[-1]


def check_spelling(bundle: Bundle, home: Path) -> str:
    """chunspell's hunspell works in the bundle: a typo put into the example is found."""
    from stellungnahme_app.spelling import find_dictionary

    if find_dictionary().found is None:
        raise SkippedCheck("kein deutsches Wörterbuch auf diesem Rechner")
    draft = json.loads(find_example().read_text("utf-8"))
    draft["conclusion"] = "Das geschieht jhrlich. " + draft.get("conclusion", "")
    spoilt = home / "mit-tippfehler.json"
    spoilt.write_text(json.dumps(draft, ensure_ascii=False), encoding="utf-8")
    result = run_program(bundle.cli, ["spellcheck", str(spoilt)], home)
    if result.returncode != 1 or "conclusion\tjhrlich\tjährlich" not in result.stdout:
        raise BuildFailed(
            f"spellcheck: Exit-Code {result.returncode}, erwartet 1 mit „jhrlich“.\n"
            f"Ausgabe: {result.stdout.strip()}\nFehlerausgabe: {result.stderr.strip()}"
        )
    return "Tippfehler „jhrlich“ gefunden, Vorschlag „jährlich“"


def check_motion_import(bundle: Bundle, home: Path) -> str:
    """The bundled program reads a PDF motion exactly as the source tree does."""
    if not MOTION_EXAMPLE.is_file():
        raise SkippedCheck(f"{MOTION_EXAMPLE} fehlt")
    target, expected = home / "antrag.json", home / "erwartet.json"
    result = run_program(
        bundle.cli, ["import-motion", str(MOTION_EXAMPLE), "-o", str(target)], home
    )
    expect_success(result, f"stellungnahme-cli import-motion {MOTION_EXAMPLE.name}")
    source_tree = [sys.executable, "-m", "stellungnahme_app", "import-motion"]
    reference = subprocess.run(
        [*source_tree, str(MOTION_EXAMPLE), "-o", str(expected)],
        cwd=home,
        env={**os.environ, "STELLUNGNAHME_HOME": str(home)},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=COMMAND_TIMEOUT_SECONDS,
        check=False,
    )
    expect_success(reference, "import-motion aus dem Quellbaum")
    read = json.loads(target.read_text("utf-8")) if target.is_file() else {}
    if read != json.loads(expected.read_text("utf-8")):
        raise BuildFailed(f"Das Bundle liest {MOTION_EXAMPLE.name} anders als der Quellbaum.")
    points = read.get("resolution_points", [])
    if not points:
        raise BuildFailed(f"Das Bundle findet in {MOTION_EXAMPLE.name} keine Beschlusspunkte.")
    return f"{MOTION_EXAMPLE.name} → {read.get('document_number')}, {len(points)} Beschlusspunkte"


def check_gui(bundle: Bundle, home: Path) -> str:
    started = time.perf_counter()
    result = run_program(
        bundle.gui, [], home, QT_QPA_PLATFORM="offscreen", **{QUIT_AFTER_START_VARIABLE: "1"}
    )
    seconds = time.perf_counter() - started
    expect_success(result, "Stellungnahme (Fenster, offscreen)")
    log_file = home / "stellungnahme.log"
    if log_file.exists() and "Traceback" in log_file.read_text("utf-8", errors="replace"):
        raise BuildFailed(f"Das Programm hat beim Start einen Fehler protokolliert: {log_file}")
    return f"Hauptfenster geöffnet und wieder geschlossen ({seconds:.1f} s)"


#: The name of the PDF check, which ``--require-pdf`` makes obligatory.
PDF_CHECK = "PDF-Ausgabe"
SMOKE_CHECKS: tuple[tuple[str, Callable[[Bundle, Path], str]], ...] = (
    ("Aufbau des Bundles", check_layout),
    ("Version", check_version),
    ("Export ohne Fenster", check_export),
    (PDF_CHECK, check_pdf_export),
    ("Vorlagenprüfung", check_template),
    ("Rechtschreibprüfung", check_spelling),
    ("Antrag lesen (PDF)", check_motion_import),
    ("Programmstart (offscreen)", check_gui),
)


def smoke_test(
    bundle: Bundle,
    *,
    checks: tuple[tuple[str, Callable[[Bundle, Path], str]], ...] = SMOKE_CHECKS,
    required: frozenset[str] = frozenset(),
) -> list[str]:
    """Run every check; returns the names of failed checks (empty when all passed).

    A check named in ``required`` that cannot run here counts as failed.
    """
    failed: list[str] = []
    for name, check in checks:
        home = Path(tempfile.mkdtemp(prefix="stellungnahme-rauchtest-"))
        try:
            detail = check(bundle, home)
        except BuildFailed as error:
            failed.append(name)
            say(f"  ✗ {name}: {error}")
        except SkippedCheck as reason:
            if name in required:
                failed.append(name)
                say(f"  ✗ {name}: übersprungen ({reason}), ist aber verlangt")
            else:
                say(f"  – {name}: übersprungen ({reason})")
        else:
            say(f"  ✓ {name}: {detail}")
        finally:
            shutil.rmtree(home, ignore_errors=True)
    return failed


def folder_size(folder: Path) -> tuple[int, int]:
    """Number of files and their bytes (symbolic links, which PyInstaller makes on Linux,
    are not counted twice)."""
    files = [path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]
    return len(files), sum(path.stat().st_size for path in files)


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=DEFAULT_DIST, help="Zielordner des Bundles")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="Arbeitsordner")
    parser.add_argument("--skip-build", action="store_true", help="nur das Bundle testen")
    parser.add_argument("--skip-smoke", action="store_true", help="nur bauen, nicht testen")
    parser.add_argument(
        "--require-pdf",
        action="store_true",
        help="die PDF-Prüfung muss laufen (Release-Build): ohne LibreOffice schlägt sie fehl",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):  # ✓ and ✗ on a Windows console without UTF-8
        sys.stdout.reconfigure(errors="replace")
    arguments = parse_arguments(argv)
    dist, work = arguments.dist.resolve(), arguments.work.resolve()
    started = time.perf_counter()
    try:
        if arguments.skip_build:
            bundle = Bundle(dist / config.BUNDLE_NAME)
            if not bundle.folder.is_dir():
                raise BuildFailed(f"Kein Bundle in {bundle.folder} – erst ohne --skip-build bauen.")
        else:
            say(f"» Baue das Bundle (PyInstaller) nach {dist} …")
            bundle = build_bundle(dist, work)
            say(f"  fertig nach {time.perf_counter() - started:.0f} s")
    except BuildFailed as error:
        say(f"✗ {error}")
        return 1
    failed: list[str] = []
    if not arguments.skip_smoke:
        say("» Rauchtest …")
        required = frozenset({PDF_CHECK}) if arguments.require_pdf else frozenset()
        failed = smoke_test(bundle, required=required)
    count, size = folder_size(bundle.folder)
    say("")
    say(f"Bundle:   {bundle.folder}")
    say(f"Umfang:   {count} Dateien, {size / 1_000_000:.0f} MB")
    say(f"Dauer:    {time.perf_counter() - started:.0f} s")
    if failed:
        say(f"Ergebnis: FEHLGESCHLAGEN ({', '.join(failed)})")
        return 1
    say("Ergebnis: in Ordnung" if not arguments.skip_smoke else "Ergebnis: gebaut, nicht getestet")
    return 0


if __name__ == "__main__":
    sys.exit(main())
