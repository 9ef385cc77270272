"""Commands on a draft file: ``export``, ``validate``, ``template-check``."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:  # noqa: ARG001 - filled in next
    """Add this module's commands to the parser."""
