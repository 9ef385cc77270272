"""What the window remembers between sessions: size, position, the open draft and its step.

Kept in ``fenster.ini`` in the data folder (never the Windows registry), so a copied data
folder takes it along and removing the folder forgets it.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

from stellungnahme_app import paths

WINDOW_STATE_FILE = "fenster.ini"
_GEOMETRY = "fenster/geometrie"
_STATE = "fenster/zustand"
_LAST_DRAFT = "entwurf/zuletzt"
_LAST_STEP = "entwurf/schritt"


def window_settings() -> QSettings:
    return QSettings(str(paths.data_dir() / WINDOW_STATE_FILE), QSettings.Format.IniFormat)


def restore_geometry(window: QMainWindow) -> bool:
    """Size and position (and toolbars) as last time; False when nothing was remembered."""
    stored = window_settings()
    geometry = stored.value(_GEOMETRY)
    restored = False
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        restored = window.restoreGeometry(geometry)
    state = stored.value(_STATE)
    if isinstance(state, QByteArray) and not state.isEmpty():
        window.restoreState(state)
    return restored


def last_draft() -> int | None:
    """The draft that was open when the window was last closed."""
    return _integer(window_settings().value(_LAST_DRAFT))


def last_step() -> int | None:
    """The step of that draft that was shown."""
    return _integer(window_settings().value(_LAST_STEP))


def save(window: QMainWindow, *, draft_id: int | None, step: int | None) -> None:
    """Remember the window and the open draft (``None``: none open, or one to forget)."""
    stored = window_settings()
    stored.setValue(_GEOMETRY, window.saveGeometry())
    stored.setValue(_STATE, window.saveState())
    if draft_id is not None and step is not None:
        stored.setValue(_LAST_DRAFT, draft_id)
        stored.setValue(_LAST_STEP, step)
    else:
        stored.remove(_LAST_DRAFT)
        stored.remove(_LAST_STEP)
    stored.sync()


def _integer(value: object) -> int | None:
    try:
        return int(value) if value not in (None, "") else None  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
