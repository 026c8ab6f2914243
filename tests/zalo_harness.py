"""The real Zalo transport on the fake Zalo Bot API, and the ids and constants Zalo tests share."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace

from pydantic import SecretStr

from bot.app import App
from bot.http import HttpServer
from bot.runtime import transport_deps
from bot.zalo.adapter import WEBHOOK_PATH, ZaloTransport
from bot.zalo.updates import ZaloUpdate
from tests.clock import FakeClock
from tests.fakes.zalo_server import FakeZaloServer, text_update

PRIVATE = "5610839175403128001"
"""A private chat; on Zalo its id is the user's id."""
GROUP = "g8a1f2c3d4e5b6a7980"
MEMBER = "5610839175403128002"
ADMIN = "9001"
"""In BOT_ADMIN_IDS of the `app` fixture."""
BOT_NAME = "Bot Thi Đua"
WEBHOOK_BASE = "https://thidua.example"
WEBHOOK_SECRET = "zalo-s3cr3t_thidua"
TOKEN = "1234567890:fake-zalo-secret-Token_abc"
"""The bot token the Zalo client tests hand the fake server and the client."""
AWARDS_2022 = (
    "• Chiến sỹ thi đua cơ sở: 323 cá nhân",
    "• Lao động tiên tiến cấp Quận: 2.054 cá nhân",
)
"""Lines the seeded data puts in the answer to /khenthuong 2022."""


@dataclass
class ZaloHarness:
    """A running Zalo bot; `say` delivers a message and returns what the bot sent to that chat."""

    fake: FakeZaloServer
    app: App
    clock: FakeClock
    http: HttpServer | None = None
    transport: ZaloTransport | None = None
    handled: Counter[str] = field(default_factory=Counter)
    _done: dict[str, asyncio.Event] = field(default_factory=dict)

    @property
    def bot(self) -> ZaloTransport:
        """The transport under test."""
        assert self.transport is not None
        return self.transport

    @property
    def webhook_url(self) -> str:
        """Where the fake posts updates in webhook mode (the local HTTP server)."""
        assert self.http is not None
        return f"http://127.0.0.1:{self.http.port}{WEBHOOK_PATH}"

    def mark_handled(self, update: ZaloUpdate) -> None:
        """Transport hook: count the update as handled and wake the waiters."""
        self.handled[update.message_id] += 1
        self._done.setdefault(update.message_id, asyncio.Event()).set()

    async def wait_handled(self, message_id: str) -> None:
        """Wait until the bot has handled the update (replies included)."""
        async with asyncio.timeout(5):
            await self._done.setdefault(message_id, asyncio.Event()).wait()

    async def deliver(self, update: Mapping[str, object]) -> None:
        """Hand an update to the bot by the polling queue or by a webhook POST."""
        if self.http is None:
            self.fake.push_update(update)
            return
        status = await self.fake.deliver_webhook(
            self.webhook_url, update, secret_token=WEBHOOK_SECRET
        )
        assert status == 200

    async def send(self, update: Mapping[str, object]) -> list[dict[str, object]]:
        """Deliver an update, wait until it is handled; the messages sent to its chat meanwhile."""
        message = update["message"]
        assert isinstance(message, dict)
        chat = message["chat"]
        assert isinstance(chat, dict)
        before = len(self.sent_to(str(chat["id"])))
        await self.deliver(update)
        await self.wait_handled(str(message["message_id"]))
        return self.sent_to(str(chat["id"]))[before:]

    async def say(self, chat_id: str, user_id: str, text: str, *, group: bool = False) -> list[str]:
        """A user writes `text`; the texts the bot sent to the chat in answer."""
        update = text_update(chat_id, user_id, text, "GROUP" if group else "PRIVATE")
        return [str(m["text"]) for m in await self.send(update)]

    async def ask(self, chat_id: str, user_id: str, text: str, *, group: bool = False) -> str:
        """Like `say`, expecting exactly one message back."""
        sent = await self.say(chat_id, user_id, text, group=group)
        assert len(sent) == 1, sent
        return sent[0]

    def sent_to(self, chat_id: str) -> list[dict[str, object]]:
        """Every message the bot sent to a chat."""
        return [m for m in self.fake.sent if m["chat_id"] == chat_id]


def zalo_app(app: App, fake: FakeZaloServer, *, webhook: bool = False) -> App:
    """The test app with Zalo settings pointing at the fake server."""
    settings = app.settings.model_copy(
        update={
            "zalo_bot_token": SecretStr(fake.token),
            "zalo_api_url": fake.base_url,
            "webhook_base_url": WEBHOOK_BASE if webhook else None,
            "zalo_webhook_secret": SecretStr(WEBHOOK_SECRET),
            "http_host": "127.0.0.1",
            "http_port": 0,
        }
    )
    return replace(app, settings=settings)


def make_transport(
    harness: ZaloHarness, *, webhook: bool = False, http: HttpServer | None = None
) -> ZaloTransport:
    """A transport whose backoff sleeps advance the fake clock instead of waiting."""
    return ZaloTransport(
        transport_deps(zalo_app(harness.app, harness.fake, webhook=webhook), "zalo"),
        http=http,
        sleep=harness.clock.sleep,
        monotonic=harness.clock.monotonic,
        jitter=lambda: 1.0,
        poll_timeout=1,
        drain_timeout=2.0,
        on_handled=harness.mark_handled,
    )


@asynccontextmanager
async def running_zalo(
    app: App, fake: FakeZaloServer, clock: FakeClock, *, webhook: bool = False
) -> AsyncIterator[ZaloHarness]:
    """Start the transport (and the HTTP server in webhook mode); stop both at the end."""
    http = HttpServer("127.0.0.1", 0) if webhook else None
    harness = ZaloHarness(fake=fake, app=app, clock=clock, http=http)
    harness.transport = make_transport(harness, webhook=webhook, http=http)
    if http is not None:
        await http.start()
    try:
        await harness.bot.start()
        try:
            yield harness
        finally:
            await harness.bot.stop()
    finally:
        if http is not None:
            await http.stop()
