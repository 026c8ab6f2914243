"""Claims as leases: a live process renews the claims it holds, a dead one's soon lapse.

A claim reserves a reminder for one process until `claimed_until`. Instead of a long fixed time
(which a dead process's reminders had to wait out), a claim is held for a short lease and renewed
by a heartbeat while the process lives, so another process takes over within a lease and a
sweep. Renewal stops after the claim's time to live, so a send stuck for longer than that is
presumed lost and taken over too.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.context import Clock
from storage.db import is_unavailable
from storage.queries import deliveries

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]

DEFAULT_LEASE = dt.timedelta(seconds=30)


class Leases:
    """The claims one process holds, renewed every third of a lease while a pass runs."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        instance_id: str,
        clock: Clock,
        lease: dt.timedelta = DEFAULT_LEASE,
        ttl: dt.timedelta,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.sessions = sessions
        self.instance_id = instance_id
        self.clock = clock
        self.lease = lease
        self.ttl = ttl
        """The longest one claim is renewed for."""
        self.sleep = sleep
        """Waits between heartbeats: real time even when the dispatcher's clock is a test's."""
        self._held: dict[int, dt.datetime] = {}

    def until(self, now: dt.datetime) -> dt.datetime:
        """`claimed_until` of a claim made or renewed at `now`."""
        return now + self.lease

    def hold(self, delivery_id: int, now: dt.datetime) -> None:
        """A claim this process just made (or took over) at `now`."""
        self._held[delivery_id] = now

    def drop(self, delivery_id: int) -> None:
        """The claim ended: marked sent or failed, or given back."""
        self._held.pop(delivery_id, None)

    def clear(self) -> None:
        """Every claim was given back."""
        self._held.clear()

    @property
    def held(self) -> int:
        """How many claims this process holds."""
        return len(self._held)

    async def renew(self) -> int:
        """Push `claimed_until` of every held claim one lease ahead; returns how many."""
        now = self.clock()
        # A claim held past its time to live is given up to the others (and forgotten here).
        for stale in [i for i, since in self._held.items() if now - since >= self.ttl]:
            del self._held[stale]
        ids = list(self._held)
        if not ids:
            return 0
        async with self.sessions() as session, session.begin():
            return await deliveries.renew_claims(
                session, ids, claimed_by=self.instance_id, until=self.until(now)
            )

    @contextlib.asynccontextmanager
    async def heartbeat(self) -> AsyncIterator[None]:
        """Renew the held claims every third of a lease while the block runs."""
        task = asyncio.create_task(self._beat(), name="claim-heartbeat")
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _beat(self) -> None:
        period = self.lease.total_seconds() / 3
        while True:
            await self.sleep(period)
            try:
                await self.renew()
            except Exception as exc:
                if not is_unavailable(exc):
                    raise
                # The next beat tries again; claims lapse only if the database stays away.
                log.warning("could not renew claims: database unavailable (%s)", type(exc).__name__)


async def lapsed_claims(sessions: async_sessionmaker[AsyncSession], now: dt.datetime) -> int:
    """How many claims have passed their `claimed_until` (a dead or stopped process's)."""
    async with sessions() as session:
        return await deliveries.count_lapsed(session, now)
