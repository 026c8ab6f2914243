"""/nhac reminders end to end in the core and the dispatcher: set, list, send once, catch up,
cancel, move, snooze and done, mentions, topics, the chat's time zone and the jubilee lead."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.app import App
from bot.core.messages import Incoming, Reply, UserRef
from bot.zalo.render import reply_text
from jobs.scheduler import ReminderScheduler
from storage.models import Acknowledgement, Reminder
from tests.chat import ask
from tests.clock import FakeClock, vn_time
from tests.reminding import (
    RecordingSender,
    body,
    deliveries,
    make_dispatcher,
    run_at,
    subscribe,
)

CHAT = "-100500"


async def say(app: App, text: str, **kwargs: object) -> str:
    """The office administrator (9001) writes in the test group on Telegram."""
    return await ask(app, text, platform="telegram", chat_id=CHAT, **kwargs)


async def handle(app: App, text: str, **fields: object) -> Reply:
    """A message with extra Incoming fields (mentions, topic, chat type)."""
    values: dict[str, object] = {
        "platform": "telegram",
        "chat_id": CHAT,
        "user_id": "9001",
        "user_name": "Người thử",
        "chat_type": "group",
        "text": text,
    }
    reply = await app.core.handle(Incoming(**(values | fields)))  # type: ignore[arg-type]
    assert reply is not None
    return reply


async def rows(app: App) -> list[Reminder]:
    """Every reminder row, in code order."""
    async with app.sessions() as session:
        return list((await session.scalars(select(Reminder).order_by(Reminder.id))).all())


async def test_set_repeats_the_time_in_full_and_sends_once(app: App, clock: FakeClock) -> None:
    text = await say(app, "/nhac 05/12 9h Gửi báo cáo tổng kết năm")
    assert text.startswith("Sẽ nhắc lúc 09:00 thứ Bảy, 05/12/2026: Gửi báo cáo tổng kết năm")
    assert "Nhắc số 1." in text
    listed = await say(app, "/nhac")
    assert "• Số 1: 09:00 thứ Bảy, 05/12/2026 — Gửi báo cáo tổng kết năm" in listed
    sender = RecordingSender()
    d = make_dispatcher(app, sender, clock)
    assert (await run_at(d, clock, vn_time(2026, 12, 5, 8, 59))).sent == 0
    report = await run_at(d, clock, vn_time(2026, 12, 5, 9, 0))
    assert report.sent == 1
    [(chat_id, reply)] = sender.sent
    assert chat_id == CHAT
    assert reply.title == "Nhắc việc lúc 09:00 thứ Bảy, 05/12/2026"
    assert reply.text.startswith("Gửi báo cáo tổng kết năm\nĐặt bởi Người thử (nhắc số 1")
    [row] = await deliveries(app, kind="nhac")
    assert [b.command for b in reply.buttons[0]] == [
        f"/hoannhac {row.id} 1h",
        f"/hoannhac {row.id} sangmai",
        f"/xongnhac {row.id}",
    ]
    assert [b.text for b in reply.buttons[0]] == ["Nhắc lại sau 1 giờ", "Sáng mai", "Xong"]
    # A one-off reminder ends; another pass, or a restarted process, sends nothing more.
    assert (await run_at(d, clock, vn_time(2026, 12, 5, 9, 2))).sent == 0
    again = make_dispatcher(app, sender, clock, instance="restarted")
    assert (await run_at(again, clock, vn_time(2026, 12, 5, 9, 4))).sent == 0
    [stored] = await rows(app)
    assert (stored.active, stored.next_at) == (False, None)
    assert "Chưa có nhắc nào" in await say(app, "/nhac")


async def test_a_reminder_that_came_due_is_sent_before_the_next_sweep(
    app: App, clock: FakeClock
) -> None:
    clock.set(vn_time(2026, 12, 5, 8, 58))
    assert "Nhắc số 1." in await say(app, "/nhac 05/12 9h Họp giao ban")
    sender = RecordingSender()
    scheduler = ReminderScheduler(
        make_dispatcher(app, sender, clock), app.sessions, timezone="Asia/Ho_Chi_Minh"
    )
    # The scheduler runs this job every 15 s; here the fake clock stands in for the interval.
    await scheduler.send_came_due()
    clock.set(vn_time(2026, 12, 5, 8, 59))
    await scheduler.send_came_due()
    assert sender.sent == []
    clock.set(vn_time(2026, 12, 5, 9, 0))
    clock.advance(5)
    await scheduler.send_came_due()
    await scheduler.idle()
    assert [reply.text.splitlines()[0] for _, reply in sender.sent] == ["Họp giao ban"]
    # Nothing came due since: no further pass, nothing sent twice.
    clock.advance(15)
    await scheduler.send_came_due()
    await scheduler.idle()
    assert len(sender.sent) == 1


async def test_unreadable_times_get_examples_and_store_nothing(app: App) -> None:
    too_long = await say(app, "/nhac mai 9h " + "Họp " * 400)
    assert too_long.startswith("Nội dung nhắc dài quá 1.000 ký tự."), too_long[:80]
    for phrase, problem in [
        ("/nhac 5 họp", "'5' chưa rõ là giờ hay ngày"),
        ("/nhac 31/02 9h họp", "31/02"),
        ("/nhac 3h họp", "3h"),
        ("/nhac 9h", "Thiếu nội dung cần nhắc"),
    ]:
        text = await say(app, phrase)
        assert problem in text, (phrase, text)
        assert "Ví dụ" in text, (phrase, text)
    assert await rows(app) == []


async def test_weekly_reminder_moves_on_after_each_send(app: App, clock: FakeClock) -> None:
    text = await say(app, "/nhac 8h thứ 2 hằng tuần Giao ban đầu tuần")
    assert text.startswith("Sẽ nhắc hằng tuần vào thứ Hai, 08:00; lần đầu lúc 08:00 thứ Hai, 30/11")
    sender = RecordingSender()
    d = make_dispatcher(app, sender, clock)
    assert (await run_at(d, clock, vn_time(2026, 11, 30, 8, 0))).sent == 1
    assert (await run_at(d, clock, vn_time(2026, 11, 30, 8, 2))).sent == 0
    [row] = await rows(app)
    assert row.next_at == vn_time(2026, 12, 7, 8, 0)
    assert "Lặp lại: hằng tuần vào thứ Hai, 08:00." in body(sender, "30/11/2026")
    assert (await run_at(d, clock, vn_time(2026, 12, 7, 8, 0))).sent == 1


async def test_after_downtime_the_grace_rule_applies(app: App, clock: FakeClock) -> None:
    await say(app, "/nhac 8h hằng ngày Kiểm tra văn bản đến")
    sender = RecordingSender()
    d = make_dispatcher(app, sender, clock)
    # Down from before 28/11 08:00 until 01/12 09:00: two days are past the 24-hour grace.
    report = await run_at(d, clock, vn_time(2026, 12, 1, 9, 0))
    assert (report.sent, report.late, report.skipped) == (1, 1, 3)
    [(_, reply)] = sender.sent
    assert reply.text.startswith("(Gửi muộn do bot tạm ngừng hoạt động)")
    statuses = [(r.occurrence.day, r.status) for r in await deliveries(app, kind="nhac")]
    assert statuses == [(28, "skipped"), (29, "skipped"), (30, "skipped"), (1, "sent")]
    [row] = await rows(app)
    assert row.next_at == vn_time(2026, 12, 2, 8, 0)


async def test_a_platform_without_sender_keeps_the_reminder_due(app: App, clock: FakeClock) -> None:
    await say(app, "/nhac ngày mai 8 giờ Họp giao ban")
    dry = make_dispatcher(app, RecordingSender(), clock)
    clock.set(vn_time(2026, 11, 28, 8, 0))
    report = await dry.run_once(dry_run=True)
    assert any("Họp giao ban" in text for text in report.texts)
    zalo_only = make_dispatcher(app, RecordingSender(), clock)
    zalo_only.senders = {"zalo": zalo_only.senders["telegram"]}
    assert (await zalo_only.run_once()).no_sender == {"telegram"}
    [row] = await rows(app)
    assert row.active and row.next_at == vn_time(2026, 11, 28, 8, 0)
    sender = RecordingSender()
    assert (await run_at(make_dispatcher(app, sender, clock), clock, clock())).sent == 1


async def test_cancel_and_move(app: App, clock: FakeClock) -> None:
    await say(app, "/nhac ngày mai 8 giờ Họp giao ban")
    await say(app, "/nhac ngày mai 9 giờ Gửi số liệu")
    assert (await say(app, "/huynhac 1")).startswith("Đã hủy nhắc số 1: Họp giao ban")
    assert "không có nhắc số 1 đang chờ" in await say(app, "/huynhac 1")
    moved = await say(app, "/suanhac 2 thứ 6 tuần sau 14h")
    assert moved == "Đã đổi nhắc số 2. Sẽ nhắc lúc 14:00 thứ Sáu, 04/12/2026: Gửi số liệu"
    sender = RecordingSender()
    d = make_dispatcher(app, sender, clock)
    assert (await run_at(d, clock, vn_time(2026, 11, 28, 9, 0))).sent == 0
    assert (await run_at(d, clock, vn_time(2026, 12, 4, 14, 0))).sent == 1
    assert "Gửi số liệu" in sender.sent[0][1].text


async def test_in_a_group_only_reporters_set_and_only_author_or_admins_cancel(
    app: App,
) -> None:
    refused = await say(app, "/nhac mai 8h Họp", user_id="4242", admin=False)
    assert refused.startswith("Bạn chưa có quyền này")
    private = await ask(
        app,
        "/nhac mai 8h Họp riêng",
        platform="telegram",
        chat_id="4242",
        user_id="4242",
        admin=False,
        chat_type="private",
    )
    assert private.startswith("Sẽ nhắc lúc 08:00 thứ Bảy, 28/11/2026: Họp riêng")
    await say(app, "/nhac mai 8h Họp nhóm")
    other = await say(app, "/huynhac 1", user_id="4242", admin=False)
    assert other.startswith("Bạn chưa có quyền này")


async def test_snooze_and_done_buttons(app: App, clock: FakeClock) -> None:
    await say(app, "/nhac mai 8h Nộp hồ sơ khen thưởng")
    sender = RecordingSender()
    d = make_dispatcher(app, sender, clock)
    await run_at(d, clock, vn_time(2026, 11, 28, 8, 0))
    [snooze, tomorrow, done] = sender.sent[0][1].buttons[0]
    clock.set(vn_time(2026, 11, 28, 8, 5))
    reply = await handle(app, snooze.command)
    assert reply.notice == "Sẽ nhắc lại lúc 09:05 thứ Bảy, 28/11/2026 (nhắc số 2)."
    again = await handle(app, snooze.command)
    assert again.notice == "Đã hẹn nhắc lại lúc 09:05 thứ Bảy, 28/11/2026."
    assert (await run_at(d, clock, vn_time(2026, 11, 28, 9, 5))).sent == 1
    assert sender.sent[1][1].text.startswith("Nộp hồ sơ khen thưởng")
    # « Sáng mai » under the repeated one, then « Xong » cancels that pending repeat.
    [_, tomorrow2, done2] = sender.sent[1][1].buttons[0]
    assert (await handle(app, tomorrow2.command)).notice.startswith(  # type: ignore[union-attr]
        "Sẽ nhắc lại lúc 08:00 Chủ nhật, 29/11/2026"
    )
    finished = await handle(app, done2.command)
    assert "Đã xong: Người thử, lúc" in finished.text and not finished.buttons
    assert (await run_at(d, clock, vn_time(2026, 11, 29, 8, 0))).sent == 0
    async with app.sessions() as session:
        acks = (await session.scalars(select(Acknowledgement))).all()
    assert len(acks) == 1
    del tomorrow, done


async def test_mentions_and_topic_travel_with_the_reminder(app: App, clock: FakeClock) -> None:
    reply = await handle(
        app,
        "/nhac sau 2 tiếng Gửi báo cáo tuần @an",
        mentions=(UserRef("5002", "Trần Thị Bình"),),
        thread_id="42",
    )
    assert "Sẽ nhắc tên: Trần Thị Bình." in reply.text
    assert "Gửi vào chủ đề này (chủ đề số 42)." in reply.text
    assert "(chủ đề số 42) — Gửi báo cáo tuần @an" in await say(app, "/nhac")
    sender = RecordingSender()
    d = make_dispatcher(app, sender, clock)
    await run_at(d, clock, clock() + dt.timedelta(hours=2))
    [(_, sent)] = sender.sent
    assert sender.topics == ["42"]
    assert sent.mentions == (UserRef("5002", "Trần Thị Bình"),)
    assert "Gửi báo cáo tuần @an" in sent.text
    assert sent.plain().endswith("Người được nhắc: @Trần Thị Bình")


async def test_a_subscription_from_a_topic_is_sent_there(app: App, clock: FakeClock) -> None:
    reply = await handle(app, "/dangky sukien", thread_id="7")
    assert "Nhắc việc sẽ gửi vào chủ đề này (chủ đề số 7)." in reply.text
    assert "sự kiện (chủ đề số 7)" in (await handle(app, "/caidat")).text
    sender = RecordingSender()
    await run_at(make_dispatcher(app, sender, clock), clock, vn_time(2027, 3, 31))
    assert sender.sent and set(sender.topics) == {"7"}


async def test_upcoming_lists_custom_reminders(app: App) -> None:
    await say(app, "/nhac ngày 25 hằng tháng Tổng hợp số liệu")
    text = await say(app, "/nhacviec")
    assert "nhắc đặt bằng /nhac" in text
    assert "• 08:00 25/12/2026 — Nhắc số 1: Tổng hợp số liệu" in text


async def test_time_zone_setting(app: App, clock: FakeClock) -> None:
    await say(app, "/nhac 8h thứ 2 hằng tuần Giao ban")
    bad = await say(app, "/caidat muigio Asia/Hanoi")
    assert bad.startswith("Không có múi giờ 'Asia/Hanoi'. Viết tên múi giờ IANA")
    assert (await say(app, "/caidat muigio Factory")).startswith("Không có múi giờ 'Factory'")
    changed = await say(app, "/caidat muigio europe/berlin")
    assert changed.startswith("Múi giờ của nhóm này: Europe/Berlin, UTC+1.")
    assert "Múi giờ: Europe/Berlin, UTC+1\nGiờ gửi nhắc việc: 08:00" in await say(app, "/caidat")
    [row] = await rows(app)
    assert row.next_at is not None
    berlin = row.next_at.astimezone(dt.timezone(dt.timedelta(hours=1)))
    assert (berlin.hour, berlin.minute, berlin.weekday()) == (8, 0, 0)
    # 08:00 in Hà Nội is 02:00 in Berlin: 7h is still ahead there today.
    assert clock() == vn_time(2026, 11, 27, 8, 0)
    text = await say(app, "/nhac 7h Gọi điện")
    assert text.startswith("Sẽ nhắc lúc 07:00 thứ Sáu, 27/11/2026: Gọi điện")


async def test_jubilee_lead_setting(app: App, clock: FakeClock) -> None:
    assert "Nhắc sớm cho năm tròn, năm lẻ 5: trước 180 ngày" in await say(app, "/caidat")
    assert "trước 90 ngày" in await say(app, "/caidat namtron 90")
    assert "số ngày từ 0 đến 366" in await say(app, "/caidat namtron 400")
    await subscribe(app, chat_id=CHAT, kinds="sukien")
    sender = RecordingSender()
    await run_at(make_dispatcher(app, sender, clock), clock, vn_time(2028, 8, 27))
    assert "Còn 90 ngày." in body(sender, "Chuẩn bị kỷ niệm 25 năm")


async def test_on_zalo_the_buttons_are_typed_and_mentions_are_names(
    app: App, clock: FakeClock
) -> None:
    await handle(
        app,
        "/nhac sau 30 phút Nộp báo cáo",
        platform="zalo",
        mentions=(UserRef("8412345", "Lê Văn An"),),
    )
    sender = RecordingSender()
    sender.platform = "zalo"
    await run_at(make_dispatcher(app, sender, clock), clock, clock() + dt.timedelta(minutes=30))
    [(_, reply)] = sender.sent
    [row] = await deliveries(app, kind="nhac")
    text = reply_text(reply)
    assert "Người được nhắc: @Lê Văn An" in text
    assert f"Gõ /hoannhac {row.id} 1h để nhắc lại sau 1 giờ" in text
    assert f"Gõ /hoannhac {row.id} sangmai để nhắc lại vào sáng mai" in text
    assert f"Gõ /xongnhac {row.id} để báo đã xong" in text
