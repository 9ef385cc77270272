"""PDF output through LibreOffice: finding soffice, PDF/A-2b, and every way it can fail."""

from __future__ import annotations

import http.server
import importlib.util
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path
from types import ModuleType

import pytest
from console import fake_soffice, path_with, start_export
from docx import Document
from docx_readback import reference_tokens

from stellungnahme_app import fileio
from stellungnahme_app.errors import ExportError
from stellungnahme_app.export import bundled_template, convert_to_pdf, export_document, find_soffice
from stellungnahme_app.export.pdf import PDF_FILTER, installation_candidates, pdfa_version
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
posix_only = pytest.mark.skipif(os.name == "nt", reason="uses a shell script as fake soffice")


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


@posix_only
def test_soffice_on_the_path_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = fake_soffice(tmp_path, "exit 0")
    monkeypatch.setenv("PATH", str(fake.parent))
    assert find_soffice() == fake


@posix_only
@pytest.mark.parametrize("entry", [".", "", "bin"])
def test_soffice_in_the_current_folder_is_never_run(
    entry: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``.``, an empty entry and a relative folder in PATH all mean the current folder."""
    folder = tmp_path / "Ablage"
    folder.mkdir()
    planted = fake_soffice(folder, "exit 0")
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
    for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
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


@posix_only
def test_libreoffice_failing(
    docx_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", path_with(fake_soffice(tmp_path, "echo kaputt >&2; exit 81")))
    target = tmp_path / "out.pdf"
    target.write_bytes(OLD_CONTENT)
    with pytest.raises(ExportError, match="Fehlercode 81"):
        convert_to_pdf(docx_file, target)
    assert target.read_bytes() == OLD_CONTENT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "in.docx", "out.pdf"]


@posix_only
def test_libreoffice_producing_nothing(
    docx_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", path_with(fake_soffice(tmp_path, "exit 0")))
    target = tmp_path / "out.pdf"
    with pytest.raises(ExportError, match="keine PDF-Datei"):
        convert_to_pdf(docx_file, target)
    assert not target.exists()


def is_running(pid: int) -> bool:
    """True while ``pid`` lives (a zombie waiting to be reaped counts as ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


@posix_only
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_libreoffice_hanging_is_stopped_with_its_children(
    docx_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid_file = tmp_path / "child.pid"
    body = f"sleep 30 >/dev/null 2>&1 &\necho $! > {pid_file}\nwait"
    monkeypatch.setenv("PATH", path_with(fake_soffice(tmp_path, body)))
    target = tmp_path / "out.pdf"
    with pytest.raises(ExportError, match="abgebrochen"):
        convert_to_pdf(docx_file, target, timeout=1)
    assert not target.exists()
    child = int(pid_file.read_text(encoding="utf-8"))
    deadline = time.monotonic() + 5
    while is_running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not is_running(child)


@posix_only
def test_the_pdf_is_built_from_the_given_docx(
    docx_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """soffice gets the private profile, the PDF/A filter and a copy of the document."""
    log = tmp_path / "args.txt"
    body = (
        f'printf "%s\\n" "$@" > {log}\n'
        "for last; do :; done\n"
        'out=""; prev=""; for a in "$@"; do [ "$prev" = --outdir ] && out="$a"; prev="$a"; done\n'
        'mkdir -p "$out"; cp "$last" "$out/Stellungnahme.pdf"'
    )
    monkeypatch.setenv("PATH", path_with(fake_soffice(tmp_path, body)))
    target = tmp_path / "out.pdf"
    convert_to_pdf(docx_file, target)
    assert target.read_bytes() == docx_file.read_bytes()
    arguments = log.read_text(encoding="utf-8").splitlines()
    assert "--headless" in arguments
    assert any(a.startswith("-env:UserInstallation=file://") for a in arguments)
    assert PDF_FILTER in arguments


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


@posix_only
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
@pytest.mark.timeout(60)
def test_a_killed_pdf_export_takes_libreoffice_and_its_children_along(
    reference_json_path: Path, tmp_path: Path
) -> None:
    """LibreOffice's soffice starts soffice.bin: the fake does the same with a ``sleep``."""
    pid_file = tmp_path / "soffice.pids"
    fake = fake_soffice(
        tmp_path,
        f"echo $$ > {pid_file}.0\nsleep 60 &\necho $! >> {pid_file}.0\n"
        f"mv {pid_file}.0 {pid_file}\nwait",
    )
    temp = tmp_path / "temp"
    temp.mkdir()
    target = tmp_path / "aus.pdf"
    child = start_export(reference_json_path, target, temp, path_with(fake))
    deadline = time.monotonic() + 30
    while not pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    pids = [int(line) for line in pid_file.read_text(encoding="utf-8").split()]
    assert all(is_running(pid) for pid in pids)
    child.kill()
    child.communicate()
    deadline = time.monotonic() + 5
    while any(is_running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
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
