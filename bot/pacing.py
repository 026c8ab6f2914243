"""Even spacing of sends: one caller every 1/rate seconds, in the order they asked."""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable

Sleep = Callable[[float], Awaitable[None]]
Monotonic = Callable[[], float]


class Pacer:
    """Spaces calls at least 1/rate seconds apart overall, with an injectable clock and sleep.

    Callers go one at a time, in the order they asked. A call released late (a busy event loop
    oversleeps) moves the schedule on, so the ones queued behind it do not leave together to
    catch up: the next release is at least 3/4 of an interval after the late one.
    """

    def __init__(
        self,
        rate: float,
        *,
        monotonic: Monotonic = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if not rate > 0:
            raise ValueError("rate must be positive")
        self.interval = 1.0 / rate
        self._monotonic = monotonic
        self._sleep = sleep
        self._next = -math.inf
        self._turn = asyncio.Lock()

    async def wait(self) -> None:
        """Return when the caller may send."""
        async with self._turn:
            now = self._monotonic()
            slot = max(now, self._next)
            if slot > now:
                await self._sleep(slot - now)
            released = self._monotonic()
            # A small oversleep keeps the schedule (the average pace holds); a large one
            # restarts it from the late release.
            self._next = max(slot + self.interval, released + self.interval * 0.75)
