"""Commands on the local draft database: ``drafts list|import|export|delete|…``."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
