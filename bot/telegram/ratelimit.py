"""PTB's AIORateLimiter, also counting every 429 Telegram answers (retried or not)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

Result = bool | dict[str, Any] | list[dict[str, Any]]


class CountingRateLimiter(AIORateLimiter):
    """Paces requests as AIORateLimiter does; `on_429` is called for each 429 answer."""

    def __init__(self, on_429: Callable[[], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._on_429 = on_429

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

        async def counted(*call_args: Any, **call_kwargs: Any) -> Result:
            try:
                return await callback(*call_args, **call_kwargs)
            except RetryAfter:
                self._on_429()
                raise

        return await super().process_request(counted, args, kwargs, endpoint, data, rate_limit_args)
