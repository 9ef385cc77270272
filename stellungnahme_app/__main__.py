"""Allow ``python -m stellungnahme_app``."""

import sys

from stellungnahme_app.main import main

sys.exit(main())
