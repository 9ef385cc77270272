"""Accept or reject every tracked change of a Word document as Word does, and read back.

Written apart from the program's own code (only lxml): Word removes an inserted paragraph
mark on rejecting (a deleted one on accepting) by joining the paragraph with the next one,
and an inserted row (deleted row) goes as a whole.
"""

from __future__ import annotations

import copy
import io
import zipfile

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def part_xml(docx: bytes, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return etree.fromstring(archive.read(name))


def part_names(docx: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return [
            n
            for n in archive.namelist()
            if n == "word/document.xml" or n.startswith(("word/header", "word/footer"))
        ]


def paragraphs(root: etree._Element) -> list[str]:
    """Every paragraph's text in document order (tables cell by cell), tabs and breaks kept."""
    result = []
    for paragraph in root.iter(W + "p"):
        parts = []
        for node in paragraph.iter(W + "t", W + "delText", W + "tab", W + "br"):
            if node.tag in (W + "t", W + "delText"):
                parts.append(node.text or "")
            elif node.getparent().tag == W + "r":
                parts.append("\t" if node.tag == W + "tab" else "\n")
        result.append("".join(parts))
    return result


def styles(root: etree._Element) -> list[str]:
    found = []
    for paragraph in root.iter(W + "p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        found.append("" if style is None else style.get(W + "val"))
    return found


def accept_all(root: etree._Element) -> etree._Element:
    return _resolve(root, keep="ins", drop="del")


def reject_all(root: etree._Element) -> etree._Element:
    return _resolve(root, keep="del", drop="ins")


def _resolve(root: etree._Element, *, keep: str, drop: str) -> etree._Element:
    root = copy.deepcopy(root)
    for row in list(root.iter(W + "tr")):
        properties = row.find(W + "trPr")
        if properties is not None and properties.find(W + drop) is not None:
            row.getparent().remove(row)
        elif properties is not None:
            for mark in properties.findall(W + keep):
                properties.remove(mark)
    for node in list(root.iter(W + drop)):
        parent = node.getparent()
        if parent.tag not in (W + "rPr", W + "trPr"):
            parent.remove(node)
    for node in list(root.iter(W + keep)):
        parent = node.getparent()
        if parent.tag in (W + "rPr", W + "trPr"):
            continue
        for child in list(node):
            if keep == "del":
                for text in child.iter(W + "delText"):
                    text.tag = W + "t"
            node.addprevious(child)
        parent.remove(node)
    for paragraph in reversed(list(root.iter(W + "p"))):
        marks = paragraph.find(f"{W}pPr/{W}rPr")
        if marks is None:
            continue
        if marks.find(W + drop) is not None:
            following = paragraph.getnext()
            assert following is not None and following.tag == W + "p", "Absatzmarke am Ende"
            content = [child for child in paragraph if child.tag != W + "pPr"]
            properties = following.find(W + "pPr")
            position = 0 if properties is None else following.index(properties) + 1
            for offset, child in enumerate(content):
                following.insert(position + offset, child)
            paragraph.getparent().remove(paragraph)
        for mark in marks.findall(W + keep) + marks.findall(W + drop):
            marks.remove(mark)
    return root


def revision_marks(root: etree._Element) -> list[etree._Element]:
    return [*root.iter(W + "ins"), *root.iter(W + "del")]
