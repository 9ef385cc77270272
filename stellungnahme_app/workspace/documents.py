"""Use cases on a draft's content that need no database: check it, write it out, start one.

These are shared by :class:`~stellungnahme_app.workspace.Workspace` (drafts in the store) and
the command line's file commands (``export``, ``validate`` on an exchange file): the
configured form of the Drucksache number and the configured Word template apply everywhere.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from stellungnahme_app import exchange, paths, rules
from stellungnahme_app.errors import ExportError, StellungnahmeError
from stellungnahme_app.model import Draft, Signature
from stellungnahme_app.rules import Finding
from stellungnahme_app.settings import Settings

log = logging.getLogger(__name__)

#: Where :func:`emergency_copy` writes, inside the data folder.
EMERGENCY_FOLDER_NAME = "notfallkopien"
DOCUMENT_SUFFIXES = (".docx", ".pdf")


def new_draft_content(settings: Settings) -> Draft:
    """An empty Stellungnahme with the configured city, Dezernat and signatory."""
    return Draft(
        city=settings.city,
        department=settings.default_department,
        signature=Signature(name=settings.default_signatory),
    )


def check_draft(draft: Draft, settings: Settings, *, today: dt.date | None = None) -> list[Finding]:
    """The rules' findings with the configured form of the Drucksache number."""
    return rules.check(
        draft,
        number_pattern=settings.number_pattern,
        number_example=settings.number_example,
        today=today,
    )


def export_draft(
    draft: Draft,
    target: Path,
    settings: Settings,
    *,
    draft_mode: bool = False,
    template: Path | None = None,
) -> Path:
    """Write ``draft`` as .docx or .pdf with the configured template (or ``template``).

    The final export (``draft_mode`` False) raises
    :class:`~stellungnahme_app.export.ExportBlocked` while the rules find errors.
    """
    from stellungnahme_app.export import export_document

    return export_document(
        draft,
        target,
        draft_mode=draft_mode,
        template=template or settings.template,
        number_pattern=settings.number_pattern,
        number_example=settings.number_example,
    )


def export_changes(
    old: Draft,
    new: Draft,
    target: Path,
    settings: Settings,
    *,
    draft_mode: bool,
    author: str,
    when: dt.datetime,
) -> Path:
    """Write ``new`` as a Word document whose changes against ``old`` are Word's tracked
    changes (``author``, ``when``): accepting all gives ``new``, rejecting all ``old``.

    Both are exported with the configured template; the final export (``draft_mode``
    False) raises :class:`~stellungnahme_app.export.ExportBlocked` while the rules find
    errors in ``new``. Only a .docx can hold tracked changes.
    """
    from stellungnahme_app.compare import tracked_changes_docx
    from stellungnahme_app.export import ExportBlocked, render_docx_bytes
    from stellungnahme_app.export.output import write_bytes

    if target.suffix.casefold() != ".docx":
        raise ExportError(
            f"„{target.name}“: Änderungen lassen sich nur als Word-Dokument (.docx) ausgeben; "
            "nur Word zeigt sie als Änderungen, die man annehmen oder ablehnen kann. Bitte "
            "wählen Sie einen Dateinamen mit der Endung .docx."
        )
    if not draft_mode:
        blocking = rules.errors(check_draft(new, settings))
        if blocking:
            raise ExportBlocked(blocking)
    old_docx = render_docx_bytes(old, draft_mode=draft_mode, template=settings.template)
    new_docx = render_docx_bytes(new, draft_mode=draft_mode, template=settings.template)
    write_bytes(target, tracked_changes_docx(old_docx, new_docx, author=author, date=when))
    return target


def exchange_file_name(draft: Draft) -> str:
    """``Stellungnahme_0661-24.json``: named like the draft's Word document."""
    from stellungnahme_app.export import default_file_name

    return default_file_name(draft, exchange.FILE_SUFFIX)


def write_exchange_file(draft: Draft, target: Path) -> Path:
    """Save ``draft`` as a ``stellungnahme/1`` file; ``.json`` is added when missing."""
    if target.suffix.casefold() != exchange.FILE_SUFFIX:
        target = target.with_name(target.name + exchange.FILE_SUFFIX)
    exchange.write_file(draft, target)
    return target


def emergency_copy(draft: Draft) -> Path | None:
    """Write ``draft`` to a file in the data folder when the database cannot take it.

    Never raises: returns ``None`` when even that fails (the reason goes to the log).
    """
    try:
        folder = paths.data_dir() / EMERGENCY_FOLDER_NAME
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = folder / f"{Path(exchange_file_name(draft)).stem} {stamp}{exchange.FILE_SUFFIX}"
        exchange.write_file(draft, target)
        return target
    except (StellungnahmeError, OSError):
        log.exception("Notfallkopie fehlgeschlagen")
        return None
