"""Reminder test helpers: a recording sender, a clocked dispatcher, subscribing, delivery rows."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import deque

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import App
from bot.core.messages import Reply
from jobs.dispatcher import Dispatcher, DispatchReport
from storage.models import Delivery
from tests.chat import ask
from tests.clock import FakeClock, vn_time
from tests.dispatching import clocked_dispatcher

GROUP = "-1001"


class RecordingSender:
    """An in-memory sender: records what it sends, or raises the failures queued for it."""

    platform = "telegram"

    def __init__(self) -> None:
        self.sent: list[tuple[str, Reply]] = []
        self.topics: list[str | None] = []
        self.failures: deque[BaseException] = deque()

    async def send(self, chat_id: str, reply: Reply, *, thread_id: str | None = None) -> str:
        """Yield once, as a network call would, then record or fail."""
        await asyncio.sleep(0)
        if self.failures:
            raise self.failures.popleft()
        self.sent.append((chat_id, reply))
        self.topics.append(thread_id)
        return str(len(self.sent))

    def titles(self, containing: str = "") -> list[str]:
        """Titles of the sent replies that contain `containing`."""
        return [r.title or "" for _, r in self.sent if containing in (r.title or "")]


def make_dispatcher(
    app: App,
    sender: RecordingSender,
    clock: FakeClock,
    *,
    instance: str = "d1",
    sessions: async_sessionmaker[AsyncSession] | None = None,
) -> Dispatcher:
    """A dispatcher on the app's database with the fake clock and no real sleeping."""
    return clocked_dispatcher(
        sessions or app.sessions,
        sender,
        clock,
        instance=instance,
    )


async def subscribe(
    app: App, *, chat_id: str = GROUP, kinds: str = "", unit: str | None = None
) -> str:
    """Link the chat to a unit (optional) and subscribe it through the real commands."""
    if unit:
        assert "Đã gắn" in await ask(
            app, f"/caidat donvi {unit}", platform="telegram", chat_id=chat_id
        )
    text = await ask(app, f"/dangky {kinds}".strip(), platform="telegram", chat_id=chat_id)
    assert "Đã đăng ký nhận nhắc" in text, text
    return text


async def settle(app: App, clock: FakeClock, when: dt.datetime) -> None:
    """Deliver everything due before `when` with a throwaway dispatcher, so tests see one time."""
    await run_at(make_dispatcher(app, RecordingSender(), clock, instance="settle"), clock, when)


async def subscribed_before_gpmn(app: App, clock: FakeClock, chat_id: str = GROUP) -> None:
    """The group subscribed to commemorations, everything due before ONLY_GPMN delivered."""
    await subscribe(app, chat_id=chat_id, kinds="sukien")
    await settle(app, clock, ONLY_GPMN - dt.timedelta(minutes=1))


async def run_at(d: Dispatcher, clock: FakeClock, when: dt.datetime) -> DispatchReport:
    """Move the clock to `when` and run one pass."""
    clock.set(when)
    return await d.run_once()


async def deliveries(app: App, **where: object) -> list[Delivery]:
    """Delivery rows, optionally filtered by column values."""
    async with app.sessions() as session:
        stmt = select(Delivery).filter_by(**where).order_by(Delivery.id)
        return list((await session.scalars(stmt)).all())


def body(sender: RecordingSender, title: str) -> str:
    """The text of the one sent reply whose title contains `title`."""
    found = [r.text for _, r in sender.sent if title in (r.title or "")]
    assert len(found) == 1, (title, sender.titles())
    return found[0]


GPMN = "Ngày Giải phóng miền Nam"


ONLY_GPMN = vn_time(2027, 3, 31)
"""When only one reminder is due: Ngày Giải phóng miền Nam, 30 days ahead."""
