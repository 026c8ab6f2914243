"""The Telegram transport: builds the python-telegram-bot application and runs it."""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import os
import secrets
from typing import Any

from aiohttp import web
from telegram import Bot, BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder

from bot.core.registry import Command
from bot.http import HttpServer
from bot.telegram.admins import AdminCache
from bot.telegram.concurrency import PerChatUpdateProcessor
from bot.telegram.handlers import TelegramHandlers, register
from bot.telegram.polling import ReportingRequest
from bot.telegram.ratelimit import CountingRateLimiter
from bot.telegram.sender import TelegramSender
from bot.transport import TransportDeps

log = logging.getLogger(__name__)

TelegramApplication = Application[Any, Any, Any, Any, Any, Any]

WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.MY_CHAT_MEMBER]
POLL_TIMEOUT = dt.timedelta(seconds=30)
CONCURRENT_UPDATES = 64
DESCRIPTION_LIMIT = 256
TELEGRAM_PER_SECOND = 30
"""Telegram's overall limit for one bot (messages a second)."""
TELEGRAM_PACE = 29.5
"""One process paces a little under the limit: 30 evenly spaced sends plus a few milliseconds of
network jitter put 31 in some one-second window, and each 429 costs a second (bench/fanout.py)."""
TELEGRAM_SHARED_PACE = 29
"""Replicas sharing the limit through Redis pace a little lower still: two processes' latencies
differ, so sends granted 1/29 s apart arrive less evenly than one process's."""
TELEGRAM_GROUP_PER_MINUTE = 20
"""Telegram's limit in one group (messages a minute)."""


def build_application(
    deps: TransportDeps,
    *,
    webhook: bool = False,
    rate_limited: bool = True,
    concurrent_updates: int = CONCURRENT_UPDATES,
) -> TelegramApplication:
    """The PTB application with every handler registered; used by the transport and tests."""
    # PTB 22 warns on every RetryAfter.retry_after read unless this opt-in to timedelta values is
    # set, and the rate limiter reads it on each 429; the warning is noise (an error in tests).
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    token = deps.settings.telegram_bot_token
    if token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    api = deps.settings.telegram_api_url.rstrip("/")
    builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder()
        .token(token.get_secret_value())
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .job_queue(None)
        .concurrent_updates(PerChatUpdateProcessor(concurrent_updates))
        .get_updates_request(
            ReportingRequest(
                lambda error: _report_poll(deps, error),
                connection_pool_size=1,
                read_timeout=POLL_TIMEOUT.total_seconds() + 10,
            )
        )
    )
    if webhook:
        builder = builder.updater(None)
    if rate_limited:
        builder = builder.rate_limiter(
            CountingRateLimiter(
                # Every 429 at receipt, so /metrics shows those the limiter retried too.
                deps.count_rate_limited,
                # One message per 1/29,5 s rather than bursts of 30 per second: a burst of 30
                # on top of the previous second's tail trips Telegram's 429 (bench/fanout.py).
                per_second=TELEGRAM_PACE,
                group_max_rate=TELEGRAM_GROUP_PER_MINUTE,
                group_time_period=60,
                max_retries=2,
                # With several replicas, Telegram's limits are shared through Redis as well.
                shared=deps.shared,
            )
        )
    application: TelegramApplication = builder.build()
    register(application, TelegramHandlers(deps, AdminCache(application.bot)))
    return application


def _report_poll(deps: TransportDeps, error: str | None) -> None:
    """Record a poll's outcome for /readyz."""
    if error is None:
        deps.health.ok()
    else:
        deps.health.error(error)


def menu_commands(commands: list[Command]) -> list[BotCommand]:
    """The command menu: every listed command under its Vietnamese name."""
    return [
        BotCommand(command.name, command.summary[:DESCRIPTION_LIMIT])
        for command in commands
        if command.menu
    ]


class TelegramTransport:
    """Starts and stops the bot on Telegram, by long polling or by webhook."""

    def __init__(
        self,
        deps: TransportDeps,
        *,
        http: HttpServer | None = None,
        rate_limited: bool = True,
    ) -> None:
        settings = deps.settings
        base = settings.webhook_base_url
        self.webhook_url = f"{base.rstrip('/')}{WEBHOOK_PATH}" if base else None
        if self.webhook_url is not None and http is None:
            raise ValueError("webhook mode needs the HTTP server")
        self.application = build_application(
            deps, webhook=self.webhook_url is not None, rate_limited=rate_limited
        )
        if settings.webhook_secret is not None:
            self._secret = settings.webhook_secret.get_secret_value()
        else:
            # Nobody else can know a secret made here, so forged updates are still refused.
            self._secret = secrets.token_urlsafe(32)
        if self.webhook_url is not None and http is not None:
            http.add_route("POST", WEBHOOK_PATH, self._on_webhook)
        self._health = deps.health
        self._commands = deps.core.commands
        self._sender = TelegramSender(self.application.bot)

    @property
    def bot(self) -> Bot:
        """The PTB Bot every call goes through (with the rate limiter)."""
        bot: Bot = self.application.bot
        return bot

    @property
    def sender(self) -> TelegramSender:
        """Reminder sender over the same Bot."""
        return self._sender

    async def start(self) -> None:
        """Check the token, register the menu, then start receiving updates."""
        try:
            await self._start()
        except BaseException:
            await self.stop()
            raise
        self._health.ok()

    async def _start(self) -> None:
        await self.application.initialize()
        await self._register_commands()
        await self.application.start()
        if self.webhook_url is not None:
            await self.bot.set_webhook(
                self.webhook_url, secret_token=self._secret, allowed_updates=ALLOWED_UPDATES
            )
            log.info("telegram started: webhook as @%s", self.bot.username)
            return
        updater = self.application.updater
        if updater is None:
            raise RuntimeError("polling needs the PTB updater")
        await updater.start_polling(
            poll_interval=0,
            timeout=POLL_TIMEOUT,
            allowed_updates=ALLOWED_UPDATES,
            drop_pending_updates=False,
        )
        log.info("telegram started: long polling as @%s", self.bot.username)

    async def stop(self) -> None:
        """Stop receiving, finish the updates in hand, close the HTTP client."""
        updater = self.application.updater
        if updater is not None and updater.running:
            await updater.stop()
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()
        # After a failed start the application counts as never initialized and skips this.
        await self.application.bot.shutdown()
        log.info("telegram stopped")

    async def _register_commands(self) -> None:
        try:
            await self.bot.set_my_commands(menu_commands(self._commands))
        except TelegramError as exc:
            # The menu is a convenience: the bot answers typed commands without it.
            log.warning("could not register the command menu: %s", exc)

    async def _on_webhook(self, request: web.Request) -> web.Response:
        """Accept an update from Telegram: check the secret, queue it, answer at once."""
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self._secret.encode()):
            log.warning("webhook call with a wrong secret from %s", request.remote)
            return web.Response(status=403)
        if not self.application.running:
            # Telegram retries later; an update taken now would be lost on the way down.
            return web.Response(status=503)
        try:
            data = await request.json()
            update = Update.de_json(data, self.bot) if isinstance(data, dict) else None
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            # Not JSON (or nested too deep to decode), or JSON that is not an Update: nothing to
            # retry, so not a 5xx.
            update = None
        if update is None:
            log.warning("webhook body is not an update")
            return web.Response(status=400)
        await self.application.update_queue.put(update)
        return web.Response()
