"""The composition root's platform half: HTTP server, chart links, transports, senders, reminders.

`bot.app.build_app` wires settings → database → command core; `build_runtime` wires the rest
from the same settings for `thidua run`, `open_senders` for `thidua remind`, and the tests start
exactly these (tests/test_composition.py). Transports get a `TransportDeps`, never the `App`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import socket
from collections.abc import AsyncIterator, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from typing import Protocol

from bot.app import App
from bot.feed_http import add_feed_routes
from bot.health import add_health_routes
from bot.http import HttpServer
from bot.reports.images import ImageStore
from bot.telegram.adapter import (
    TELEGRAM_GROUP_PER_MINUTE,
    TELEGRAM_SHARED_PACE,
    TelegramTransport,
    build_application,
)
from bot.telegram.sender import TelegramSender
from bot.transport import TransportDeps
from bot.zalo.adapter import ZaloTransport
from bot.zalo.client import ZaloClient
from bot.zalo.sender import zalo_sender
from jobs.dispatcher import Dispatcher
from jobs.dossier_notices import NoticePolicy
from jobs.scheduler import ReminderScheduler
from jobs.sender import Sender


class Component(Protocol):
    """Anything `thidua run` starts and stops: the HTTP server, transports, the scheduler."""

    async def start(self) -> None:
        """Begin working; raise if it cannot."""
        ...

    async def stop(self) -> None:
        """Stop working and release resources."""
        ...


def transport_deps(app: App, platform: str) -> TransportDeps:
    """What the transport of `platform` ("telegram" or "zalo") is given."""
    settings = app.settings
    token = settings.telegram_bot_token if platform == "telegram" else settings.zalo_bot_token
    shared = None
    if app.limits is not None and token is not None:
        # The bot's limits belong to its token, not to a process: every replica takes from them.
        if platform == "telegram":
            shared = app.limits.limiter(
                platform,
                token.get_secret_value(),
                # Under the limit: sends granted 1/30 s apart by Redis reach Telegram from two
                # processes with different latencies, and bunch up.
                per_second=TELEGRAM_SHARED_PACE,
                group_per_minute=TELEGRAM_GROUP_PER_MINUTE,
            )
        else:
            shared = app.limits.limiter(
                platform, token.get_secret_value(), per_second=settings.zalo_messages_per_second
            )
    return TransportDeps(
        settings=settings,
        core=app.core,
        health=app.health.reporter(platform, app.clock),
        count_rate_limited=lambda: app.metrics.count_rate_limited(platform),
        shared=shared,
    )


def build_dispatcher(app: App, senders: Mapping[str, Sender], *, instance: str) -> Dispatcher:
    """The reminder dispatcher wired from the app's settings."""
    settings = app.settings
    return Dispatcher(
        app.sessions,
        senders,
        clock=app.clock,
        sleep=asyncio.sleep,
        grace=dt.timedelta(hours=settings.reminder_grace_hours),
        claim_ttl=dt.timedelta(seconds=settings.claim_ttl_seconds),
        lease=dt.timedelta(seconds=min(settings.claim_lease_seconds, settings.claim_ttl_seconds)),
        instance_id=f"{instance}:{socket.gethostname()}:{os.getpid()}",
        metrics=app.metrics,
        health=app.health,
        request_overdue_days=settings.request_overdue_days,
        notices=NoticePolicy(settings.dossier_stale_days, settings.dossier_office_unit),
    )


@dataclass
class Runtime:
    """Everything `thidua run` starts, built from the settings by `build_runtime`."""

    http: HttpServer
    images: ImageStore
    scheduler: ReminderScheduler
    telegram: TelegramTransport | None = None
    zalo: ZaloTransport | None = None
    senders: dict[str, Sender] = field(default_factory=dict)

    @property
    def dispatcher(self) -> Dispatcher:
        """The dispatcher the scheduler wakes."""
        return self.scheduler.dispatcher

    def components(self) -> list[Component]:
        """In start order; they are stopped in the reverse order."""
        found: list[Component] = [self.http]
        if self.telegram is not None:
            found.append(self.telegram)
        if self.zalo is not None:
            found.append(self.zalo)
        # Last, so it starts when every sender is up and stops (releasing its claims) first.
        found.append(self.scheduler)
        return found


def build_runtime(app: App) -> Runtime:
    """The HTTP server, chart links, a transport per configured token, and the reminders."""
    settings = app.settings
    # Always: /healthz is the image's HEALTHCHECK even when updates come by polling.
    http = HttpServer(settings.http_host, settings.http_port)
    add_health_routes(http, app.engine, app.health, metrics=app.metrics, clock=app.clock)
    # Calendar apps subscribe to a chat's /lich link here (GET /lich/<token>.ics).
    add_feed_routes(http, app)
    # Zalo sends photos by URL only: charts are served here (GET /charts/…) for it to fetch.
    images = ImageStore()
    images.mount(http)
    telegram = zalo = None
    senders: dict[str, Sender] = {}
    if settings.telegram_bot_token is not None:
        telegram = TelegramTransport(transport_deps(app, "telegram"), http=http)
        senders[telegram.sender.platform] = telegram.sender
    if settings.zalo_bot_token is not None:
        zalo = ZaloTransport(transport_deps(app, "zalo"), http=http, images=images)
        senders[zalo.sender.platform] = zalo.sender
    dispatcher = build_dispatcher(app, senders, instance="run")
    scheduler = ReminderScheduler(dispatcher, app.sessions, timezone=settings.bot_timezone)
    return Runtime(http, images, scheduler, telegram=telegram, zalo=zalo, senders=senders)


@asynccontextmanager
async def open_senders(app: App) -> AsyncIterator[dict[str, Sender]]:
    """Senders for every platform with a token (for `thidua remind`), open around the block."""
    settings = app.settings
    senders: dict[str, Sender] = {}
    async with AsyncExitStack() as stack:
        if settings.telegram_bot_token is not None:
            bot = build_application(transport_deps(app, "telegram")).bot
            await stack.enter_async_context(bot)
            senders["telegram"] = TelegramSender(bot)
        if settings.zalo_bot_token is not None:
            deps = transport_deps(app, "zalo")
            client = ZaloClient(
                settings.zalo_bot_token.get_secret_value(),
                base_url=settings.zalo_api_url,
                on_rate_limited=deps.count_rate_limited,
            )
            await stack.enter_async_context(client)
            senders["zalo"] = zalo_sender(client, settings, shared=deps.shared)
        yield senders
