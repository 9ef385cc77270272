"""A child process that ends itself the hard way, on POSIX and on Windows alike.

POSIX: ``SIGKILL``, which no handler can catch. Windows has no signals of that kind:
``os.kill`` with any signal but the console ones calls ``TerminateProcess``, which ends the
process at once with that number as its exit code – no ``finally``, no ``atexit``, just as
the Task-Manager or a log-off does.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

#: The statement that kills the running process hard (needs ``import os, signal``).
KILL_ITSELF = (
    "os.kill(os.getpid(), signal.SIGTERM)"
    if os.name == "nt"
    else "os.kill(os.getpid(), signal.SIGKILL)"
)
#: The exit code a process killed by :data:`KILL_ITSELF` reports to ``subprocess``.
KILLED_RETURN_CODE = int(signal.SIGTERM) if os.name == "nt" else -int(signal.SIGKILL)
#: The exit code of a child ended by ``Popen.kill()`` (SIGKILL; TerminateProcess with 1).
KILLED_FROM_OUTSIDE = 1 if os.name == "nt" else -int(signal.SIGKILL)


def kill_hard(pid: int) -> None:
    """End the process ``pid`` at once (SIGKILL; TerminateProcess on Windows)."""
    os.kill(pid, signal.SIGTERM if os.name == "nt" else signal.SIGKILL)


def run_killing_itself(
    body: str, *, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ``body`` in a child Python, which calls ``kill_itself()`` to die.

    Fails the test unless the child really died that way.
    """
    script = (
        "import os, signal\nfrom pathlib import Path\n"
        f"def kill_itself():\n    {KILL_ITSELF}\n{body}\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, timeout=60, check=False
    )
    assert result.returncode == KILLED_RETURN_CODE, result.stderr.decode(errors="replace")
    return result
