"""Telegram's flood limits on sends, and errors a test injects into the next calls of a method."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from http import HTTPStatus

from tests.fakes.telegram.records import ApiError, FakeChat, JsonDict

Clock = Callable[[], float]


def retry_after(seconds: float) -> ApiError:
    """Telegram's 429 with the whole seconds to wait in `parameters.retry_after`."""
    wait = max(1, math.ceil(seconds))
    return ApiError(429, f"Too Many Requests: retry after {wait}", {"retry_after": wait})


class RateLimits:
    """Sliding windows: at most `global_per_sec` sends a second, `per_group_per_min` per group.

    Measured with the injected clock, so a test advances time instead of sleeping.
    """

    def __init__(
        self, clock: Clock, *, global_per_sec: int | None, per_group_per_min: int | None
    ) -> None:
        self.clock = clock
        self.global_per_sec = global_per_sec
        self.per_group_per_min = per_group_per_min
        self._global: deque[float] = deque()
        self._groups: dict[int, deque[float]] = {}

    def check(self, chat: FakeChat) -> None:
        """Count one send to `chat`, or raise the 429 Telegram would give instead."""
        now = self.clock()
        window = self._global
        while window and window[0] <= now - 1.0:
            window.popleft()
        if self.global_per_sec is not None and len(window) >= self.global_per_sec:
            raise retry_after(window[0] + 1.0 - now)
        if self.per_group_per_min is not None and chat.type in ("group", "supergroup"):
            group = self._groups.setdefault(chat.id, deque())
            while group and group[0] <= now - 60.0:
                group.popleft()
            if len(group) >= self.per_group_per_min:
                raise retry_after(group[0] + 60.0 - now)
            group.append(now)
        window.append(now)


class InjectedFailures:
    """Errors queued per method; each answers the next calls instead of the method itself."""

    def __init__(self) -> None:
        self._queues: dict[str, deque[tuple[ApiError, int]]] = {}

    def add(
        self, method: str, status: int, *, times: int = 1, retry_after: int | None = None
    ) -> None:
        """Answer the next `times` calls of `method` with `status`."""
        if status == 429:
            description = "Too Many Requests" + (
                f": retry after {retry_after}" if retry_after is not None else ""
            )
        else:
            description = HTTPStatus(status).phrase
        parameters: JsonDict | None = None
        if retry_after is not None:
            parameters = {"retry_after": retry_after}
        queue = self._queues.setdefault(method.lower(), deque())
        queue.append((ApiError(status, description, parameters), times))

    def raise_next(self, method: str) -> None:
        """Raise the next queued error for `method`, if any."""
        queue = self._queues.get(method.lower())
        if not queue:
            return
        error, remaining = queue[0]
        if remaining <= 1:
            queue.popleft()
        else:
            queue[0] = (error, remaining - 1)
        raise ApiError(error.status, error.description, error.parameters)
