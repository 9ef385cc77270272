"""The Word export: a draft as the .docx (or PDF/A) document that goes out for signature.

Public interface (used by the GUI and the command line):

* :func:`export_document` — final or draft export to .docx or .pdf, atomic;
* :func:`render_docx_bytes` — the .docx as bytes, without the rules check (previews, tests);
* :func:`document_text` — the body's paragraphs as the export prints them;
* :func:`document_blocks` — the body block by block, lists and tables included (GUI preview),
  and :func:`numeric_columns` — which columns of a table print right-aligned;
* :func:`default_file_name`, :func:`find_soffice`, :func:`convert_to_pdf`;
* :func:`check_template` — problems of a Word template (``template-check``).
"""

from stellungnahme_app.errors import ExportError, TemplateError
from stellungnahme_app.export.context import (
    PLACEHOLDERS,
    Placeholder,
    PrintedBlock,
    document_blocks,
    document_text,
)
from stellungnahme_app.export.document import ExportBlocked, default_file_name, export_document
from stellungnahme_app.export.pdf import convert_to_pdf, find_soffice
from stellungnahme_app.export.render import bundled_template, render_docx_bytes
from stellungnahme_app.export.structures import numeric_columns
from stellungnahme_app.export.template_check import TemplateProblem, check_template

__all__ = [
    "PLACEHOLDERS",
    "ExportBlocked",
    "ExportError",
    "Placeholder",
    "PrintedBlock",
    "TemplateError",
    "TemplateProblem",
    "bundled_template",
    "check_template",
    "convert_to_pdf",
    "default_file_name",
    "document_blocks",
    "document_text",
    "export_document",
    "find_soffice",
    "numeric_columns",
    "render_docx_bytes",
]
