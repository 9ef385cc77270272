"""PDF output: LibreOffice converts the exported .docx into a tagged PDF/A-2b and PDF/UA-1 file.

LibreOffice runs headless with a private, temporary user profile (so it neither disturbs
nor waits for a LibreOffice the user has open), under a time limit, on a copy of the
document in a temporary folder. The PDF is then moved into place atomically.

LibreOffice dies with the program: ``soffice`` starts ``soffice.bin`` (and on Linux an
``oosplash`` in between), so killing the program – Task-Manager, log-off – must end the
whole tree. On Windows it runs in a Job Object that ends all its processes when the
program's handle to it closes, which the system does when the program dies. Elsewhere it
runs in a process group of its own, watched by a small ``sh`` that kills the group as soon
as its pipe from this process closes – again, at the latest when this process dies.
(``PR_SET_PDEATHSIG`` would only reach the first process, not the ``soffice.bin`` it
starts, and needs a ``preexec_fn``, which is unsafe in the window's threads.) Stopped
after its time limit, it is waited for only :data:`KILL_GRACE_SECONDS` more.

Where ``soffice`` is found and how its process is kept free of the bundle's libraries is
:mod:`.libreoffice`. A LibreOffice kept running for the session converts first
(:mod:`.office_converter`, about 0.1 s a document instead of a second); where it cannot,
the one-shot conversion here does.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from stellungnahme_app.errors import ExportError
from stellungnahme_app.export import office_converter
from stellungnahme_app.export.libreoffice import (
    bundle_folders,
    child_environment,
    find_soffice,
    standard_dll_search,
)
from stellungnahme_app.export.output import writing
from stellungnahme_app.fileio import private_temp_folder

log = logging.getLogger(__name__)

# PDF/A-2b ("SelectPdfVersion" 2), tagged and declared PDF/UA-1 (accessible, as the council
# information system requires); LibreOffice reads filter options as JSON since 7.4.
PDF_FILTER = (
    'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"},'
    '"UseTaggedPDF":{"type":"boolean","value":"true"}}'
)
CONVERSION_TIMEOUT_SECONDS = 120.0
#: After LibreOffice was stopped, how long its output pipes may stay open (a process that
#: escaped the kill could hold them for ever).
KILL_GRACE_SECONDS = 10.0

NO_LIBREOFFICE_MESSAGE = (
    "Für die Ausgabe als PDF wird LibreOffice benötigt, es wurde auf diesem Rechner aber "
    "nicht gefunden. Bitte lassen Sie LibreOffice (kostenlos, www.libreoffice.org) von Ihrer "
    "IT installieren – oder speichern Sie die Stellungnahme als Word-Datei (.docx) und "
    "erzeugen Sie das PDF in Word über „Speichern unter“ → „PDF“."
)

# The private profile's settings: LibreOffice loads no linked picture or other external
# content of a document (no trusted locations are defined, so it blocks them all).
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop
 oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
"""

_PDFA_PART_RE = re.compile(rb"pdfaid:part(?:>|=\")\s*(\d)")
_PDFA_CONFORMANCE_RE = re.compile(rb"pdfaid:conformance(?:>|=\")\s*([A-Za-z])")
_PDFUA_PART_RE = re.compile(rb"pdfuaid:part(?:>|=\")\s*(\d)")


def pdfa_version(pdf: bytes) -> str | None:
    """``"2B"`` for a PDF/A-2b file (from its XMP metadata), ``None`` for a plain PDF."""
    part = _PDFA_PART_RE.search(pdf)
    conformance = _PDFA_CONFORMANCE_RE.search(pdf)
    if not part:
        return None
    return part.group(1).decode() + (conformance.group(1).decode().upper() if conformance else "")


def pdfua_part(pdf: bytes) -> int | None:
    """``1`` for a file that declares PDF/UA-1 in its XMP metadata, else ``None``."""
    part = _PDFUA_PART_RE.search(pdf)
    return int(part.group(1)) if part else None


def convert_to_pdf(
    docx: Path, pdf_target: Path, *, timeout: float = CONVERSION_TIMEOUT_SECONDS
) -> Path:
    """Convert ``docx`` into the PDF/A-2b file ``pdf_target``; returns ``pdf_target``."""
    docx = Path(docx)
    pdf_target = Path(pdf_target)
    soffice = find_soffice()
    if soffice is None:
        raise ExportError(NO_LIBREOFFICE_MESSAGE)
    if not docx.is_file():
        raise ExportError(f"Die Word-Datei „{docx}“ wurde nicht gefunden.")
    with writing(pdf_target) as temp, private_temp_folder() as work:
        # A plain file name: soffice names its output after the input.
        source = work / "Stellungnahme.docx"
        shutil.copyfile(docx, source)
        produced = work / "pdf" / "Stellungnahme.pdf"
        produced.parent.mkdir()
        if not office_converter.convert(source, produced, timeout, only_if_warm=True):
            _run_soffice(soffice, source, work / "pdf", work / "profil", timeout)
        if not produced.is_file() or produced.stat().st_size == 0:
            raise ExportError(
                "LibreOffice hat keine PDF-Datei erzeugt. Bitte versuchen Sie es erneut oder "
                "speichern Sie die Stellungnahme als Word-Datei (.docx)."
            )
        data = produced.read_bytes()
        if pdfa_version(data) is None:
            log.warning("LibreOffice %s hat kein PDF/A erzeugt (zu alte Version?)", soffice)
        if pdfua_part(data) is None:
            log.warning("LibreOffice %s hat kein PDF/UA erzeugt (zu alte Version?)", soffice)
        temp.write_bytes(data)
    return pdf_target


def _run_soffice(soffice: Path, source: Path, outdir: Path, profile: Path, timeout: float) -> None:
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, encoding="utf-8")
    command = [
        str(soffice),
        "--headless",
        "--invisible",
        "--nologo",
        "--nodefault",
        "--norestore",
        "--nolockcheck",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to",
        PDF_FILTER,
        "--outdir",
        str(outdir),
        str(source),
    ]
    options: dict[str, object] = {}
    bundle = bundle_folders()
    if bundle:  # frozen: LibreOffice must not see the bundle's libraries
        options["env"] = child_environment(os.environ, bundle)
    if os.name == "nt":
        options["creationflags"] = subprocess.CREATE_NO_WINDOW | subprocess.CREATE_NEW_PROCESS_GROUP
    else:
        options["start_new_session"] = True
    try:
        with standard_dll_search():
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                **options,  # type: ignore[call-overload]
            )
    except OSError as error:
        raise ExportError(
            f"LibreOffice („{soffice}“) konnte nicht gestartet werden: "
            f"{error.strerror or error}. Bitte wenden Sie sich an Ihre IT."
        ) from None
    try:
        with dies_with_this_process(process):
            stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_tree(process)
        _collect_after_kill(process)
        raise ExportError(
            f"LibreOffice hat die PDF-Datei nach {timeout:.0f} Sekunden noch nicht erzeugt und "
            "wurde abgebrochen. Bitte versuchen Sie es erneut oder speichern Sie die "
            "Stellungnahme als Word-Datei (.docx)."
        ) from None
    if process.returncode != 0:
        log.error(
            "soffice exit %s\nstdout: %s\nstderr: %s",
            process.returncode,
            stdout.decode(errors="replace"),
            stderr.decode(errors="replace"),
        )
        raise ExportError(
            f"LibreOffice konnte die PDF-Datei nicht erzeugen (Fehlercode {process.returncode}). "
            "Bitte versuchen Sie es erneut oder speichern Sie die Stellungnahme als "
            "Word-Datei (.docx)."
        )


def _kill_tree(process: subprocess.Popen[bytes]) -> None:
    """Stop soffice and the office process it started."""
    if os.name == "nt":
        with contextlib.suppress(subprocess.TimeoutExpired, OSError):
            subprocess.run(
                ["taskkill", "/F", "/T", "/PID", str(process.pid)],
                capture_output=True,
                check=False,
                timeout=KILL_GRACE_SECONDS,
                creationflags=subprocess.CREATE_NO_WINDOW,
            )
    else:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            process.kill()


def _collect_after_kill(process: subprocess.Popen[bytes]) -> None:
    """Reap the stopped soffice; never wait longer than :data:`KILL_GRACE_SECONDS`.

    ``communicate`` reads until every process holding the output pipes has closed them; one
    that escaped the kill would keep the export waiting for ever.
    """
    try:
        process.communicate(timeout=KILL_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        log.warning("LibreOffice (PID %s) hält nach dem Abbruch noch seine Ausgabe", process.pid)
        process.kill()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=KILL_GRACE_SECONDS)


# --------------------------------------------------------------------------- dying together


@contextlib.contextmanager
def dies_with_this_process(process: subprocess.Popen[bytes]) -> Iterator[None]:
    """While the body runs, ``process`` and everything it starts end if this process dies.

    When the body ends, whatever of them is still running is ended too.
    """
    if sys.platform == "win32":
        job = _kill_on_close_job(process)
        try:
            yield
        finally:
            if job is not None:
                _close_handle(job)
        return
    watchdog, lifeline = _start_group_watchdog(process.pid)
    try:
        yield
    finally:
        os.close(lifeline)
        with contextlib.suppress(subprocess.TimeoutExpired):
            watchdog.wait(timeout=5)


def _start_group_watchdog(group: int) -> tuple[subprocess.Popen[bytes], int]:
    """``sh`` that kills process group ``group`` once the returned pipe end is closed.

    Only this process holds the writing end (pipes are not inherited), so the system closes
    it when this process ends in any way.
    """
    reading, writing = os.pipe()
    try:
        watchdog = subprocess.Popen(
            ["/bin/sh", "-c", 'read _; kill -9 -"$0" 2>/dev/null; exit 0', str(group)],
            stdin=reading,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        os.close(writing)
        raise
    finally:
        os.close(reading)
    return watchdog, writing


def _kill_on_close_job(process: subprocess.Popen[bytes]) -> int | None:
    """Windows: put ``process`` in a new Job Object that ends it and its children on close.

    Returns the job's handle (``None`` if the system refused; the conversion still runs).
    Processes ``soffice`` starts afterwards belong to the job too.
    """
    import ctypes
    from ctypes import wintypes

    class IoCounters(ctypes.Structure):
        _fields_ = [
            (name, ctypes.c_ulonglong)
            for name in (
                "ReadOperationCount",
                "WriteOperationCount",
                "OtherOperationCount",
                "ReadTransferCount",
                "WriteTransferCount",
                "OtherTransferCount",
            )
        ]

    class BasicLimitInformation(ctypes.Structure):
        _fields_ = [
            ("PerProcessUserTimeLimit", ctypes.c_int64),
            ("PerJobUserTimeLimit", ctypes.c_int64),
            ("LimitFlags", wintypes.DWORD),
            ("MinimumWorkingSetSize", ctypes.c_size_t),
            ("MaximumWorkingSetSize", ctypes.c_size_t),
            ("ActiveProcessLimit", wintypes.DWORD),
            ("Affinity", ctypes.c_size_t),
            ("PriorityClass", wintypes.DWORD),
            ("SchedulingClass", wintypes.DWORD),
        ]

    class ExtendedLimitInformation(ctypes.Structure):
        _fields_ = [
            ("BasicLimitInformation", BasicLimitInformation),
            ("IoInfo", IoCounters),
            ("ProcessMemoryLimit", ctypes.c_size_t),
            ("JobMemoryLimit", ctypes.c_size_t),
            ("PeakProcessMemoryUsed", ctypes.c_size_t),
            ("PeakJobMemoryUsed", ctypes.c_size_t),
        ]

    job_object_extended_limit_information = 9
    job_object_limit_kill_on_job_close = 0x2000
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateJobObjectW.argtypes = (wintypes.LPVOID, wintypes.LPCWSTR)
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE
    kernel32.SetInformationJobObject.argtypes = (
        wintypes.HANDLE,
        ctypes.c_int,
        wintypes.LPVOID,
        wintypes.DWORD,
    )
    kernel32.SetInformationJobObject.restype = wintypes.BOOL
    kernel32.AssignProcessToJobObject.argtypes = (wintypes.HANDLE, wintypes.HANDLE)
    kernel32.AssignProcessToJobObject.restype = wintypes.BOOL
    job = kernel32.CreateJobObjectW(None, None)
    if not job:
        log.warning("CreateJobObject: Fehler %s", ctypes.get_last_error())
        return None
    limits = ExtendedLimitInformation()
    limits.BasicLimitInformation.LimitFlags = job_object_limit_kill_on_job_close
    process_handle = int(process._handle)  # type: ignore[attr-defined]
    if not kernel32.SetInformationJobObject(
        job, job_object_extended_limit_information, ctypes.byref(limits), ctypes.sizeof(limits)
    ) or not kernel32.AssignProcessToJobObject(job, process_handle):
        log.warning("Job Object für LibreOffice: Fehler %s", ctypes.get_last_error())
        _close_handle(job)
        return None
    return int(job)


def _close_handle(handle: int) -> None:
    """Windows: close ``handle``; for the job this ends what still runs in it."""
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    kernel32.CloseHandle(handle)
