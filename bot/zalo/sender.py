"""Sending on Zalo: replies and reminders, paced, retried after a 429, errors mapped for jobs."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Final

from bot.core.messages import Reply
from bot.pacing import Pacer
from bot.reports.images import ImageStore
from bot.settings import Settings
from bot.shared_limits import SharedLimiter
from bot.zalo.client import SentMessage, ZaloClient
from bot.zalo.errors import (
    ZaloError,
    ZaloForbidden,
    ZaloRateLimited,
    ZaloTransportError,
    ZaloUnauthorized,
)
from bot.zalo.render import reply_texts
from jobs.sender import (
    ChatGone,
    PermanentError,
    RateLimited,
    SendError,
    TransientError,
    Unauthorized,
)

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
Monotonic = Callable[[], float]

DEFAULT_RETRY_AFTER: Final = 5.0
"""Seconds to wait after a 429 that names no delay (Zalo publishes no limits)."""
TOKEN_SETTING: Final = "ZALO_BOT_TOKEN"
CAPTION_LIMIT: Final = 2000
BACKOFF_BASE: Final = 1.0
BACKOFF_CAP: Final = 60.0
REPLY_RATE_LIMIT_RETRIES: Final = 3
"""How often one reply chunk is retried after a 429 before the update counts as failed."""


def backoff_delay(
    failures: int, *, jitter: float, base: float = BACKOFF_BASE, cap: float = BACKOFF_CAP
) -> float:
    """Exponential delay for the n-th failure in a row, capped, with "equal jitter" in [0, 1]."""
    delay = min(cap, base * 2.0 ** min(max(failures - 1, 0), 32))
    return delay / 2 + delay / 2 * min(max(jitter, 0.0), 1.0)


def send_error(exc: ZaloError) -> SendError:
    """The jobs.sender error for a failed Zalo call (what the dispatcher should do next)."""
    if isinstance(exc, ZaloRateLimited):
        retry_after = exc.retry_after if exc.retry_after is not None else DEFAULT_RETRY_AFTER
        return RateLimited(retry_after)
    if isinstance(exc, ZaloUnauthorized):
        return Unauthorized(f"Zalo refused the bot token; check {TOKEN_SETTING}")
    if isinstance(exc, ZaloForbidden):
        return ChatGone(exc.description or "forbidden")
    if isinstance(exc, ZaloTransportError) or exc.code >= 500:
        return TransientError(str(exc))
    return PermanentError(str(exc))


class ZaloSender:
    """The one way anything is sent on Zalo: replies and reminders, photo links, 429 retries.

    Reminders (`send`, the jobs.sender.Sender interface) are paced and retried by the
    dispatcher; replies (`reply`) go at once and retry a chunk after a 429 themselves.
    """

    platform = "zalo"

    def __init__(
        self,
        client: ZaloClient,
        *,
        messages_per_second: float = 1.0,
        monotonic: Monotonic = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        jitter: Callable[[], float] = random.random,
        shared: SharedLimiter | None = None,
        images: ImageStore | None = None,
        public_base: str = "",
    ) -> None:
        self.client = client
        self.pacer = Pacer(messages_per_second, monotonic=monotonic, sleep=sleep)
        self.shared = shared
        """The same pace shared with the other replicas (REDIS_URL), after the local one."""
        self.images = images if public_base else None
        """Where chart pictures are published; Zalo takes photos by public URL only."""
        self.public_base = public_base
        self._sleep = sleep
        self._jitter = jitter

    async def send(self, chat_id: str, reply: Reply, *, thread_id: str | None = None) -> str:
        """Send a reminder, paced; errors mapped for the dispatcher, which retries them.

        Zalo has no topics: `thread_id` is never set for a Zalo chat.

        A failure after the first chunk makes the dispatcher resend the whole reply, so earlier
        chunks could arrive twice; the planner keeps every reminder to one message for that
        reason (bot.domain.reminder_texts.REMINDER_TEXT_LIMIT).
        """
        try:
            return await self.deliver(chat_id, reply, paced=True, retries=0)
        except ZaloError as exc:
            raise send_error(exc) from exc
        except ValueError as exc:
            # The client's own checks (empty chat id, text too long): never retryable.
            raise PermanentError(str(exc)) from exc

    async def reply(self, chat_id: str, reply: Reply) -> str:
        """Answer a user at once, retrying a chunk after a 429; raises ZaloError."""
        return await self.deliver(chat_id, reply, paced=False, retries=REPLY_RATE_LIMIT_RETRIES)

    async def deliver(self, chat_id: str, reply: Reply, *, paced: bool, retries: int) -> str:
        """Photo (when it can be linked), then the text chunks; the last message id ("" if none)."""
        message_id = ""
        image = reply.image
        if image is not None and self.images is not None:
            url = self.images.publish(image.png, self.public_base)
            caption = image.caption[:CAPTION_LIMIT] or None

            def photo() -> Awaitable[SentMessage]:
                return self.client.send_photo(chat_id, url, caption=caption)

            message_id = (await self._call(chat_id, photo, paced=paced, retries=retries)).message_id
            reply = replace(reply, image=None)
        for text in reply_texts(reply):

            def chunk(text: str = text) -> Awaitable[SentMessage]:
                return self.client.send_message(chat_id, text)

            message_id = (await self._call(chat_id, chunk, paced=paced, retries=retries)).message_id
        return message_id

    async def _call(
        self,
        chat_id: str,
        call: Callable[[], Awaitable[SentMessage]],
        *,
        paced: bool,
        retries: int,
    ) -> SentMessage:
        """One API call; after a 429 this call alone is retried, at most `retries` times."""
        attempt = 0
        while True:
            if paced:
                await self.pacer.wait()
                if self.shared is not None:
                    await self.shared.acquire()
            try:
                return await call()
            except ZaloRateLimited as exc:
                attempt += 1
                if attempt > retries:
                    raise
                delay = backoff_delay(attempt, jitter=self._jitter())
                if exc.retry_after is not None:
                    delay = min(exc.retry_after, BACKOFF_CAP)
                log.info("Zalo rate limited chat_id=%s, retry in %.1fs", chat_id, delay)
                await self._sleep(delay)


def zalo_sender(
    client: ZaloClient,
    settings: Settings,
    *,
    shared: SharedLimiter | None = None,
    images: ImageStore | None = None,
    monotonic: Monotonic = time.monotonic,
    sleep: Sleep = asyncio.sleep,
    jitter: Callable[[], float] = random.random,
) -> ZaloSender:
    """The sender for these settings: pace, shared limits, and chart links when public."""
    return ZaloSender(
        client,
        messages_per_second=settings.zalo_messages_per_second,
        monotonic=monotonic,
        sleep=sleep,
        jitter=jitter,
        shared=shared,
        images=images,
        public_base=settings.webhook_base_url or "",
    )
