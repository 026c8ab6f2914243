"""The Zalo transport: receives updates by long polling or webhook and answers with the core."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import random
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Final

from aiohttp import web

from bot.core.messages import Reply
from bot.http import HttpServer
from bot.reports.images import ImageStore
from bot.transport import TransportDeps
from bot.zalo.client import SECRET_MAX, SECRET_MIN, ZaloClient
from bot.zalo.errors import ZaloError, ZaloRateLimited, ZaloUnauthorized
from bot.zalo.handling import UpdateHandler
from bot.zalo.sender import (
    BACKOFF_CAP,
    TOKEN_SETTING,
    Monotonic,
    Sleep,
    ZaloSender,
    backoff_delay,
    zalo_sender,
)
from bot.zalo.updates import RecentKeys, ZaloUpdate, parse_update

log = logging.getLogger(__name__)

WEBHOOK_PATH: Final = "/zalo/webhook"
SECRET_HEADER: Final = "X-Bot-Api-Secret-Token"
SECRET_SETTING: Final = "ZALO_WEBHOOK_SECRET"

POLL_TIMEOUT: Final = 30
"""Seconds the server may hold one getUpdates call."""
CONCURRENCY: Final = 16
"""Updates processed at once (each chat still in order)."""
MAX_IN_FLIGHT: Final = 256
"""The poller stops taking updates while this many wait to be processed."""
DRAIN_TIMEOUT: Final = 10.0
"""Seconds stop() lets updates in hand finish before cancelling them."""


class ZaloTokenRefused(RuntimeError):
    """Zalo answered 401 to the bot token at start-up."""

    def __init__(self) -> None:
        super().__init__(f"Zalo refused the bot token (401): check {TOKEN_SETTING}")


class ZaloTransport:
    """Starts and stops the bot on Zalo, by long polling or by webhook."""

    def __init__(
        self,
        deps: TransportDeps,
        *,
        http: HttpServer | None = None,
        sleep: Sleep = asyncio.sleep,
        monotonic: Monotonic = time.monotonic,
        jitter: Callable[[], float] = random.random,
        poll_timeout: int = POLL_TIMEOUT,
        drain_timeout: float = DRAIN_TIMEOUT,
        on_handled: Callable[[ZaloUpdate], None] | None = None,
        images: ImageStore | None = None,
    ) -> None:
        settings = deps.settings
        if settings.zalo_bot_token is None:
            raise ValueError(f"{TOKEN_SETTING} is not set")
        self.core = deps.core
        self.health = deps.health
        self.client = ZaloClient(
            settings.zalo_bot_token.get_secret_value(),
            base_url=settings.zalo_api_url,
            on_rate_limited=deps.count_rate_limited,
        )
        self._sleep = sleep
        self._jitter = jitter
        self._poll_timeout = poll_timeout
        self._drain_timeout = drain_timeout
        self.webhook_url: str | None = None
        self._secret = b""
        base, secret = settings.webhook_base_url, settings.zalo_webhook_secret
        if base and secret is not None and http is not None:
            value = secret.get_secret_value()
            if not SECRET_MIN <= len(value) <= SECRET_MAX:
                raise ValueError(f"{SECRET_SETTING} must be {SECRET_MIN}-{SECRET_MAX} characters")
            self._secret = value.encode()
            self.webhook_url = f"{base.rstrip('/')}{WEBHOOK_PATH}"
            http.add_route("POST", WEBHOOK_PATH, self._on_webhook)
        elif base:
            log.warning(
                "WEBHOOK_BASE_URL is set but %s or the HTTP server is not: Zalo uses long polling",
                SECRET_SETTING,
            )
        # Zalo takes photos by URL only: charts are served from our HTTP server when it is public.
        self._sender = zalo_sender(
            self.client,
            settings,
            shared=deps.shared,
            images=images,
            monotonic=monotonic,
            sleep=sleep,
            jitter=jitter,
        )
        self._handler = UpdateHandler(deps, self.client, self._sender, on_handled=on_handled)
        self.poller: asyncio.Task[None] | None = None
        """The long-polling task while polling (done once polling stopped, e.g. on a 401)."""
        self._accepting = False
        self._recent = RecentKeys()
        self._tasks: set[asyncio.Task[None]] = set()
        self._limit = asyncio.Semaphore(CONCURRENCY)
        self._chat_locks: dict[str, asyncio.Lock] = {}
        self._chat_waiting: defaultdict[str, int] = defaultdict(int)

    @property
    def sender(self) -> ZaloSender:
        """Reminder sender over the same client (and HTTP session)."""
        return self._sender

    @property
    def bot_name(self) -> str | None:
        """The bot's account name once known (group messages start with its mention)."""
        return self._handler.bot_name

    @property
    def mode(self) -> str:
        """ "webhook" or "polling"."""
        return "webhook" if self.webhook_url is not None else "polling"

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Check the token, then register the webhook or start the one poller."""
        try:
            await self._start()
        except BaseException:
            await self.stop()
            raise

    async def _start(self) -> None:
        await self.client.start()
        await self._identify()
        self.health.ok()
        if self.webhook_url is not None:
            try:
                await self.client.set_webhook(self.webhook_url, self._secret.decode())
            except ZaloUnauthorized as exc:
                raise ZaloTokenRefused from exc
            self._accepting = True
            log.info("zalo started: webhook as %s", self.bot_name)
            return
        try:
            # getUpdates does not work while a webhook is registered.
            await self.client.delete_webhook()
        except ZaloUnauthorized as exc:
            raise ZaloTokenRefused from exc
        except ZaloError as exc:
            log.warning("could not delete the Zalo webhook, polling anyway: %s", exc)
        self._accepting = True
        self.poller = asyncio.create_task(self._poll(), name="zalo-poller")
        log.info("zalo started: long polling as %s", self.bot_name)

    async def _identify(self) -> None:
        """Learn the bot's name (for group mentions); only a refused token stops the start."""
        try:
            me = await self.client.get_me()
        except ZaloUnauthorized as exc:
            raise ZaloTokenRefused from exc
        except ZaloError as exc:
            # The mention is stripped without the name too, so this is not worth failing over.
            log.warning("could not read the Zalo bot's name: %s", exc)
            return
        self._handler.bot_name = me.account_name or None
        if not me.can_join_groups:
            log.info("this Zalo bot may not join groups; it answers private chats only")

    async def stop(self) -> None:
        """Stop receiving, let updates in hand finish (cancel after a grace), close the client."""
        self._accepting = False
        if self.poller is not None and not self.poller.done():
            self.poller.cancel()
            await asyncio.wait([self.poller])
        if self._tasks:
            _, pending = await asyncio.wait(set(self._tasks), timeout=self._drain_timeout)
            if pending:
                log.warning("cancelling %d Zalo updates still in progress", len(pending))
                for task in pending:
                    task.cancel()
                await asyncio.wait(pending)
        await self.client.close()
        log.info("zalo stopped")

    async def join(self) -> None:
        """Wait until every update taken so far has been handled (replies included)."""
        while self._tasks:
            await asyncio.wait(set(self._tasks))

    # -- receiving ---------------------------------------------------------------------------

    async def _poll(self) -> None:
        """The one poller: getUpdates in sequence, backing off on errors, ending on a 401."""
        failures = 0
        while True:
            if len(self._tasks) >= MAX_IN_FLIGHT:
                await asyncio.wait(set(self._tasks), return_when=asyncio.FIRST_COMPLETED)
                continue
            try:
                update = await self.client.get_updates(timeout=self._poll_timeout)
            except ZaloUnauthorized:
                log.error(
                    "Zalo refused the bot token (401): polling stopped; check %s", TOKEN_SETTING
                )
                self.health.error("unauthorized")
                return
            except ZaloError as exc:
                # An idle bot makes no other call: /readyz learns of a lost Zalo from polls.
                self.health.error(type(exc).__name__)
                failures += 1
                delay = self._backoff(failures, exc)
                log.warning(
                    "Zalo getUpdates failed (%d in a row), retry in %.1fs: %s", failures, delay, exc
                )
                await self._sleep(delay)
                continue
            except Exception:
                # The poller must outlive any bug; the traceback is logged, then it backs off.
                failures += 1
                log.exception("unexpected error while polling Zalo")
                await self._sleep(backoff_delay(failures, jitter=self._jitter()))
                continue
            self.health.ok()
            if failures:
                log.info("Zalo polling recovered after %d failures", failures)
                failures = 0
            if update is not None:
                self._accept(update)

    def _backoff(self, failures: int, exc: ZaloError) -> float:
        delay = backoff_delay(failures, jitter=self._jitter())
        if isinstance(exc, ZaloRateLimited) and exc.retry_after is not None:
            delay = max(delay, min(exc.retry_after, BACKOFF_CAP))
        return delay

    async def _on_webhook(self, request: web.Request) -> web.Response:
        """Accept an update from Zalo: check the secret first, answer at once, process later."""
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            log.warning("Zalo webhook call with a wrong or missing secret from %s", request.remote)
            return web.Response(status=403)
        if not self._accepting:
            # Zalo may deliver again later; an update taken now would be lost on the way down.
            return web.Response(status=503)
        try:
            payload = json.loads(await request.read())
        except (ValueError, RecursionError):
            # Not JSON, or nested too deep to decode: refused before anything looks at it.
            log.warning("Zalo webhook body is not JSON; refused")
            return web.Response(status=400)
        update = parse_update(payload)
        if update is None:
            # Answered 200 anyway: a delivery that cannot be decoded will not decode on a retry.
            log.warning("Zalo webhook body is not an update; ignored")
        else:
            self._accept(update)
        return web.Response(status=200)

    def _accept(self, update: ZaloUpdate) -> None:
        """Queue an update for processing unless it was seen already (at-least-once delivery)."""
        if update.message_id and not self._recent.add((update.event_name, update.message_id)):
            log.info(
                "duplicate Zalo update ignored event=%s message_id=%s chat_id=%s",
                update.event_name,
                update.message_id,
                update.chat_id,
            )
            return
        task = asyncio.create_task(self._run(update), name=f"zalo-update-{update.message_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, update: ZaloUpdate) -> None:
        """Process one update after the earlier ones of its chat, within the concurrency limit."""
        chat_id = update.chat_id
        lock = self._chat_locks.setdefault(chat_id, asyncio.Lock())
        self._chat_waiting[chat_id] += 1
        try:
            async with lock, self._limit:
                await self._handler.handle(update)
        finally:
            self._chat_waiting[chat_id] -= 1
            if not self._chat_waiting[chat_id]:
                del self._chat_waiting[chat_id]
                del self._chat_locks[chat_id]

    async def reply(self, chat_id: str, reply: Reply) -> str:
        """Send a reply (a chart as a photo link when public); the last message id."""
        return await self._sender.reply(chat_id, reply)
