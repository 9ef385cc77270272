"""The Windows workflow proves on Windows what cannot be proved here: when it runs, what it
runs, and that no failing command in its PowerShell scripts goes unnoticed.

Read as text (PyYAML is no dependency): the workflow keeps to plain block style.
"""

from __future__ import annotations

import re

import bundle_config as config
import pytest

WORKFLOW = (config.ROOT / ".github" / "workflows" / "windows-build.yml").read_text("utf-8")
#: Programs the scripts call: PowerShell does not stop when one of them fails.
NATIVE_COMMANDS = ("python", "choco", "winget", "dotnet", "wix", "lint-imports", "pip", "&")
EXIT_CODE_CHECK = "if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }"
TRIGGER_PATHS = (
    "stellungnahme_app/**",
    "templates/**",
    "resources/**",
    "pyproject.toml",
    "packaging/**",
    "tests/**",
)


def block(text: str, key: str) -> str:
    """The lines indented below the first line ``key:`` (with their indentation)."""
    match = re.search(rf"^(?P<indent> *){re.escape(key)}:.*\n", text, flags=re.M)
    assert match is not None, f"{key}: fehlt"
    indent = len(match.group("indent"))
    lines = []
    for line in text[match.end() :].splitlines():
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        lines.append(line)
    return "\n".join(lines)


def jobs() -> dict[str, str]:
    body = block(WORKFLOW, "jobs")
    names = re.findall(r"^  ([\w-]+):\s*$", body, flags=re.M)
    return {name: block(body, name) for name in names}


def scripts() -> list[str]:
    """Every ``run: |`` script of the workflow, dedented."""
    found = []
    for match in re.finditer(r"^(?P<indent> *)(?:- )?run: \|\n", WORKFLOW, flags=re.M):
        indent = len(match.group("indent"))
        lines = []
        for line in WORKFLOW[match.end() :].splitlines():
            if line.strip() and len(line) - len(line.lstrip()) <= indent:
                break
            lines.append(line.strip())
        found.append("\n".join(lines).strip())
    return found


@pytest.mark.parametrize("event", ["push", "pull_request"])
def test_it_runs_on_every_change_to_the_program_not_only_to_the_packaging(event: str) -> None:
    paths = re.findall(r'^\s*- "([^"]+)"', block(block(WORKFLOW, "on"), event), re.M)
    assert set(TRIGGER_PATHS) <= set(paths)
    assert re.search(r'^  push:\n(    .*\n)*?    tags: \["v\*"\]', WORKFLOW, flags=re.M)


def test_a_job_runs_the_tests_on_windows_with_libreoffice() -> None:
    tests = jobs()["tests"]
    assert "runs-on: windows-latest" in tests
    assert 'python -m pytest -m "not slow"' in tests
    assert "QT_QPA_PLATFORM: offscreen" in tests
    assert tests.index("choco install libreoffice-fresh") < tests.index("python -m pytest")
    assert "PYTHONUTF8" not in tests, "the tests see Windows' own encodings"


def test_the_bundle_is_built_with_libreoffice_and_a_release_requires_the_pdf_check() -> None:
    build = jobs()["windows"]
    assert "runs-on: windows-latest" in build
    steps = ["choco install libreoffice-fresh", "python packaging/build.py", "build_installer.py"]
    positions = [build.index(step) for step in steps]
    assert positions == sorted(positions)
    assert "PDF_SWITCH: ${{ startsWith(github.ref, 'refs/tags/v') && '--require-pdf' || '' }}" in (
        build
    )
    assert "python packaging/build.py @switches" in build
    assert "wix msi validate" in build
    assert "upload-artifact" in build and "dist/installer/*.msi" in build


def test_every_script_is_powershell_that_stops_at_the_first_failure() -> None:
    assert re.search(r"^defaults:\n  run:\n    shell: pwsh$", WORKFLOW, flags=re.M)
    assert not re.search(r"^\s*(- )?run: [^|\s]", WORKFLOW, flags=re.M), "only run: | scripts"
    assert len(scripts()) >= 8
    for script in scripts():
        assert script.splitlines()[0] == "$ErrorActionPreference = 'Stop'", script


def test_the_exit_code_of_every_program_a_script_calls_is_checked() -> None:
    unchecked = []
    for script in scripts():
        lines = [line for line in script.splitlines() if line]
        for number, line in enumerate(lines):
            if line.split(" ", 1)[0] in NATIVE_COMMANDS:
                following = lines[number + 1] if number + 1 < len(lines) else ""
                if following != EXIT_CODE_CHECK:
                    unchecked.append(line)
    assert unchecked == []
