"""Two bot replicas on one PostgreSQL and one Redis share Telegram's limits; no Redis, no stop."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest
from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.app import App, build_app
from bot.runtime import build_dispatcher, open_senders, transport_deps
from bot.settings import load_settings
from bot.shared_limits import SharedLimits
from jobs.dispatcher import DispatchReport
from tests.fakes.telegram import FakeTelegramServer
from tests.fanout_data import due_for_groups, group_ids

REDIS_URL = "redis://127.0.0.1:6379/0"
GROUPS = 120
"""Four seconds of Telegram's 30 messages a second: two unshared replicas would send 60."""


@pytest.fixture
async def redis_url() -> AsyncIterator[str]:
    """The test Redis, or a skip saying how to get one."""
    client = Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        await client.ping()
    except (RedisError, OSError):
        pytest.skip("no Redis on 127.0.0.1:6379 (.ci/run starts one)")
    finally:
        await client.aclose()
    yield REDIS_URL


def replica(db_url: str, fake: FakeTelegramServer, limits: SharedLimits | None) -> App:
    """One bot process: its own engine and Telegram client, real time, the shared limits."""
    settings = load_settings(
        database_url=db_url,
        telegram_bot_token=fake.token,
        telegram_api_url=fake.base_url,
    )
    return replace(build_app(settings), limits=limits)


async def send_all(app: App, instance: str) -> DispatchReport:
    """One dispatch pass through the real PTB bot of this replica."""
    async with open_senders(app) as senders:
        return await build_dispatcher(app, senders, instance=instance).run_once()


async def test_two_replicas_share_telegrams_limits_through_redis(
    db_url: str, redis_url: str
) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("replicas share a PostgreSQL database in production")
    prefix = f"thidua-test-{uuid.uuid4().hex[:8]}"
    async with FakeTelegramServer() as fake:
        for chat_id in group_ids(GROUPS):
            fake.add_chat(chat_id, chat_type="supergroup", title="Nhóm")
        fake.set_rate_limits(global_per_sec=30, per_group_per_min=20)
        first = replica(db_url, fake, SharedLimits(redis_url, prefix=prefix))
        second = replica(db_url, fake, SharedLimits(redis_url, prefix=prefix))
        try:
            await due_for_groups(first.sessions, GROUPS)
            reports = await asyncio.gather(send_all(first, "r1"), send_all(second, "r2"))
        finally:
            await first.close()
            await second.close()
    per_chat = Counter(message.chat_id for message in fake.sent_messages())
    assert set(per_chat) == set(group_ids(GROUPS)), "nothing lost"
    assert max(per_chat.values()) == 1, "nothing sent twice"
    assert sum(r.sent for r in reports) == GROUPS
    assert all(r.sent > GROUPS / 5 for r in reports), "both replicas sent"
    calls = len(fake.calls_to("sendMessage"))
    # Unshared, two replicas had 47 of 167 sends answered 429 here (28%). Shared, a machine busy
    # enough to stall a process for a moment still lets a few evenly spaced sends leave together
    # (one process alone met 4% on a load of 9, two shared replicas 5,5% on a load of 8): the
    # bound sits between the two, so it tells shared from unshared on a loaded machine too. The
    # 1% target is judged by bench/fanout.py on an idle one.
    assert fake.too_many_requests <= calls * 12 // 100, (
        f"{fake.too_many_requests} of {calls} got 429"
    )


async def test_without_redis_sends_go_on_at_the_local_pace(
    caplog: pytest.LogCaptureFixture,
) -> None:
    limits = SharedLimits("redis://127.0.0.1:1/0", prefix="thidua-test-down")
    limiter = limits.limiter("telegram", "123:token", per_second=30, group_per_minute=20)
    try:
        with caplog.at_level(logging.WARNING, logger="bot.shared_limits"):
            async with asyncio.timeout(2):
                for _ in range(5):
                    await limiter.acquire("-100123")
        assert limiter.degraded
        warnings = [r for r in caplog.records if "pacing sends locally" in r.getMessage()]
        assert len(warnings) == 1, "said once, not once per send"
        assert "123:token" not in caplog.text
    finally:
        await limits.close()


async def test_replicas_share_the_zalo_pace(redis_url: str) -> None:
    limits = SharedLimits(redis_url, prefix=f"thidua-test-{uuid.uuid4().hex[:8]}")
    settings = load_settings(zalo_bot_token="zalo-token-1", zalo_messages_per_second=1)
    waits: list[float] = []

    async def recorded(seconds: float) -> None:
        waits.append(seconds)

    app = replace(build_app(settings), limits=limits)
    first = transport_deps(app, "zalo").shared
    second = limits.limiter("zalo", "zalo-token-1", per_second=1, sleep=recorded)
    assert first is not None
    try:
        await first.acquire()
        await second.acquire()  # the other replica's next message: one second later
    finally:
        await app.close()
    assert len(waits) == 1 and 0.5 < waits[0] <= 1.0
