"""`thidua run`: start every configured component, wait for a stop signal, stop in reverse."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from bot.app import App, prepare_database, settle_memory
from bot.feed_http import add_feed_routes
from bot.health import add_health_routes
from bot.http import HttpServer
from bot.telegram.adapter import TelegramTransport
from bot.zalo.adapter import ZaloTransport
from jobs.cli import dispatcher_for
from jobs.scheduler import ReminderScheduler
from jobs.sender import Sender

log = logging.getLogger(__name__)

NO_PLATFORM = (
    "Chưa có nền tảng chat nào được cấu hình: hãy đặt TELEGRAM_BOT_TOKEN hoặc ZALO_BOT_TOKEN; "
    "muốn thử bot ngay trên máy mà không cần token, dùng `thidua chat`."
)


class Component(Protocol):
    """Anything `run` starts and stops: the HTTP server, transports, the reminder scheduler."""

    async def start(self) -> None:
        """Begin working; raise if it cannot."""
        ...

    async def stop(self) -> None:
        """Stop working and release resources."""
        ...


def build_components(app: App) -> list[Component]:
    """Everything to run, in start order; they are stopped in the reverse order."""
    settings = app.settings
    components: list[Component] = []
    # Always: /healthz is the image's HEALTHCHECK even when updates come by polling. Started
    # first and stopped last; transports add their webhook routes to it below.
    http = HttpServer(settings.http_host, settings.http_port)
    add_health_routes(http, app, app.health, metrics=app.metrics)
    add_feed_routes(http, app)
    components.append(http)
    senders: dict[str, Sender] = {}
    if settings.telegram_bot_token is not None:
        telegram = TelegramTransport(app, http=http)
        components.append(telegram)
        senders[telegram.sender.platform] = telegram.sender
    if settings.zalo_bot_token is not None:
        zalo = ZaloTransport(app, http=http)
        components.append(zalo)
        senders[zalo.sender.platform] = zalo.sender
    # Last, so it starts when every sender is up and stops (releasing its claims) first.
    dispatcher = dispatcher_for(app, senders, instance="run")
    components.append(ReminderScheduler(dispatcher, app.sessions, timezone=settings.bot_timezone))
    return components


@contextmanager
def _stop_on_signals(stop: asyncio.Event) -> Iterator[None]:
    loop = asyncio.get_running_loop()
    installed: list[signal.Signals] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):
            # Not the main thread, or a platform without loop signal handlers.
            continue
        installed.append(sig)
    try:
        yield
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)


async def _stop_all(started: list[Component]) -> None:
    for component in reversed(started):
        try:
            await component.stop()
        except Exception:
            # Keep stopping the others; the error is logged, never swallowed silently.
            log.exception("error while stopping %s", type(component).__name__)


async def run(app: App, *, stop_event: asyncio.Event | None = None) -> int:
    """Run the bot until SIGINT/SIGTERM or `stop_event`; 2 when no platform is configured."""
    settings = app.settings
    if settings.telegram_bot_token is None and settings.zalo_bot_token is None:
        print(NO_PLATFORM, file=sys.stderr)
        return 2
    stop = stop_event or asyncio.Event()
    await prepare_database(app)
    components = build_components(app)
    started: list[Component] = []
    with _stop_on_signals(stop):
        try:
            for component in components:
                await component.start()
                started.append(component)
        except Exception:
            log.exception("could not start %s", type(component).__name__)
            await _stop_all(started)
            return 1
        # Everything loaded at start lives for the whole run: keeping it out of the collector's
        # scans keeps full collections short (a 100+ ms pause stalls every chat at once).
        settle_memory()
        log.info("running; stop with Ctrl-C or SIGTERM")
        try:
            await stop.wait()
        finally:
            log.info("stopping")
            await _stop_all(started)
    return 0
