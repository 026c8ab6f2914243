"""The production composition (`thidua run`) with Telegram and Zalo both on the fake servers."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import aiohttp
from pydantic import SecretStr

from bot.app import App
from bot.core.messages import Reply
from bot.runner import run
from bot.runtime import build_runtime, open_senders
from tests.fakes.telegram import FakeTelegramServer
from tests.fakes.zalo_server import FakeZaloServer, text_update
from tests.telegram_harness import GROUP, PRIVATE, WEBHOOK_SECRET, bot_settings_app
from tests.test_telegram_run import free_port
from tests.zalo_harness import WEBHOOK_BASE, zalo_app
from tests.zalo_harness import WEBHOOK_SECRET as ZALO_SECRET

ZALO_USER = "8f3a9c2d1e"


def both_platforms(app: App, telegram: FakeTelegramServer, zalo: FakeZaloServer) -> App:
    """Settings as an operator writes them for both platforms by webhook, on a free port."""
    configured = zalo_app(bot_settings_app(app, telegram, webhook=True), zalo, webhook=True)
    settings = configured.settings.model_copy(update={"http_port": free_port()})
    return replace(configured, settings=settings)


async def test_a_zalo_chart_arrives_as_a_photo_served_by_the_running_bot(app: App) -> None:
    async with FakeTelegramServer() as telegram, FakeZaloServer() as zalo:
        configured = both_platforms(app, telegram, zalo)
        local = f"http://127.0.0.1:{configured.settings.http_port}"
        stop = asyncio.Event()
        running = asyncio.create_task(run(configured, stop_event=stop))
        await telegram.wait_for_calls("setWebhook", timeout=10)
        await zalo.wait_for_calls("setWebhook", timeout=10)

        status = await zalo.deliver_webhook(
            f"{local}/zalo/webhook",
            text_update(ZALO_USER, ZALO_USER, "/bieudo khenthuong"),
            secret_token=ZALO_SECRET,
        )
        [photo] = await zalo.wait_for_calls("sendPhoto", timeout=10)
        answered = await telegram.deliver_webhook(
            f"{local}/telegram/webhook",
            telegram.message_update(PRIVATE, PRIVATE, "/donvi"),
            secret_token=WEBHOOK_SECRET,
        )
        [units] = await telegram.wait_for_sent(PRIVATE)
        url = str(photo["photo"])
        async with (
            aiohttp.ClientSession() as session,
            session.get(url.replace(WEBHOOK_BASE, local)) as response,
        ):
            served = (response.status, await response.read())

        stop.set()
        assert await asyncio.wait_for(running, 10) == 0
    assert (status, answered) == (200, 200)
    assert url.startswith(f"{WEBHOOK_BASE}/charts/") and url.endswith(".png")
    assert "Khen thưởng năm 2022" in str(photo["caption"])
    assert served[0] == 200 and served[1][:8] == b"\x89PNG\r\n\x1a\n"
    assert (units.text or "").startswith("Mã đơn vị")


def test_the_runtime_holds_what_each_configured_platform_needs(app: App) -> None:
    telegram_only = build_runtime(
        replace(
            app,
            settings=app.settings.model_copy(update={"telegram_bot_token": SecretStr("123:token")}),
        )
    )
    assert telegram_only.zalo is None and telegram_only.telegram is not None
    assert list(telegram_only.senders) == ["telegram"]
    assert telegram_only.dispatcher.senders is telegram_only.senders
    kinds = [type(c).__name__ for c in telegram_only.components()]
    assert kinds == ["HttpServer", "TelegramTransport", "ReminderScheduler"]


async def test_thidua_remind_opens_a_sender_per_configured_platform(app: App) -> None:
    async with FakeTelegramServer() as telegram, FakeZaloServer() as zalo:
        telegram.add_chat(GROUP, chat_type="group", title="Nhóm thử")
        configured = both_platforms(app, telegram, zalo)
        async with open_senders(configured) as senders:
            assert sorted(senders) == ["telegram", "zalo"]
            await senders["telegram"].send(str(GROUP), Reply("Nhắc việc thử"))
            await senders["zalo"].send(ZALO_USER, Reply("Nhắc việc thử"))
        [sent] = telegram.sent_messages(GROUP)
        [message] = zalo.sent
    assert "Nhắc việc thử" in (sent.text or "")
    assert message["chat_id"] == ZALO_USER and message["text"] == "Nhắc việc thử"
