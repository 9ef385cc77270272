"""What a real screen reader hears: the program on an X server (Xvfb) with the AT-SPI stack
Orca uses, read by an AT-SPI client (``pyatspi``) – not Qt's own view of its widgets.

Every combo box is announced by its label ("Dezernat", "Status", "Textbaustein …",
"Einfügen in …"), its choice as its value. Qt's Windows bridge (UIA) reads the same names.
Needs the Debian packages ``xvfb dbus at-spi2-core python3-pyatspi`` and Qt's xcb libraries
(``tools/bootstrap.sh`` installs them).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
SYSTEM_PYTHON = "/usr/bin/python3"
AT_SPI_PROGRAMS = ("/usr/libexec/at-spi-bus-launcher", "/usr/libexec/at-spi2-registryd")


def _missing() -> list[str]:
    missing = [p for p in ("Xvfb", "dbus-run-session") if shutil.which(p) is None]
    missing += [p for p in AT_SPI_PROGRAMS if not Path(p).exists()]
    has_pyatspi = Path(SYSTEM_PYTHON).exists() and (
        subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True).returncode == 0
    )
    if not has_pyatspi:
        missing.append("python3-pyatspi")
    return missing


@pytest.mark.slow
def test_a_screen_reader_hears_every_combo_box_by_its_label() -> None:
    missing = _missing()
    if missing:
        pytest.skip(f"AT-SPI-Prüfung braucht {', '.join(missing)} (tools/bootstrap.sh)")
    result = subprocess.run(
        ["dbus-run-session", "--", sys.executable, str(HERE / "atspi_session.py"), SYSTEM_PYTHON],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    announced = {box["name"]: box["value"] for box in found["combo_boxes"]}
    assert announced["Dezernat"] == "Dezernat 05 – Soziales, Bildung, Jugend und Gesundheit"
    assert announced["Status"] == "Entwurf"
    assert announced["Status-Filter"] == "Alle"
    pickers = [name for name in announced if name.startswith("Textbaustein für")]
    targets = [name for name in announced if name.startswith("Einfügen in")]
    assert len(pickers) == 4 and len(targets) == 4, announced  # three Nein and the Fazit
    assert "Amt für den neuen Beitrag" in announced
    assert "Unterschrift Beigeordneter" in announced
    values = {value for value in announced.values() if value}
    assert not values & set(announced), "ein Kombinationsfeld heißt wie seine Auswahl"
