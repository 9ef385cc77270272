"""Stellungnahme: draft the city administration's official opinion on a council paper.

The package is split in two layers: a Qt-free core (every module outside ``ui/``) and the
PySide6 desktop application in ``ui/``, which only talks to the core.
"""

__version__ = "0.1.0"
