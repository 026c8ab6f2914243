"""The bot on Zalo by webhook: registration, answering first, secrets, bad bodies, duplicates."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.app import App
from bot.core.messages import Incoming, Reply
from tests.clock import FakeClock
from tests.fakes.zalo_server import FakeZaloServer, text_update
from tests.zalo_harness import (
    AWARDS_2022,
    BOT_NAME,
    GROUP,
    MEMBER,
    PRIVATE,
    WEBHOOK_BASE,
    WEBHOOK_SECRET,
    ZaloHarness,
    running_zalo,
)


@pytest.fixture
async def fake() -> AsyncIterator[FakeZaloServer]:
    """The fake Zalo Bot API; empty polls end after 50 ms."""
    async with FakeZaloServer(max_poll_wait=0.05, account_name=BOT_NAME) as server:
        yield server


@pytest.fixture
async def hooked(app: App, fake: FakeZaloServer, clock: FakeClock) -> AsyncIterator[ZaloHarness]:
    """The bot receiving by webhook on the shared HTTP server."""
    async with running_zalo(app, fake, clock, webhook=True) as harness:
        yield harness


# ----------------------------------------------------------------------------- webhook


async def test_webhook_is_registered_instead_of_polling(
    hooked: ZaloHarness, fake: FakeZaloServer
) -> None:
    assert fake.webhook_url == f"{WEBHOOK_BASE}/zalo/webhook"
    assert fake.webhook_secret == WEBHOOK_SECRET
    assert hooked.bot.mode == "webhook"
    assert fake.calls("getUpdates") == [] and fake.calls("deleteWebhook") == []


async def test_commands_by_webhook(hooked: ZaloHarness) -> None:
    [group] = await hooked.say(GROUP, MEMBER, f"@{BOT_NAME} /khenthuong 2022", group=True)
    [private] = await hooked.say(PRIVATE, PRIVATE, "/khenthuong 2022")

    for line in AWARDS_2022:
        assert line in group and line in private


async def test_the_webhook_answers_before_processing(
    hooked: ZaloHarness, fake: FakeZaloServer, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = asyncio.Event()
    real = app.core.handle

    async def slow(msg: Incoming) -> Reply | None:
        await release.wait()
        return await real(msg)

    monkeypatch.setattr(app.core, "handle", slow)
    update = text_update(PRIVATE, PRIVATE, "/khenthuong 2022")

    status = await fake.deliver_webhook(hooked.webhook_url, update, secret_token=WEBHOOK_SECRET)

    assert status == 200 and not hooked.handled and fake.sent == []
    release.set()
    await hooked.bot.join()
    assert AWARDS_2022[0] in str(fake.sent[0]["text"])


async def test_an_unwrapped_webhook_body_is_accepted(
    hooked: ZaloHarness, fake: FakeZaloServer
) -> None:
    update = text_update(PRIVATE, PRIVATE, "/khenthuong 2022")

    status = await fake.deliver_webhook(
        hooked.webhook_url, update, secret_token=WEBHOOK_SECRET, wrapped=False
    )
    await hooked.bot.join()

    assert status == 200
    assert AWARDS_2022[0] in str(fake.sent[0]["text"])


@pytest.mark.parametrize("secret", [None, "", "wrong-secret-123", WEBHOOK_SECRET + "x"])
async def test_a_wrong_webhook_secret_is_refused(
    hooked: ZaloHarness, fake: FakeZaloServer, secret: str | None
) -> None:
    update = text_update(PRIVATE, PRIVATE, "/khenthuong 2022")

    status = await fake.deliver_webhook(hooked.webhook_url, update, secret_token=secret)
    await hooked.bot.join()

    assert status == 403
    assert not hooked.handled and fake.sent == []


async def test_the_secret_is_checked_before_the_body(hooked: ZaloHarness) -> None:
    async def post(secret: str) -> int:
        headers = {"X-Bot-Api-Secret-Token": secret, "Content-Type": "application/json"}
        async with (
            aiohttp.ClientSession() as session,
            session.post(hooked.webhook_url, data=b"{not json", headers=headers) as response,
        ):
            return response.status

    assert await post("wrong-secret-123") == 403
    # With the right secret a broken body is refused without being looked at.
    assert await post(WEBHOOK_SECRET) == 400
    await hooked.bot.join()
    assert not hooked.handled


async def test_a_too_deep_json_body_is_a_bad_request(hooked: ZaloHarness) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    headers = {"X-Bot-Api-Secret-Token": WEBHOOK_SECRET, "Content-Type": "application/json"}
    async with (
        aiohttp.ClientSession() as session,
        session.post(hooked.webhook_url, data=deep, headers=headers) as response,
    ):
        assert response.status == 400
    await hooked.bot.join()
    assert not hooked.handled


async def test_duplicate_webhook_deliveries_are_processed_once(
    hooked: ZaloHarness, fake: FakeZaloServer
) -> None:
    update = text_update(GROUP, MEMBER, f"@{BOT_NAME} /khenthuong 2022", "GROUP")

    statuses = [
        await fake.deliver_webhook(hooked.webhook_url, update, secret_token=WEBHOOK_SECRET),
        await fake.deliver_webhook(
            hooked.webhook_url, update, secret_token=WEBHOOK_SECRET, wrapped=False
        ),
        await fake.deliver_webhook(hooked.webhook_url, update, secret_token=WEBHOOK_SECRET),
    ]
    await hooked.bot.join()

    assert statuses == [200, 200, 200]
    assert list(hooked.handled.values()) == [1]
    assert len(fake.sent) == 1
