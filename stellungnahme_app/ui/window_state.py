"""What the window remembers between sessions: size, position, the open draft and its step.

Kept in ``fenster.ini`` in the data folder (never the Windows registry), so a copied data
folder takes it along and removing the folder forgets it. With nothing remembered, the window
opens at :func:`first_window_size`.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, QSize
from PySide6.QtWidgets import QMainWindow

from stellungnahme_app import paths

WINDOW_STATE_FILE = "fenster.ini"
_GEOMETRY = "fenster/geometrie"
_STATE = "fenster/zustand"
_LAST_DRAFT = "entwurf/zuletzt"
_LAST_STEP = "entwurf/schritt"
#: The first window is at least this big where the screen allows (table and editor side by side).
FIRST_WINDOW_SIZE = QSize(1280, 800)
#: What the window may take of the screen's free area; the rest is for its frame.
SCREEN_SHARE_PERCENT = 96


def first_window_size(available: QSize, content: QSize) -> QSize:
    """The size of the window's first opening on a screen with ``available`` room.

    At least :data:`FIRST_WINDOW_SIZE` and ``content`` and about three quarters of the screen,
    but never more than fits on it with its frame.
    """
    width = max(FIRST_WINDOW_SIZE.width(), content.width(), available.width() * 3 // 4)
    height = max(FIRST_WINDOW_SIZE.height(), content.height(), available.height() * 3 // 4)
    return QSize(
        min(width, available.width() * SCREEN_SHARE_PERCENT // 100),
        min(height, available.height() * SCREEN_SHARE_PERCENT // 100),
    )


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
