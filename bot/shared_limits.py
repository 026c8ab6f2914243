"""Platform send limits shared by every bot replica through Redis, paced locally without it.

Telegram allows a bot about 30 messages a second overall and 20 a minute in one group, whatever
number of processes send them. Each process already paces itself (PTB's AIORateLimiter, the Zalo
pacer); with REDIS_URL set, every send also takes a slot from Redis, so two replicas together
stay within one bot's limits:

- the overall pace is a reservation in a small Lua script (GCRA with a burst of one): each
  sender gets the next free slot, one interval after the previous one, by Redis' own clock, and
  sleeps until it. Sends stay evenly spaced across replicas, in the order they asked;
- a group's "20 per 60 s" is a moving window kept by the `limits` library (the same rule
  Telegram applies), checked at the moment of sending.

When Redis cannot be reached the send goes ahead at the local pace, the problem is logged once,
and Redis is tried again a few seconds later: a lost Redis never stops the bot.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, Final

from limits import RateLimitItemPerMinute
from limits.aio.storage import RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter
from redis.asyncio import ConnectionPool, Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]

REDIS_TIMEOUT: Final = 0.5
"""Seconds a Redis call may take; past it the send is paced locally."""
RETRY_AFTER: Final = 5.0
"""Seconds to pace locally after Redis failed, before asking it again."""

# KEYS[1]: the pace key. ARGV[1]: the interval in microseconds. Returns the microseconds to wait
# for the reserved slot. Redis' clock is the one clock every replica shares.
RESERVE_SLOT: Final = """
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000000 + tonumber(now_parts[2])
local slot = tonumber(redis.call('GET', KEYS[1]) or '0')
if slot < now then slot = now end
local following = slot + tonumber(ARGV[1])
redis.call('SET', KEYS[1], string.format('%.0f', following), 'PX',
    math.ceil((following - now) / 1000) + 1000)
return string.format('%.0f', slot - now)
"""

UNAVAILABLE = (RedisError, OSError, TimeoutError)


class SharedLimiter:
    """One platform's pace (and optional per-group window), shared through Redis."""

    def __init__(
        self,
        redis: Redis,
        windows: MovingWindowRateLimiter,
        *,
        key: str,
        interval: float,
        group_per_minute: int | None = None,
        sleep: Sleep = asyncio.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._redis = redis
        self._windows = windows
        self._key = key
        self._pace_key = f"{key}:pace"
        self._interval_us = round(interval * 1_000_000)
        self._group_item = (
            RateLimitItemPerMinute(group_per_minute) if group_per_minute is not None else None
        )
        self._reserve = redis.register_script(RESERVE_SLOT)
        self._sleep = sleep
        self._monotonic = monotonic
        self._down_until = 0.0

    @property
    def degraded(self) -> bool:
        """Whether sends are paced locally only, because Redis failed a moment ago."""
        return self._monotonic() < self._down_until

    async def acquire(self, group: str | None = None) -> None:
        """Wait for a shared slot (and room in the group's window); never raises for Redis."""
        while not self.degraded:
            try:
                wait = await self._take_slot(group)
            except UNAVAILABLE as exc:
                self._lost(exc)
                return
            self._recovered()
            if wait is None:
                return
            # The group's window is full: wait until its oldest send leaves it, then queue again.
            await self._sleep(wait)

    async def _take_slot(self, group: str | None) -> float | None:
        """Sleep until the next overall slot; None when the group has room, else its wait."""
        wait_us = int(await self._reserve(keys=[self._pace_key], args=[self._interval_us]))
        if wait_us > 0:
            await self._sleep(wait_us / 1_000_000)
        if group is None or self._group_item is None:
            return None
        if await self._windows.hit(self._group_item, self._key, group):
            return None
        stats = await self._windows.get_window_stats(self._group_item, self._key, group)
        return max(stats.reset_time - time.time(), 0.05)

    def _lost(self, exc: BaseException) -> None:
        if self._down_until == 0.0:
            log.warning(
                "shared rate limit unavailable (%s): pacing sends locally until Redis answers",
                type(exc).__name__,
            )
        self._down_until = self._monotonic() + RETRY_AFTER

    def _recovered(self) -> None:
        if self._down_until:
            log.info("shared rate limit available again")
            self._down_until = 0.0


class SharedLimits:
    """The Redis connection and one limiter per platform; nothing connects until first use."""

    def __init__(self, url: str, *, prefix: str = "thidua") -> None:
        self.prefix = prefix
        self.pool: ConnectionPool = ConnectionPool.from_url(
            url, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT
        )
        self.redis = Redis(connection_pool=self.pool)
        # One pool for both: `limits` passes it to redis-py (its options are typed as scalars).
        storage = RedisStorage(
            url,
            implementation="redispy",
            key_prefix=prefix,
            connection_pool=self.pool,  # type: ignore[arg-type]
        )
        self.windows = MovingWindowRateLimiter(storage)

    def limiter(
        self,
        platform: str,
        token: str,
        *,
        per_second: float,
        group_per_minute: int | None = None,
        **options: Any,
    ) -> SharedLimiter:
        """`per_second` sends overall (and `group_per_minute` in one group) for one bot token.

        Keys carry a digest of the token: limits are per bot, and the token never shows.
        """
        digest = hashlib.sha256(token.encode()).hexdigest()[:16]
        return SharedLimiter(
            self.redis,
            self.windows,
            key=f"{self.prefix}:{platform}:{digest}",
            interval=1.0 / per_second,
            group_per_minute=group_per_minute,
            **options,
        )

    async def close(self) -> None:
        """Close the Redis connections."""
        await self.redis.aclose()
        await self.pool.disconnect()
