"""One session with a real assistive-technology stack: an X server (Xvfb), the AT-SPI bus and
registry, the program on them, and the AT-SPI client that reads it (run by ``test_atspi.py``
inside ``dbus-run-session``). Prints the client's JSON; ends every process it started.
Usage: ``atspi_session.py SYSTEM-PYTHON``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
REGISTRY = "/usr/libexec/at-spi2-registryd"


def _start_x_server() -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as displays:
        number = displays.readline().strip()
    if not number:
        raise SystemExit("Xvfb hat keine Anzeige geöffnet")
    return server, f":{number}"


def main() -> None:
    system_python = sys.argv[1]
    started: list[subprocess.Popen[bytes]] = []
    try:
        server, display = _start_x_server()
        started.append(server)
        environment = dict(os.environ, DISPLAY=display)
        started.append(
            subprocess.Popen(
                [BUS_LAUNCHER, "--launch-immediately"], env=environment, stderr=subprocess.DEVNULL
            )
        )
        time.sleep(0.5)
        started.append(subprocess.Popen([REGISTRY], env=environment, stderr=subprocess.DEVNULL))
        app_environment = dict(
            environment, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1"
        )
        program = subprocess.Popen(
            [sys.executable, str(HERE / "atspi_app.py")],
            env=app_environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        started.append(program)
        assert program.stdout is not None
        line = program.stdout.readline().decode().strip()
        if line != "READY":
            raise SystemExit(f"Das Programm ist nicht gestartet ({line!r})")
        client = subprocess.run(
            [system_python, str(HERE / "atspi_client.py"), "Stellungnahme"],
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if client.returncode != 0:
            raise SystemExit(f"AT-SPI-Client: {client.stderr.strip()}")
        print(client.stdout.strip().splitlines()[-1])
    finally:
        for process in reversed(started):
            if process.stdin is not None:
                process.stdin.close()  # the program quits when its input closes
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.terminate()
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()


if __name__ == "__main__":
    main()
