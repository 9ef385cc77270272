"""How the command line writes its output, so that it never fails on a character.

Administrators script the command line: ``stellungnahme-cli drafts list > liste.txt`` or
``$liste = stellungnahme-cli drafts list`` in PowerShell. The installed program runs isolated
(``PYTHONUTF8`` and ``PYTHONIOENCODING`` are ignored), so on Windows redirected output would
be cp1252 with strict errors: a title with „Győr“, „ł“ or „→“ would end the program with a
traceback, and PowerShell would read „für“ as „f³r“. The policy (:func:`configure_streams`):

* **a console**: as Python writes to it (on Windows the console takes Unicode as is); a
  character the console's encoding lacks becomes ``?`` instead of an error;
* **a file** (``> liste.txt``): UTF-8, on Windows with a byte order mark at the start of the
  file, so Notepad and Excel read umlauts right; appended output (``>>``) gets no second mark;
* **a pipe** (PowerShell capture, ``| findstr``): on Windows the console's output code page,
  which is what PowerShell decodes with unless told otherwise (characters it lacks become
  ``?``); ``STELLUNGNAHME_CLI_ENCODING=utf-8`` together with
  ``[Console]::OutputEncoding = [System.Text.Encoding]::UTF8`` gives full UTF-8 instead
  (``packaging/ADMIN.md``). Elsewhere UTF-8.
"""

from __future__ import annotations

import codecs
import io
import os
import stat
import sys
from typing import TextIO

ENCODING_VARIABLE = "STELLUNGNAHME_CLI_ENCODING"


def _kind(stream: TextIO) -> str:
    """``console``, ``file``, ``pipe`` or ``unknown`` for what the stream writes to."""
    try:
        if stream.isatty():
            return "console"
        mode = os.fstat(stream.fileno()).st_mode
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return "unknown"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        return "pipe"
    return "unknown"


def _windows_console_code_page() -> str | None:
    if sys.platform != "win32":
        return None
    import ctypes

    code_page = ctypes.windll.kernel32.GetConsoleOutputCP()  # type: ignore[attr-defined]
    return f"cp{code_page}" if code_page else None


def _at_start(stream: TextIO) -> bool:
    try:
        return os.lseek(stream.fileno(), 0, os.SEEK_CUR) == 0
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return False


def encoding_for(stream: TextIO, *, platform: str = sys.platform) -> str | None:
    """The encoding the policy wants for ``stream`` (``None``: leave it as it is)."""
    wanted = os.environ.get(ENCODING_VARIABLE, "").strip()
    if wanted:
        try:
            return codecs.lookup(wanted).name
        except LookupError:
            pass
    kind = _kind(stream)
    if kind == "console":
        return None
    if kind == "file":
        return "utf-8-sig" if platform == "win32" and _at_start(stream) else "utf-8"
    if kind == "pipe" and platform == "win32":
        return _windows_console_code_page() or "utf-8"
    return "utf-8"


def configure_streams() -> None:
    """Apply the policy to ``sys.stdout`` and ``sys.stderr`` (before anything is written)."""
    for stream in (sys.stdout, sys.stderr):
        if not isinstance(stream, io.TextIOWrapper):
            continue  # replaced, e.g. captured by a test: it takes any text
        encoding = encoding_for(stream)
        try:
            if encoding is None:
                stream.reconfigure(errors="replace")
            else:
                stream.reconfigure(encoding=encoding, errors="replace")
        except (ValueError, io.UnsupportedOperation):
            pass
