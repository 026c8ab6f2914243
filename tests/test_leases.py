"""Claims as leases: renewed while their process lives, taken over soon after it dies."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt

from bot.app import App
from bot.core.messages import Reply
from jobs.dispatcher import Dispatcher
from jobs.lease import DEFAULT_LEASE
from jobs.scheduler import ReminderScheduler
from tests.clock import FakeClock
from tests.dispatching import clocked_dispatcher
from tests.reminding import (
    GPMN,
    ONLY_GPMN,
    RecordingSender,
    deliveries,
    subscribed_before_gpmn,
)

LEASE = DEFAULT_LEASE.total_seconds()
CHATS = ("-1001", "-1002", "-1003")


class DyingSender(RecordingSender):
    """The platform accepts the message to `dies_in`, then its process never gets further."""

    def __init__(self, dies_in: str) -> None:
        super().__init__()
        self.dies_in = dies_in
        self.accepted = asyncio.Event()

    async def send(self, chat_id: str, reply: Reply, *, thread_id: str | None = None) -> str:
        """Record like the platform would; hang (the process is gone) for the dying chat."""
        message_id = await super().send(chat_id, reply)
        if chat_id == self.dies_in:
            self.accepted.set()
            await asyncio.Event().wait()
        return message_id


async def start_dying_pass(
    app: App, clock: FakeClock, dies_in: str
) -> tuple[Dispatcher, DyingSender, asyncio.Task[object]]:
    """A pass whose send to `dies_in` is accepted by the platform and never marked."""
    for chat in CHATS:
        await subscribed_before_gpmn(app, clock, chat_id=chat)
    clock.set(ONLY_GPMN)
    sender = DyingSender(dies_in)
    # One chat at a time: the chats before the dying one are recorded, none after it claimed.
    dying = clocked_dispatcher(app.sessions, sender, clock, instance="dying", concurrency=1)
    task: asyncio.Task[object] = asyncio.create_task(dying.run_once())
    async with asyncio.timeout(5):
        await sender.accepted.wait()
    return dying, sender, task


async def kill(task: asyncio.Task[object]) -> None:
    """kill -9 as far as the database can tell: nothing more is written for the pass."""
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def test_a_kill_between_send_and_mark_resends_only_the_message_in_flight(
    app: App, clock: FakeClock
) -> None:
    dying, dying_sender, task = await start_dying_pass(app, clock, dies_in=CHATS[-1])
    await kill(task)
    assert sorted(chat for chat, _ in dying_sender.sent) == sorted(CHATS)
    assert dying.leases.held == 1
    claimed = await deliveries(app, status="claimed")
    assert [(r.claimed_by, r.lead_days) for r in claimed] == [("dying", 30)]

    survivor = RecordingSender()
    other = clocked_dispatcher(app.sessions, survivor, clock, instance="survivor")
    clock.advance(LEASE + 1)
    report = await other.run_once()
    # At-least-once in that window: the platform had accepted it, the record did not say so.
    assert (report.taken_over, report.sent) == (1, 1)
    assert [chat for chat, _ in survivor.sent] == [CHATS[-1]]
    assert survivor.titles(GPMN) != []
    resent = [chat for chat, _ in dying_sender.sent + survivor.sent]
    assert len(resent) - len(set(resent)) == 1
    assert await deliveries(app, status="claimed") == []


async def test_an_abandoned_claim_is_taken_over_one_lease_after_its_last_renewal(
    app: App, clock: FakeClock
) -> None:
    dying, _, task = await start_dying_pass(app, clock, dies_in=CHATS[-1])
    claimed_at = clock()
    survivor = RecordingSender()
    other = clocked_dispatcher(app.sessions, survivor, clock, instance="survivor")

    clock.set(claimed_at + dt.timedelta(seconds=LEASE * 2 / 3))
    assert await dying.leases.renew() == 1  # the live process's heartbeat
    renewed_at = clock()
    clock.set(claimed_at + dt.timedelta(seconds=LEASE + 5))
    report = await other.run_once()
    assert (report.taken_over, survivor.sent) == (0, []), "a renewed claim is respected"

    await kill(task)  # no more renewals
    clock.set(renewed_at + dt.timedelta(seconds=LEASE - 1))
    assert (await other.run_once()).taken_over == 0
    clock.set(renewed_at + dt.timedelta(seconds=LEASE + 1))
    assert (await other.run_once()).taken_over == 1
    assert [chat for chat, _ in survivor.sent] == [CHATS[-1]]


async def test_the_heartbeat_renews_claims_while_a_pass_runs(app: App, clock: FakeClock) -> None:
    for chat in CHATS[:1]:
        await subscribed_before_gpmn(app, clock, chat_id=chat)
    clock.set(ONLY_GPMN)
    beats: asyncio.Queue[None] = asyncio.Queue()
    calls = 0
    renewed = asyncio.Event()

    async def beat(seconds: float) -> None:
        nonlocal calls
        assert seconds == LEASE / 3
        calls += 1
        if calls == 2:  # the first beat's renewal is done
            renewed.set()
        await beats.get()

    sender = DyingSender("-1001")
    d = clocked_dispatcher(app.sessions, sender, clock, instance="alive", heartbeat_sleep=beat)
    task = asyncio.create_task(d.run_once())
    async with asyncio.timeout(5):
        await sender.accepted.wait()
        clock.advance(LEASE / 3)
        beats.put_nowait(None)
        await renewed.wait()
    row = (await deliveries(app, status="claimed"))[0]
    assert row.claimed_until == clock() + DEFAULT_LEASE
    await kill(task)


async def test_the_scheduler_takes_over_lapsed_claims_without_waiting_for_the_sweep(
    app: App, clock: FakeClock
) -> None:
    _, _, task = await start_dying_pass(app, clock, dies_in=CHATS[-1])
    await kill(task)
    survivor = RecordingSender()
    other = clocked_dispatcher(app.sessions, survivor, clock, instance="survivor")
    scheduler = ReminderScheduler(other, app.sessions, timezone="Asia/Ho_Chi_Minh")
    await scheduler.take_over_lapsed()
    assert survivor.sent == [], "nothing has lapsed yet"
    clock.advance(LEASE + 1)
    await scheduler.take_over_lapsed()
    await scheduler.idle()
    assert [chat for chat, _ in survivor.sent] == [CHATS[-1]]


async def test_a_claim_is_not_renewed_past_its_time_to_live(app: App, clock: FakeClock) -> None:
    dying, _, task = await start_dying_pass(app, clock, dies_in=CHATS[-1])
    ttl = dying.claim_ttl.total_seconds()
    clock.advance(ttl - 1)
    assert await dying.leases.renew() == 1
    clock.advance(2)
    assert await dying.leases.renew() == 0, "a send stuck this long is left to the others"
    assert dying.leases.held == 0
    await kill(task)
