"""The program's entry point: the desktop application without arguments, else the command line.

This module is the only place outside ``ui/`` that reaches the GUI, and it does so lazily,
so ``stellungnahme export …`` never loads Qt.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        from stellungnahme_app.ui.app import run_app  # lazily: keeps Qt out of the CLI

        return run_app()
    from stellungnahme_app.cli.main import main as cli_main

    return cli_main(args)
