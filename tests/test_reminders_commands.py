"""Reminder commands in chat and on the command line: subscribing, acknowledging, thidua remind."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.app import App
from bot.runtime import build_dispatcher
from jobs.cli import chat_name, parse_at, remind
from jobs.sender import Sender
from storage.models import Acknowledgement, Chat, Subscription
from tests.chat import ask, ask_reply
from tests.clock import FakeClock, vn_time
from tests.reminding import (
    GPMN,
    GROUP,
    RecordingSender,
    deliveries,
    make_dispatcher,
    run_at,
    subscribe,
    subscribed_before_gpmn,
)


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


async def test_linking_a_unit_after_subscribing_says_how_to_get_deadlines(app: App) -> None:
    await subscribe(app)  # no unit yet: events and the digest only
    linked = await ask(app, "/caidat donvi P-DAIKIM", platform="telegram", chat_id=GROUP)
    assert linked.endswith("\nĐể nhận nhắc hạn chót nhiệm vụ của đơn vị này: /dangky hanchot")
    await ask(app, "/dangky hanchot", platform="telegram", chat_id=GROUP)
    again = await ask(app, "/caidat donvi P-DAIKIM", platform="telegram", chat_id=GROUP)
    assert "hạn chót" not in again


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
