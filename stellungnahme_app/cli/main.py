"""Parse the command line, run one command, and turn every outcome into an exit code.

Exit codes: 0 done; 1 findings block the export; 2 unreadable input or wrong usage;
3 the output could not be written or converted; 4 an unexpected error (details in the log).
Messages go to stderr in German; tracebacks go only to the log file.
"""

from __future__ import annotations

import argparse
import enum
import logging
import sys
from collections.abc import Sequence

from stellungnahme_app import __version__, logs
from stellungnahme_app.cli import argparse_de
from stellungnahme_app.cli.output_encoding import configure_streams
from stellungnahme_app.errors import (
    ConfigError,
    ExchangeFormatError,
    StellungnahmeError,
    TemplateError,
)

log = logging.getLogger(__name__)


class ExitCode(enum.IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2
    FAILED = 3
    INTERNAL = 4


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors exit with :attr:`ExitCode.USAGE`."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(ExitCode.USAGE, f"{self.prog}: Fehler: {message}\n")


GUI_PROGRAM = "stellungnahme"


def build_parser(prog: str = GUI_PROGRAM) -> argparse.ArgumentParser:
    """The parser; ``prog`` is ``stellungnahme-cli`` for the console-only program."""
    argparse_de.install()
    from stellungnahme_app.cli import (
        document_commands,
        drafts_commands,
        motion_commands,
        spelling_commands,
    )

    description = "Stellungnahmen der Stadtverwaltung entwerfen, prüfen und ausgeben."
    if prog == GUI_PROGRAM:
        description += " Ohne Angaben startet das Programm mit seinem Fenster."
    parser = _Parser(prog=prog, description=description)
    parser.add_argument(
        "--version",
        action="version",
        version=f"stellungnahme {__version__}",
        help="Versionsnummer zeigen und beenden",  # Python 3.11 does not translate this one
    )
    commands = parser.add_subparsers(
        title="Befehle", dest="command", metavar="BEFEHL", parser_class=_Parser
    )
    document_commands.register(commands)
    drafts = drafts_commands.register(commands)
    motion_commands.register(commands, drafts)
    spelling_commands.register(commands)
    return parser


def main(argv: Sequence[str] | None = None, *, prog: str = GUI_PROGRAM) -> int:
    configure_streams()
    parser = build_parser(prog)
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return ExitCode.USAGE
    from stellungnahme_app.workspace.housekeeping import clean_up_after_killed_runs

    clean_up_after_killed_runs()
    try:
        return int(args.handler(args))
    except (ExchangeFormatError, ConfigError, TemplateError) as error:
        print(error.message, file=sys.stderr)
        return ExitCode.USAGE
    except StellungnahmeError as error:
        print(error.message, file=sys.stderr)
        return ExitCode.FAILED
    except KeyboardInterrupt:
        print("Abgebrochen.", file=sys.stderr)
        return ExitCode.FAILED
    except Exception:
        log_path = logs.configure()
        log.exception("Unerwarteter Fehler bei %s", list(argv or sys.argv[1:]))
        print(
            "Ein unerwarteter Fehler ist aufgetreten. Die Einzelheiten stehen in der "
            f"Protokolldatei: {log_path}",
            file=sys.stderr,
        )
        return ExitCode.INTERNAL
