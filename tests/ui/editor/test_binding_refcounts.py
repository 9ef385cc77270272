"""The Qt binding keeps Python's reference counts intact.

PySide6 6.12.0 (on Python 3.11, where None and True are not immortal) drops one reference to
None on every call of a void method and one to True on every signal emit; after a few
thousand keystrokes in the editor the process aborts with "deallocating None". This test
fails on such a binding before any user meets the crash.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

CALLS = 500


class _Emitter(QObject):
    happened = Signal()


def _drift(action: Any) -> dict[str, int]:
    before = {name: sys.getrefcount(value) for name, value in _SINGLETONS.items()}
    for _ in range(CALLS):
        action()
    return {name: sys.getrefcount(value) - before[name] for name, value in _SINGLETONS.items()}


_SINGLETONS = {"None": None, "True": True, "False": False}


def test_void_methods_and_emit_keep_reference_counts(qtbot: Any) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    timer = QTimer()
    emitter = _Emitter()
    emitter.happened.connect(lambda: None)
    for name, action in {
        "QLabel.setText": lambda: label.setText("x"),
        "QTimer.start": lambda: timer.start(1000),
        "Signal.emit": emitter.happened.emit,
    }.items():
        drift = _drift(action)
        assert all(change >= 0 for change in drift.values()), f"{name}: {drift}"
    timer.stop()
