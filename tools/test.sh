#!/usr/bin/env bash
# Runs every test on a fresh machine: sets up .venv and the Debian packages the tests need,
# checks the code with ruff, then runs pytest without a display. Extra arguments go to pytest.
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
ensure_debian_packages
export QT_QPA_PLATFORM=offscreen
echo "» ruff …"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check --quiet .
echo "» lint-imports …"
"$VENV/bin/lint-imports" --no-cache | tail -n 5
echo "» pytest …"
"$VENV/bin/python" -m pytest "$@"
