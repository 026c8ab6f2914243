"""A reminder dispatcher for tests: the fake clock's time and sleep, the bot's default windows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from jobs.dispatcher import Dispatcher
from jobs.sender import Sender
from tests.clock import FakeClock


def clocked_dispatcher(
    sessions: async_sessionmaker[AsyncSession],
    sender: Sender,
    clock: FakeClock,
    *,
    instance: str,
    **options: Any,
) -> Dispatcher:
    """Sends through `sender` only; backoff and retry_after advance the fake clock, no real wait."""
    return Dispatcher(
        sessions,
        {sender.platform: sender},
        clock=clock,
        sleep=clock.sleep,
        grace=dt.timedelta(hours=24),
        claim_ttl=dt.timedelta(minutes=5),
        instance_id=instance,
        **options,
    )
