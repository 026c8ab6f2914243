"""Sending one reminder with the failure policy: retries, rate limits, migrations, removals."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.context import Clock
from bot.core.messages import Reply
from bot.health import HealthStatus
from bot.metrics import Metrics
from jobs.outcomes import Sent, Status, Target
from jobs.sender import (
    ChatGone,
    ChatMigrated,
    RateLimited,
    Sender,
    SendError,
    TransientError,
    Unauthorized,
)
from storage.queries import chats

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]


@dataclass
class Sending:
    """The dispatcher's send loop and what it learns while sending (stopping, refused tokens)."""

    sessions: async_sessionmaker[AsyncSession]
    senders: Mapping[str, Sender]
    clock: Clock
    sleep: Sleep
    max_transient_retries: int
    max_rate_limit_retries: int
    backoff_seconds: float
    metrics: Metrics | None
    health: HealthStatus | None
    stopping: bool = False
    """Set by Dispatcher.request_stop: waits are cut short and the message given back."""
    refused: set[str] = field(default_factory=set)
    """Platforms whose token was refused in this pass; their other reminders are held."""

    async def send(self, target: Target, reply: Reply, thread_id: str | None = None) -> Sent:
        """Send with the failure policy; returns status, message id, error and attempts."""
        sender = self.senders[target.chat.platform]
        attempts = transient = limited = migrations = 0
        while True:
            attempts += 1
            started = time.perf_counter()
            try:
                message_id = await sender.send(target.platform_chat_id, reply, thread_id=thread_id)
                self._observe_ok(sender.platform, time.perf_counter() - started)
                return Sent(Status.SENT, message_id, None, attempts)
            except RateLimited as exc:
                # Counted where the 429 arrives (the platform clients), not here: the Telegram
                # limiter may already have retried it.
                if self.stopping:
                    # A wait of retry_after seconds could outlast the stop grace period.
                    return Sent(Status.RELEASED, None, None, attempts)
                limited += 1
                if limited > self.max_rate_limit_retries:
                    return Sent(Status.FAILED, None, f"rate limited {limited} times", attempts)
                log.info("rate limited chat=%s retry_after=%s", target.label, exc.retry_after)
                await self.sleep(exc.retry_after)
            except TransientError as exc:
                if self.stopping:
                    return Sent(Status.RELEASED, None, None, attempts)
                transient += 1
                if transient > self.max_transient_retries:
                    error = f"transient error, gave up: {exc}"
                    return Sent(Status.FAILED, None, error, attempts)
                delay = self.backoff_seconds * 2 ** (transient - 1)
                log.info("transient error chat=%s retry_in=%s: %s", target.label, delay, exc)
                await self.sleep(delay)
            except ChatMigrated as exc:
                migrations += 1
                if migrations > 2:
                    return Sent(Status.FAILED, None, f"migrated repeatedly: {exc}", attempts)
                await self.migrate(target, exc.new_chat_id)
            except ChatGone as exc:
                await self.deactivate(target)
                return Sent(Status.FAILED, None, f"chat gone: {exc}", attempts)
            except Unauthorized as exc:
                log.error(
                    "platform %s refused the bot token; holding its reminders", target.chat.platform
                )
                self.refused.add(target.chat.platform)
                if self.health is not None:
                    self.health.mark_platform_error(sender.platform, self.clock(), "unauthorized")
                return Sent(Status.FAILED, None, f"unauthorized: {exc}", attempts)
            except SendError as exc:
                return Sent(Status.FAILED, None, f"{type(exc).__name__}: {exc}", attempts)

    def _observe_ok(self, platform: str, seconds: float) -> None:
        if self.metrics is not None:
            self.metrics.observe_send(platform, seconds)
        if self.health is not None:
            self.health.mark_platform_ok(platform, self.clock())

    async def migrate(self, target: Target, new_chat_id: str) -> None:
        """Follow a group → supergroup migration: the one policy of storage.queries.chats."""
        old = target.platform_chat_id
        target.platform_chat_id = new_chat_id
        async with self.sessions() as session, session.begin():
            await chats.migrate_chat_id(session, target.chat.platform, old, new_chat_id)
        log.info("chat migrated platform=%s from=%s to=%s", target.chat.platform, old, new_chat_id)

    async def deactivate(self, target: Target) -> None:
        """The bot was removed: the chat and its subscriptions stop (storage.queries.chats)."""
        target.gone = True
        async with self.sessions() as session, session.begin():
            await chats.deactivate_chat(session, target.chat.platform, target.platform_chat_id)
        log.warning("bot removed from chat=%s: subscriptions deactivated", target.label)
