"""PDF output through LibreOffice: finding soffice, PDF/A-2b, and every way it can fail."""

from __future__ import annotations

import http.server
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import ModuleType

import pytest
from console import fake_soffice, start_export, use_soffice
from docx import Document
from docx_readback import reference_tokens

from stellungnahme_app import fileio
from stellungnahme_app.errors import ExportError
from stellungnahme_app.export import (
    bundled_template,
    convert_to_pdf,
    export_document,
    find_soffice,
    pdf,
)
from stellungnahme_app.export.libreoffice import SOFFICE_VARIABLE, installation_candidates
from stellungnahme_app.export.pdf import PDF_FILTER, pdfa_version
from stellungnahme_app.model import Draft

OLD_CONTENT = b"%PDF-1.4 old"


def _load_hostile() -> ModuleType:
    path = Path(__file__).parents[1] / "fixtures" / "make_hostile_templates.py"
    spec = importlib.util.spec_from_file_location("make_hostile_templates", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hostile = _load_hostile()


def require_soffice() -> Path:
    soffice = find_soffice()
    if soffice is None:
        pytest.fail(
            "LibreOffice (soffice) ist nicht installiert, die PDF-Tests brauchen es. "
            "Bitte LibreOffice installieren (Debian: apt-get install libreoffice-writer)."
        )
    return soffice


@pytest.mark.office
def test_export_to_pdf_gives_pdf_a_2b_with_the_text(
    reference_draft: Draft, reference_text: str, tmp_path: Path
) -> None:
    require_soffice()
    target = tmp_path / "Stellungnahme_0661-24.pdf"
    assert export_document(reference_draft, target) == target
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    assert pdfa_version(data) == "2B"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        text = subprocess.run(
            [pdftotext, "-enc", "UTF-8", str(target), "-"],
            capture_output=True,
            check=True,
            text=True,
            encoding="utf-8",
        ).stdout
        words = text.split()
        # Every word of the reference text is in the PDF, plus the footer's "Seite X von Y".
        for word in set(reference_tokens(reference_text)):
            assert word in words
        assert "Seite" in words and "von" in words


@pytest.mark.office
def test_convert_to_pdf_replaces_an_existing_pdf(reference_draft: Draft, tmp_path: Path) -> None:
    require_soffice()
    docx = tmp_path / "in.docx"
    export_document(reference_draft, docx, draft_mode=True)
    target = tmp_path / "out.pdf"
    target.write_bytes(OLD_CONTENT)
    convert_to_pdf(docx, target)
    assert pdfa_version(target.read_bytes()) == "2B"


# --------------------------------------------------------------------------- finding soffice


def test_soffice_is_found_in_program_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "Programme" / "LibreOffice" / "program"
    program.mkdir(parents=True)
    (program / "soffice.exe").write_bytes(b"")
    monkeypatch.setenv("PATH", str(tmp_path / "leer"))
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Programme"))
    assert find_soffice() == program / "soffice.exe"


def test_the_32_bit_folder_is_searched_too() -> None:
    candidates = installation_candidates(
        {"ProgramFiles": r"D:\Programme", "ProgramFiles(x86)": r"D:\Programme (x86)"}
    )
    names = [str(c) for c in candidates]
    assert names[0].startswith("D:\\Programme") and names[0].endswith("soffice.exe")
    assert any("(x86)" in name for name in names)
    assert any(name.startswith("C:\\Program Files") for name in names)


@pytest.mark.posix_only(reason="on Windows only soffice.exe counts in PATH")
def test_soffice_on_the_path_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = fake_soffice(tmp_path, "")
    monkeypatch.setenv("PATH", str(fake.parent))
    assert find_soffice() == fake


@pytest.mark.posix_only(reason="plants a symbolic link")
@pytest.mark.parametrize("entry", [".", "", "bin"])
def test_soffice_in_the_current_folder_is_never_run(
    entry: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``.``, an empty entry and a relative folder in PATH all mean the current folder."""
    folder = tmp_path / "Ablage"
    folder.mkdir()
    planted = fake_soffice(folder, "")
    (folder / "soffice").symlink_to(planted)
    monkeypatch.chdir(folder)
    monkeypatch.setenv("PATH", os.pathsep.join([entry, str(tmp_path / "leer")]))
    found = find_soffice()
    assert found is None or found.resolve() != planted.resolve()


def test_without_libreoffice_a_clear_message(
    reference_draft: Draft, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if any(c.is_file() for c in installation_candidates({})):
        pytest.skip("LibreOffice is installed in a standard folder of this machine")
    monkeypatch.setenv("PATH", str(tmp_path / "leer"))
    for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)", SOFFICE_VARIABLE):
        monkeypatch.delenv(variable, raising=False)
    target = tmp_path / "x.pdf"
    with pytest.raises(ExportError) as caught:
        export_document(reference_draft, target, draft_mode=True)
    message = caught.value.message
    assert "LibreOffice" in message and "installieren" in message and ".docx" in message
    assert not target.exists()


# --------------------------------------------------------------------------- failures


@pytest.fixture
def docx_file(reference_draft: Draft, tmp_path: Path) -> Path:
    path = tmp_path / "in.docx"
    export_document(reference_draft, path, draft_mode=True)
    return path


def test_libreoffice_failing(
    docx_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_soffice(
        monkeypatch, fake_soffice(tmp_path, "print('kaputt', file=sys.stderr)\nsys.exit(81)")
    )
    target = tmp_path / "out.pdf"
    target.write_bytes(OLD_CONTENT)
    with pytest.raises(ExportError, match="Fehlercode 81"):
        convert_to_pdf(docx_file, target)
    assert target.read_bytes() == OLD_CONTENT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "in.docx", "out.pdf"]


def test_libreoffice_producing_nothing(
    docx_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_soffice(monkeypatch, fake_soffice(tmp_path, ""))
    target = tmp_path / "out.pdf"
    with pytest.raises(ExportError, match="keine PDF-Datei"):
        convert_to_pdf(docx_file, target)
    assert not target.exists()


def is_running(pid: int) -> bool:
    """True while ``pid`` lives (on Linux a zombie waiting to be reaped counts as ended)."""
    if os.name == "nt" or not Path("/proc").is_dir():
        return fileio.process_is_running(pid)
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def wait_until_ended(pids: list[int], seconds: float = 5) -> None:
    deadline = time.monotonic() + seconds
    while any(is_running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)


#: A fake soffice that starts a child (as soffice starts soffice.bin) and waits for it.
SOFFICE_WITH_A_CHILD = """
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
Path(r"{pids}.0").write_text(f"{{os.getpid()}}\\n{{child.pid}}\\n", encoding="utf-8")
os.replace(r"{pids}.0", r"{pids}")
child.wait()
"""


def test_libreoffice_hanging_is_stopped_with_its_children(
    docx_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid_file = tmp_path / "soffice.pids"
    use_soffice(monkeypatch, fake_soffice(tmp_path, SOFFICE_WITH_A_CHILD.format(pids=pid_file)))
    target = tmp_path / "out.pdf"
    with pytest.raises(ExportError, match="abgebrochen"):
        convert_to_pdf(docx_file, target, timeout=3)
    assert not target.exists()
    pids = [int(line) for line in pid_file.read_text(encoding="utf-8").split()]
    wait_until_ended(pids)
    assert not any(is_running(pid) for pid in pids)


@pytest.mark.posix_only(reason="a process escapes the kill in a session of its own")
@pytest.mark.timeout(60)
def test_a_process_that_escaped_the_kill_does_not_keep_the_export_waiting(
    docx_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It holds soffice's output pipes open: reading them to the end would take a minute."""
    pid_file = tmp_path / "entkommen.pid"
    body = (
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'],"
        " start_new_session=True)\n"
        f"Path(r'{pid_file}').write_text(str(child.pid), encoding='utf-8')\n"
        "time.sleep(60)"
    )
    use_soffice(monkeypatch, fake_soffice(tmp_path, body))
    monkeypatch.setattr(pdf, "KILL_GRACE_SECONDS", 2.0)
    started = time.monotonic()
    try:
        with pytest.raises(ExportError, match="abgebrochen"):
            convert_to_pdf(docx_file, tmp_path / "out.pdf", timeout=2)
        assert time.monotonic() - started < 15
    finally:
        if pid_file.exists():
            os.kill(int(pid_file.read_text(encoding="utf-8")), signal.SIGKILL)


def test_the_pdf_is_built_from_the_given_docx(
    docx_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """soffice gets the private profile, the PDF/A filter and a copy of the document."""
    log = tmp_path / "args.json"
    body = (
        f"Path(r'{log}').write_text(__import__('json').dumps(args), encoding='utf-8')\n"
        "outdir.mkdir(parents=True, exist_ok=True)\n"
        "(outdir / 'Stellungnahme.pdf').write_bytes(source.read_bytes())"
    )
    use_soffice(monkeypatch, fake_soffice(tmp_path, body))
    target = tmp_path / "out.pdf"
    convert_to_pdf(docx_file, target)
    assert target.read_bytes() == docx_file.read_bytes()
    arguments = json.loads(log.read_text(encoding="utf-8"))
    assert "--headless" in arguments
    assert any(a.startswith("-env:UserInstallation=file://") for a in arguments)
    assert PDF_FILTER in arguments


def test_a_frozen_program_starts_libreoffice_without_the_bundles_libraries(
    docx_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run as a PyInstaller bundle, the bundle's folders are first in the library paths."""
    internal = tmp_path / "Stellungnahme" / "_internal"
    (internal / "PySide6").mkdir(parents=True)
    seen = tmp_path / "umgebung.json"
    body = (
        f"Path(r'{seen}').write_text(__import__('json').dumps(dict(os.environ)), "
        "encoding='utf-8')\n"
        "outdir.mkdir(parents=True, exist_ok=True)\n"
        "(outdir / 'Stellungnahme.pdf').write_bytes(b'%PDF-1.7')"
    )
    use_soffice(monkeypatch, fake_soffice(tmp_path, body))
    monkeypatch.setenv("PATH", os.pathsep.join([str(internal / "PySide6"), os.environ["PATH"]]))
    monkeypatch.setenv("LD_LIBRARY_PATH", str(internal))
    monkeypatch.setenv("QT_PLUGIN_PATH", str(internal / "PySide6" / "plugins"))
    monkeypatch.setenv("_PYI_APPLICATION_HOME_DIR", str(internal))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    convert_to_pdf(docx_file, tmp_path / "out.pdf")
    environment = json.loads(seen.read_text(encoding="utf-8"))
    assert str(internal) not in json.dumps(environment)
    assert str(tmp_path / "bin") in environment["PATH"]  # everything else stays
    assert "_PYI_APPLICATION_HOME_DIR" not in environment


@pytest.mark.windows_only(reason="a file held open cannot be deleted")
def test_a_file_held_in_the_private_folder_does_not_fail_the_export(
    docx_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LibreOffice (or a virus scanner) still holds a file of the private temporary folder."""
    holder = tmp_path / "halter.pid"
    body = (
        "outdir.mkdir(parents=True, exist_ok=True)\n"
        "(outdir / 'Stellungnahme.pdf').write_bytes(b'%PDF-1.7')\n"
        "code = 'import sys, time; f = open(sys.argv[1], \"rb\"); time.sleep(5)'\n"
        "child = subprocess.Popen([sys.executable, '-c', code, str(source)],"
        " creationflags=0x00000008)\n"  # DETACHED_PROCESS: lives on after soffice
        f"Path(r'{holder}').write_text(str(child.pid), encoding='utf-8')\n"
        "time.sleep(1)"
    )
    use_soffice(monkeypatch, fake_soffice(tmp_path, body))
    target = convert_to_pdf(docx_file, tmp_path / "out.pdf")
    assert target.read_bytes() == b"%PDF-1.7"


def test_missing_docx(tmp_path: Path) -> None:
    if find_soffice() is None:
        pytest.skip("without LibreOffice the message about LibreOffice comes first")
    with pytest.raises(ExportError, match="nicht gefunden"):
        convert_to_pdf(tmp_path / "fehlt.docx", tmp_path / "x.pdf")


def test_pdfa_version_reads_the_xmp_metadata() -> None:
    assert pdfa_version(b"<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:") == "2B"
    assert pdfa_version(b'pdfaid:part="1" pdfaid:conformance="a"') == "1A"
    assert pdfa_version(b"%PDF-1.7 no metadata") is None


@pytest.mark.office
def test_the_pdf_points_nowhere(reference_draft: Draft, tmp_path: Path) -> None:
    """No link, launch, remote go-to, import or form submission in the exported PDF."""
    require_soffice()
    target = export_document(reference_draft, tmp_path / "aus.pdf")
    data = target.read_bytes()
    for action in (b"/URI", b"/Launch", b"/GoToR", b"/ImportData", b"/SubmitForm", b"/JavaScript"):
        assert action not in data


# --------------------------------------------------------------------------- a killed export


@pytest.mark.timeout(60)
def test_a_killed_pdf_export_takes_libreoffice_and_its_children_along(
    reference_json_path: Path, tmp_path: Path
) -> None:
    """LibreOffice's soffice starts soffice.bin: the fake starts a child process too."""
    pid_file = tmp_path / "soffice.pids"
    fake = fake_soffice(tmp_path, SOFFICE_WITH_A_CHILD.format(pids=pid_file))
    temp = tmp_path / "temp"
    temp.mkdir()
    target = tmp_path / "aus.pdf"
    child = start_export(reference_json_path, target, temp, fake)
    deadline = time.monotonic() + 30
    while not pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    pids = [int(line) for line in pid_file.read_text(encoding="utf-8").split()]
    assert all(is_running(pid) for pid in pids)
    child.kill()
    child.communicate()
    wait_until_ended(pids)
    assert not any(is_running(pid) for pid in pids)
    assert list(temp.iterdir())  # the killed export's copies are still there …
    fileio.clean_up_after_killed_writes(temp_folder=temp)
    assert list(temp.iterdir()) == []  # … until the next start cleans up
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "soffice.pids", "temp"]


@pytest.mark.office
@pytest.mark.timeout(120)
def test_libreoffice_fetches_nothing_a_document_links_to(tmp_path: Path) -> None:
    """Even a .docx the template check never saw: no web request, no local file read in."""
    require_soffice()
    requests: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(hostile.PIXEL)

        def log_message(self, *_arguments: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        local = tmp_path / "geheim.png"
        local.write_bytes(hostile.PIXEL)
        document = Document(str(bundled_template()))
        hostile.link_picture(document, f"http://127.0.0.1:{server.server_port}/logo.png")
        hostile.link_picture(document, local.as_uri())
        source = tmp_path / "verlinkt.docx"
        document.save(str(source))
        convert_to_pdf(source, tmp_path / "verlinkt.pdf")
    finally:
        server.shutdown()
        server.server_close()
    assert requests == []
    pdf = (tmp_path / "verlinkt.pdf").read_bytes()
    assert b"/Subtype/Image" not in pdf.replace(b" ", b"")
