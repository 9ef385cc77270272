"""A screen reader's view of the program: walks its AT-SPI tree and prints, as JSON, the name
and value of every combo box. Runs in the *system* Python (``/usr/bin/python3``), where
``pyatspi`` – the library Orca uses – is installed; usage: ``atspi_client.py APP-NAME``.
"""

import json
import sys
import time

import pyatspi

#: Subtrees a screen reader reads as text or cells, not as controls: not walked.
_LEAVES = {"table cell", "list item", "paragraph", "document text", "text"}


def _find_application(name, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            application = desktop.getChildAtIndex(index)
            if application is not None and application.name == name:
                return application
        time.sleep(0.2)
    raise SystemExit(f"Anwendung {name!r} erscheint nicht im AT-SPI-Baum")


def _value(accessible):
    try:
        text = accessible.queryText()
        return text.getText(0, text.characterCount)
    except NotImplementedError:
        pass
    for index in range(accessible.childCount):  # the list, with its chosen item
        child = accessible.getChildAtIndex(index)
        if child is not None and child.getRoleName() == "list":
            try:
                chosen = child.querySelection().getSelectedChild(0)
            except (NotImplementedError, Exception):
                chosen = None
            if chosen is not None:
                return chosen.name
    return ""


def _combo_boxes(accessible, found):
    role = accessible.getRoleName()
    if role == "combo box":
        found.append({"name": accessible.name, "value": _value(accessible)})
        return
    if role in _LEAVES:
        return
    for index in range(accessible.childCount):
        child = accessible.getChildAtIndex(index)
        if child is not None:
            _combo_boxes(child, found)


def main():
    application = _find_application(sys.argv[1], timeout=20)
    found = []
    _combo_boxes(application, found)
    print(json.dumps({"application": application.name, "combo_boxes": found}))


if __name__ == "__main__":
    main()
