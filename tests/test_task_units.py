"""One task unit by unit, "chưa báo cáo" counted per unit, and nudging those that never reported."""

from __future__ import annotations

from collections import Counter

from bot.app import App
from tests.chat import ask, ask_reply
from tests.clock import FakeClock, vn_time
from tests.reminding import RecordingSender, make_dispatcher

OFFICE = "-1001"
REPORTING = {"P-DAIKIM": "-3001", "P-GIAPBAT": "-3002"}
SILENT = {"P-YENSO": "-3003", "P-TANMAI": "-3004"}


async def link(app: App) -> None:
    """Groups of four responsible wards; two of them report on NV2023-01."""
    for code, chat in {**REPORTING, **SILENT}.items():
        assert "Đã gắn" in await ask(
            app, f"/caidat donvi {code}", platform="telegram", chat_id=chat
        )
    for chat in REPORTING.values():
        text = await ask(
            app, "/capnhat NV2023-01 60% đã phát động", platform="telegram", chat_id=chat
        )
        assert "Đã cập nhật" in text, text


async def test_progress_counts_units_that_never_reported(app: App, clock: FakeClock) -> None:
    clock.set(vn_time(2023, 6, 1))
    before = await ask(app, "/tiendo HM")
    assert "Đơn vị được giao nhiệm vụ: 19 — đã báo cáo 0, chưa báo cáo 19" in before
    await link(app)
    after = await ask(app, "/tiendo HM")
    assert "Đơn vị được giao nhiệm vụ: 19 — đã báo cáo 2, chưa báo cáo 17" in after
    ward = await ask(app, "/tiendo P-YENSO")
    assert "Đơn vị được giao nhiệm vụ: 1 — đã báo cáo 0, chưa báo cáo 1" in ward


async def test_one_task_unit_by_unit(app: App, clock: FakeClock) -> None:
    clock.set(vn_time(2023, 6, 1))
    await link(app)
    shown = await ask_reply(app, "/nhiemvu NV2023-01", platform="telegram", chat_id=OFFICE)
    assert shown.title and shown.title.startswith("Nhiệm vụ NV2023-01: Đổi mới nội dung")
    assert "đã báo cáo 2, chưa báo cáo 16." in shown.text
    assert "• Phường Đại Kim — 60% — Người thử, 08:00 01/06/2023: đã phát động" in shown.text
    assert "Chưa báo cáo lần nào (16):" in shown.text
    assert [[b.command for b in row] for row in shown.buttons] == [["/nhacbaocao NV2023-01"]]
    in_ward = await ask_reply(app, "/nhiemvu NV2023-01", platform="telegram", chat_id="-3003")
    assert in_ward.buttons == [], "the nudge button belongs to the office's chats"
    missing = await ask(app, "/nhiemvu NV9999")
    assert missing.startswith("Không có nhiệm vụ mã 'NV9999'.")


async def test_nudge_goes_once_to_the_units_that_never_reported(app: App, clock: FakeClock) -> None:
    clock.set(vn_time(2023, 6, 1))
    await link(app)
    refused = await ask_reply(
        app,
        "/nhacbaocao NV2023-01",
        platform="telegram",
        chat_id="-3003",
        user_id="55",
        admin=False,
    )
    assert refused.refused
    done = await ask(app, "/nhacbaocao NV2023-01", platform="telegram", chat_id=OFFICE)
    assert done.startswith("Đã nhắc 16 đơn vị chưa báo cáo NV2023-01")
    again = await ask(app, "/nhacbaocao NV2023-01", platform="telegram", chat_id=OFFICE)
    assert "đã được nhắc lúc 08:00 thứ Năm, 01/06/2023; mỗi ngày nhắc một lần." in again
    sender = RecordingSender()
    clock.set(vn_time(2023, 6, 1, 8, 2))
    await make_dispatcher(app, sender, clock).run_once()
    nudged = Counter(chat for chat, reply in sender.sent if "NV2023-01" in (reply.title or ""))
    assert nudged == Counter(SILENT.values())
    message = next(r for c, r in sender.sent if c == SILENT["P-YENSO"])
    assert message.text.startswith("Phường Yên Sở chưa báo cáo tiến độ nhiệm vụ NV2023-01")
    restarted = RecordingSender()
    await make_dispatcher(app, restarted, clock, instance="d2").run_once()
    assert [c for c, r in restarted.sent if "NV2023-01" in (r.title or "")] == []


async def test_nobody_reachable_and_closed_years_are_not_nudged(app: App, clock: FakeClock) -> None:
    clock.set(vn_time(2023, 6, 1))
    unreachable = await ask(app, "/nhacbaocao NV2023-01", platform="telegram", chat_id=OFFICE)
    assert unreachable.startswith("Chưa nhắc được ai về NV2023-01: chưa có nhóm nào gắn"), (
        unreachable
    )
    clock.set(vn_time(2024, 2, 1))
    await link(app)
    assert (await ask(app, "/khoanam 2023")).startswith("Đã khóa năm 2023")
    shown = await ask_reply(app, "/nhiemvu NV2023-01", platform="telegram", chat_id=OFFICE)
    assert "Năm 2023 đã khóa ngày 01/02/2024" in shown.text
    assert "quá hạn" not in shown.text and "/nhacbaocao" not in shown.text
    assert shown.buttons == []
    assert "Hạn: Chủ nhật, 31/12/2023 (giả định; " in shown.text
    names = shown.text.split("Chưa báo cáo lần nào (16):\n", 1)[1].split("\n", 1)[0]
    assert names.index("Phường Định Công") < names.index("Phường Yên Sở"), names
    refused = await ask(app, "/nhacbaocao NV2023-01", platform="telegram", chat_id=OFFICE)
    assert refused.startswith("Năm 2023 đã khóa nên không nhắc báo cáo nhiệm vụ NV2023-01")
