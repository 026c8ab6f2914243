"""Webhook mode end to end: the fake posts updates to the bot's aiohttp server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.app import App
from tests.fakes.telegram import FakeTelegramServer
from tests.telegram_harness import (
    ADMIN,
    GROUP,
    MEMBER,
    OFFICE,
    WEBHOOK_BASE,
    WEBHOOK_SECRET,
    BotHarness,
    buttons,
    running_bot,
)


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegramServer]:
    """The fake Bot API server with one group whose administrator is ADMIN."""
    async with FakeTelegramServer() as server:
        server.add_chat(GROUP, title="Phòng Thi đua")
        server.set_admins(GROUP, [ADMIN])
        yield server


@pytest.fixture
async def tg(app: App, fake: FakeTelegramServer) -> AsyncIterator[BotHarness]:
    """The bot receiving updates by webhook."""
    async with running_bot(app, fake, webhook=True) as harness:
        yield harness


async def test_webhook_is_registered_with_the_secret(
    tg: BotHarness, fake: FakeTelegramServer
) -> None:
    assert fake.webhook.url == f"{WEBHOOK_BASE}/telegram/webhook"
    assert fake.webhook.secret_token == WEBHOOK_SECRET
    assert fake.webhook.allowed_updates == ["message", "callback_query", "my_chat_member"]
    assert fake.calls_to("getUpdates") == []
    assert fake.commands_for(), "the menu is registered in webhook mode too"


async def test_commands_and_buttons_by_webhook(tg: BotHarness, fake: FakeTelegramServer) -> None:
    added = await tg.ask(GROUP, OFFICE, "/themkhenthuong 2021 LDTT cá nhân 7 HM")
    stats = await tg.ask(GROUP, MEMBER, "/khenthuong 2022")
    assert "• Chiến sỹ thi đua cơ sở: 323 cá nhân" in (stats.text or "")

    await tg.press(GROUP, MEMBER, stats, buttons(stats)["2021"])

    assert "Đã thêm khen thưởng năm 2021" in (added.text or "")
    assert (fake.get_message(GROUP, stats.message_id).text or "").startswith("Khen thưởng năm 2021")


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", WEBHOOK_SECRET + "x"])
async def test_a_wrong_secret_is_refused_and_nothing_is_processed(
    tg: BotHarness, fake: FakeTelegramServer, secret: str | None
) -> None:
    update = {**fake.message_update(GROUP, MEMBER, "/khenthuong 2022"), "update_id": 1}

    status = await fake.deliver_webhook(tg.webhook_url, update, secret_token=secret)

    assert status == 403
    assert tg.processed == set()
    assert fake.sent_messages(GROUP) == []
    assert (await tg.ask(GROUP, MEMBER, "/donvi")).text is not None, "the bot still serves"


async def test_a_malformed_body_is_a_bad_request(tg: BotHarness, fake: FakeTelegramServer) -> None:
    status = await fake.deliver_webhook(tg.webhook_url, {"message": "x"}, WEBHOOK_SECRET)

    assert status == 400
    assert fake.sent_messages(GROUP) == []


async def test_a_too_deep_json_body_is_a_bad_request(
    tg: BotHarness, fake: FakeTelegramServer
) -> None:
    deep = b'{"update_id":1,"message":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
    async with (
        aiohttp.ClientSession() as session,
        session.post(tg.webhook_url, data=deep, headers=headers) as response,
    ):
        assert response.status == 400
    assert tg.processed == set()
    assert fake.sent_messages(GROUP) == []
    assert (await tg.ask(GROUP, MEMBER, "/donvi")).text is not None, "the bot still serves"
