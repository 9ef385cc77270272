"""Commands on the local draft database: ``stellungnahme drafts list|import|export|…``.

* ``drafts list [--search TEXT] [--status STATUS] [--trash]`` — a table of the drafts
* ``drafts import FILE.json…`` — store exchange files as new drafts, print their numbers
* ``drafts export ID -o FILE.json|.docx|.pdf [--draft]`` — write a stored draft out
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
from stellungnahme_app.cli.document_commands import OUTPUT_SUFFIXES, configured_settings
from stellungnahme_app.cli.main import ExitCode
from stellungnahme_app.german_dates import format_date, format_date_time
from stellungnahme_app.store import (
    BackupNotFound,
    DraftNotFound,
    DraftSummary,
    Status,
    VersionReason,
)

if TYPE_CHECKING:
    from stellungnahme_app.store import Store

TITLE_WIDTH = 50


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ``drafts`` command and its subcommands to the parser."""
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
    export.add_argument("draft_id", type=_draft_id, metavar="NR", help="Nummer des Entwurfs")
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
    export.set_defaults(handler=run_export)

    delete = actions.add_parser("delete", help="einen Entwurf in den Papierkorb verschieben")
    delete.add_argument("draft_id", type=_draft_id, metavar="NR", help="Nummer des Entwurfs")
    delete.set_defaults(handler=run_delete)

    restore = actions.add_parser("restore", help="einen Entwurf aus dem Papierkorb zurückholen")
    restore.add_argument("draft_id", type=_draft_id, metavar="NR", help="Nummer des Entwurfs")
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


def _draft_id(text: str) -> int:
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


def _with_store(action: Callable[[Store], int]) -> int:
    """Open the store, tell about a repair, run ``action``; unknown ids are usage errors."""
    from stellungnahme_app.store import Store  # sqlite-utils only when a drafts command runs

    with Store.open() as store:
        if store.recovery_notice:
            print(store.recovery_notice, file=sys.stderr)
        try:
            return action(store)
        except (DraftNotFound, BackupNotFound) as error:
            print(error.message, file=sys.stderr)
            return ExitCode.USAGE


def run_list(args: argparse.Namespace) -> int:
    def action(store: Store) -> int:
        if args.search is not None:
            if args.trash:
                print("--search und --trash gehen nicht zusammen.", file=sys.stderr)
                return ExitCode.USAGE
            rows = store.search(args.search, status=args.status)
        else:
            rows = store.list_drafts(status=args.status, trash=args.trash)
        if not rows:
            print("Keine Entwürfe gefunden." if args.search or args.status else "Keine Entwürfe.")
            return ExitCode.OK
        print(format_table(rows))
        return ExitCode.OK

    return _with_store(action)


def run_import(args: argparse.Namespace) -> int:
    drafts = [(path, exchange.read_file(path)) for path in args.files]

    def action(store: Store) -> int:
        for path, draft in drafts:
            stored = store.create(draft)
            store.keep_version(stored.id, VersionReason.IMPORT)
            print(f"Nr. {stored.id}: {_one_line(draft.display_title)} (aus „{path.name}“)")
        return ExitCode.OK

    return _with_store(action)


def run_export(args: argparse.Namespace) -> int:
    target: Path = args.output
    suffix = target.suffix.lower()
    if suffix not in (exchange.FILE_SUFFIX, *OUTPUT_SUFFIXES):
        print(
            f"Die Zieldatei „{target}“ muss auf .json (Austauschdatei), .docx (Word) oder "
            ".pdf enden.",
            file=sys.stderr,
        )
        return ExitCode.USAGE

    def action(store: Store) -> int:
        stored = store.load(args.draft_id)
        if suffix == exchange.FILE_SUFFIX:
            exchange.write_file(stored.draft, target)
        else:
            from stellungnahme_app.export import ExportBlocked, export_document

            configured = configured_settings()
            try:
                export_document(
                    stored.draft,
                    target,
                    draft_mode=args.draft_mode,
                    template=configured.template,
                    number_pattern=configured.number_pattern,
                    number_example=configured.number_example,
                )
            except ExportBlocked as blocked:
                print(blocked.message, file=sys.stderr)
                return ExitCode.FINDINGS
        store.keep_version(stored.id, VersionReason.EXPORT)
        mode = " (Entwurf)" if args.draft_mode and suffix in OUTPUT_SUFFIXES else ""
        print(f"Gespeichert{mode}: {target.absolute()}")
        return ExitCode.OK

    return _with_store(action)


def run_delete(args: argparse.Namespace) -> int:
    def action(store: Store) -> int:
        stored = store.load(args.draft_id)
        store.delete(args.draft_id)
        print(
            f"Nr. {args.draft_id} ({_one_line(stored.draft.display_title)}) liegt jetzt im "
            "Papierkorb. Zurückholen mit: stellungnahme drafts restore "
            f"{args.draft_id}"
        )
        return ExitCode.OK

    return _with_store(action)


def run_restore(args: argparse.Namespace) -> int:
    def action(store: Store) -> int:
        store.restore_from_trash(args.draft_id)
        stored = store.load(args.draft_id)
        print(f"Nr. {args.draft_id} ({_one_line(stored.draft.display_title)}) ist zurückgeholt.")
        return ExitCode.OK

    return _with_store(action)


def run_backup(_args: argparse.Namespace) -> int:
    def action(store: Store) -> int:
        print(f"Sicherung geschrieben: {store.backup()}")
        return ExitCode.OK

    return _with_store(action)


def run_restore_backup(args: argparse.Namespace) -> int:
    def action(store: Store) -> int:
        used = store.restore_backup(args.name)
        print(f"Sicherung „{used.name}“ eingespielt.")
        if store.previous_database is not None:
            print(f"Die bisherige Datenbank ist aufbewahrt als „{store.previous_database}“.")
        return ExitCode.OK

    return _with_store(action)


# ---------------------------------------------------------------------- the table


def _one_line(text: str) -> str:
    return " ".join(text.split())


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
