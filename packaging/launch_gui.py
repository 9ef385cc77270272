"""Start script of ``Stellungnahme.exe``: the desktop application (the command line if given
arguments, exactly like the ``stellungnahme`` command of a Python installation)."""

import sys

from stellungnahme_app.main import main

sys.exit(main())
