"""Why a motion could not be read: each a German sentence naming the file, nothing created.

All are :class:`~stellungnahme_app.errors.StellungnahmeError`; the shells show the message
as it is. Some carry what the window needs to offer a way on: :class:`NoTextLayer` (offer
to paste the text instead), :class:`MainFileMissing` (offer to choose the file).
"""

from __future__ import annotations

from pathlib import Path

from stellungnahme_app.errors import StellungnahmeError


class MotionError(StellungnahmeError):
    """A motion file could not be read; the message says which and why."""

    def __init__(self, message: str, *, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class UnknownFileType(MotionError):
    """Neither PDF, Word (.docx) nor an OParl record."""


class NoTextLayer(MotionError):
    """A PDF of pictures only (a scan): there is no text to read."""


class EncryptedPdf(MotionError):
    """The PDF needs a password to be opened."""


class DamagedFile(MotionError):
    """The file is damaged or not what its name says."""


class NotAPaper(MotionError):
    """A JSON file that is no OParl ``Paper`` (nor a ``stellungnahme/1`` draft)."""


class MainFileMissing(MotionError):
    """The OParl record names its main file, but it is neither beside it nor given."""

    def __init__(self, message: str, *, path: Path, expected_name: str) -> None:
        super().__init__(message, path=path)
        #: The file name the record gives (``""`` when it gives none).
        self.expected_name = expected_name


class NoResolutionPoints(MotionError):
    """The text holds no section of resolution points."""


def not_a_pdf(path: Path) -> DamagedFile:
    return DamagedFile(
        f"„{path.name}“ ist keine lesbare PDF-Datei (sie ist beschädigt oder unvollständig). "
        "Bitte laden Sie den Antrag erneut herunter.",
        path=path,
    )


def not_a_docx(path: Path) -> DamagedFile:
    return DamagedFile(
        f"„{path.name}“ ist keine Word-Datei im Format .docx oder ist beschädigt. Ältere "
        "Word-Dateien (.doc) speichern Sie bitte in Word als .docx und wählen sie erneut.",
        path=path,
    )


def old_word_file(path: Path) -> DamagedFile:
    return DamagedFile(
        f"„{path.name}“ ist im alten Word-Format (.doc) gespeichert, das das Programm nicht "
        "lesen kann. Bitte öffnen Sie die Datei in Word und speichern Sie sie als .docx.",
        path=path,
    )
