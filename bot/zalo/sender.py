"""Reminder delivery through the Zalo Bot API: paced sends, failures mapped to the sender errors."""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Final

from bot.core.messages import Reply
from bot.settings import Settings
from bot.shared_limits import SharedLimiter, SharedLimits
from bot.zalo.client import ZaloClient
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


class Pacer:
    """Spaces calls at least 1/rate seconds apart overall, with an injectable clock and sleep."""

    def __init__(
        self,
        rate: float,
        *,
        monotonic: Monotonic = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if not rate > 0:
            raise ValueError("rate must be positive")
        self.interval = 1.0 / rate
        self._monotonic = monotonic
        self._sleep = sleep
        self._next = -math.inf

    async def wait(self) -> None:
        """Return when the caller may send; callers are served in the order they arrived."""
        now = self._monotonic()
        # The slot is reserved before awaiting, so concurrent callers queue up one interval apart.
        slot = max(now, self._next)
        self._next = slot + self.interval
        if slot > now:
            await self._sleep(slot - now)


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
    """jobs.sender.Sender for Zalo: plain-text chunks, paced overall, errors mapped."""

    platform = "zalo"

    def __init__(
        self,
        client: ZaloClient,
        *,
        messages_per_second: float = 1.0,
        monotonic: Monotonic = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        shared: SharedLimiter | None = None,
    ) -> None:
        self.client = client
        self.pacer = Pacer(messages_per_second, monotonic=monotonic, sleep=sleep)
        self.shared = shared
        """The same pace shared with the other replicas (REDIS_URL), after the local one."""

    async def send(self, chat_id: str, reply: Reply, *, thread_id: str | None = None) -> str:
        """Send every chunk (one paced API call each); return the last chunk's message id.

        Zalo has no topics: `thread_id` is never set for a Zalo chat.

        A failure after the first chunk makes the dispatcher resend the whole reply, so earlier
        chunks could arrive twice; the planner keeps every reminder to one message for that
        reason (jobs.planner.REMINDER_TEXT_LIMIT).
        """
        message_id = ""
        for text in reply_texts(reply):
            await self.pacer.wait()
            if self.shared is not None:
                await self.shared.acquire()
            try:
                sent = await self.client.send_message(chat_id, text)
            except ZaloError as exc:
                raise send_error(exc) from exc
            except ValueError as exc:
                # The client's own checks (empty chat id, text too long): never retryable.
                raise PermanentError(str(exc)) from exc
            message_id = sent.message_id
        return message_id


def shared_pacer(limits: SharedLimits | None, settings: Settings) -> SharedLimiter | None:
    """ZALO_MESSAGES_PER_SECOND shared by every replica, when they share a Redis."""
    if limits is None or settings.zalo_bot_token is None:
        return None
    return limits.limiter(
        "zalo",
        settings.zalo_bot_token.get_secret_value(),
        per_second=settings.zalo_messages_per_second,
    )


@asynccontextmanager
async def open_zalo_sender(
    settings: Settings, limits: SharedLimits | None = None
) -> AsyncIterator[ZaloSender]:
    """A ZaloSender with a client of its own, for one-off runs such as `thidua remind`."""
    if settings.zalo_bot_token is None:
        raise ValueError(f"{TOKEN_SETTING} is not set")
    client = ZaloClient(settings.zalo_bot_token.get_secret_value(), base_url=settings.zalo_api_url)
    async with client:
        yield ZaloSender(
            client,
            messages_per_second=settings.zalo_messages_per_second,
            shared=shared_pacer(limits, settings),
        )
