"""The getUpdates connection, reporting each poll's outcome so /readyz sees a lost Telegram."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from telegram.request import HTTPXRequest

Outcome = Callable[[str | None], None]
"""Called after each poll: None when Telegram answered 200, else what went wrong."""


class ReportingRequest(HTTPXRequest):
    """HTTPXRequest that tells `on_outcome` whether each call reached Telegram and succeeded.

    Long polling is the only call an idle bot makes, so without this a bot cut off from
    Telegram would still look ready: PTB retries failed polls quietly.
    """

    def __init__(self, on_outcome: Outcome, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._on_outcome = on_outcome

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        """Make the call as HTTPXRequest does, then report how it went."""
        try:
            status, body = await super().do_request(*args, **kwargs)
        except Exception as exc:
            self._on_outcome(type(exc).__name__)
            raise
        self._on_outcome(None if status == 200 else f"HTTP {status}")
        return status, body
