"""The command ``spellcheck``: the unknown words of a draft file, one line each.

* ``stellungnahme spellcheck DRAFT.json`` prints ``PATH<TAB>WORD<TAB>SUGGESTION1, …`` for each
  unknown word of each field (once per field, at most five suggestions; PATH as in the
  findings, e.g. ``contributions[0].text``) to stdout.

Exit codes: 0 nothing found, 1 unknown words found, 2 the file cannot be read or there is no
German dictionary (a German message on stderr says why). The user's own words count, as in
the window; the words ignored in a stored draft belong to that draft, not to a file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stellungnahme_app import exchange
from stellungnahme_app.cli.document_commands import load_configuration_reporting
from stellungnahme_app.cli.main import ExitCode
from stellungnahme_app.cli.terminal_text import for_terminal


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
    spellcheck = commands.add_parser(
        "spellcheck",
        help="die Rechtschreibung einer Stellungnahme prüfen",
        description="Zeigt jedes unbekannte Wort einer Austauschdatei (stellungnahme/1) je "
        "Feld einmal: FELD<Tab>WORT<Tab>VORSCHLÄGE. Rückgabewert 0: nichts gefunden, "
        "1: unbekannte Wörter gefunden, 2: Datei nicht lesbar oder kein deutsches Wörterbuch.",
    )
    spellcheck.add_argument("draft_file", type=Path, metavar="ENTWURF.json", help="Austauschdatei")
    spellcheck.set_defaults(handler=run_spellcheck)


def run_spellcheck(args: argparse.Namespace) -> int:
    from stellungnahme_app.workspace import Spelling, SpellingUnavailable

    draft = exchange.read_file(args.draft_file)
    spelling = Spelling(load_configuration_reporting().settings)
    for problem in spelling.problems:
        print(f"Hinweis (Rechtschreibung): {problem}", file=sys.stderr)
    try:
        findings = spelling.findings(draft)
    except SpellingUnavailable as unavailable:
        print(unavailable.message, file=sys.stderr)
        return ExitCode.USAGE
    for finding in findings:
        suggestions = ", ".join(finding.suggestions)
        print(f"{finding.field}\t{for_terminal(finding.word)}\t{for_terminal(suggestions)}")
    return ExitCode.FINDINGS if findings else ExitCode.OK
