"""Sending each due reminder once: catch-up after downtime, rival dispatchers, claims, stopping."""

from __future__ import annotations

import asyncio

from bot.app import App
from bot.core.messages import Reply
from jobs.dispatcher import SUPERSEDED, Dispatcher
from jobs.planner import LATE_LABEL
from jobs.sender import RateLimited, SendError
from storage.db import create_engine, session_factory
from tests.chat import ask
from tests.clock import FakeClock, vn_time
from tests.reminding import (
    GPMN,
    GROUP,
    ONLY_GPMN,
    RecordingSender,
    body,
    deliveries,
    make_dispatcher,
    run_at,
    subscribe,
    subscribed_before_gpmn,
)


async def test_downtime_catch_up_inside_and_outside_grace(app: App, clock: FakeClock) -> None:
    await subscribe(app, kinds="sukien")
    sender = RecordingSender()
    d = make_dispatcher(app, sender, clock)
    # Down from before 23/04 until the evening of 29/04: the lead-7 reminder is 6 days old.
    report = await run_at(d, clock, vn_time(2027, 4, 29, 20))
    assert sender.titles(GPMN) == [f"Sắp đến: {GPMN}, thống nhất đất nước"]
    assert body(sender, GPMN).startswith(LATE_LABEL)
    assert report.late >= 1
    rows = {r.lead_days: r for r in await deliveries(app, occasion_key="commemoration:GPMN")}
    assert rows[1].status == "sent" and rows[1].late
    assert rows[7].status == "skipped" and rows[7].sent_at is None
    # Running again sends nothing: every reminder has its row.
    count = len(sender.sent)
    again = await d.run_once()
    assert (again.sent, again.skipped, len(sender.sent)) == (0, 0, count)
    assert again.already_done > 0


async def test_two_dispatchers_send_each_reminder_once(
    app: App, clock: FakeClock, db_url: str
) -> None:
    for n in range(12):
        await subscribe(app, chat_id=f"-{3000 + n}", kinds="sukien")
    clock.set(vn_time(2027, 4, 30))
    engine = create_engine(db_url)
    try:
        first, second = RecordingSender(), RecordingSender()
        d1 = make_dispatcher(app, first, clock, instance="p1")
        d2 = make_dispatcher(app, second, clock, instance="p2", sessions=session_factory(engine))
        expected = len((await d1.run_once(dry_run=True)).texts)
        r1, r2 = await asyncio.gather(d1.run_once(), d2.run_once())
    finally:
        await engine.dispose()
    # 12 chats x (GPMN today, ĐBP in 7 days); yesterday's "GPMN tomorrow", due in the same pass
    # after the downtime, is superseded by today's and recorded skipped.
    assert expected == 24
    sent = [(chat, reply.title) for chat, reply in first.sent + second.sent]
    assert len(sent) == len(set(sent)) == expected
    assert r1.sent + r2.sent == expected
    assert r1.skipped + r2.skipped == len(await deliveries(app, status="skipped"))
    superseded = await deliveries(app, occasion_key="commemoration:GPMN", lead_days=1)
    assert {(r.status, r.error) for r in superseded} == {("skipped", SUPERSEDED)}
    assert len(superseded) == 12
    assert await deliveries(app, status="claimed") == []
    rows = await deliveries(app, status="sent")
    assert len(rows) == expected and {r.claimed_by for r in rows} <= {"p1", "p2"}


async def test_killed_between_claim_and_send(app: App, clock: FakeClock) -> None:
    await subscribed_before_gpmn(app, clock)
    clock.set(ONLY_GPMN)
    dying = RecordingSender()
    dying.failures.append(asyncio.CancelledError())
    d1 = make_dispatcher(app, dying, clock, instance="dead")
    await d1.run_once()
    claimed = await deliveries(app, status="claimed")
    assert [(r.claimed_by, r.occasion_key) for r in claimed] == [("dead", "commemoration:GPMN")]
    survivor = RecordingSender()
    d2 = make_dispatcher(app, survivor, clock, instance="alive")
    report = await d2.run_once()
    assert survivor.sent == [] and report.already_done == 1, "a live claim is respected"
    clock.advance(5 * 60 + 1)
    report = await d2.run_once()
    assert report.taken_over == 1 and survivor.titles(GPMN) != []
    assert len(survivor.sent) == 1
    row = (await deliveries(app, occasion_key="commemoration:GPMN", lead_days=30))[0]
    assert (row.status, row.claimed_by, row.late) == ("sent", "alive", False)
    await d2.run_once()
    assert len(survivor.sent) == 1


async def test_release_claims_lets_another_process_send_at_once(app: App, clock: FakeClock) -> None:
    await subscribed_before_gpmn(app, clock)
    clock.set(ONLY_GPMN)
    stopping = RecordingSender()
    stopping.failures.append(asyncio.CancelledError())
    d1 = make_dispatcher(app, stopping, clock, instance="old")
    await d1.run_once()
    assert await d1.release_claims() == 1
    other = RecordingSender()
    report = await make_dispatcher(app, other, clock, instance="new").run_once()
    assert report.taken_over == 1 and len(other.sent) == 1


async def test_failures_end_as_recorded_statuses(app: App, clock: FakeClock) -> None:
    await subscribed_before_gpmn(app, clock)
    clock.set(ONLY_GPMN)
    sender = RecordingSender()
    sender.failures.extend([SendError("boom")])
    report = await make_dispatcher(app, sender, clock).run_once()
    assert report.failed == 1 and report.sent == 0
    rows = await deliveries(app, occasion_key="commemoration:GPMN")
    assert [(r.status, r.error, r.lead_days) for r in rows] == [("failed", "SendError: boom", 30)]


def stopped_during_send(app: App, clock: FakeClock) -> Dispatcher:
    """A dispatcher told to stop while the platform answers 429 to the send in flight."""

    class StoppedDuringSend(RecordingSender):
        async def send(self, chat_id: str, reply: Reply, *, thread_id: str | None = None) -> str:
            dispatcher.request_stop()
            raise RateLimited(retry_after=600)

    dispatcher = make_dispatcher(app, StoppedDuringSend(), clock)
    return dispatcher


async def test_stopping_releases_a_rate_limited_send_instead_of_waiting(
    app: App, clock: FakeClock
) -> None:
    await subscribed_before_gpmn(app, clock)
    d = stopped_during_send(app, clock)
    report = await run_at(d, clock, ONLY_GPMN)
    assert (report.sent, report.failed, report.held) == (0, 0, 1)
    assert clock.slept == []  # no 600 s wait during shutdown
    assert await d.release_claims() == 1
    [row] = await deliveries(app, occasion_key="commemoration:GPMN", lead_days=30)
    assert row.status == "claimed" and row.claimed_until is not None
    assert row.claimed_until < clock()
    # The next process takes the released claim over and sends it once.
    sender = RecordingSender()
    report = await run_at(make_dispatcher(app, sender, clock, instance="d2"), clock, ONLY_GPMN)
    assert (report.sent, report.taken_over) == (1, 1)
    assert len(sender.sent) == 1


async def test_an_expired_claim_ends_failed_after_the_chat_unsubscribes_from_everything(
    app: App, clock: FakeClock
) -> None:
    await subscribed_before_gpmn(app, clock)
    d = stopped_during_send(app, clock)
    await run_at(d, clock, ONLY_GPMN)
    assert await d.release_claims() == 1
    text = await ask(app, "/huydangky", platform="telegram", chat_id=GROUP)
    assert "Đã hủy" in text, text

    sender = RecordingSender()
    await run_at(make_dispatcher(app, sender, clock, instance="d2"), clock, ONLY_GPMN)

    [row] = await deliveries(app, occasion_key="commemoration:GPMN", lead_days=30)
    assert (row.status, row.error) == ("failed", "claim expired and the reminder is no longer due")
    assert sender.sent == []
