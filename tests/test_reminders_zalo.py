"""Reminders to Zalo chats through the real Zalo transport's sender, on the fake Zalo server."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from bot.app import App
from bot.zalo.client import utf16_len
from jobs.dispatcher import Dispatcher
from jobs.sender import Sender
from storage.models import Task, TaskUnit, Unit
from tests.chat import ask
from tests.clock import FakeClock, vn_time
from tests.dispatching import clocked_dispatcher
from tests.fakes.zalo_server import FakeZaloServer
from tests.reminding import GPMN, ONLY_GPMN, RecordingSender, deliveries
from tests.zalo_harness import ADMIN, BOT_NAME, GROUP, ZaloHarness, running_zalo


@pytest.fixture
async def fake() -> AsyncIterator[FakeZaloServer]:
    """The fake Zalo Bot API; empty polls end after 50 ms."""
    async with FakeZaloServer(max_poll_wait=0.05, account_name=BOT_NAME) as server:
        yield server


@pytest.fixture
async def zalo(app: App, fake: FakeZaloServer, clock: FakeClock) -> AsyncIterator[ZaloHarness]:
    """The bot receiving by long polling."""
    async with running_zalo(app, fake, clock) as harness:
        yield harness


# ----------------------------------------------------------------------------- reminders


async def test_a_reminder_reaches_a_zalo_group_exactly_once(
    zalo: ZaloHarness, app: App, fake: FakeZaloServer, clock: FakeClock
) -> None:
    subscribed = await zalo.ask(GROUP, ADMIN, f"@{BOT_NAME} /dangky sukien", group=True)
    assert "Đã đăng ký nhận nhắc" in subscribed
    # Everything due before the day of interest goes to a throwaway sender.
    clock.set(ONLY_GPMN - dt.timedelta(minutes=1))
    await reminder_dispatcher(app, RecordingSender(), clock, instance="settle").run_once()
    clock.set(ONLY_GPMN)
    fake.fail_next("sendMessage", 429, "Too Many Requests", retry_after=7)
    before = len(fake.sent)

    dispatcher = reminder_dispatcher(app, zalo.bot.sender, clock)
    first = await dispatcher.run_once()
    second = await dispatcher.run_once()

    assert (first.sent, second.sent) == (1, 0)
    [message] = fake.sent[before:]
    [row] = await deliveries(app, occasion_key="commemoration:GPMN", lead_days=30)
    assert message["chat_id"] == GROUP
    text = str(message["text"])
    assert text.startswith(f"Sắp đến: {GPMN}")
    assert text.endswith(f"\n\nGõ /danhan {row.id} để báo đã nhận")
    assert (row.status, row.platform_message_id, row.attempts) == (
        "sent",
        message["message_id"],
        2,
    )
    assert 7.0 in clock.slept


async def test_a_crowded_weekly_digest_still_arrives_as_one_zalo_message(
    zalo: ZaloHarness, app: App, fake: FakeZaloServer, clock: FakeClock
) -> None:
    # One message per reminder is what lets the deliveries table record it as sent once.
    clock.set(vn_time(2027, 2, 20))
    for command in ("/caidat donvi HM", "/dangky tuan"):
        assert "Đã" in await zalo.ask(GROUP, ADMIN, f"@{BOT_NAME} {command}", group=True)
    for day in range(1, 6):  # five long-named commemorations in the week of Monday 01/03/2027
        name = f"Ngày truyền thống số {day} " + "của lực lượng thi đua khen thưởng " * 5
        added = await ask(app, f"/themsukien {day:02d}/03/1990 {name.strip()}")
        assert "Đã thêm" in added, added
    monday = dt.date(2027, 3, 1)
    async with app.sessions() as session, session.begin():
        district = await session.scalar(select(Unit.id).where(Unit.code == "HM"))
        assert district is not None
        for i in range(40):
            task = Task(
                year=2027,
                code=f"NV2027-{i:02d}",
                title=f"Nhiệm vụ thi đua số {i}",
                deadline=monday + dt.timedelta(days=i % 7),
            )
            session.add(task)
            await session.flush()
            session.add(TaskUnit(task_id=task.id, unit_id=district))
    clock.set(vn_time(2027, 3, 1, 7, 59))
    await reminder_dispatcher(app, RecordingSender(), clock, instance="settle").run_once()
    clock.set(vn_time(2027, 3, 1, 11))  # three hours late: the late label is in it too
    before = len(fake.sent)

    report = await reminder_dispatcher(app, zalo.bot.sender, clock).run_once()

    assert (report.sent, report.late) == (1, 1)
    [message] = fake.sent[before:]
    text = str(message["text"])
    assert utf16_len(text) <= 2000
    assert text.startswith("Nhắc việc tuần 01/03/2027 – 07/03/2027\n(Gửi muộn")
    due = text.split("Đến hạn trong tuần:\n")[1].split("\nNhiệm vụ quá hạn:")[0].split("\n")
    listed = [line for line in due if line.startswith("• NV2027-")]
    assert 0 < len(listed) < 40
    assert due[-1] == f"… và {40 - len(listed)} nhiệm vụ đến hạn khác (xem /nhiemvu)."
    assert "Gõ /danhan" in text.splitlines()[-1]


def reminder_dispatcher(
    app: App, sender: Sender, clock: FakeClock, *, instance: str = "zalo"
) -> Dispatcher:
    """A dispatcher for Zalo chats that sleeps on the fake clock."""
    return clocked_dispatcher(app.sessions, sender, clock, instance=instance)
