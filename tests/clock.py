"""A controllable clock for tests: no test sleeps, time moves when the test says so."""

from __future__ import annotations

import asyncio
import datetime as dt
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")


class FakeClock:
    """Callable like `system_clock`; `sleep` advances time instead of waiting."""

    def __init__(self, start: dt.datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self.current = start
        self.slept: list[float] = []

    def __call__(self) -> dt.datetime:
        return self.current

    def set(self, when: dt.datetime) -> None:
        """Jump to `when`."""
        self.current = when

    def advance(self, seconds: float) -> None:
        """Move forward."""
        self.current += dt.timedelta(seconds=seconds)

    def monotonic(self) -> float:
        """Seconds since the epoch, for code that wants a monotonic reading."""
        return self.current.timestamp()

    async def sleep(self, seconds: float) -> None:
        """Advance instead of sleeping, and let other tasks run."""
        self.slept.append(seconds)
        self.advance(max(seconds, 0))
        await asyncio.sleep(0)


def vn_time(year: int, month: int, day: int, hour: int = 8, minute: int = 0) -> dt.datetime:
    """An aware datetime in Vietnam's time zone."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN)
