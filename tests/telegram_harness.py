"""The real Telegram transport running against the fake Bot API server, for end-to-end tests."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import SecretStr
from telegram import Update
from telegram.ext import ContextTypes, TypeHandler

from bot.app import App
from bot.http import HttpServer
from bot.runtime import transport_deps
from bot.telegram.adapter import WEBHOOK_PATH, TelegramTransport
from tests.fakes.telegram import FakeTelegramServer, JsonDict, StoredMessage

GROUP = -4001234567
SUPERGROUP = -1001234567890
PRIVATE = 777001
ADMIN = 5001
"""Administrator of the fake's test group (a unit administrator once the group is linked)."""
MEMBER = 5002
OFFICE = 9001
"""In BOT_ADMIN_IDS of the `app` fixture (telegram:9001): an office administrator."""
REFUSED = "Bạn chưa có quyền này"
"""How every refusal of a write begins."""
WEBHOOK_BASE = "https://thidua.example"
WEBHOOK_SECRET = "s3cr3t-thidua_test"
# After every handler group, so an update counts as processed once its replies are sent.
DONE_GROUP = 99


@dataclass
class BotHarness:
    """A running bot; `say` and `press` push updates and return what the bot sent for them."""

    fake: FakeTelegramServer
    app: App
    transport: TelegramTransport
    http: HttpServer | None = None
    processed: set[int] = field(default_factory=set)
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    next_update_id: int = 1000

    @property
    def webhook_url(self) -> str:
        """Where the fake posts updates in webhook mode (the local HTTP server)."""
        assert self.http is not None
        return f"http://127.0.0.1:{self.http.port}{WEBHOOK_PATH}"

    async def mark_done(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Record that the bot finished an update."""
        del context
        if isinstance(update, Update):
            async with self.changed:
                self.processed.add(update.update_id)
                self.changed.notify_all()

    async def wait_processed(self, update_id: int) -> None:
        """Wait until the bot has handled the update (replies included)."""
        async with asyncio.timeout(5), self.changed:
            await self.changed.wait_for(lambda: update_id in self.processed)

    async def deliver(self, update: JsonDict) -> int:
        """Hand an update to the bot (by polling queue or webhook POST); return its id."""
        if self.http is None:
            return self.fake.push_update(update)
        self.next_update_id += 1
        status = await self.fake.deliver_webhook(
            self.webhook_url,
            {**update, "update_id": self.next_update_id},
            secret_token=WEBHOOK_SECRET,
        )
        assert status == 200
        return self.next_update_id

    async def send(self, update: JsonDict, chat_id: int) -> list[StoredMessage]:
        """Deliver an update and return the messages the bot sent to `chat_id` meanwhile."""
        before = len(self.fake.sent_messages(chat_id))
        await self.wait_processed(await self.deliver(update))
        return self.fake.sent_messages(chat_id)[before:]

    async def say(
        self, chat_id: int, user_id: int, text: str, **kwargs: Any
    ) -> list[StoredMessage]:
        """A user writes `text` in a chat; the bot's messages in answer."""
        return await self.send(self.fake.message_update(chat_id, user_id, text, **kwargs), chat_id)

    async def ask(self, chat_id: int, user_id: int, text: str, **kwargs: Any) -> StoredMessage:
        """Like `say`, expecting exactly one message back."""
        sent = await self.say(chat_id, user_id, text, **kwargs)
        assert len(sent) == 1, [m.text for m in sent]
        return sent[0]

    async def press(
        self, chat_id: int, user_id: int, message: StoredMessage, data: str
    ) -> tuple[str, JsonDict]:
        """A user presses a button; the callback query id and how the bot answered it."""
        update = self.fake.callback_update(chat_id, user_id, message.message_id, data)
        query_id = str(update["callback_query"]["id"])
        await self.wait_processed(await self.deliver(update))
        return query_id, self.fake.callback_answers.get(query_id, {})


def buttons(message: StoredMessage) -> dict[str, str]:
    """Inline buttons of a message: text → callback data."""
    markup = message.reply_markup or {}
    return {b["text"]: b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row}


def bot_settings_app(app: App, fake: FakeTelegramServer, *, webhook: bool = False) -> App:
    """The test app with Telegram settings pointing at the fake server."""
    settings = app.settings.model_copy(
        update={
            "telegram_bot_token": SecretStr(fake.token),
            "telegram_api_url": fake.base_url,
            "webhook_base_url": WEBHOOK_BASE if webhook else None,
            "webhook_secret": SecretStr(WEBHOOK_SECRET),
            "http_host": "127.0.0.1",
            "http_port": 0,
        }
    )
    return replace(app, settings=settings)


@asynccontextmanager
async def running_bot(
    app: App, fake: FakeTelegramServer, *, webhook: bool = False
) -> AsyncIterator[BotHarness]:
    """Start the transport (and the HTTP server in webhook mode); stop both at the end."""
    bot_app = bot_settings_app(app, fake, webhook=webhook)
    http = HttpServer("127.0.0.1", 0) if webhook else None
    transport = TelegramTransport(transport_deps(bot_app, "telegram"), http=http)
    harness = BotHarness(fake=fake, app=bot_app, transport=transport, http=http)
    transport.application.add_handler(TypeHandler(Update, harness.mark_done), group=DONE_GROUP)
    if http is not None:
        await http.start()
    await transport.start()
    try:
        yield harness
    finally:
        await transport.stop()
        if http is not None:
            await http.stop()
