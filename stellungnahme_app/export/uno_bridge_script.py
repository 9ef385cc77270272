"""The converter script of the warm LibreOffice: run by LibreOffice's own Python, never
imported by the program (it needs ``uno``, which only that Python has).

It connects through UNO to the ``soffice`` started for the session (a socket bound to
127.0.0.1, the port given as its argument), says ``{"ready": true}`` on stdout, then reads
one request per line on stdin – ``{"source": "…docx", "target": "…pdf", "options": {…}}``
– converts the document to PDF with those options of LibreOffice's PDF export (the same as
the one-shot conversion's) and answers ``{"ok": true}`` or ``{"error": "…"}``, one line each. It
ends when stdin closes (the program ended or stopped it).
"""

import json
import sys
import time

CONNECT_SECONDS = 60.0
uno = None  # LibreOffice's module, imported in main(): the program's Python has none
PropertyValue = None


def _property(name, value):  # type: ignore[no-untyped-def]
    item = PropertyValue()
    item.Name = name
    item.Value = value
    return item


def _connect(port):  # type: ignore[no-untyped-def]
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    address = f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            return resolver.resolve(address)
        except Exception:  # NoConnectException while soffice is still starting
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _convert(desktop, source, target, options):  # type: ignore[no-untyped-def]
    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(source),
        "_blank",
        0,
        (_property("Hidden", True), _property("ReadOnly", True)),
    )
    if document is None:
        raise RuntimeError("LibreOffice konnte die Word-Datei nicht öffnen")
    try:
        filter_data = uno.Any(
            "[]com.sun.star.beans.PropertyValue",
            tuple(_property(name, value) for name, value in options.items()),
        )
        arguments = (
            _property("FilterName", "writer_pdf_Export"),
            PropertyValue("FilterData", 0, filter_data, 0),
        )
        uno.invoke(
            document,
            "storeToURL",
            (
                uno.systemPathToFileUrl(target),
                uno.Any("[]com.sun.star.beans.PropertyValue", arguments),
            ),
        )
    finally:
        document.close(True)


def main():  # type: ignore[no-untyped-def]
    global uno, PropertyValue
    import uno  # type: ignore[import-not-found,no-redef]
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found,no-redef]

    context = _connect(int(sys.argv[1]))
    desktop = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context
    )
    sys.stdout.write(json.dumps({"ready": True}) + "\n")
    sys.stdout.flush()
    for line in sys.stdin:
        try:
            request = json.loads(line)
            _convert(desktop, request["source"], request["target"], request["options"])
            answer = {"ok": True}
        except Exception as error:  # reported to the program, which falls back
            answer = {"error": f"{type(error).__name__}: {error}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
