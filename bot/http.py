"""The bot's one HTTP server (aiohttp): webhooks now, health and metrics routes later."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class HttpServer:
    """An aiohttp application with its runner and TCP site; routes are added before start."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self._wanted_port = port
        self._app = web.Application(client_max_size=1024 * 1024)
        self._runner: web.AppRunner | None = None
        self._port: int | None = None

    def add_route(self, method: str, path: str, handler: Handler) -> None:
        """Register a route; only possible before start()."""
        if self._runner is not None:
            raise RuntimeError("add routes before the HTTP server starts")
        self._app.router.add_route(method, path, handler)

    async def start(self) -> None:
        """Listen on host:port (port 0 picks a free one)."""
        if self._runner is not None:
            raise RuntimeError("the HTTP server is already started")
        # Signals belong to the runner (bot.runner); aiohttp must not install its own.
        runner = web.AppRunner(
            self._app, access_log=None, handle_signals=False, shutdown_timeout=5.0
        )
        await runner.setup()
        site = web.TCPSite(runner, self.host, self._wanted_port)
        try:
            await site.start()
        except OSError:
            await runner.cleanup()
            raise
        self._runner = runner
        self._port = int(runner.addresses[0][1])
        log.info("HTTP server listening on %s:%d", self.host, self._port)

    async def stop(self) -> None:
        """Stop listening and close open connections; safe to call twice."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()
            log.info("HTTP server stopped")

    @property
    def port(self) -> int:
        """The port actually bound (useful when 0 was asked for)."""
        if self._port is None:
            raise RuntimeError("the HTTP server is not started")
        return self._port
