"""GET /healthz, /readyz and /metrics on the bot's HTTP server, and the status they report."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.http import HttpServer
from bot.metrics import Metrics
from bot.settings import Settings
from storage.db import ping

Clock = Callable[[], dt.datetime]

log = logging.getLogger(__name__)

DATABASE_TIMEOUT = 1.5
"""Seconds /readyz waits for SELECT 1, so that it answers 503 within 2 s while the database is
hung; Docker's and Prometheus' probes time out soon after."""


@dataclass
class PlatformStatus:
    """The last successful and failed calls to one platform's API."""

    last_ok: dt.datetime | None = None
    last_error: dt.datetime | None = None
    error: str | None = None
    failing: bool = False
    """The latest call failed (by order of arrival: two calls may share a timestamp)."""


@dataclass
class HealthStatus:
    """What transports and the scheduler report about themselves, read by /readyz."""

    platforms: dict[str, PlatformStatus] = field(default_factory=dict)
    """Every configured platform, whether or not it has answered yet."""
    expect_scheduler: bool = False
    """Whether this process runs the reminder scheduler (readiness then requires it)."""
    scheduler_running: bool = False
    database_probe: asyncio.Task[None] | None = field(default=None, repr=False, compare=False)
    """The /readyz database probe still running, if any (see database_check)."""

    @classmethod
    def configured(cls, platforms: Iterable[str], *, expect_scheduler: bool) -> HealthStatus:
        """A status expecting these platforms (and the scheduler when asked)."""
        return cls({name: PlatformStatus() for name in platforms}, expect_scheduler)

    @classmethod
    def from_settings(cls, settings: Settings, *, expect_scheduler: bool) -> HealthStatus:
        """A status expecting every platform whose token is set."""
        names = [
            name
            for name, token in (
                ("telegram", settings.telegram_bot_token),
                ("zalo", settings.zalo_bot_token),
            )
            if token is not None
        ]
        return cls.configured(names, expect_scheduler=expect_scheduler)

    def mark_platform_ok(self, platform: str, when: dt.datetime) -> None:
        """A call to the platform's API succeeded at `when` (timezone-aware)."""
        status = self.platforms.setdefault(platform, PlatformStatus())
        status.last_ok, status.failing = when, False

    def mark_platform_error(self, platform: str, when: dt.datetime, error: str) -> None:
        """A call failed at `when`; the platform is not ready until a later call succeeds."""
        status = self.platforms.setdefault(platform, PlatformStatus())
        status.last_error, status.error, status.failing = when, error, True

    def platform_ready(self, platform: str) -> bool:
        """Answered at least once, and not failed since its last success."""
        status = self.platforms[platform]
        return status.last_ok is not None and not status.failing

    def reporter(self, platform: str, clock: Clock) -> PlatformReporter:
        """What one transport is handed to report its platform's calls (and nothing more)."""
        return PlatformReporter(self, platform, clock)


@dataclass(frozen=True)
class PlatformReporter:
    """One platform's calls as seen by its transport: succeeded, or failed with a reason."""

    status: HealthStatus
    platform: str
    clock: Clock

    def ok(self) -> None:
        """A call to the platform succeeded now."""
        self.status.mark_platform_ok(self.platform, self.clock())

    def error(self, error: str) -> None:
        """A call to the platform failed now."""
        self.status.mark_platform_error(self.platform, self.clock(), error)


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


async def database_check(engine: AsyncEngine, status: HealthStatus) -> tuple[bool, str | None]:
    """SELECT 1 within DATABASE_TIMEOUT; the error class name when it fails (never the URL).

    A hung database is probed once, not once per call: a probe past its time is left to end by
    the engine's own deadlines, since cancelling it would wait for the driver to close the
    connection (seconds more).
    """
    probe = status.database_probe
    if probe is None or probe.done():
        probe = asyncio.create_task(ping(engine), name="readyz-database-probe")
        probe.add_done_callback(_retrieve)
        status.database_probe = probe
    done, _ = await asyncio.wait({probe}, timeout=DATABASE_TIMEOUT)
    error: BaseException | None
    if not done:
        error = TimeoutError()
    elif probe.cancelled():
        error = asyncio.CancelledError()
    else:
        error = probe.exception()
    if error is None:
        return True, None
    if not isinstance(error, (SQLAlchemyError, OSError, TimeoutError, asyncio.CancelledError)):
        raise error
    log.warning("readiness: database unreachable (%s)", type(error).__name__)
    return False, type(error).__name__


def _retrieve(probe: asyncio.Task[None]) -> None:
    # A probe that failed after /readyz stopped waiting must not log "exception never retrieved".
    if not probe.cancelled():
        probe.exception()


async def readiness(engine: AsyncEngine, status: HealthStatus, clock: Clock) -> dict[str, Any]:
    """The /readyz document; its "ready" key is true when every check passes."""
    now = clock()
    db_ok, db_error = await database_check(engine, status)
    scheduler_ok = status.scheduler_running or not status.expect_scheduler
    platforms: dict[str, Any] = {}
    for name, platform in sorted(status.platforms.items()):
        platforms[name] = {
            "ok": status.platform_ready(name),
            "last_ok": _iso(platform.last_ok),
            "seconds_since_ok": (
                round((now - platform.last_ok).total_seconds(), 3) if platform.last_ok else None
            ),
            "last_error": _iso(platform.last_error),
            "error": platform.error,
        }
    ready = db_ok and scheduler_ok and all(p["ok"] for p in platforms.values())
    return {
        "ready": ready,
        "time": now.isoformat(),
        "database": {"ok": db_ok, "error": db_error},
        "scheduler": {
            "ok": scheduler_ok,
            "expected": status.expect_scheduler,
            "running": status.scheduler_running,
        },
        "platforms": platforms,
    }


def add_health_routes(
    http: HttpServer, engine: AsyncEngine, status: HealthStatus, *, metrics: Metrics, clock: Clock
) -> None:
    """Register GET /healthz (liveness), /readyz (readiness, JSON) and /metrics (Prometheus)."""

    async def healthz(request: web.Request) -> web.Response:
        del request
        return web.Response(text="ok")

    async def readyz(request: web.Request) -> web.Response:
        del request
        document = await readiness(engine, status, clock)
        return web.json_response(document, status=200 if document["ready"] else 503)

    async def metrics_page(request: web.Request) -> web.Response:
        del request
        body, content_type = metrics.render()
        return web.Response(body=body, headers={"Content-Type": content_type})

    http.add_route("GET", "/healthz", healthz)
    http.add_route("GET", "/readyz", readyz)
    http.add_route("GET", "/metrics", metrics_page)
