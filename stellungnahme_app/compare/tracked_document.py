"""The Word document of the new version with the changes against an old version as Word's
revision marks – so that the Beigeordnete can accept or reject each change in Word.

Both versions are exported with the same template, then :func:`tracked_changes_docx` puts
the old document's text into the new one as tracked changes, paragraph by paragraph
(:mod:`.docx_blocks`, :mod:`.docx_runs`). Working on the two finished documents rather
than while rendering keeps this correct whatever the template and the export print (lists,
tables, the administrator's own template): the form's fixed wording is the same in both
and so never shows as changed, and only text is compared – a change of formatting alone is
no revision. Accepting all changes gives the new document's text, rejecting all the old
one's. Body, headers and footers are compared; everything else is the new document's.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

from lxml import etree

from stellungnahme_app.compare.docx_blocks import merge_container
from stellungnahme_app.compare.docx_runs import Marks, W

DOCUMENT_PART = "word/document.xml"
_HEADER_FOOTER = re.compile(r"word/(header|footer)\d*\.xml")
_ID = re.compile(rb'w:id="(\d+)"')
_PARSER = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)


class TrackedChanges:
    """What :func:`tracked_changes_docx` made: the document and how many marks it holds."""

    def __init__(self, data: bytes, marks: int) -> None:
        self.data = data
        self.marks = marks


def tracked_changes_docx(old: bytes, new: bytes, *, author: str, date: datetime) -> bytes:
    """The .docx ``new`` with every text change against ``old`` as a revision of
    ``author`` at ``date``; both must be exports of the same template."""
    return tracked_changes(old, new, author=author, date=date).data


def tracked_changes(old: bytes, new: bytes, *, author: str, date: datetime) -> TrackedChanges:
    with zipfile.ZipFile(io.BytesIO(old)) as old_zip, zipfile.ZipFile(io.BytesIO(new)) as new_zip:
        old_names = set(old_zip.namelist())
        items = new_zip.infolist()
        contents = {item.filename: new_zip.read(item.filename) for item in items}
        first_id = 1 + max(
            (int(number) for data in contents.values() for number in _ID.findall(data)),
            default=0,
        )
        marks = Marks(author, date, first_id)
        for name in contents:
            compared = name == DOCUMENT_PART or _HEADER_FOOTER.fullmatch(name)
            if compared and name in old_names:
                contents[name] = _merged_part(old_zip.read(name), contents[name], marks)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as result:
        for item in items:
            result.writestr(item, contents[item.filename], compress_type=zipfile.ZIP_DEFLATED)
    return TrackedChanges(buffer.getvalue(), marks.count)


def _merged_part(old: bytes, new: bytes, marks: Marks) -> bytes:
    old_root = etree.fromstring(old, _PARSER)
    new_root = etree.fromstring(new, _PARSER)
    old_container = old_root.find(W + "body")
    new_container = new_root.find(W + "body")
    if old_container is None or new_container is None:
        old_container, new_container = old_root, new_root
    merge_container(old_container, new_container, marks)
    return etree.tostring(new_root, xml_declaration=True, encoding="UTF-8", standalone=True)
