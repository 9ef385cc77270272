"""Commands on a draft file: ``export``, ``validate``, ``template-check``."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands to the parser."""
