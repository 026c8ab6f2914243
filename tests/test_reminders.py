"""Reminder planning and dispatch with an injected clock, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from collections import deque
from collections.abc import Mapping
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import App
from bot.core.messages import Reply
from bot.runtime import build_dispatcher
from jobs.cli import chat_name, parse_at, remind
from jobs.dispatcher import SUPERSEDED, Dispatcher, DispatchReport
from jobs.planner import LATE_LABEL
from jobs.sender import RateLimited, Sender, SendError
from storage.db import create_engine, session_factory
from storage.models import Acknowledgement, Chat, Delivery, Subscription
from tests.chat import ask, ask_reply
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


async def test_each_lead_day_of_a_commemoration(app: App, clock: FakeClock) -> None:
    await subscribe(app, kinds="sukien")
    sender = RecordingSender()
    d = make_dispatcher(app, sender, clock)
    expected = {
        vn_time(2027, 3, 31): ("Sắp đến: ", "Còn 30 ngày."),
        vn_time(2027, 4, 23): ("Sắp đến: ", "Còn 7 ngày."),
        vn_time(2027, 4, 29): ("Sắp đến: ", "Ngày mai."),
        vn_time(2027, 4, 30): ("Hôm nay: ", "Hôm nay."),
    }
    for when, (prefix, left) in expected.items():
        sender.sent.clear()
        await run_at(d, clock, when - dt.timedelta(minutes=1))
        assert sender.titles(GPMN) == [], "sent before its hour"
        await run_at(d, clock, when)
        text = body(sender, GPMN)
        assert sender.titles(GPMN) == [f"{prefix}{GPMN}, thống nhất đất nước"]
        assert left in text
        assert "Ngày: Thứ Sáu, 30/04/2027." in text
        assert "Kỷ niệm 52 năm." in text
        assert LATE_LABEL not in text
        # The reply carries the acknowledgement button for its delivery row.
        button = next(r for _, r in sender.sent if GPMN in (r.title or "")).buttons[0][0]
        assert button.text == "Đã nhận" and button.command.startswith("/danhan ")
    rows = await deliveries(app, occasion_key="commemoration:GPMN", status="sent")
    assert sorted(r.lead_days for r in rows) == [0, 1, 7, 30]
    assert all(r.occurrence == dt.date(2027, 4, 30) and r.platform_message_id for r in rows)
    # A day between leads sends nothing for the occasion.
    sender.sent.clear()
    await run_at(d, clock, vn_time(2027, 4, 24))
    assert sender.titles(GPMN) == []


async def test_extra_jubilee_reminder_180_days_ahead(app: App, clock: FakeClock) -> None:
    await subscribe(app, kinds="sukien")
    sender = RecordingSender()
    d = make_dispatcher(app, sender, clock)
    # 2027 is the 24th anniversary of Hoàng Mai: no extra reminder.
    await run_at(d, clock, vn_time(2027, 5, 29))
    assert sender.titles("Hoàng Mai") == []
    # 25/11/2028 is the 25th (năm lẻ 5): 180 days before (the default) is 29/05/2028.
    await run_at(d, clock, vn_time(2028, 5, 29))
    title = "Chuẩn bị kỷ niệm 25 năm (năm lẻ 5): Ngày thành lập quận Hoàng Mai"
    assert sender.titles("Hoàng Mai") == [title]
    text = body(sender, "Hoàng Mai")
    assert "Còn 180 ngày." in text
    assert "hồ sơ đề nghị khen thưởng (gửi bằng /dexuat, xem các hồ sơ: /hoso)" in text
    rows = await deliveries(app, occasion_key="jubilee:HM-THANHLAP")
    assert [(r.lead_days, r.occurrence, r.status) for r in rows] == [
        (180, dt.date(2028, 11, 25), "sent")
    ]


async def test_weekly_digest_on_mondays(app: App, clock: FakeClock) -> None:
    await subscribe(app, kinds="tuan", unit="P-DAIKIM")
    sender = RecordingSender()
    d = make_dispatcher(app, sender, clock)
    await run_at(d, clock, vn_time(2026, 12, 20))  # a Sunday
    assert sender.sent == []
    await run_at(d, clock, vn_time(2026, 12, 21))  # Monday
    assert sender.titles() == ["Nhắc việc tuần 21/12/2026 – 27/12/2026"]
    text = sender.sent[0][1].text
    assert "• Thứ Ba, 22/12/2026 — Ngày thành lập Quân đội nhân dân Việt Nam" in text
    assert "kỷ niệm 82 năm" in text
    overdue = text.split("Nhiệm vụ quá hạn:")[1]
    assert "• NV2023-03 — hạn 11/06/2023 — 0%" in overdue
    assert "Đến hạn trong tuần:\n• Không có." in text
    await run_at(d, clock, vn_time(2026, 12, 22))  # Tuesday: nothing new
    assert len(sender.sent) == 1
    rows = await deliveries(app, kind="tuan")
    # The digest of 14/12 was missed (the first pass ran on 20/12): recorded, never sent.
    assert [(r.occasion_key, r.occurrence, r.status) for r in rows] == [
        ("digest:2026-W51", dt.date(2026, 12, 14), "skipped"),
        ("digest:2026-W52", dt.date(2026, 12, 21), "sent"),
    ]


async def test_lunar_gio_to_in_a_year_with_a_leap_third_month(app: App, clock: FakeClock) -> None:
    clock.set(vn_time(2031, 3, 1))
    await subscribe(app, kinds="sukien")
    sender = RecordingSender()
    d = make_dispatcher(app, sender, clock)
    # 2031 has a leap 3rd month; Giỗ Tổ is observed in the regular one: 01/04/2031.
    await settle(app, clock, vn_time(2031, 3, 31))
    await run_at(d, clock, vn_time(2031, 4, 1))
    assert sender.titles("Giỗ Tổ") == ["Hôm nay: Giỗ Tổ Hùng Vương"]
    assert "Ngày: Thứ Ba, 01/04/2031 (10/03 âm lịch)." in body(sender, "Giỗ Tổ")
    sender.sent.clear()
    await run_at(d, clock, vn_time(2031, 4, 30))  # 10/03 nhuận: no second reminder
    assert sender.titles("Giỗ Tổ") == []


async def test_lunar_gio_to_after_a_leap_second_month(app: App, clock: FakeClock) -> None:
    clock.set(vn_time(2023, 3, 1))
    await subscribe(app, kinds="sukien")
    sender = RecordingSender()
    d = make_dispatcher(app, sender, clock)
    await run_at(d, clock, vn_time(2023, 4, 22))
    assert sender.titles("Giỗ Tổ") == ["Sắp đến: Giỗ Tổ Hùng Vương"]
    assert "29/04/2023 (10/03 âm lịch)" in body(sender, "Giỗ Tổ")


async def test_29_february_falls_on_28_february_in_common_years(app: App, clock: FakeClock) -> None:
    added = await ask(
        app, "/themsukien 29/02/2000 Ngày thử năm nhuận", platform="telegram", chat_id=GROUP
    )
    assert "Đã thêm sự kiện" in added
    await subscribe(app, kinds="sukien")
    sender = RecordingSender()
    d = make_dispatcher(app, sender, clock)
    await settle(app, clock, vn_time(2027, 2, 27))
    await run_at(d, clock, vn_time(2027, 2, 28))
    assert sender.titles("năm nhuận") == ["Hôm nay: Ngày thử năm nhuận"]
    assert "Ngày: Chủ nhật, 28/02/2027." in body(sender, "năm nhuận")
    sender.sent.clear()
    await settle(app, clock, vn_time(2028, 2, 28))
    await run_at(d, clock, vn_time(2028, 2, 29))
    assert sender.titles("năm nhuận") == ["Hôm nay: Ngày thử năm nhuận"]
    assert "Kỷ niệm 28 năm." in body(sender, "năm nhuận")
    rows = await deliveries(app, lead_days=0, status="sent")
    assert {r.occurrence for r in rows if "THU-NAM-NHUAN" in r.occasion_key} == {
        dt.date(2027, 2, 28),
        dt.date(2028, 2, 29),
    }


async def test_deadline_reminders_name_progress_and_who_updated(app: App, clock: FakeClock) -> None:
    clock.set(vn_time(2023, 11, 1))
    await subscribe(app, kinds="hanchot", unit="P-DAIKIM")
    update = await ask(
        app, "/capnhat NV2023-01 40% đã phát động", platform="telegram", chat_id=GROUP
    )
    assert "Đã cập nhật" in update
    await ask(app, "/capnhat NV2023-02 100%", platform="telegram", chat_id=GROUP)
    sender = RecordingSender()
    d = make_dispatcher(app, sender, clock)
    await run_at(d, clock, vn_time(2023, 12, 1))
    titles = sender.titles()
    assert "Sắp đến hạn nhiệm vụ NV2023-01" in titles
    assert "Sắp đến hạn nhiệm vụ NV2023-02" not in titles, "a finished task is not reminded"
    text = body(sender, "NV2023-01")
    assert "Hạn: Chủ nhật, 31/12/2023 (giả định) — còn 30 ngày." in text
    assert "Tiến độ của Phường Đại Kim: 40% — cập nhật lần cuối bởi Người thử" in text
    rows = await deliveries(app, kind="hanchot")
    assert {r.occasion_key for r in rows} >= {"task:NV2023-01:P-DAIKIM"}


async def test_acknowledgements_and_progress(app: App, clock: FakeClock) -> None:
    await subscribe(app, kinds="sukien", unit="P-DAIKIM")
    sender = RecordingSender()
    d = make_dispatcher(app, sender, clock)
    await run_at(d, clock, vn_time(2027, 4, 30))
    reply = next(r for _, r in sender.sent if GPMN in (r.title or ""))
    command = reply.buttons[0][0].command
    first = await ask_reply(app, command, platform="telegram", chat_id=GROUP, user_id="5")
    assert first.notice == "Đã ghi nhận: Người thử đã nhận nhắc việc cho Phường Đại Kim."
    again = await ask_reply(app, command, platform="telegram", chat_id=GROUP, user_id="5")
    assert again.notice is not None and again.notice.startswith("Bạn đã xác nhận")
    refused = await ask(app, command, admin=False, platform="telegram", chat_id=GROUP, user_id="6")
    assert refused.startswith(
        "Bạn chưa có quyền này: cần quyền người báo cáo của Phường Đại Kim (P-DAIKIM)"
    )
    assert "Đã cấp" in await ask(app, "/quyen them baocao P-DAIKIM telegram:6", platform="telegram")
    await ask_reply(app, command, admin=False, platform="telegram", chat_id=GROUP, user_id="6")
    elsewhere = await ask(app, command, platform="telegram", chat_id="-2002")
    assert "Không tìm thấy nhắc việc số" in elsewhere
    async with app.sessions() as session:
        acks = (await session.scalars(select(Acknowledgement))).all()
    assert sorted(a.user_id for a in acks) == ["5", "6"]
    progress = await ask(app, "/tiendo", platform="telegram", chat_id=GROUP)
    assert "Xác nhận nhắc việc gần nhất:" in progress
    assert f"• Hôm nay: {GPMN}" in progress
    assert "đã nhận 1/1 đơn vị — Phường Đại Kim" in progress


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


async def run_remind(app: App, senders: Mapping[str, Sender], **options: Any) -> int:
    """`thidua remind` as the CLI wires it, with these senders."""
    dispatcher = build_dispatcher(app, senders, instance="cli")
    return await remind(dispatcher, timezone=app.settings.bot_timezone, **options)


def test_dry_run_names_chats_in_words() -> None:
    assert chat_name("console:local") == "cuộc trò chuyện thử trên máy (thidua chat)"
    assert chat_name("zalo:abc") == "Zalo abc"


async def test_remind_twice_sends_once(app: App, clock: FakeClock) -> None:
    await subscribed_before_gpmn(app, clock)
    before = len(await deliveries(app))
    sender = RecordingSender()
    senders = {"telegram": sender}
    preview = io.StringIO()
    at = dt.datetime(2027, 3, 31, 8, 0)
    assert await run_remind(app, senders, at=at, dry_run=True, out=preview) == 0
    assert "Chạy thử lúc 08:00 31/03/2027: không gửi gì" in preview.getvalue()
    assert f"[sẽ gửi] Telegram {GROUP}: Sắp đến: {GPMN}" in preview.getvalue()
    assert "    Còn 30 ngày." in preview.getvalue()
    assert sender.sent == [] and len(await deliveries(app)) == before
    first = io.StringIO()
    assert await run_remind(app, senders, at=at, dry_run=False, out=first) == 0
    assert "đã gửi 1 (muộn: 0)" in first.getvalue()
    second = io.StringIO()
    assert await run_remind(app, senders, at=at, dry_run=False, out=second) == 0
    assert "đã gửi 0" in second.getvalue() and "đã xử lý từ trước 1" in second.getvalue()
    assert len(sender.sent) == 1


async def test_remind_says_which_platforms_it_cannot_send_to(app: App, clock: FakeClock) -> None:
    await subscribed_before_gpmn(app, clock)
    before = len(await deliveries(app))
    out = io.StringIO()
    assert await run_remind(app, {}, at=dt.datetime(2027, 3, 31, 8, 0), dry_run=False, out=out) == 1
    assert (
        "Chưa xét các nhóm Telegram: chưa đặt TELEGRAM_BOT_TOKEN, nên không gửi được gì cho họ."
        in out.getvalue()
    )
    assert "Không có nhắc việc nào cần gửi." not in out.getvalue()
    assert len(await deliveries(app)) == before


async def test_subscription_commands(app: App, clock: FakeClock) -> None:
    refused = await ask(
        app, "/dangky", admin=False, platform="telegram", chat_id=GROUP, user_id="6"
    )
    assert refused.startswith("Bạn chưa có quyền này: cần quyền quản trị chung.")
    private = await ask(
        app,
        "/subscribe sukien",
        admin=False,
        platform="telegram",
        chat_id="42",
        chat_type="private",
    )
    assert "Đã đăng ký nhận nhắc: sự kiện (sukien)." in private
    needs_unit = await ask(app, "/dangky hanchot", platform="telegram", chat_id=GROUP)
    assert "chưa gắn với đơn vị" in needs_unit and "/caidat donvi" in needs_unit
    everything = await ask(app, "/dangky", platform="telegram", chat_id=GROUP)
    assert "sự kiện (sukien), tổng hợp tuần (tuan)" in everything
    assert "chưa gắn với đơn vị" in everything
    bad = await ask(app, "/dangky thang", platform="telegram", chat_id=GROUP)
    assert "Không có loại nhắc 'thang'" in bad
    upcoming = await ask(app, "/nhacviec", platform="telegram", chat_id=GROUP)
    assert upcoming.startswith("Nhắc việc 30 ngày tới")
    assert "• 08:00 30/11/2026 — Tổng hợp tuần 30/11/2026 – 06/12/2026" in upcoming
    assert (
        "• 08:00 15/12/2026 — Nhắc sự kiện: Ngày thành lập Quân đội nhân dân Việt Nam "
        "(22/12/2026), trước 7 ngày" in upcoming
    )
    stopped = await ask(app, "/huydangky tuan", platform="telegram", chat_id=GROUP)
    assert stopped == "Đã hủy đăng ký nhắc: tổng hợp tuần (tuan). Đăng ký lại: /dangky."
    assert "Tổng hợp tuần" not in await ask(app, "/reminders", platform="telegram", chat_id=GROUP)
    async with app.sessions() as session:
        kinds = await session.scalars(
            select(Subscription.kind)
            .join(Chat, Chat.id == Subscription.chat_id)
            .where(Chat.platform_chat_id == GROUP, Subscription.active)
        )
        assert list(kinds) == ["sukien"]
        count = await session.scalar(select(func.count()).select_from(Subscription))
        assert count == 3


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


def test_remind_at_must_be_a_year_the_bot_plans_for() -> None:
    assert parse_at("2027-03-01 08:00", "Asia/Ho_Chi_Minh") == vn_time(2027, 3, 1)
    with pytest.raises(
        ValueError, match=r"^Năm của thời điểm phải từ 1945 đến 2100 \(nhận được 9999\)"
    ):
        parse_at("9999-12-31 23:59", "Asia/Ho_Chi_Minh")
    with pytest.raises(ValueError, match=r"^Không có thời điểm '2026-13-01 09:00': tháng 1–12"):
        parse_at("2026-13-01 09:00", "Asia/Ho_Chi_Minh")
    with pytest.raises(ValueError, match=r"^Thời điểm 'mai' phải viết dạng"):
        parse_at("mai", "Asia/Ho_Chi_Minh")


async def test_linking_a_unit_after_subscribing_says_how_to_get_deadlines(app: App) -> None:
    await subscribe(app)  # no unit yet: events and the digest only
    linked = await ask(app, "/caidat donvi P-DAIKIM", platform="telegram", chat_id=GROUP)
    assert linked.endswith("\nĐể nhận nhắc hạn chót nhiệm vụ của đơn vị này: /dangky hanchot")
    await ask(app, "/dangky hanchot", platform="telegram", chat_id=GROUP)
    again = await ask(app, "/caidat donvi P-DAIKIM", platform="telegram", chat_id=GROUP)
    assert "hạn chót" not in again
