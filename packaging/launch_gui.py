"""Start script of ``Stellungnahme.exe``: the desktop application (the command line if given
arguments, exactly like the ``stellungnahme`` command of a Python installation)."""

import multiprocessing
import sys

from stellungnahme_app.main import main

# The spell-check's worker process starts this program again; freeze_support() runs the
# worker then instead of the window (multiprocessing in a frozen program).
multiprocessing.freeze_support()
sys.exit(main())
