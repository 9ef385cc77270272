"""Commands on a draft's versions: ``drafts versions|diff|update``.

* ``drafts versions ID [--named]`` — one line per version, oldest first:
  ``NUMBER<TAB>TT.MM.JJJJ HH:MM<TAB>what happened`` (with who, and the name if it has one);
* ``drafts diff ID [--from N] [--to N]`` — what changed from version N (default: the
  newest) to version N (default: the draft as it is now), word by word in the style of
  ``git diff --word-diff``: ``[-alt-]{+neu+}``, only the changed paragraphs, each under its
  field path;
* ``drafts update ID FILE.json`` — replace the draft's content with an exchange file's; the
  state it replaces is kept as a version.

``drafts export ID -o X.docx --changes-since N`` is in :mod:`.drafts_commands`. A version
number that the draft does not have is a usage error (exit code 2), like an unknown draft.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from stellungnahme_app.cli.drafts_commands import draft_id_argument, with_workspace
from stellungnahme_app.cli.main import ExitCode
from stellungnahme_app.cli.terminal_text import for_terminal
from stellungnahme_app.compare import DraftComparison, markup, place
from stellungnahme_app.german_dates import format_date_time
from stellungnahme_app.store import ConflictError, VersionInfo

if TYPE_CHECKING:
    from stellungnahme_app.workspace import Workspace


def register(drafts: argparse._SubParsersAction) -> None:
    """Add ``versions``, ``diff`` and ``update`` to the ``drafts`` subcommands."""
    listing = drafts.add_parser(
        "versions",
        help="die Versionen eines Entwurfs auflisten",
        description="Zeigt je Version eine Zeile, die älteste zuerst: Nummer, Zeitpunkt und "
        "was geschah (mit wem, und dem Namen der Fassung, falls sie einen hat), durch "
        "Tabulatoren getrennt.",
    )
    listing.add_argument(
        "draft_id", type=draft_id_argument, metavar="NR", help="Nummer des Entwurfs"
    )
    listing.add_argument("--named", action="store_true", help="nur Fassungen mit einem Namen")
    listing.set_defaults(handler=run_versions)

    diff = drafts.add_parser(
        "diff",
        help="zeigen, was sich zwischen zwei Versionen geändert hat",
        description="Vergleicht zwei Versionen Wort für Wort und zeigt nur die geänderten "
        "Absätze, jeden unter seinem Feld: [-gelöscht-]{+eingefügt+}. Ohne --from vergleicht "
        "er die neueste Version, ohne --to mit dem jetzigen Stand.",
    )
    diff.add_argument("draft_id", type=draft_id_argument, metavar="NR", help="Nummer des Entwurfs")
    diff.add_argument(
        "--from", dest="older", type=version_number, metavar="N", help="von Version N"
    )
    diff.add_argument("--to", dest="newer", type=version_number, metavar="N", help="bis Version N")
    diff.set_defaults(handler=run_diff)

    update = drafts.add_parser(
        "update",
        help="den Inhalt eines Entwurfs durch eine Austauschdatei ersetzen",
        description="Ersetzt den Inhalt des Entwurfs durch den der Austauschdatei "
        "(stellungnahme/1). Der bisherige Stand bleibt als Version erhalten.",
    )
    update.add_argument(
        "draft_id", type=draft_id_argument, metavar="NR", help="Nummer des Entwurfs"
    )
    update.add_argument("file", type=Path, metavar="DATEI.json", help="die Austauschdatei")
    update.set_defaults(handler=run_update)


def version_number(text: str) -> int:
    """A version number as ``drafts versions`` shows it (for ``--from``, ``--to``, …)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(
            f"„{text}“ ist keine Versionsnummer (eine ganze Zahl wie 3, siehe „drafts versions“)"
        )
    return value


def describe(version: VersionInfo) -> str:
    """``Als Word-Dokument ausgegeben · mmueller · „Fassung für den Dezernenten“``."""
    parts = [version.what_happened, version.author]
    if version.name:
        parts.append(f"„{version.name}“")
    return for_terminal(" · ".join(part for part in parts if part))


def run_versions(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        versions = workspace.versions(args.draft_id)
        if args.named:
            versions = [v for v in versions if v.name]
        if not versions:
            what = "benannten Versionen" if args.named else "Versionen"
            print(f"Der Entwurf Nr. {args.draft_id} hat noch keine {what}.", file=sys.stderr)
            return ExitCode.OK
        for version in sorted(versions, key=lambda v: v.number):
            print(f"{version.number}\t{format_date_time(version.created)}\t{describe(version)}")
        return ExitCode.OK

    return with_workspace(action)


def run_diff(args: argparse.Namespace) -> int:
    def action(workspace: Workspace) -> int:
        if args.older is not None:
            older = workspace.version_numbered(args.draft_id, args.older)
        else:
            kept = workspace.versions(args.draft_id)
            if not kept:
                print(
                    f"Der Entwurf Nr. {args.draft_id} hat noch keine Versionen; es gibt nichts "
                    "zu vergleichen.",
                    file=sys.stderr,
                )
                return ExitCode.USAGE
            older = max(kept, key=lambda v: v.number)
        newer = workspace.version_numbered(args.draft_id, args.newer) if args.newer else None
        comparison = workspace.compare(args.draft_id, older.id, newer.id if newer else None)
        to = (
            f"Version {newer.number} ({format_date_time(newer.created)})"
            if newer
            else ("dem jetzigen Stand")
        )
        heading = f"Version {older.number} ({format_date_time(older.created)}) mit {to}"
        if comparison.unchanged:
            print(f"Keine Unterschiede zwischen {heading}.", file=sys.stderr)
            return ExitCode.OK
        print(f"Vergleich von {heading}:", file=sys.stderr)
        print(format_comparison(comparison))
        return ExitCode.OK

    return with_workspace(action)


def format_comparison(comparison: DraftComparison) -> str:
    """Each changed paragraph under its field path, label and place; an item added or
    removed as a whole under one heading. A line break inside a paragraph shows as ``↵``."""
    blocks = []
    for field in comparison.fields:
        lines: list[str] = []
        for paragraph in field.changed_paragraphs:
            where = place(field, paragraph)
            heading = " · ".join(p for p in (field.path, field.label, where) if p)
            if not lines or where:
                if lines:
                    blocks.append("\n".join(lines))
                lines = [for_terminal(heading)]
            lines.append(for_terminal(markup(paragraph.diff).replace("\n", "↵")))
        if lines:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def run_update(args: argparse.Namespace) -> int:
    source: Path = args.file

    def action(workspace: Workspace) -> int:
        try:
            replaced = workspace.replace_from_file(args.draft_id, source)
        except ConflictError:
            print(
                f"Der Entwurf Nr. {args.draft_id} wurde eben an anderer Stelle gespeichert; "
                "sein Inhalt ist nicht ersetzt. Bitte versuchen Sie es noch einmal.",
                file=sys.stderr,
            )
            return ExitCode.FAILED
        name = for_terminal(source.name)
        if replaced is None:
            print(f"Nr. {args.draft_id} enthält schon, was in „{name}“ steht; nichts geändert.")
            return ExitCode.OK
        title = for_terminal(" ".join(replaced.opened.title.split()))
        print(
            f"Nr. {args.draft_id} ({title}): Inhalt aus „{name}“ übernommen. Der bisherige Stand "
            f"ist Version {replaced.previous.number} (stellungnahme drafts diff "
            f"{args.draft_id} --from {replaced.previous.number})."
        )
        return ExitCode.OK

    return with_workspace(action)
