"""What the fake Zalo API knows and records, and the calls tests use to feed and inspect it."""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict, deque
from collections.abc import Callable, Mapping

from aiohttp import ClientSession, ClientTimeout, web

from tests.fakes.zalo_server.records import DEFAULT_TOKEN, Failure, ReceivedCall


class ZaloState:
    """The fake's bot, webhook, queued updates and recorded calls; no HTTP serving here."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        max_poll_wait: float = 0.2,
        bot_id: str = "3216549870123456789",
        account_name: str = "Bot Thi Đua",
        account_type: str = "BASIC",
        can_join_groups: bool = True,
        errors_as_http_200: bool = False,
    ) -> None:
        self.token = token
        self.max_poll_wait = max_poll_wait
        self.bot_info: dict[str, object] = {
            "id": bot_id,
            "account_name": account_name,
            "account_type": account_type,
            "can_join_groups": can_join_groups,
        }
        # Some gateways answer errors with HTTP 200 and ok:false; the client must not care.
        self.errors_as_http_200 = errors_as_http_200
        self.received: list[ReceivedCall] = []
        self.sent: list[dict[str, object]] = []
        self.photos: list[dict[str, object]] = []
        self.webhook_url = ""
        self.webhook_secret: str | None = None
        self.webhook_updated_at = 0
        self._updates: asyncio.Queue[dict[str, object]] = asyncio.Queue()
        self._failures: defaultdict[str, deque[Failure]] = defaultdict(deque)
        self._stalls: defaultdict[str, int] = defaultdict(int)
        self._changed = asyncio.Condition()
        self._released = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._base_url: str | None = None

    # -- test hooks --------------------------------------------------------------------------

    def push_update(self, update: Mapping[str, object]) -> None:
        """Queue a bare update for the next getUpdates call."""
        self._updates.put_nowait(dict(update))

    @property
    def pending_updates(self) -> int:
        """How many pushed updates no getUpdates call has taken yet."""
        return self._updates.qsize()

    async def deliver_webhook(
        self,
        url: str,
        update: Mapping[str, object],
        secret_token: str | None = None,
        *,
        wrapped: bool = True,
    ) -> int:
        """POST an update to a bot's webhook as Zalo would; return the HTTP status."""
        body = {"ok": True, "result": dict(update)} if wrapped else dict(update)
        headers = {"Content-Type": "application/json", "User-Agent": "Java/17.0.2"}
        if secret_token is not None:
            headers["X-Bot-Api-Secret-Token"] = secret_token
        async with (
            ClientSession(timeout=ClientTimeout(total=10)) as session,
            session.post(url, data=json.dumps(body), headers=headers) as response,
        ):
            await response.read()
            return response.status

    def calls(self, method: str) -> list[dict[str, object]]:
        """JSON bodies of every received call of `method`, in order."""
        return [call.json for call in self.received if call.method == method]

    # The wait helpers take `timeout` (ASYNC109 suppressed) so that a bot that never answers
    # fails the test with a message naming what was missing, instead of hanging the suite.
    async def wait_for_sent(
        self,
        n: int,
        timeout: float = 2.0,  # noqa: ASYNC109
    ) -> list[dict[str, object]]:
        """Wait until at least n messages were sent; return them all."""
        await self.wait_for(lambda: len(self.sent) >= n, timeout, f"{n} sent messages")
        return list(self.sent)

    async def wait_for_calls(
        self,
        method: str,
        n: int = 1,
        timeout: float = 2.0,  # noqa: ASYNC109
    ) -> list[dict[str, object]]:
        """Wait until `method` was called at least n times; return the bodies."""
        await self.wait_for(lambda: len(self.calls(method)) >= n, timeout, f"{n} {method} calls")
        return self.calls(method)

    async def wait_for(
        self,
        predicate: Callable[[], bool],
        timeout: float = 2.0,  # noqa: ASYNC109
        what: str = "condition",
    ) -> None:
        """Wait until predicate() holds, re-checking on every server event (no polling sleeps)."""
        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(predicate), timeout)
            except TimeoutError:
                raise TimeoutError(f"fake Zalo server: no {what} within {timeout}s") from None

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()
