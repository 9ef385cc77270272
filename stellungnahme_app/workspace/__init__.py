"""The application layer between the shell (window, command line) and the core.

:class:`Workspace` holds the use cases on stored drafts; :mod:`.documents` those on a draft's
content alone (check, export, emergency copy); :class:`Spelling` the spell-check (unknown words
as Hinweise, the user's words, the words ignored per draft); :class:`OpenDraft` is the draft
being worked on.
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
from stellungnahme_app.workspace.open_draft import OpenDraft
from stellungnahme_app.workspace.spelling import Spelling, SpellingUnavailable
from stellungnahme_app.workspace.workspace import RestoredBackup, Workspace

__all__ = [
    "DOCUMENT_SUFFIXES",
    "Configuration",
    "FileReading",
    "ImportReport",
    "ImportedDraft",
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
    "new_draft_content",
    "write_exchange_file",
]
