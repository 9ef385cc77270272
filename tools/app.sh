#!/usr/bin/env bash
# Starts Stellungnahme on a fresh machine: sets up .venv, then opens the application.
# With arguments, runs the command line instead (e.g. `tools/app.sh --help`).
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
exec "$VENV/bin/stellungnahme" "$@"
