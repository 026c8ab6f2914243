"""A hung database: users get a short answer quickly, /readyz says 503 quickly, the bot recovers."""

from __future__ import annotations

import asyncio
import io
import time
from collections.abc import AsyncIterator, Iterator

import aiohttp
import pytest
from sqlalchemy.exc import OperationalError

from bot.app import App, build_app, prepare_database
from bot.console import run_console
from bot.core.messages import DATABASE_DOWN_TEXT, ERROR_TEXT, failure_text
from bot.health import add_health_routes
from bot.http import HttpServer
from bot.settings import load_settings
from storage.db import is_unavailable
from tests.clock import FakeClock
from tests.fakes.telegram import FakeTelegramServer
from tests.fakes.zalo_server import FakeZaloServer, text_update
from tests.telegram_harness import ADMIN, PRIVATE, running_bot
from tests.throwaway_pg import ThrowawayPostgres, throwaway_postgres, unusable_reason
from tests.zalo_harness import running_zalo

ANSWER_WITHIN = 10.0
READYZ_WITHIN = 2.0
COMMAND = "/caidat"
"""Not answered from the reply cache: it always reads the chat's row."""
ZALO_CHAT = "zalo-private-1"


@pytest.fixture
def server() -> Iterator[ThrowawayPostgres]:
    """A PostgreSQL server of this test's own, which it may freeze."""
    reason = unusable_reason()
    if reason is not None:
        pytest.skip(reason)
    with throwaway_postgres() as pg:
        yield pg


@pytest.fixture
async def pg_app(server: ThrowawayPostgres, clock: FakeClock) -> AsyncIterator[App]:
    """The app on the throwaway server, migrated and seeded."""
    app = build_app(
        load_settings(
            database_url=server.url,
            bot_admin_ids="telegram:9001,zalo:9001",
            telegram_bot_token=None,
        ),
        clock=clock,
    )
    await prepare_database(app)
    try:
        yield app
    finally:
        await app.close()


async def readyz(http: HttpServer) -> tuple[int, dict[str, object], float]:
    """GET /readyz: status, document and seconds taken."""
    started = time.monotonic()
    async with (
        aiohttp.ClientSession() as client,
        client.get(f"http://127.0.0.1:{http.port}/readyz") as response,
    ):
        document = await response.json()
        return response.status, document, time.monotonic() - started


def database_ok(document: dict[str, object]) -> bool:
    """The database part of a /readyz document."""
    database = document["database"]
    assert isinstance(database, dict)
    return bool(database["ok"])


async def test_a_frozen_database_is_answered_quickly_everywhere_and_the_bot_recovers(
    server: ThrowawayPostgres, pg_app: App, clock: FakeClock
) -> None:
    http = HttpServer("127.0.0.1", 0)
    add_health_routes(
        http, pg_app.engine, pg_app.health, metrics=pg_app.metrics, clock=pg_app.clock
    )
    await http.start()
    try:
        async with (
            FakeTelegramServer() as telegram,
            running_bot(pg_app, telegram) as bot,
            FakeZaloServer(max_poll_wait=0.05) as zalo_fake,
            running_zalo(pg_app, zalo_fake, clock) as zalo,
        ):
            assert (await bot.ask(PRIVATE, ADMIN, COMMAND)).text != DATABASE_DOWN_TEXT
            assert database_ok((await readyz(http))[1])

            server.freeze()

            async def on_telegram() -> tuple[str, float]:
                started = time.monotonic()
                telegram.push_update(telegram.message_update(PRIVATE, ADMIN, COMMAND))
                sent = await telegram.wait_for_sent(PRIVATE, 2, timeout=ANSWER_WITHIN)
                return str(sent[-1].text), time.monotonic() - started

            async def on_zalo() -> tuple[str, float]:
                started = time.monotonic()
                zalo.fake.push_update(text_update(ZALO_CHAT, "zalo-user-1", COMMAND))
                sent = await zalo.fake.wait_for_sent(1, timeout=ANSWER_WITHIN)
                return str(sent[-1]["text"]), time.monotonic() - started

            async def on_console() -> tuple[str, float]:
                started = time.monotonic()
                out = io.StringIO()
                async with asyncio.timeout(ANSWER_WITHIN):
                    await run_console(pg_app.core, io.StringIO(f"{COMMAND}\n"), out)
                return out.getvalue().strip(), time.monotonic() - started

            answers = await asyncio.gather(on_telegram(), on_zalo(), on_console(), readyz(http))
            for text, seconds in answers[:3]:
                assert text == DATABASE_DOWN_TEXT
                assert seconds < ANSWER_WITHIN
            status, document, seconds = answers[3]
            assert status == 503
            assert not database_ok(document)
            assert seconds < READYZ_WITHIN
            # A second probe while the first is still stuck answers just as fast.
            status, document, seconds = await readyz(http)
            assert (status, seconds < READYZ_WITHIN) == (503, True)

            server.thaw()

            assert (await bot.ask(PRIVATE, ADMIN, COMMAND)).text != DATABASE_DOWN_TEXT
            assert database_ok((await readyz(http))[1])
            assert await zalo.ask(ZALO_CHAT, "zalo-user-1", COMMAND) != DATABASE_DOWN_TEXT
    finally:
        await http.stop()


def test_failure_text_names_the_database_only_when_it_is_the_cause() -> None:
    down = OperationalError("SELECT 1", {}, ConnectionRefusedError("refused"))
    assert is_unavailable(down)
    assert failure_text(down) == DATABASE_DOWN_TEXT
    try:
        try:
            raise TimeoutError
        except TimeoutError as inner:
            raise RuntimeError("command failed") from inner
    except RuntimeError as wrapped:
        assert failure_text(wrapped) == DATABASE_DOWN_TEXT
    assert failure_text(KeyError("bug")) == ERROR_TEXT
    assert failure_text(None) == ERROR_TEXT
