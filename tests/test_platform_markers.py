"""The markers ``windows_only`` and ``posix_only`` run a test on its system only."""

from __future__ import annotations

import sys

import pytest
from helpers.platform_markers import runs_here


@pytest.mark.parametrize(
    ("marker", "platform", "runs"),
    [
        ("windows_only", "win32", True),
        ("windows_only", "linux", False),
        ("windows_only", "darwin", False),
        ("posix_only", "win32", False),
        ("posix_only", "linux", True),
        ("posix_only", "darwin", True),
        ("slow", "win32", True),
    ],
)
def test_which_system_runs_a_marked_test(marker: str, platform: str, runs: bool) -> None:
    assert runs_here(marker, platform) is runs


def test_a_marked_test_is_skipped_with_its_reason(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.windows_only(reason="hält eine Datei offen wie Word")
        def test_windows():
            pass

        @pytest.mark.posix_only
        def test_posix():
            pass
        """
    )
    result = pytester.runpytest("-p", "helpers.platform_markers", "-rs", "-p", "no:cacheprovider")
    on_windows = sys.platform == "win32"
    result.assert_outcomes(passed=1, skipped=1)
    skipped = "nicht unter Windows" if on_windows else "hält eine Datei offen wie Word"
    result.stdout.fnmatch_lines([f"*{skipped}*"])
