"""A clock the tests move by hand, for the store's time-dependent rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class FakeClock:
    """Timezone-aware UTC time, as the store expects; starts on 22 April 2024, 9:00 UTC."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2024, 4, 22, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)
