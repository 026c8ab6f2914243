"""/healthz, /readyz and /metrics on the bot's HTTP server, and the metrics registry."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import prometheus_client
import pytest
from aiohttp import ClientSession

from bot.app import App, build_app
from bot.health import HealthStatus, add_health_routes
from bot.http import HttpServer
from bot.metrics import OTHER, Metrics
from bot.settings import load_settings
from tests.clock import FakeClock


@dataclass
class Served:
    """A running HTTP server with the health routes, and a client for it."""

    status: HealthStatus
    metrics: Metrics
    client: ClientSession
    base: str

    async def get(self, path: str) -> tuple[int, str, str]:
        """Status, content type and body of GET path."""
        async with self.client.get(self.base + path) as response:
            return response.status, response.headers["Content-Type"], await response.text()

    async def ready(self) -> tuple[int, dict[str, Any]]:
        """Status and JSON document of /readyz."""
        async with self.client.get(self.base + "/readyz") as response:
            return response.status, await response.json()


async def serve(app: App, status: HealthStatus, metrics: Metrics) -> AsyncIterator[Served]:
    """Start an HTTP server on 127.0.0.1 with only the health routes."""
    http = HttpServer("127.0.0.1", 0)
    add_health_routes(http, app.engine, status, metrics=metrics, clock=app.clock)
    await http.start()
    try:
        async with ClientSession() as client:
            yield Served(status, metrics, client, f"http://127.0.0.1:{http.port}")
    finally:
        await http.stop()


@pytest.fixture
async def served(app: App) -> AsyncIterator[Served]:
    """Health routes of an app with Telegram configured and the scheduler expected."""
    status = HealthStatus.configured(["telegram"], expect_scheduler=True)
    metrics = Metrics(platforms=["telegram"], reminder_kinds=["sukien"])
    async for running in serve(app, status, metrics):
        yield running


async def test_healthz_answers_while_the_process_is_up(served: Served) -> None:
    assert await served.get("/healthz") == (200, "text/plain; charset=utf-8", "ok")


async def test_readyz_waits_for_the_scheduler_and_each_platform(
    served: Served, clock: FakeClock
) -> None:
    first_status, first = await served.ready()
    served.status.scheduler_running = True
    served.status.mark_platform_ok("telegram", clock() - dt.timedelta(seconds=90))
    ready_status, ready = await served.ready()
    served.status.mark_platform_error("telegram", clock(), "Unauthorized")
    failing_status, failing = await served.ready()

    assert first_status == 503 and first["ready"] is False
    assert first["database"] == {"ok": True, "error": None}
    assert first["scheduler"] == {"ok": False, "expected": True, "running": False}
    assert first["platforms"]["telegram"]["ok"] is False
    assert ready_status == 200 and ready["ready"] is True
    assert ready["platforms"]["telegram"] == {
        "ok": True,
        "last_ok": (clock() - dt.timedelta(seconds=90)).isoformat(),
        "seconds_since_ok": 90.0,
        "last_error": None,
        "error": None,
    }
    assert failing_status == 503
    assert failing["platforms"]["telegram"]["error"] == "Unauthorized"


async def test_readyz_without_a_database_is_503(clock: FakeClock) -> None:
    # Nothing listens on port 1: the connection is refused at once.
    app = build_app(
        load_settings(database_url="postgresql+asyncpg://nobody:secret@127.0.0.1:1/none"),
        clock=clock,
    )
    status = HealthStatus.configured([], expect_scheduler=False)
    try:
        async for running in serve(app, status, Metrics()):
            code, document = await running.ready()
            healthz = await running.get("/healthz")
    finally:
        await app.close()

    assert code == 503
    assert document["database"]["ok"] is False
    assert "secret" not in str(document)
    assert healthz[0] == 200, "liveness does not depend on the database"


async def test_metrics_are_in_the_prometheus_text_format(served: Served) -> None:
    metrics = served.metrics
    metrics.count_update("telegram", "khenthuong")
    metrics.count_update("telegram", "khenthuong")
    metrics.count_reminder("sukien", "sent")
    metrics.observe_send("telegram", 0.2)
    metrics.count_rate_limited("telegram")
    metrics.observe_lag(42.0)

    code, content_type, body = await served.get("/metrics")

    assert code == 200
    assert content_type.startswith("text/plain; version=")
    lines = set(body.splitlines())
    assert 'thidua_updates_handled_total{command="khenthuong",platform="telegram"} 2.0' in lines
    assert 'thidua_reminders_total{kind="sukien",status="sent"} 1.0' in lines
    assert 'thidua_reminders_total{kind="sukien",status="skipped"} 0.0' in lines
    assert 'thidua_send_latency_seconds_count{platform="telegram"} 1.0' in lines
    assert 'thidua_rate_limited_total{platform="telegram"} 1.0' in lines
    assert "thidua_scheduler_lag_seconds_count 1.0" in lines
    assert 'thidua_scheduler_lag_seconds_bucket{le="60.0"} 1.0' in lines


def test_each_metrics_object_has_its_own_registry() -> None:
    one, two = Metrics(), Metrics(known_commands=["donvi"])
    one.count_update("zalo", "donvi")
    two.count_update("zalo", "tenlenhla")

    assert (
        one.registry.get_sample_value(
            "thidua_updates_handled_total", {"command": "donvi", "platform": "zalo"}
        )
        == 1.0
    )
    assert (
        two.registry.get_sample_value(
            "thidua_updates_handled_total", {"command": OTHER, "platform": "zalo"}
        )
        == 1.0
    )
    assert (
        two.registry.get_sample_value(
            "thidua_updates_handled_total", {"command": "donvi", "platform": "zalo"}
        )
        is None
    )
    assert b"thidua_" not in prometheus_client.generate_latest(prometheus_client.REGISTRY)


def test_health_status_from_settings_expects_the_configured_platforms() -> None:
    settings = load_settings(
        database_url="sqlite+aiosqlite:///x.db",
        telegram_bot_token="1:x",
        zalo_bot_token=None,
    )

    status = HealthStatus.from_settings(settings, expect_scheduler=True)

    assert list(status.platforms) == ["telegram"]
    assert status.expect_scheduler and not status.scheduler_running
