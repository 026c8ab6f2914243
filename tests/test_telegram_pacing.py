"""Telegram sends stay evenly paced through a 429 pause (bot.telegram.ratelimit, the real PTB)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator

import pytest
from telegram.ext import ExtBot

from bot.telegram.ratelimit import CountingRateLimiter
from tests.fakes.telegram import FakeTelegramServer

GROUPS = [-1009100000000 - n for n in range(36)]
# Well under the fake's 30 a second: only a burst, not a late packet, can reach 30 in a second.
PACE = 20


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegramServer]:
    """The fake Bot API with Telegram's flood limits on."""
    async with FakeTelegramServer() as server:
        for chat_id in GROUPS:
            server.add_chat(chat_id, chat_type="supergroup", title="Nhóm")
        server.set_rate_limits(global_per_sec=30, per_group_per_min=20)
        yield server


async def test_requests_queued_in_a_429_pause_leave_one_by_one(fake: FakeTelegramServer) -> None:
    # PTB reads RetryAfter.retry_after as a timedelta only with this opt-in (as the adapter does).
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    seen_429: list[int] = []
    limiter = CountingRateLimiter(
        lambda: seen_429.append(1),
        per_second=PACE,
        group_max_rate=20,
        group_time_period=60,
        max_retries=2,
    )
    bot = ExtBot(
        fake.token,
        base_url=f"{fake.base_url}/bot",
        base_file_url=f"{fake.base_url}/file/bot",
        rate_limiter=limiter,
    )
    # The first send is answered 429 (retry after 1 s): every other send waits out that pause.
    fake.fail_next("sendMessage", 429, retry_after=1)
    async with bot:
        await asyncio.gather(*(bot.send_message(chat_id, "Nhắc việc") for chat_id in GROUPS))

    assert sorted(m.chat_id for m in fake.sent_messages()) == sorted(GROUPS)
    # Only the injected answer: the sends queued during the pause did not leave at once and
    # run into the 30-a-second limit.
    assert fake.too_many_requests == 1
    assert seen_429 == [1]
