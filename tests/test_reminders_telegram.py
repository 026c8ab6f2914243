"""Reminders through the real TelegramSender and PTB Bot against the fake Bot API; the scheduler."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select
from telegram import Bot

from bot.app import App
from bot.telegram.sender import TelegramSender
from jobs.dispatcher import Dispatcher
from jobs.scheduler import ReminderScheduler
from storage.models import Chat, Delivery, Subscription
from tests.chat import ask
from tests.clock import FakeClock
from tests.dispatching import clocked_dispatcher
from tests.fakes.telegram import FakeTelegramServer
from tests.reminding import (
    GPMN,
    ONLY_GPMN,
    RecordingSender,
    deliveries,
    subscribe,
    subscribed_before_gpmn,
)

GROUP = -4001234567
NEW_SUPERGROUP = -1004001234567


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeTelegramServer]:
    """The fake Bot API with one group; PTB reports retry_after as a timedelta."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    async with FakeTelegramServer() as server:
        server.add_chat(GROUP, title="Phường Đại Kim")
        yield server


@pytest.fixture
async def sender(fake: FakeTelegramServer) -> AsyncIterator[TelegramSender]:
    """A TelegramSender on a real PTB Bot pointed at the fake."""
    async with Bot(fake.token, base_url=fake.api_url, base_file_url=fake.file_url) as bot:
        yield TelegramSender(bot)


def dispatcher(app: App, sender: TelegramSender, clock: FakeClock) -> Dispatcher:
    """A dispatcher with the fake clock's sleep: backoff and retry_after advance time only."""
    return clocked_dispatcher(app.sessions, sender, clock, instance="tg", max_transient_retries=3)


async def due_once(app: App, clock: FakeClock) -> None:
    """Subscribe the group so that exactly one reminder (GPMN, 30 days ahead) is due."""
    await subscribed_before_gpmn(app, clock, str(GROUP))
    clock.set(ONLY_GPMN)


async def the_row(app: App) -> Delivery:
    """The GPMN 30-day delivery row."""
    rows = await deliveries(app, occasion_key="commemoration:GPMN", lead_days=30)
    assert len(rows) == 1
    return rows[0]


async def test_sent_with_html_title_and_ack_button(
    app: App, clock: FakeClock, fake: FakeTelegramServer, sender: TelegramSender
) -> None:
    await due_once(app, clock)
    report = await dispatcher(app, sender, clock).run_once()
    assert report.sent == 1
    [message] = fake.sent_messages(GROUP)
    assert message.text is not None and message.text.startswith(f"Sắp đến: {GPMN}")
    row = await the_row(app)
    assert (row.status, row.platform_message_id) == ("sent", str(message.message_id))
    button = message.reply_markup["inline_keyboard"][0][0]  # type: ignore[index]
    assert button == {"text": "Đã nhận", "callback_data": f"/danhan {row.id}"}


async def test_429_waits_retry_after_and_resends_only_that_message(
    app: App, clock: FakeClock, fake: FakeTelegramServer, sender: TelegramSender
) -> None:
    await due_once(app, clock)
    fake.fail_next("sendMessage", 429, retry_after=7)
    report = await dispatcher(app, sender, clock).run_once()
    assert report.sent == 1 and clock.slept == [7]
    assert len(fake.sent_messages(GROUP)) == 1 and fake.too_many_requests == 1
    row = await the_row(app)
    assert (row.status, row.attempts) == ("sent", 2)


async def test_5xx_is_retried_with_backoff_then_recorded_failed(
    app: App, clock: FakeClock, fake: FakeTelegramServer, sender: TelegramSender
) -> None:
    await due_once(app, clock)
    fake.fail_next("sendMessage", 502, times=2)
    assert (await dispatcher(app, sender, clock).run_once()).sent == 1
    assert clock.slept == [1.0, 2.0]
    assert (await the_row(app)).attempts == 3


async def test_5xx_beyond_the_retry_budget_ends_failed(
    app: App, clock: FakeClock, fake: FakeTelegramServer, sender: TelegramSender
) -> None:
    await due_once(app, clock)
    fake.fail_next("sendMessage", 500, times=10)
    report = await dispatcher(app, sender, clock).run_once()
    assert (report.sent, report.failed) == (0, 1)
    assert clock.slept == [1.0, 2.0, 4.0]
    row = await the_row(app)
    assert row.status == "failed" and row.attempts == 4
    assert row.error is not None and row.error.startswith("transient error, gave up")


async def test_403_deactivates_the_chat(
    app: App, clock: FakeClock, fake: FakeTelegramServer, sender: TelegramSender
) -> None:
    await subscribe(app, chat_id=str(GROUP), kinds="sukien")
    clock.set(dt.datetime(2027, 4, 30, 8, tzinfo=ONLY_GPMN.tzinfo))  # several reminders due
    fake.kick_bot(GROUP)
    report = await dispatcher(app, sender, clock).run_once()
    assert report.sent == 0 and report.failed >= 2
    rows = [r for r in await deliveries(app) if r.status != "skipped"]
    assert rows and all(r.status == "failed" for r in rows)
    errors = sorted(r.error or "" for r in rows)
    assert errors[0] == "chat gone: Forbidden: bot was kicked from the group chat", errors
    assert set(errors[1:]) == {"chat gone: not sent"}
    async with app.sessions() as session:
        chat = (
            await session.scalars(select(Chat).where(Chat.platform_chat_id == str(GROUP)))
        ).one()
        subs = (
            await session.scalars(select(Subscription).where(Subscription.chat_id == chat.id))
        ).all()
    assert chat.active is False and [s.active for s in subs] == [False]
    # The next pass plans nothing for the chat.
    clock.advance(3600)
    assert (await dispatcher(app, sender, clock).run_once()).failed == 0


async def test_migration_resends_to_the_supergroup(
    app: App, clock: FakeClock, fake: FakeTelegramServer, sender: TelegramSender
) -> None:
    await due_once(app, clock)
    fake.migrate_chat(GROUP, NEW_SUPERGROUP)
    report = await dispatcher(app, sender, clock).run_once()
    assert report.sent == 1
    assert len(fake.sent_messages(NEW_SUPERGROUP)) == 1 and fake.sent_messages(GROUP) == []
    async with app.sessions() as session:
        ids = (await session.scalars(select(Chat.platform_chat_id))).all()
    assert str(NEW_SUPERGROUP) in ids and str(GROUP) not in ids
    # Commands from the supergroup now reach the same chat settings.
    settings = await ask(app, "/caidat", platform="telegram", chat_id=str(NEW_SUPERGROUP))
    assert "Đăng ký nhận nhắc: sự kiện" in settings


async def test_migration_onto_a_known_supergroup_merges_like_the_handler(
    app: App, clock: FakeClock, fake: FakeTelegramServer, sender: TelegramSender
) -> None:
    # The supergroup already has a row (someone typed a command there): the dispatcher used to
    # leave both rows, the old one still under the group's id; now one policy merges them.
    await due_once(app, clock)
    known = await ask(app, "/caidat gio 09:00", platform="telegram", chat_id=str(NEW_SUPERGROUP))
    assert known.startswith("Nhắc việc sẽ được gửi lúc 09:00")
    fake.migrate_chat(GROUP, NEW_SUPERGROUP)

    report = await dispatcher(app, sender, clock).run_once()

    assert report.sent == 1 and len(fake.sent_messages(NEW_SUPERGROUP)) == 1
    async with app.sessions() as session:
        ids = (await session.scalars(select(Chat.platform_chat_id))).all()
    assert ids.count(str(NEW_SUPERGROUP)) == 1 and str(GROUP) not in ids
    settings = await ask(app, "/caidat", platform="telegram", chat_id=str(NEW_SUPERGROUP))
    assert "Đăng ký nhận nhắc: sự kiện" in settings


async def test_scheduler_builds_jobs_catches_up_and_resyncs(app: App, clock: FakeClock) -> None:
    await due_once(app, clock)
    await subscribe(app, chat_id="-5005", kinds="tuan")
    assert "10:15" in await ask(app, "/caidat gio 10:15", platform="telegram", chat_id="-5005")
    recording = RecordingSender()
    d = clocked_dispatcher(app.sessions, recording, clock, instance="sched")
    scheduler = ReminderScheduler(d, app.sessions, timezone="Asia/Ho_Chi_Minh")
    await scheduler.start()
    try:
        assert scheduler.job_ids() == [
            "catchup",
            "custom",
            "lapsed",
            "remind:Asia/Ho_Chi_Minh:08:00",
            "remind:Asia/Ho_Chi_Minh:10:15",
            "resync",
            "statistics",
            "sweep",
        ]
        for _ in range(200):  # let the event loop run the catch-up job; no time passes
            if recording.sent:
                break
            await asyncio.sleep(0)
        await scheduler.idle()
        assert recording.titles(GPMN) == [f"Sắp đến: {GPMN}, thống nhất đất nước"]
        assert "10:15" not in await ask(
            app, "/caidat gio 07:30", platform="telegram", chat_id="-5005"
        )
        await scheduler.resync()
        assert "remind:Asia/Ho_Chi_Minh:07:30" in scheduler.job_ids()
        assert "remind:Asia/Ho_Chi_Minh:10:15" not in scheduler.job_ids()
    finally:
        await scheduler.stop()
    assert scheduler.job_ids() == []
    assert await deliveries(app, status="claimed") == []
