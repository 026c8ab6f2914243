"""Stopping mid fan-out: every delivery ends sent or released, a restart sends the rest once.

The stop event is the path SIGINT/SIGTERM take in `run` (the signal handler only sets it); the
last test sends a real SIGTERM to a `python -m bot run` process against the fake Telegram server.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import socket
import sys
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import IO
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from bot.app import App, build_app
from bot.core.context import system_clock
from bot.runner import run
from bot.settings import load_settings
from jobs.dispatcher import Dispatcher
from storage.models import Chat, Commemoration, Delivery, Subscription
from tests import databases
from tests.chat import ask
from tests.clock import FakeClock
from tests.fakes.telegram import FakeTelegramServer
from tests.reminding import GPMN, ONLY_GPMN, RecordingSender, settle, subscribe
from tests.telegram_harness import bot_settings_app

ROOT = Path(__file__).resolve().parent.parent
GROUPS = [-4005000000 - n for n in range(60)]
"""More groups than the dispatcher's 32 concurrent sends, so some are still queued at the stop."""
STARTED_BEFORE_STOP = 5
TITLE = "Ngày thử dừng máy giữa chừng"
CODE = "SIGTERM-TEST"


async def ledger(app: App, occasion_key: str) -> list[tuple[str, str, dt.datetime | None]]:
    """(platform chat id, status, claimed_until) of every delivery row of one occasion."""
    async with app.sessions() as session:
        stmt = (
            select(Chat.platform_chat_id, Delivery.status, Delivery.claimed_until)
            .join(Chat, Chat.id == Delivery.chat_id)
            .where(Delivery.occasion_key == occasion_key)
            .order_by(Delivery.id)
        )
        return [(chat, status, until) for chat, status, until in (await session.execute(stmt))]


def received(fake: FakeTelegramServer, containing: str) -> Counter[int]:
    """How many messages containing `containing` each chat got."""
    return Counter(m.chat_id for m in fake.sent_messages() if containing in (m.text or ""))


def assert_sent_or_released(
    rows: list[tuple[str, str, dt.datetime | None]], now: dt.datetime, got: Counter[int]
) -> None:
    """No row left claimed for the future, none failed, and the sent rows match the messages."""
    for chat, status, until in rows:
        assert status in ("sent", "claimed"), (chat, status)
        if status == "claimed":
            assert until is not None and until <= now, f"chat {chat} left claimed until {until}"
    assert max(got.values(), default=0) <= 1, f"a chat got the reminder twice: {got}"
    sent = sorted(int(chat) for chat, status, _ in rows if status == "sent")
    assert sent == sorted(got), "the ledger's sent rows are exactly the chats that got it"


def assert_all_sent_once(
    rows: list[tuple[str, str, dt.datetime | None]], got: Counter[int]
) -> None:
    """One sent row and one message per group, nothing else."""
    assert sorted((int(chat), status) for chat, status, _ in rows) == sorted(
        (group, "sent") for group in GROUPS
    )
    assert got == Counter(GROUPS)


async def test_stop_mid_fan_out_then_restart_sends_each_once(app: App, clock: FakeClock) -> None:
    for group in GROUPS:
        await subscribe(app, chat_id=str(group), kinds="sukien")
    await settle(app, clock, ONLY_GPMN - dt.timedelta(minutes=1))
    clock.set(ONLY_GPMN)
    async with FakeTelegramServer(long_poll_cap=0.5) as fake:
        for group in GROUPS:
            fake.add_chat(group, chat_type="group", title=f"Nhóm {group}")
        # The bot's own limiter paces sends at 30/s; the fake enforces Telegram's limits too.
        fake.set_rate_limits()
        configured = bot_settings_app(app, fake)

        stop = asyncio.Event()
        running = asyncio.create_task(run(configured, stop_event=stop))
        await fake.wait_until(
            lambda: len(received(fake, GPMN)) >= STARTED_BEFORE_STOP,
            timeout=15,
            what=f"{STARTED_BEFORE_STOP} reminders",
        )
        stop.set()  # what the SIGTERM handler does
        assert await asyncio.wait_for(running, 10) == 0

        first = received(fake, GPMN)
        assert STARTED_BEFORE_STOP <= len(first) < len(GROUPS), "stopped mid fan-out"
        assert_sent_or_released(await ledger(app, "commemoration:GPMN"), clock(), first)

        again = asyncio.Event()
        restarted = asyncio.create_task(run(configured, stop_event=again))
        await fake.wait_until(
            lambda: len(received(fake, GPMN)) == len(GROUPS), timeout=15, what="every group"
        )
        again.set()
        assert await asyncio.wait_for(restarted, 10) == 0

        assert_all_sent_once(await ledger(app, "commemoration:GPMN"), received(fake, GPMN))


# --------------------------------------------------------------------------- a real SIGTERM


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
async def run_db_url(
    tmp_path: Path, sqlite_template: Path, pg_template: bool
) -> AsyncIterator[str]:
    """The deployment's database: PostgreSQL when configured, else a SQLite file."""
    if not pg_template:
        yield databases.sqlite_copy(sqlite_template, tmp_path)
        return
    url = await databases.pg_copy()
    try:
        yield url
    finally:
        await databases.pg_drop(url)


async def prepare_groups(url: str, timezone: str) -> App:
    """Subscribed groups (reminders at 00:00, on the day), settled, and a commemoration today.

    With the real clock: whatever was due before now is recorded as sent by a throwaway pass,
    then today's new commemoration is due (at 00:00, within the grace window) and nothing else.
    """
    app = build_app(
        load_settings(database_url=url, bot_admin_ids="telegram:9001", telegram_bot_token=None)
    )
    for group in GROUPS:
        chat_id = str(group)
        await subscribe(app, chat_id=chat_id, kinds="sukien")
        assert "00:00" in await ask(app, "/caidat gio 00:00", platform="telegram", chat_id=chat_id)
        await ask(app, "/caidat baotruoc 0", platform="telegram", chat_id=chat_id)
    async with app.sessions() as session, session.begin():
        # Subscribed long ago: a reminder due at 00:00 today is one they should get.
        await session.execute(
            update(Subscription).values(created_at=system_clock() - dt.timedelta(days=2))
        )
    throwaway = Dispatcher(
        app.sessions,
        {"telegram": RecordingSender()},
        clock=system_clock,
        sleep=asyncio.sleep,
        grace=dt.timedelta(hours=24),
        claim_ttl=dt.timedelta(minutes=5),
        instance_id="settle",
    )
    await throwaway.run_once()
    today = dt.datetime.now(ZoneInfo(timezone)).date()
    async with app.sessions() as session, session.begin():
        session.add(
            Commemoration(
                code=CODE,
                title=TITLE,
                calendar="solar",
                day=today.day,
                month=today.month,
                category="quoc_gia",
            )
        )
    return app


async def start_bot(
    fake: FakeTelegramServer, url: str, timezone: str, cwd: Path, log: IO[bytes]
) -> asyncio.subprocess.Process:
    """`python -m bot run` from the source tree against the fake server, logging into `log`."""
    from bot.settings import Settings

    drop = {"VIRTUAL_ENV", *(name.upper() for name in Settings.model_fields)}
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env.update(
        PYTHONPATH=str(ROOT),
        DATABASE_URL=url,
        BOT_TIMEZONE=timezone,
        TELEGRAM_BOT_TOKEN=fake.token,
        TELEGRAM_API_URL=fake.base_url,
        HTTP_HOST="127.0.0.1",
        HTTP_PORT=str(_free_port()),
    )
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=cwd,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=log,
        stderr=log,
    )


def log_text(path: Path) -> str:
    """What the bot process logged."""
    return path.read_text(errors="replace")


async def terminate(process: asyncio.subprocess.Process, log: Path) -> None:
    """SIGTERM, then exit 0 within a few seconds (compose gives 10 s before SIGKILL)."""
    process.send_signal(signal.SIGTERM)
    try:
        code = await asyncio.wait_for(process.wait(), 8)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise AssertionError("no exit within 8 s of SIGTERM:\n" + log_text(log)) from None
    assert code == 0, log_text(log)


async def test_sigterm_mid_fan_out_then_restart_sends_each_once(
    run_db_url: str, tmp_path: Path
) -> None:
    timezone = "Asia/Ho_Chi_Minh"
    app = await prepare_groups(run_db_url, timezone)
    key = f"commemoration:{CODE}"
    try:
        async with FakeTelegramServer(long_poll_cap=0.5) as fake:
            for group in GROUPS:
                fake.add_chat(group, chat_type="group", title=f"Nhóm {group}")
            fake.set_rate_limits()
            log_path = tmp_path / "run.log"
            with log_path.open("wb") as log:
                process = await start_bot(fake, run_db_url, timezone, tmp_path, log)
                try:
                    await fake.wait_until(
                        lambda: len(received(fake, TITLE)) >= STARTED_BEFORE_STOP,
                        timeout=30,
                        what=f"{STARTED_BEFORE_STOP} reminders",
                    )
                    await terminate(process, log_path)
                finally:
                    if process.returncode is None:
                        process.kill()
                        await process.wait()

                first = received(fake, TITLE)
                assert STARTED_BEFORE_STOP <= len(first) < len(GROUPS), "stopped mid fan-out"
                assert_sent_or_released(await ledger(app, key), system_clock(), first)

                process = await start_bot(fake, run_db_url, timezone, tmp_path, log)
                try:
                    await fake.wait_until(
                        lambda: len(received(fake, TITLE)) == len(GROUPS),
                        timeout=30,
                        what="every group",
                    )
                    await terminate(process, log_path)
                finally:
                    if process.returncode is None:
                        process.kill()
                        await process.wait()

            assert_all_sent_once(await ledger(app, key), received(fake, TITLE))
            assert fake.token not in log_text(log_path), "the token never reaches the logs"
    finally:
        await app.close()
