"""Reminder senders for one-off runs (`thidua remind`), one per configured platform."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

from bot.app import App
from jobs.sender import Sender


@asynccontextmanager
async def open_senders(app: App) -> AsyncIterator[dict[str, Sender]]:
    """Senders for every platform with a token, opened and closed around the block."""
    senders: dict[str, Sender] = {}
    async with AsyncExitStack() as stack:
        if app.settings.telegram_bot_token is not None:
            # Imported here so runs without Telegram do not load the library.
            from bot.telegram.adapter import build_application
            from bot.telegram.sender import TelegramSender

            bot = build_application(app).bot
            await stack.enter_async_context(bot)
            senders["telegram"] = TelegramSender(bot)
        if app.settings.zalo_bot_token is not None:
            from bot.zalo.sender import open_zalo_sender

            zalo = open_zalo_sender(app.settings, app.limits)
            senders["zalo"] = await stack.enter_async_context(zalo)
        yield senders
