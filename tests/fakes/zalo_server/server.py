"""FakeZaloServer: serves the fake Zalo Bot API on 127.0.0.1, recording and routing each call."""

from __future__ import annotations

import asyncio
import json
from types import TracebackType
from typing import Self

from aiohttp import web

from tests.fakes.zalo_server.methods import ZaloMethods
from tests.fakes.zalo_server.records import BadRequest, ReceivedCall


class FakeZaloServer(ZaloMethods):
    """In-process Zalo Bot API: queue updates, inject failures, inspect what the bot sent."""

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on 127.0.0.1 with an ephemeral port."""
        self._released = asyncio.Event()
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        # No access log: its request lines carry the token, and tests assert that no captured
        # log record does.
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self._base_url = f"http://{host}:{port}"

    async def stop(self) -> None:
        """Release stalled requests and shut the server down."""
        self._released.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:<port>` once started; pass it to the client as base_url."""
        if self._base_url is None:
            raise RuntimeError("FakeZaloServer is not started")
        return self._base_url

    # -- HTTP --------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        """Route `/bot{token}/{method}` like the real API."""
        method = request.match_info["method"]
        token = request.match_info["token"]
        raw = await request.read()
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            body = None
        params: dict[str, object] = (
            {str(k): v for k, v in body.items()} if isinstance(body, dict) else {}
        )
        self.received.append(ReceivedCall(method, params))
        await self._notify()

        if token != self.token:
            return self._error(401, "Unauthorized")
        if body is None or not isinstance(body, dict):
            return self._error(400, "Bad Request: body must be a JSON object")
        if self._stalls[method] > 0:
            self._stalls[method] -= 1
            await self._released.wait()
            return self._error(503, "Service Unavailable")
        if self._failures[method]:
            failure = self._failures[method].popleft()
            return web.Response(
                status=failure.status,
                body=failure.body,
                content_type=failure.content_type,
                headers=failure.headers,
            )

        handler = self._methods().get(method)
        if handler is None:
            return self._error(404, "Not Found")
        try:
            return await handler(params)
        except BadRequest as exc:
            return self._error(400, f"Bad Request: {exc}")
