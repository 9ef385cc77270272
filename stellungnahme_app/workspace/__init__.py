"""The application layer between the shell (window, command line) and the core.

:class:`Workspace` holds the use cases on stored drafts; :mod:`.documents` those on a draft's
content alone (check, export, emergency copy); :class:`Spelling` the spell-check (unknown words
as Hinweise, the user's words, the words ignored per draft); :mod:`.motion_import` reading a
motion in and making or filling a draft with it; :class:`OpenDraft` is the draft being
worked on.
Qt-free: the window and the command line both call it, neither repeats it.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

#: Where each public name lives. The package imports them on first use, so the command
#: line's file commands load only what they need (``workspace.documents``), and the window
#: does not load the motion reader or the spell-check before its first paint.
_PROVIDERS: dict[str, str] = {
    "Configuration": "stellungnahme_app.workspace.configuration",
    "DOCUMENT_SUFFIXES": "stellungnahme_app.workspace.documents",
    "FileReading": "stellungnahme_app.workspace.importing",
    "ImportReport": "stellungnahme_app.workspace.importing",
    "ImportedDraft": "stellungnahme_app.workspace.importing",
    "MotionFileReading": "stellungnahme_app.workspace.motion_import",
    "MotionTakeOver": "stellungnahme_app.workspace.motion_import",
    "MotionTooLarge": "stellungnahme_app.workspace.motion_import",
    "OpenDraft": "stellungnahme_app.workspace.open_draft",
    "RestoredBackup": "stellungnahme_app.workspace.workspace",
    "Spelling": "stellungnahme_app.workspace.spelling",
    "SpellingUnavailable": "stellungnahme_app.workspace.spelling",
    "Workspace": "stellungnahme_app.workspace.workspace",
    "check_draft": "stellungnahme_app.workspace.documents",
    "emergency_copy": "stellungnahme_app.workspace.documents",
    "exchange_file_name": "stellungnahme_app.workspace.documents",
    "export_draft": "stellungnahme_app.workspace.documents",
    "load_configuration": "stellungnahme_app.workspace.configuration",
    "load_textbausteine_reporting": "stellungnahme_app.workspace.configuration",
    "motion_draft": "stellungnahme_app.workspace.motion_import",
    "new_draft_content": "stellungnahme_app.workspace.documents",
    "number_differs": "stellungnahme_app.workspace.motion_import",
    "read_motion_file": "stellungnahme_app.workspace.motion_import",
    "read_motion_files": "stellungnahme_app.workspace.motion_import",
    "read_pasted_motion": "stellungnahme_app.workspace.motion_import",
    "take_over_into": "stellungnahme_app.workspace.motion_import",
    "write_exchange_file": "stellungnahme_app.workspace.documents",
}


def __getattr__(name: str) -> Any:
    module = _PROVIDERS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


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
