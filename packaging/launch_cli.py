"""Start script of ``stellungnahme-cli.exe``: the command line only, for administrators and
scripts (``stellungnahme-cli template-check``); without arguments it prints its help."""

import sys

from stellungnahme_app.cli.main import main

sys.exit(main(sys.argv[1:], prog="stellungnahme-cli"))
