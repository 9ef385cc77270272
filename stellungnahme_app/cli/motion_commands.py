"""Commands that read motions in: ``import-motion`` and ``drafts import-motion``.

* ``stellungnahme import-motion FILE [--main-file PDF] [-o DRAFT.json]`` — read the motion
  (PDF, Word file or OParl record) and write a ``stellungnahme/1`` draft holding its number,
  title and resolution points (everything else empty, to be filled);
* ``stellungnahme drafts import-motion FILE… [--main-file PDF]`` — a new draft in the store
  for each motion (with the configured defaults); if one cannot be read, none is stored.

What was read goes to stdout (each point with its page), notes and errors to stderr. Exit
codes as in :mod:`stellungnahme_app.cli.main`: a motion that cannot be read (a scan, a
password, no resolution points, the OParl main file missing) is exit code 2, an output file
that cannot be written 3.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from stellungnahme_app import exchange
from stellungnahme_app.cli.document_commands import load_configuration_reporting
from stellungnahme_app.cli.main import ExitCode
from stellungnahme_app.cli.terminal_text import for_terminal
from stellungnahme_app.errors import StellungnahmeError

if TYPE_CHECKING:
    from stellungnahme_app.motion import MotionReading
    from stellungnahme_app.workspace import Workspace

PREVIEW_CHARACTERS = 70
MAIN_FILE_HELP = (
    "bei einem OParl-Datensatz: die Hauptdatei (PDF oder Word), wenn sie nicht unter ihrem "
    "Dateinamen daneben liegt"
)


def register(commands: argparse._SubParsersAction, drafts: argparse._SubParsersAction) -> None:
    """Add ``import-motion`` to the commands and to the ``drafts`` subcommands."""
    single = commands.add_parser(
        "import-motion",
        help="einen Antrag (PDF, Word, OParl) als Austauschdatei einlesen",
        description="Liest Nummer, Titel und Beschlusspunkte aus einem Antrag (PDF, Word-Datei "
        ".docx oder OParl-Datensatz .json) und schreibt sie als Austauschdatei "
        "(stellungnahme/1); alles Übrige bleibt leer.",
    )
    single.add_argument("motion", type=Path, metavar="DATEI", help="der Antrag")
    single.add_argument("--main-file", type=Path, metavar="DATEI", help=MAIN_FILE_HELP)
    single.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="ENTWURF.json",
        help="Zieldatei oder Zielordner; Standard: Stellungnahme_<Nummer>.json neben dem Antrag",
    )
    single.set_defaults(handler=run_import_motion)

    many = drafts.add_parser(
        "import-motion",
        help="Anträge (PDF, Word, OParl) als neue Entwürfe speichern",
        description="Liest Nummer, Titel und Beschlusspunkte aus jedem Antrag und speichert ihn "
        "als neuen Entwurf. Kann ein Antrag nicht gelesen werden, wird keiner gespeichert.",
    )
    many.add_argument("motions", type=Path, nargs="+", metavar="DATEI", help="die Anträge")
    many.add_argument("--main-file", type=Path, metavar="DATEI", help=MAIN_FILE_HELP)
    many.set_defaults(handler=run_drafts_import_motion)


def _one_line(text: str, width: int = PREVIEW_CHARACTERS) -> str:
    text = " ".join(text.split())
    text = text if len(text) <= width else text[: width - 1] + "…"
    return for_terminal(text)


def print_reading(reading: MotionReading) -> None:
    """What was read, one line a point, to stdout; the notes to stderr."""
    print(f"Gelesen: {for_terminal(reading.summary())}")
    for point in reading.points:
        where = f" ({point.origin.page_label})" if point.origin.page_label else ""
        print(f"  {for_terminal(point.number) or '–'}{where}: {_one_line(point.text)}")
    for note in reading.notes:
        print(f"Hinweis („{for_terminal(reading.name)}“): {for_terminal(note)}", file=sys.stderr)


def _report_unreadable(error: StellungnahmeError) -> None:
    print(for_terminal(error.message), file=sys.stderr)
    from stellungnahme_app.motion import MainFileMissing  # the reader only when reading

    if isinstance(error, MainFileMissing):
        print("Geben Sie die Hauptdatei mit --main-file DATEI an.", file=sys.stderr)


def _target(args: argparse.Namespace, default_name: str) -> Path | None:
    """Where ``import-motion`` writes; ``None`` (after a message) if unusable."""
    output: Path | None = args.output
    if output is None:
        target = args.motion.parent / default_name
    elif output.is_dir():
        target = output / default_name
    elif output.suffix.casefold() != exchange.FILE_SUFFIX:
        print(f"Die Zieldatei „{output}“ muss auf .json enden.", file=sys.stderr)
        return None
    else:
        target = output
    read = [args.motion, *([args.main_file] if args.main_file else [])]
    if any(target.resolve() == path.resolve() for path in read):
        print(
            f"Die Zieldatei „{target}“ ist die gelesene Datei; bitte eine andere angeben.",
            file=sys.stderr,
        )
        return None
    return target


def run_import_motion(args: argparse.Namespace) -> int:
    from stellungnahme_app.workspace import (
        MotionTakeOver,
        exchange_file_name,
        motion_draft,
        read_motion_file,
        write_exchange_file,
    )

    settings = load_configuration_reporting().settings
    try:
        reading = read_motion_file(args.motion, settings, main_file=args.main_file)
    except StellungnahmeError as error:
        _report_unreadable(error)
        return ExitCode.USAGE
    draft = motion_draft(MotionTakeOver.of(reading))
    target = _target(args, exchange_file_name(draft))
    if target is None:
        return ExitCode.USAGE
    print_reading(reading)
    written = write_exchange_file(draft, target)
    print(f"Gespeichert: {written.absolute()}")
    return ExitCode.OK


def run_drafts_import_motion(args: argparse.Namespace) -> int:
    from stellungnahme_app.cli.drafts_commands import with_workspace
    from stellungnahme_app.workspace import read_motion_files

    if args.main_file is not None and len(args.motions) > 1:
        print("--main-file geht nur zusammen mit einem einzigen Antrag.", file=sys.stderr)
        return ExitCode.USAGE
    settings = load_configuration_reporting().settings
    readings = read_motion_files(args.motions, settings, main_file=args.main_file)
    failures = [item for item in readings if item.error is not None]
    if failures:
        for item in failures:
            assert item.error is not None
            _report_unreadable(item.error)
        print("Es wurde kein Entwurf angelegt.", file=sys.stderr)
        return ExitCode.USAGE

    def action(workspace: Workspace) -> int:
        report = workspace.add_motions(readings)
        by_path = {item.path: item.reading for item in readings}
        for added in report.added:
            reading = by_path[added.path]
            assert reading is not None
            count = len(reading.points)
            source = for_terminal(added.path.name)
            print(
                f"Nr. {added.id}: {_one_line(added.title, 60)} (aus „{source}“, "
                f"{count} Beschlusspunkt{'e' if count != 1 else ''})"
            )
            for note in reading.notes:
                print(f"Hinweis (Nr. {added.id}): {for_terminal(note)}", file=sys.stderr)
        for path, error in report.failures:
            print(f"„{for_terminal(path.name)}“: {error.message}", file=sys.stderr)
        return ExitCode.FAILED if report.failures else ExitCode.OK

    return with_workspace(action)
