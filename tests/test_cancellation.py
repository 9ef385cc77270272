"""Stopping long work early, from another thread."""

from __future__ import annotations

import threading

import pytest

from stellungnahme_app.cancellation import Cancellation, Cancelled


def test_reports_progress_until_cancelled() -> None:
    cancellation = Cancellation()
    assert cancellation.progress == ""
    cancellation.report("Seite 1 von 3")
    assert cancellation.progress == "Seite 1 von 3"
    cancellation.cancel()
    assert cancellation.cancelled
    with pytest.raises(Cancelled, match="Abgebrochen"):
        cancellation.report("Seite 2 von 3")
    assert cancellation.progress == "Seite 2 von 3"


def test_a_worker_stops_when_another_thread_cancels() -> None:
    cancellation = Cancellation()
    started = threading.Event()
    outcome: list[str] = []

    def work() -> None:
        step = 0
        try:
            while True:
                step += 1
                cancellation.report(f"Schritt {step}")
                started.set()
        except Cancelled:
            outcome.append("abgebrochen")

    worker = threading.Thread(target=work)
    worker.start()
    assert started.wait(5)
    cancellation.cancel()
    worker.join(5)
    assert not worker.is_alive()
    assert outcome == ["abgebrochen"]
