"""Commands on a draft file: ``export``, ``validate``, ``template-check``.

* ``stellungnahme export DRAFT.json [-o OUT.docx|OUT.pdf] [--draft] [--template T.docx]``
* ``stellungnahme validate DRAFT.json`` — exit 0 when ready for the final export, else 1
* ``stellungnahme template-check T.docx`` — exit 0 usable, 1 problems, 2 unreadable

Results (``Gespeichert: …``, the findings of ``validate`` and ``template-check``) go to
stdout; error messages go to stderr. Exit codes as in :mod:`stellungnahme_app.cli.main`.
Like the desktop application, ``export`` and ``validate`` use the configured form of the
Drucksache number and Word template (:mod:`stellungnahme_app.settings`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from stellungnahme_app import exchange, rules
from stellungnahme_app.cli.main import ExitCode
from stellungnahme_app.cli.terminal_text import for_terminal
from stellungnahme_app.workspace.documents import DOCUMENT_SUFFIXES, check_draft, export_draft

if TYPE_CHECKING:
    from stellungnahme_app.workspace import Configuration


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    export = commands.add_parser(
        "export",
        help="eine Stellungnahme als Word-Dokument (.docx) oder PDF ausgeben",
        description="Gibt die Stellungnahme aus einer Austauschdatei (stellungnahme/1) als "
        "Word-Dokument oder PDF/A aus. Ohne --draft nur, wenn die Prüfung keine Fehler findet.",
    )
    export.add_argument("draft_file", type=Path, metavar="ENTWURF.json", help="Austauschdatei")
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="DATEI",
        help="Zieldatei (.docx oder .pdf) oder Zielordner; Standard: "
        "Stellungnahme_<Nummer>.docx neben der Austauschdatei",
    )
    export.add_argument(
        "--draft",
        dest="draft_mode",
        action="store_true",
        help="als Entwurf ausgeben (jede Seite trägt „ENTWURF“, auch unvollständig möglich)",
    )
    export.add_argument(
        "--template",
        type=Path,
        metavar="VORLAGE.docx",
        help="diese Word-Vorlage verwenden (statt der eingestellten)",
    )
    export.set_defaults(handler=run_export)

    validate = commands.add_parser(
        "validate",
        help="prüfen, ob eine Stellungnahme vollständig ist",
        description="Zeigt alle Fehler und Hinweise der Prüfung. Rückgabewert 0: bereit für "
        "die endgültige Ausgabe, 1: noch nicht.",
    )
    validate.add_argument("draft_file", type=Path, metavar="ENTWURF.json", help="Austauschdatei")
    validate.set_defaults(handler=run_validate)

    template_check = commands.add_parser(
        "template-check",
        help="eine Word-Vorlage prüfen",
        description="Prüft eine Word-Vorlage auf Syntaxfehler, unbekannte und fehlende "
        "Platzhalter und unerlaubte Zugriffe. Rückgabewert 0: in Ordnung, 1: Probleme "
        "gefunden, 2: nicht lesbar.",
    )
    template_check.add_argument("template", type=Path, nargs="?", metavar="VORLAGE.docx")
    template_check.add_argument(
        "--platzhalter",
        dest="list_placeholders",
        action="store_true",
        help="alle Platzhalter zeigen, die eine Vorlage verwenden kann",
    )
    template_check.set_defaults(handler=run_template_check)


def finding_line(finding: rules.Finding) -> str:
    return f"{finding.severity.label} ({finding.field}): {for_terminal(finding.message)}"


def load_configuration_reporting() -> Configuration:
    """The settings in effect (template, number form), as in the window; problems to stderr."""
    from stellungnahme_app.workspace import load_configuration

    configuration = load_configuration()
    for problem in configuration.problems:
        print(f"Hinweis (Einstellungen): {problem}", file=sys.stderr)
    return configuration


def output_path(args: argparse.Namespace, default_name: str) -> Path | None:
    """Where ``export`` writes; ``None`` (after a message) if ``--output`` is unusable."""
    output: Path | None = args.output
    if output is None:
        return args.draft_file.parent / default_name
    if output.is_dir():
        return output / default_name
    if output.suffix.lower() not in DOCUMENT_SUFFIXES:
        print(f"Die Zieldatei „{output}“ muss auf .docx (Word) oder .pdf enden.", file=sys.stderr)
        return None
    return output


def run_export(args: argparse.Namespace) -> int:
    from stellungnahme_app.export import ExportBlocked, default_file_name

    draft = exchange.read_file(args.draft_file)
    target = output_path(args, default_file_name(draft, draft_mode=args.draft_mode))
    if target is None:
        return ExitCode.USAGE
    configured = load_configuration_reporting().settings
    try:
        export_draft(draft, target, configured, draft_mode=args.draft_mode, template=args.template)
    except ExportBlocked as blocked:
        print(blocked.message, file=sys.stderr)
        return ExitCode.FINDINGS
    if not args.draft_mode:
        print_warnings(check_draft(draft, configured))
    print(f"Gespeichert{' (Entwurf)' if args.draft_mode else ''}: {target.absolute()}")
    return ExitCode.OK


def print_warnings(findings: list[rules.Finding]) -> None:
    """The Hinweise of a final export (it had no errors), to stderr."""
    for finding in findings:
        if finding.severity is rules.Severity.WARNING:
            print(finding_line(finding), file=sys.stderr)


def run_validate(args: argparse.Namespace) -> int:
    draft = exchange.read_file(args.draft_file)
    findings = check_draft(draft, load_configuration_reporting().settings)
    for finding in findings:
        print(finding_line(finding))
    error_count = len(rules.errors(findings))
    warning_count = len(findings) - error_count
    if error_count:
        print(
            f"Nicht bereit für die endgültige Ausgabe: {error_count} Fehler, "
            f"{warning_count} {'Hinweis' if warning_count == 1 else 'Hinweise'}."
        )
        return ExitCode.FINDINGS
    hint = f" ({warning_count} {'Hinweis' if warning_count == 1 else 'Hinweise'})"
    print(f"Bereit für die endgültige Ausgabe{hint if warning_count else ''}.")
    return ExitCode.OK


def print_placeholders() -> None:
    from stellungnahme_app.export import PLACEHOLDERS

    print("Platzhalter einer Vorlage (* = Pflicht, eines von mehreren mit „oder“):")
    for placeholder in PLACEHOLDERS:
        mark = "*" if placeholder.required else " "
        name = " oder ".join((placeholder.name, *placeholder.alternatives))
        keys = f"; Felder: {', '.join(placeholder.keys)}" if placeholder.keys else ""
        print(f"{mark} {name} – {placeholder.description}{keys}")


def run_template_check(args: argparse.Namespace) -> int:
    from stellungnahme_app.export import check_template

    if args.list_placeholders:
        print_placeholders()
        if args.template is None:
            return ExitCode.OK
    if args.template is None:
        print(
            "Bitte die zu prüfende Vorlage angeben: stellungnahme template-check VORLAGE.docx",
            file=sys.stderr,
        )
        return ExitCode.USAGE
    problems = check_template(args.template)
    for problem in problems:
        print(str(problem))
    errors = [p for p in problems if p.severity is rules.Severity.ERROR]
    if errors:
        print(f"Die Vorlage „{args.template.name}“ hat {len(errors)} Fehler.")
        return ExitCode.FINDINGS
    if problems:
        notes = "1 Hinweis" if len(problems) == 1 else f"{len(problems)} Hinweise"
        print(f"Die Vorlage „{args.template.name}“ ist verwendbar ({notes}).")
    else:
        print(f"Die Vorlage „{args.template.name}“ ist in Ordnung.")
    return ExitCode.OK
