"""When reminders fall due: lead days, jubilees, the digest, lunar and leap dates, deadlines."""

from __future__ import annotations

import datetime as dt

from bot.app import App
from jobs.planner import LATE_LABEL
from tests.chat import ask
from tests.clock import FakeClock, vn_time
from tests.reminding import (
    GPMN,
    GROUP,
    RecordingSender,
    body,
    deliveries,
    make_dispatcher,
    run_at,
    settle,
    subscribe,
)


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
