"""Export a draft as the Word document (or PDF) that goes out for signature.

The final export refuses a draft the rules find errors in (:class:`ExportBlocked` lists them
all); a draft export (marked "ENTWURF" on every page) always works, even for an empty draft.
Files are written atomically: if anything fails, no partial file is left and an existing
file keeps its old content.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from stellungnahme_app import rules
from stellungnahme_app.errors import ExportError
from stellungnahme_app.export import context as ctx
from stellungnahme_app.export.output import write_bytes
from stellungnahme_app.export.pdf import convert_to_pdf
from stellungnahme_app.export.render import render_docx_bytes
from stellungnahme_app.fileio import private_temp_folder
from stellungnahme_app.model import Draft

DOCX_SUFFIX = ".docx"
PDF_SUFFIX = ".pdf"
_UNSAFE_IN_FILE_NAME = re.compile(r'[\\/:*?"<>|\s\x00-\x1f]+')


class ExportBlocked(ExportError):
    """The final export is refused; ``findings`` are all the errors that block it."""

    def __init__(self, findings: list[rules.Finding]) -> None:
        self.findings = list(findings)
        listing = "\n".join(f"– {finding.message}" for finding in self.findings)
        count = len(self.findings)
        what = "dieser Punkt" if count == 1 else f"diese {count} Punkte"
        super().__init__(
            "Die Stellungnahme kann noch nicht endgültig ausgegeben werden. Bitte ergänzen "
            f"oder korrigieren Sie zuerst {what}:\n{listing}\n"
            "Als Entwurf kann sie jederzeit ausgegeben werden."
        )


DRAFT_FILE_MARK = "_Entwurf"


def default_file_name(draft: Draft, suffix: str = DOCX_SUFFIX, *, draft_mode: bool = False) -> str:
    """``Stellungnahme_0661-24.docx`` (``…_Entwurf.docx`` for a draft export).

    Without a number the title stands in, without either ``ohne_Nummer``.
    """
    mark = DRAFT_FILE_MARK if draft_mode else ""
    for value in (draft.document_number, draft.document_title):
        safe = _UNSAFE_IN_FILE_NAME.sub("-", ctx.one_line(value))
        safe = re.sub(r"-{2,}", "-", safe).strip("-. ")[:60].rstrip("-. ")
        if safe:
            return f"Stellungnahme_{safe}{mark}{suffix}"
    return f"Stellungnahme_ohne_Nummer{mark}{suffix}"


def export_document(
    draft: Draft,
    target: Path,
    *,
    draft_mode: bool = False,
    template: Path | None = None,
    number_pattern: str = rules.DEFAULT_NUMBER_PATTERN,
    number_example: str = rules.DEFAULT_NUMBER_EXAMPLE,
    today: dt.date | None = None,
) -> Path:
    """Write ``draft`` to ``target`` (.docx, or .pdf via LibreOffice) and return ``target``."""
    target = Path(target)
    suffix = target.suffix.lower()
    if suffix not in (DOCX_SUFFIX, PDF_SUFFIX):
        raise ExportError(
            f"„{target.name}“: Bitte wählen Sie einen Dateinamen mit der Endung .docx "
            "(Word) oder .pdf."
        )
    if not draft_mode:
        findings = rules.check(
            draft, number_pattern=number_pattern, number_example=number_example, today=today
        )
        blocking = rules.errors(findings)
        if blocking:
            raise ExportBlocked(blocking)
    data = render_docx_bytes(draft, draft_mode=draft_mode, template=template)
    if suffix == DOCX_SUFFIX:
        write_bytes(target, data)
        return target
    with private_temp_folder() as folder:
        docx = folder / "Stellungnahme.docx"
        docx.write_bytes(data)
        return convert_to_pdf(docx, target)
