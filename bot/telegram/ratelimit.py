"""PTB's AIORateLimiter for the group limits and retries; sends paced where they leave.

AIORateLimiter takes its overall slot before it waits out another request's 429, so every
request that queued during the pause leaves at once when it ends: 30 or more in a few
milliseconds, which draws the next 429 and repeats (bench/fanout.py, 10 000 groups: one 429 per
20 messages). Here the overall pace is taken last, right before the request goes out, so sends
stay evenly spaced after a pause as well.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

from bot.pacing import Pacer
from bot.shared_limits import SharedLimiter

Result = bool | dict[str, Any] | list[dict[str, Any]]


def group_of(chat_id: object) -> str | None:
    """The group a request goes to, as AIORateLimiter tells it: a negative id or a @username."""
    if isinstance(chat_id, str):
        try:
            number = int(chat_id)
        except ValueError:
            return chat_id
        return chat_id if number < 0 else None
    if isinstance(chat_id, int) and chat_id < 0:
        return str(chat_id)
    return None


class CountingRateLimiter(AIORateLimiter):
    """Sends to chats `per_second` at most, evenly spaced; `on_429` is called for each 429.

    AIORateLimiter keeps the per-group limits and the retries after a 429 (`kwargs`). With
    `shared`, each request to a chat also takes a slot of the limits every replica of the bot
    shares (bot.shared_limits), after this process's own pace let it through.
    """

    def __init__(
        self,
        on_429: Callable[[], None],
        *,
        per_second: float,
        shared: SharedLimiter | None = None,
        pacer: Pacer | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(overall_max_rate=0, **kwargs)
        self._on_429 = on_429
        self._shared = shared
        self._pacer = pacer or Pacer(per_second)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        """Run the request through the limiter, counting the 429s it absorbs or passes on."""
        shared: SharedLimiter | None = self._shared
        pacer: Pacer | None = self._pacer
        chat_id = data.get("chat_id")
        if chat_id is None or data.get("allow_paid_broadcast"):
            # As AIORateLimiter: only requests to a chat count toward the message limits.
            shared, pacer = None, None
        group = group_of(chat_id)

        async def counted(*call_args: Any, **call_kwargs: Any) -> Result:
            # Runs once AIORateLimiter's group limit and any 429 pause let the request through.
            if pacer is not None:
                await pacer.wait()
            if shared is not None:
                await shared.acquire(group)
            try:
                return await callback(*call_args, **call_kwargs)
            except RetryAfter:
                self._on_429()
                raise

        return await super().process_request(counted, args, kwargs, endpoint, data, rate_limit_args)
