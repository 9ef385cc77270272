"""Start script of ``stellungnahme-cli.exe``: the command line only, for administrators and
scripts (``stellungnahme-cli template-check``); without arguments it prints its help."""

import multiprocessing
import sys

from stellungnahme_app.cli.main import main

# The spell-check's worker process starts this program again; freeze_support() runs the
# worker then instead of the window (multiprocessing in a frozen program).
multiprocessing.freeze_support()
sys.exit(main(sys.argv[1:], prog="stellungnahme-cli"))
