"""The application layer between the shell (window, command line) and the core.

:class:`Workspace` holds the use cases on stored drafts; :mod:`.documents` those on a draft's
content alone (check, export, emergency copy); :class:`Spelling` the spell-check (unknown words
as Hinweise, the user's words, the words ignored per draft); :mod:`.motion_import` reading a
motion in and making or filling a draft with it; :class:`OpenDraft` is the draft being
worked on.
Qt-free: the window and the command line both call it, neither repeats it.
"""

from stellungnahme_app.workspace.configuration import (
    Configuration,
    load_configuration,
    load_textbausteine_reporting,
)
from stellungnahme_app.workspace.documents import (
    DOCUMENT_SUFFIXES,
    check_draft,
    emergency_copy,
    exchange_file_name,
    export_draft,
    new_draft_content,
    write_exchange_file,
)
from stellungnahme_app.workspace.importing import FileReading, ImportedDraft, ImportReport
from stellungnahme_app.workspace.motion_import import (
    MotionFileReading,
    MotionTakeOver,
    MotionTooLarge,
    motion_draft,
    number_differs,
    read_motion_file,
    read_motion_files,
    read_pasted_motion,
    take_over_into,
)
from stellungnahme_app.workspace.open_draft import OpenDraft
from stellungnahme_app.workspace.spelling import Spelling, SpellingUnavailable
from stellungnahme_app.workspace.workspace import RestoredBackup, Workspace

__all__ = [
    "DOCUMENT_SUFFIXES",
    "Configuration",
    "FileReading",
    "ImportReport",
    "ImportedDraft",
    "MotionFileReading",
    "MotionTakeOver",
    "MotionTooLarge",
    "OpenDraft",
    "RestoredBackup",
    "Spelling",
    "SpellingUnavailable",
    "Workspace",
    "check_draft",
    "emergency_copy",
    "exchange_file_name",
    "export_draft",
    "load_configuration",
    "load_textbausteine_reporting",
    "motion_draft",
    "new_draft_content",
    "number_differs",
    "read_motion_file",
    "read_motion_files",
    "read_pasted_motion",
    "take_over_into",
    "write_exchange_file",
]
