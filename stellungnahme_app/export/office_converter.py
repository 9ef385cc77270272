"""The warm PDF converter: one LibreOffice kept running for the session.

A one-shot ``soffice --convert-to`` starts LibreOffice with a new profile for every PDF
(about a second). Here one ``soffice`` is started on first use and kept: headless, with its
own profile in the data folder (``libreoffice/profil-<process ID>``, the settings of
:data:`.pdf.PROFILE_SETTINGS`), listening for UNO on a socket bound to 127.0.0.1. A small
converter script (:mod:`.uno_bridge_script`), run by LibreOffice's own Python – on Windows
the ``python.exe`` beside ``soffice.exe``, on Debian the system Python with ``python3-uno`` –
talks to it through UNO and to the program through its stdin and stdout, one JSON line each
way per document. So does unoserver; this is our own, smaller version of the idea.

Both processes die with the program (:func:`.pdf.dies_with_this_process`: a Job Object on
Windows, a watchdog of their process group elsewhere), also when it is killed; a converter
that died is started again at the next PDF; one that exceeds the time limit is ended.
:func:`convert` returns ``False`` whenever the warm converter cannot be used (no
LibreOffice Python, it does not start, it fails on the document), and the caller falls back
to the one-shot conversion. Profiles of processes that no longer run are removed.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import queue
import shutil
import socket
import subprocess
import threading
from pathlib import Path
from typing import Any

from stellungnahme_app import paths
from stellungnahme_app.export.libreoffice import (
    bundle_folders,
    child_environment,
    find_soffice,
    standard_dll_search,
)
from stellungnahme_app.fileio import process_is_running

log = logging.getLogger(__name__)

START_TIMEOUT_SECONDS = 60.0
SCRIPT = Path(__file__).with_name("uno_bridge_script.py")
PROFILE_FOLDER = "libreoffice"
_PROFILE_PREFIX = "profil-"


def office_python(soffice: Path) -> Path | None:
    """LibreOffice's own Python for ``soffice``, if it has one with ``uno``."""
    program = soffice.resolve().parent
    for name in ("python.exe", "python"):
        if (program / name).is_file():
            return program / name
    system = Path("/usr/bin/python3")  # Debian's python3-uno is built for the system's Python
    if (program / "pyuno.so").exists() and system.is_file():
        return system
    return None


def export_options() -> dict[str, Any]:
    """The options of LibreOffice's PDF export, the same as the one-shot conversion's
    (:data:`.pdf.PDF_FILTER`, ``pdf:writer_pdf_Export:{JSON}``), as plain values."""
    from stellungnahme_app.export.pdf import PDF_FILTER

    typed = json.loads(PDF_FILTER.split(":", 2)[2])
    return {name: _plain(item["type"], item["value"]) for name, item in typed.items()}


def _plain(kind: str, value: str) -> Any:
    if kind == "long":
        return int(value)
    if kind == "boolean":
        return value == "true"
    return value


def _free_local_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def remove_stale_profiles(folder: Path) -> None:
    """Delete the profiles of converters whose process no longer runs."""
    with contextlib.suppress(OSError):
        for profile in folder.glob(f"{_PROFILE_PREFIX}*"):
            pid = profile.name.removeprefix(_PROFILE_PREFIX)
            if pid.isdigit() and int(pid) != os.getpid() and not process_is_running(int(pid)):
                shutil.rmtree(profile, ignore_errors=True)


class OfficeConverter:
    """One running ``soffice`` and its converter script; :meth:`convert` is thread-safe."""

    def __init__(self, soffice: Path, python: Path, profile: Path) -> None:
        self.soffice = soffice
        self.python = python
        self.profile = profile
        self._lock = threading.Lock()
        self._office: subprocess.Popen[bytes] | None = None
        self._bridge: subprocess.Popen[str] | None = None
        self._answers: queue.Queue[str | None] = queue.Queue()
        self._reader: threading.Thread | None = None
        self._lifelines = contextlib.ExitStack()

    @property
    def office_pid(self) -> int | None:
        return self._office.pid if self._office is not None else None

    def running(self) -> bool:
        return (
            self._office is not None
            and self._bridge is not None
            and self._office.poll() is None
            and self._bridge.poll() is None
        )

    def start(self) -> None:
        """Start LibreOffice and the converter script; ``OSError``/``RuntimeError`` if not."""
        from stellungnahme_app.export.pdf import PROFILE_SETTINGS, dies_with_this_process

        self.stop()
        (self.profile / "user").mkdir(parents=True, exist_ok=True)
        (self.profile / "user" / "registrymodifications.xcu").write_text(
            PROFILE_SETTINGS, encoding="utf-8"
        )
        port = _free_local_port()
        options: dict[str, Any] = {}
        bundle = bundle_folders()
        if bundle:  # frozen: LibreOffice must not see the bundle's libraries
            options["env"] = child_environment(os.environ, bundle)
        if os.name == "nt":
            options["creationflags"] = (
                subprocess.CREATE_NO_WINDOW | subprocess.CREATE_NEW_PROCESS_GROUP
            )
        with standard_dll_search():
            self._office = subprocess.Popen(
                [
                    str(self.soffice),
                    "--headless",
                    "--invisible",
                    "--nologo",
                    "--nodefault",
                    "--norestore",
                    "--nolockcheck",
                    f"-env:UserInstallation={self.profile.as_uri()}",
                    f"--accept=socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext",
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                # A process group of its own, in this session, so the script may join it.
                **(options if os.name == "nt" else {**options, "process_group": 0}),
            )
            self._lifelines.enter_context(dies_with_this_process(self._office))
            bridge_options = dict(options)
            if os.name != "nt":  # in LibreOffice's process group: its watchdog ends both
                bridge_options["process_group"] = self._office.pid
            self._bridge = subprocess.Popen(
                [str(self.python), str(SCRIPT), str(port)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                encoding="utf-8",
                **bridge_options,
            )
        if os.name == "nt":
            self._lifelines.enter_context(dies_with_this_process(self._bridge))  # type: ignore[arg-type]
        self._answers = queue.Queue()
        self._reader = threading.Thread(
            target=self._read_answers, args=(self._bridge, self._answers), daemon=True
        )
        self._reader.start()
        ready = self._answer(START_TIMEOUT_SECONDS)
        if ready is None or not ready.get("ready"):
            self.stop()
            raise RuntimeError(f"Der LibreOffice-Konverter meldet sich nicht ({ready})")
        log.info("LibreOffice für die Sitzung gestartet (PID %s)", self._office.pid)

    @staticmethod
    def _read_answers(bridge: subprocess.Popen[str], answers: queue.Queue[str | None]) -> None:
        assert bridge.stdout is not None
        with contextlib.suppress(OSError, ValueError):
            for line in bridge.stdout:
                answers.put(line)
        answers.put(None)

    def _answer(self, timeout: float) -> dict[str, Any] | None:
        try:
            line = self._answers.get(timeout=timeout)
        except queue.Empty:
            return None
        if line is None:
            return None
        try:
            answer = json.loads(line)
        except ValueError:
            return None
        return answer if isinstance(answer, dict) else None

    def convert(self, source: Path, target: Path, timeout: float) -> bool:
        """Convert ``source`` (.docx) into the PDF/A-2b file ``target``; ``False`` if the
        warm converter could not do it (the caller falls back to the one-shot way)."""
        with self._lock:
            for attempt in (1, 2):  # a converter that died is started again, once
                if not self._started():
                    return False
                if self._request(source, target, timeout):
                    return True
                if self.running():
                    return False  # the document failed, not the converter
                log.warning("LibreOffice für die Sitzung ist beendet (Versuch %d)", attempt)
            return False

    def ensure_started(self) -> bool:
        """Start LibreOffice unless it runs; ``False`` if it cannot be started."""
        with self._lock:
            return self._started()

    def _started(self) -> bool:
        if self.running():
            return True
        try:
            self.start()
        except (OSError, RuntimeError) as error:
            log.warning("LibreOffice für die Sitzung startet nicht: %s", error)
            self.stop()
            return False
        return True

    def _request(self, source: Path, target: Path, timeout: float) -> bool:
        assert self._bridge is not None and self._bridge.stdin is not None
        request = json.dumps(
            {"source": str(source), "target": str(target), "options": export_options()}
        )
        try:
            self._bridge.stdin.write(request + "\n")
            self._bridge.stdin.flush()
        except OSError:
            return False
        answer = self._answer(timeout)
        if answer is None and self.running():
            log.error("LibreOffice für die Sitzung: keine Antwort nach %.0f s, beendet", timeout)
            self.stop()
            return False
        if answer is not None and answer.get("error"):
            log.error("LibreOffice für die Sitzung: %s", answer["error"])
        return bool(answer and answer.get("ok")) and target.is_file()

    def stop(self) -> None:
        """End the converter script and LibreOffice (and remove nothing else)."""
        bridge, office = self._bridge, self._office
        self._bridge = self._office = None
        if bridge is not None and bridge.stdin is not None:
            with contextlib.suppress(OSError):
                bridge.stdin.close()
        self._lifelines.close()  # ends the process group (or closes the Job Objects)
        self._lifelines = contextlib.ExitStack()
        for process in (bridge, office):
            if process is not None:
                with contextlib.suppress(OSError):
                    process.kill()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=10)
        if self._reader is not None:
            self._reader.join(timeout=10)
            self._reader = None
        if bridge is not None and bridge.stdout is not None:
            with contextlib.suppress(OSError):
                bridge.stdout.close()


_session: OfficeConverter | None = None
_session_lock = threading.Lock()
_checked: tuple[Path | None, str | None] | None = None  # (soffice, switch): no converter
_wanted = threading.Event()  # this session warmed the converter up or drew a page preview


def session_converter() -> OfficeConverter | None:
    """The session's converter (made on first use, not yet started) for the ``soffice`` in
    use now; ``None`` where LibreOffice or its Python is missing, or
    ``STELLUNGNAHME_WARM_OFFICE=0`` says so."""
    global _session, _checked
    soffice = find_soffice()
    switch = os.environ.get("STELLUNGNAHME_WARM_OFFICE")
    with _session_lock:
        if _session is not None and _session.soffice == soffice and switch != "0":
            return _session
        if _checked == (soffice, switch):
            return None
        stale, _session, _checked = _session, None, None
        python = office_python(soffice) if soffice is not None else None
        if soffice is None or python is None or switch == "0":
            _checked = (soffice, switch)
        else:
            folder = paths.data_dir() / PROFILE_FOLDER
            remove_stale_profiles(folder)
            _session = OfficeConverter(soffice, python, folder / f"{_PROFILE_PREFIX}{os.getpid()}")
            atexit.register(stop_session)
    if stale is not None:  # another LibreOffice was chosen meanwhile
        stale.stop()
        shutil.rmtree(stale.profile, ignore_errors=True)
    return _session


def convert(source: Path, target: Path, timeout: float, *, only_if_warm: bool = False) -> bool:
    """Convert with the session's converter; ``False``: use the one-shot conversion.

    ``only_if_warm``: only where this session asked for the warm converter (:func:`warm_up`,
    a page preview) – a command that makes one PDF and ends converts once, as before, and
    leaves no LibreOffice behind that would only cost it the start of its bridge.
    """
    if only_if_warm and not _wanted.is_set():
        return False
    converter = session_converter()
    if converter is None:
        return False
    _wanted.set()
    return converter.convert(source, target, timeout)


def warm_up() -> None:
    """Start the session's LibreOffice now (at idle after the window's start), so that the
    first PDF or page preview need not wait for it."""
    _wanted.set()
    converter = session_converter()
    if converter is not None:
        converter.ensure_started()


def stop_session() -> None:
    """End the session's LibreOffice (at the program's end) and remove its profile."""
    global _session, _checked
    with _session_lock:
        converter, _session, _checked = _session, None, None
    _wanted.clear()
    if converter is not None:
        converter.stop()
        shutil.rmtree(converter.profile, ignore_errors=True)
