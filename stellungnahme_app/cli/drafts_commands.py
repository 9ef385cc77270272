"""Commands on the local draft database: ``stellungnahme drafts list|import|export|…``.

* ``drafts list [--search TEXT] [--status STATUS] [--trash]`` — a table of the drafts
* ``drafts import FILE.json…`` — store exchange files as new drafts, print their numbers
* ``drafts import-motion FILE…`` — see :mod:`.motion_commands`
* ``drafts export ID -o FILE.json|.docx|.pdf [--draft] [--changes-since N]`` — write a
  stored draft out (with ``--changes-since`` a .docx with the changes since version N as
  Word's tracked changes)
* ``drafts versions|diff|update`` — see :mod:`.version_commands`
* ``drafts delete ID`` / ``drafts restore ID`` — into the trash and back
* ``drafts backup`` / ``drafts restore-backup [NAME]`` — back up now / restore a backup

Results go to stdout, messages to stderr, exit codes as in :mod:`stellungnahme_app.cli.main`
(an unknown draft number or backup name is a usage error, exit code 2). Like ``export``,
``drafts export`` uses the configured Word template and form of the Drucksache number.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from stellungnahme_app import exchange
from stellungnahme_app.cli.document_commands import load_configuration_reporting
from stellungnahme_app.cli.main import ExitCode
from stellungnahme_app.cli.terminal_text import for_terminal
from stellungnahme_app.german_dates import format_date, format_date_time
from stellungnahme_app.store import BackupNotFound, DraftNotFound, DraftSummary, Status
from stellungnahme_app.workspace.documents import DOCUMENT_SUFFIXES

if TYPE_CHECKING:
    from stellungnahme_app.workspace import Workspace

TITLE_WIDTH = 50


def register(commands: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """Add the ``drafts`` command and its subcommands; returns them for more to be added."""
    drafts = commands.add_parser(
        "drafts",
        help="die gespeicherten Entwürfe auflisten, importieren, ausgeben, sichern",
        description="Arbeitet mit der Entwurfsdatenbank im Datenordner des Programms.",
    )
    drafts.set_defaults(handler=lambda _args: _usage(drafts))
    actions = drafts.add_subparsers(
        title="Unterbefehle",
        dest="drafts_command",
        metavar="UNTERBEFEHL",
        parser_class=type(drafts),
    )

    listing = actions.add_parser(
        "list",
        help="Entwürfe auflisten oder durchsuchen",
        description="Zeigt je Entwurf eine Zeile: Nummer, Drucksache, Titel, Status, Frist "
        "und letzte Änderung (neueste zuerst; mit --search die besten Treffer zuerst).",
    )
    listing.add_argument("--search", metavar="TEXT", help="nur Entwürfe, die TEXT enthalten")
    listing.add_argument(
        "--status",
        type=parse_status,
        metavar="STATUS",
        help="nur Entwürfe mit diesem Status: " + ", ".join(s.label for s in Status),
    )
    listing.add_argument(
        "--trash", action="store_true", help="die Entwürfe im Papierkorb auflisten"
    )
    listing.set_defaults(handler=run_list)

    importing = actions.add_parser(
        "import",
        help="Austauschdateien als neue Entwürfe speichern",
        description="Liest Austauschdateien (stellungnahme/1) und speichert jede als neuen "
        "Entwurf. Ist eine Datei fehlerhaft, wird keine gespeichert.",
    )
    importing.add_argument("files", type=Path, nargs="+", metavar="DATEI.json")
    importing.set_defaults(handler=run_import)

    export = actions.add_parser(
        "export",
        help="einen Entwurf als Austauschdatei, Word-Dokument oder PDF ausgeben",
        description="Gibt einen gespeicherten Entwurf aus: .json als Austauschdatei, .docx "
        "als Word-Dokument, .pdf als PDF/A. Die Ausgabe wird als Version festgehalten.",
    )
    export.add_argument(
        "draft_id", type=draft_id_argument, metavar="NR", help="Nummer des Entwurfs"
    )
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="DATEI",
        help="Zieldatei (.json, .docx oder .pdf)",
    )
    export.add_argument(
        "--draft",
        dest="draft_mode",
        action="store_true",
        help="als Entwurf ausgeben (jede Seite trägt „ENTWURF“, auch unvollständig möglich)",
    )
    export.add_argument(
        "--changes-since",
        type=int,
        metavar="N",
        help="ein Word-Dokument mit den Änderungen seit Version N als nachverfolgte Änderungen "
        "(in Word einzeln annehmen oder ablehnen; Nummern siehe „drafts versions“)",
    )
    export.set_defaults(handler=run_export)

    delete = actions.add_parser("delete", help="einen Entwurf in den Papierkorb verschieben")
    delete.add_argument(
        "draft_id", type=draft_id_argument, metavar="NR", help="Nummer des Entwurfs"
    )
    delete.set_defaults(handler=run_delete)

    restore = actions.add_parser("restore", help="einen Entwurf aus dem Papierkorb zurückholen")
    restore.add_argument(
        "draft_id", type=draft_id_argument, metavar="NR", help="Nummer des Entwurfs"
    )
    restore.set_defaults(handler=run_restore)

    backup = actions.add_parser("backup", help="die Entwurfsdatenbank jetzt sichern")
    backup.set_defaults(handler=run_backup)

    restore_backup = actions.add_parser(
        "restore-backup",
        help="eine Sicherung einspielen (ohne NAME die neueste)",
        description="Ersetzt die Entwurfsdatenbank durch eine Sicherung. Die bisherige "
        "Datenbank wird nicht gelöscht, sondern daneben aufbewahrt. Bitte schließen Sie "
        "vorher alle Programmfenster.",
    )
    restore_backup.add_argument(
        "name", nargs="?", metavar="NAME", help="Dateiname der Sicherung (siehe Ordner backups)"
    )
    restore_backup.set_defaults(handler=run_restore_backup)

    from stellungnahme_app.cli import version_commands

    version_commands.register(actions)
    return actions


# ---------------------------------------------------------------------- argument types


def parse_status(text: str) -> Status:
    """A status from its key or German label, in any case (for ``--status``)."""
    try:
        return Status.parse(text)
    except ValueError:
        allowed = ", ".join(f"„{s.label}“ ({s.value})" for s in Status)
        raise argparse.ArgumentTypeError(
            f"unbekannter Status „{text}“; möglich sind {allowed}"
        ) from None


def draft_id_argument(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(
            f"„{text}“ ist keine Entwurfsnummer (eine ganze Zahl wie 12, siehe „drafts list“)"
        )
    return value


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return ExitCode.USAGE


# ---------------------------------------------------------------------- running


def with_workspace(action: Callable[[Workspace], int]) -> int:
    """Open the drafts, tell about a repair, run ``action``; unknown ids are usage errors."""
    from stellungnahme_app.workspace import Workspace

    with Workspace.open(configuration=load_configuration_reporting()) as workspace:
        if workspace.recovery_notice:
            print(workspace.recovery_notice, file=sys.stderr)
        if workspace.read_only_reason:
            print(f"Nur lesen: {workspace.read_only_reason}", file=sys.stderr)
        try:
            return action(workspace)
        except (DraftNotFound, BackupNotFound) as error:
            print(error.message, file=sys.stderr)
            return ExitCode.USAGE


def run_list(args: argparse.Namespace) -> int:
    if args.search is not None and args.trash:
        print("--search und --trash gehen nicht zusammen.", file=sys.stderr)
        return ExitCode.USAGE

    def action(workspace: Workspace) -> int:
        if args.search is not None:
            rows = workspace.search(args.search, status=args.status)
        else:
            rows = workspace.list_drafts(status=args.status, trash=args.trash)
        for damaged in workspace.unreadable_drafts():
            print(
                f"Entwurf Nr. {damaged.id} ist beschädigt und fehlt in der Liste: "
                f"{for_terminal(damaged.problem)}",
                file=sys.stderr,
            )
        if not rows:
            print("Keine Entwürfe gefunden." if args.search or args.status else "Keine Entwürfe.")
            return ExitCode.OK
        print(format_table(rows))
        return ExitCode.OK

    return with_workspace(action)


def run_import(args: argparse.Namespace) -> int:
    from stellungnahme_app.workspace import Workspace

    readings = Workspace.read_import_files(args.files)
    failures = [reading for reading in readings if reading.error is not None]
    if failures:
        for reading in failures:
            assert reading.error is not None
            print(reading.error.message, file=sys.stderr)
        print("Es wurde keine Datei gespeichert.", file=sys.stderr)
        return ExitCode.USAGE

    def action(workspace: Workspace) -> int:
        report = workspace.add_imported(readings, all_or_nothing=True)
        for item in report.added:
            print(f"Nr. {item.id}: {_one_line(item.title)} (aus „{for_terminal(item.path.name)}“)")
        for path, error in report.failures:
            print(f"„{for_terminal(path.name)}“: {error.message}", file=sys.stderr)
        return ExitCode.FAILED if report.failures else ExitCode.OK

    return with_workspace(action)


def run_export(args: argparse.Namespace) -> int:
    from stellungnahme_app.export import ExportBlocked

    target: Path = args.output
    suffix = target.suffix.lower()
    if suffix not in (exchange.FILE_SUFFIX, *DOCUMENT_SUFFIXES):
        print(
            f"Die Zieldatei „{target}“ muss auf .json (Austauschdatei), .docx (Word) oder "
            ".pdf enden.",
            file=sys.stderr,
        )
        return ExitCode.USAGE

    if args.changes_since is not None and suffix != ".docx":
        print(
            f"„{target}“: Die Änderungen seit Version {args.changes_since} lassen sich nur als "
            "Word-Dokument (.docx) ausgeben; nur Word zeigt sie als Änderungen, die man annehmen "
            "oder ablehnen kann.",
            file=sys.stderr,
        )
        return ExitCode.USAGE

    def action(workspace: Workspace) -> int:
        since = None
        if args.changes_since is not None:
            since = workspace.version_numbered(args.draft_id, args.changes_since)
        try:
            written = workspace.export_stored(
                args.draft_id,
                target,
                draft_mode=args.draft_mode,
                changes_since=since.id if since else None,
            )
        except ExportBlocked as blocked:
            print(blocked.message, file=sys.stderr)
            return ExitCode.FINDINGS
        mode = " (Entwurf)" if args.draft_mode and suffix in DOCUMENT_SUFFIXES else ""
        changes = f" mit den Änderungen seit Version {since.number}" if since else ""
        print(f"Gespeichert{mode}{changes}: {written.absolute()}")
        return ExitCode.OK

    return with_workspace(action)


def run_delete(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        title = workspace.move_to_trash(args.draft_id)
        print(
            f"Nr. {args.draft_id} ({_one_line(title)}) liegt jetzt im Papierkorb. Zurückholen "
            f"mit: stellungnahme drafts restore {args.draft_id}"
        )
        return ExitCode.OK

    return with_workspace(action)


def run_restore(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        title = workspace.restore_from_trash(args.draft_id)
        print(f"Nr. {args.draft_id} ({_one_line(title)}) ist zurückgeholt.")
        return ExitCode.OK

    return with_workspace(action)


def run_backup(_args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        print(f"Sicherung geschrieben: {workspace.back_up_now()}")
        return ExitCode.OK

    return with_workspace(action)


def run_restore_backup(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        restored = workspace.restore_backup(args.name)
        print(f"Sicherung „{restored.used.name}“ eingespielt.")
        if restored.previous_database is not None:
            print(f"Die bisherige Datenbank ist aufbewahrt als „{restored.previous_database}“.")
        return ExitCode.OK

    return with_workspace(action)


# ---------------------------------------------------------------------- the table


def _one_line(text: str) -> str:
    """One line for the terminal: whitespace collapsed, control characters escaped."""
    return for_terminal(" ".join(text.split()))


def _shorten(text: str, width: int) -> str:
    text = _one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(rows: Sequence[DraftSummary]) -> str:
    """An aligned table, one line per draft; overdue deadlines are marked."""
    header = ("Nr.", "Drucksache", "Titel", "Status", "Frist", "Geändert")
    lines = [
        (
            str(row.id),
            _shorten(row.number, 12),
            _shorten(row.title, TITLE_WIDTH) or "(ohne Titel)",
            row.status.label,
            format_date(row.deadline) + (" überfällig" if row.overdue else ""),
            format_date_time(row.changed),
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]

    def render(cells: Sequence[str]) -> str:
        first = cells[0].rjust(widths[0])
        rest = [cell.ljust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    return "\n".join([render(header), *(render(line) for line in lines)])
