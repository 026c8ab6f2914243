"""The office's year: tasks typed in chat, closing a year, assumed deadlines, this year first."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from bot.app import App, seed
from bot.domain.codes import event_code, next_task_code
from bot.domain.reminder_chats import ChatPlan
from bot.domain.reminder_texts import digest_text
from jobs.planner import load_snapshot
from storage.models import AuditEntry, Task, TaskProgressHistory, TaskUnit
from tests.chat import ask


def test_task_codes_follow_the_years_highest_number() -> None:
    assert next_task_code(2026, []) == "NV2026-01"
    assert (
        next_task_code(2026, ["NV2026-01", "NV2026-06", "NV2025-09", "NV2026-T03"]) == "NV2026-07"
    )
    assert next_task_code(2026, ["nv2026-10"]) == "NV2026-11"


def test_event_codes_are_whole_words_short_and_unique() -> None:
    taken = {"THANH-LAP-DOAN-TNCS"}
    code = event_code("Ngày thành lập Đoàn TNCS Hồ Chí Minh", taken.__contains__)
    assert code == "THANH-LAP-DOAN-TNCS-2"
    assert event_code("Ngày Nhà giáo Việt Nam", lambda c: False) == "NHA-GIAO-VIET-NAM"
    assert event_code("Hạn nộp hồ sơ đề nghị khen thưởng", lambda c: False) == "HAN-NOP-HO-SO-DE"
    whole = {"THANH", "LAP", "DOAN", "TNCS", "HO", "CHI", "MINH", "THUONG", "BINH", "LIET", "SI"}
    for title in ("Ngày thành lập Đoàn TNCS Hồ Chí Minh", "Kỷ niệm ngày thương binh liệt sĩ"):
        assert set(event_code(title, lambda c: False).split("-")) <= whole


async def test_a_task_typed_in_chat_gets_the_next_code(app: App) -> None:
    first = await ask(app, "/themnhiemvu 15/12/2026 Tổng kết phong trào thi đua P-DAIKIM P-GIAPBAT")
    assert first.startswith("Đã thêm nhiệm vụ NV2026-01 — Tổng kết phong trào thi đua.")
    assert "Hạn: thứ Ba, 15/12/2026." in first or "Hạn: Thứ Ba, 15/12/2026." in first
    assert "Phường Đại Kim (P-DAIKIM)" in first and "(2 đơn vị)" in first
    second = await ask(app, "/themnhiemvu 20/12/2026 Gửi báo cáo HM nhanh")
    assert second.startswith("Đã thêm nhiệm vụ NV2026-02 — Gửi báo cáo HM nhanh.")
    async with app.sessions() as session:
        task = (await session.scalars(select(Task).where(Task.code == "NV2026-02"))).one()
        count = len(
            (await session.scalars(select(TaskUnit).where(TaskUnit.task_id == task.id))).all()
        )
        audit = (await session.scalars(select(AuditEntry).where(AuditEntry.entity == "task"))).all()
    assert count > 2, "no codes: the top unit and the units directly below it"
    assert [a.entity_key for a in audit] == ["NV2026-01", "NV2026-02"]
    listed = await ask(app, "/nhiemvu")
    assert "Nhiệm vụ thi đua năm 2026 (2 nhiệm vụ)" in listed
    progress = await ask(app, "/capnhat NV2026-01 40%", chat_id="g1")
    assert "chưa gắn với đơn vị" in progress


async def test_a_task_is_edited_from_chat(app: App) -> None:
    await ask(app, "/themnhiemvu 15/12/2026 Tổng kết P-DAIKIM")
    moved = await ask(app, "/suanhiemvu NV2026-01 han 20/12/2026")
    assert moved == "Đã đổi hạn NV2026-01: 15/12/2026 → Chủ nhật, 20/12/2026." or moved.startswith(
        "Đã đổi hạn NV2026-01: 15/12/2026 → "
    )
    renamed = await ask(app, "/suanhiemvu nv2026-01 ten Tổng kết năm 2026")
    assert renamed == "Đã đổi tên NV2026-01: Tổng kết năm 2026."
    units = await ask(app, "/suanhiemvu NV2026-01 donvi +P-GIAPBAT")
    assert "Phường Giáp Bát (P-GIAPBAT)" in units and "(2 đơn vị)" in units
    units = await ask(app, "/suanhiemvu NV2026-01 donvi -P-DAIKIM")
    assert "(1 đơn vị)" in units and "P-DAIKIM" not in units
    wrong = await ask(app, "/suanhiemvu NV2026-01 donvi P-KHONGCO")
    assert wrong.startswith("Không có đơn vị mã 'P-KHONGCO'.")
    bad = await ask(app, "/suanhiemvu NV2026-01 mau xanh")
    assert bad.startswith("Không sửa được 'mau': chỉ sửa han, ten hoặc donvi.")


async def test_assumed_deadlines_are_labelled(app: App) -> None:
    listed = await ask(app, "/nhiemvu 2023")
    assert "• NV2023-01 — " in listed
    assert "Hạn: 31/12/2023 (giả định)" in listed
    assert "Hạn: 11/06/2023 ·" in listed, "a deadline the source gives is not labelled"
    fixed = await ask(app, "/suanhiemvu NV2023-01 han 30/12/2023")
    assert fixed.startswith("Đã đổi hạn NV2023-01: 31/12/2023 (giả định) → ")
    assert "Hạn: 30/12/2023 ·" in await ask(app, "/nhiemvu 2023")


async def test_closing_a_year_reports_once_then_quiet(app: App) -> None:
    before = await ask(app, "/tiendo")
    assert "NV2023-01" in before
    closed = await ask(app, "/khoanam 2023")
    assert closed.startswith("Đã khóa năm 2023: tóm tắt khi khóa")
    assert "Chưa hoàn thành khi khóa năm:" in closed
    assert "• NV2023-01 — hạn 31/12/2023 (giả định) — " in closed
    after = await ask(app, "/tiendo")
    assert "NV2023" not in after
    assert "Năm 2026 chưa có nhiệm vụ thi đua" in after
    assert "/themnhiemvu" in after
    kept = await ask(app, "/nhiemvu 2023")
    assert "Năm 2023 đã khóa ngày 27/11/2026" in kept
    assert "chưa hoàn thành khi khóa năm" in kept and "QUÁ HẠN" not in kept
    again = await ask(app, "/khoanam 2023")
    assert again.startswith("Năm 2023 đã khóa ngày 27/11/2026.")
    assert "/khoanam mo 2023" in again
    assert "Các năm đã khóa: 2023." in await ask(app, "/khoanam")
    await ask(app, "/caidat donvi P-DAIKIM")
    history = select(func.count()).select_from(TaskProgressHistory)
    async with app.sessions() as session:
        reports_before = await session.scalar(history)
    frozen = await ask(app, "/capnhat NV2023-01 40%")
    assert frozen.startswith("Năm 2023 đã khóa nên không cập nhật tiến độ nhiệm vụ NV2023-01")
    assert "/khoanam mo 2023" in frozen
    async with app.sessions() as session:
        assert await session.scalar(history) == reports_before, "nothing written"
    async with app.sessions() as session:
        snapshot = await load_snapshot(session)
    assert not [t for t in snapshot.tasks if t.year == 2023]
    reopened = await ask(app, "/khoanam mo 2023")
    assert reopened.startswith("Đã mở lại năm 2023")
    assert "NV2023-01" in await ask(app, "/tiendo")
    refused = await ask(app, "/khoanam 2023", user_id="555", admin=False)
    assert refused.startswith("Bạn chưa có quyền này: cần quyền quản trị chung.")


async def test_the_digest_leaves_a_closed_year_out(app: App) -> None:
    plan = ChatPlan(1, "console", "x", "Nhóm", None, "Asia/Ho_Chi_Minh", "08:00", (0,), 90, {})
    monday = dt.date(2026, 11, 30)
    async with app.sessions() as session:
        _, open_text = digest_text(plan, await load_snapshot(session), monday)
    assert "NV2023-01 — hạn 31/12/2023 (giả định) — 0% — quá hạn 1.065 ngày" in open_text
    assert "Năm 2026 chưa có nhiệm vụ thi đua" in open_text
    await ask(app, "/khoanam 2023")
    await ask(app, "/themnhiemvu 02/12/2026 Gửi báo cáo tổng kết HM")
    async with app.sessions() as session:
        _, closed_text = digest_text(plan, await load_snapshot(session), monday)
    assert "NV2023" not in closed_text
    assert "Năm 2023 đã khóa ngày 27/11/2026" in closed_text and "/khoanam 2023" in closed_text
    async with app.sessions() as session:
        _, week_after = digest_text(plan, await load_snapshot(session), dt.date(2026, 12, 7))
    assert "đã khóa" not in week_after, "the closing is told in one digest only"
    assert "NV2026-01 — hạn Thứ Tư, 02/12/2026 — 0%" in closed_text
    assert "chưa có nhiệm vụ thi đua" not in closed_text


async def test_reads_default_to_this_year_and_say_when_it_has_none(app: App) -> None:
    awards = await ask(app, "/khenthuong")
    assert awards.startswith("Khen thưởng năm 2022")
    assert "Năm 2026 chưa có số liệu khen thưởng; dưới đây là năm 2022" in awards
    assert "/xuat mau 2026" in awards
    await ask(app, "/themkhenthuong 2026 LDTT cá nhân 3 P-DAIKIM")
    this_year = await ask(app, "/khenthuong")
    assert this_year.startswith("Khen thưởng năm 2026")
    assert "chưa có số liệu" not in this_year
    none = await ask(app, "/chitieu 2026")
    assert "Chưa có số liệu chỉ tiêu năm 2026" in none and "/xuat mau 2026" in none


async def test_a_future_date_is_no_origin_year(app: App) -> None:
    refused = await ask(app, "/themsukien 01/12/2026 Hạn nộp hồ sơ khen thưởng")
    assert refused.startswith("Ngày 01/12/2026 chưa tới nên không làm năm gốc")
    assert "/nhac 01/12/2026 8h Hạn nộp hồ sơ khen thưởng" in refused
    suggested = await ask(app, "/nhac 01/12/2026 8h Hạn nộp hồ sơ khen thưởng")
    assert suggested.startswith("Sẽ nhắc lúc 08:00 thứ Ba, 01/12/2026: Hạn nộp hồ sơ khen thưởng")
    assert "chưa tới" in await ask(app, "/themsukien 10/3 âl 2030 Giỗ tổ thử")
    past = await ask(app, "/themsukien 26/11/2026 Ngày thành lập phòng thử")
    assert past.startswith("Đã thêm sự kiện Ngày thành lập phòng thử — 26/11, từ năm 2026.")
    assert "Mã: THANH-LAP-PHONG-THU " in past
    again = await ask(app, "/themsukien 27/11/2001 Ngày thành lập phòng thử nghiệm")
    assert "Mã: THANH-LAP-PHONG-THU-2 " in again
    yearly = await ask(app, "/themsukien 20/11 Ngày Nhà giáo Việt Nam lần hai")
    assert "Mã: NHA-GIAO-VIET-NAM " in yearly


async def test_a_mistyped_unit_code_is_not_taken_into_the_title(app: App) -> None:
    wrong = await ask(app, "/themnhiemvu 15/12/2026 Tổng kết P-DAIKM")
    assert wrong.startswith("Không có đơn vị mã 'P-DAIKM'.")
    assert "Ngày '15/12' cần cả năm" in await ask(app, "/themnhiemvu 15/12 Tổng kết")
    await ask(app, "/khoanam 2023")
    closed = await ask(app, "/themnhiemvu 15/12/2023 Việc cũ HM")
    assert closed.startswith("Năm 2023 đã khóa nên không thêm hay sửa nhiệm vụ được.")
    summary = await ask(app, "/khoanam 2023", user_id="555", admin=False)
    assert summary.startswith("Năm 2023 đã khóa ngày 27/11/2026.")


async def test_seeding_leaves_a_deadline_the_office_set(app: App) -> None:
    await ask(app, "/suanhiemvu NV2023-01 han 30/12/2023")
    await ask(app, "/suanhiemvu NV2023-02 ten Các đợt thi đua chào mừng")
    report = await seed(app)
    assert "tasks:NV2023-01" in report.kept_edited and "tasks:NV2023-02" in report.kept_edited
    listed = await ask(app, "/nhiemvu 2023")
    assert "Hạn: 30/12/2023 ·" in listed and "Các đợt thi đua chào mừng" in listed
    assert "Hạn: 31/12/2023 (giả định)" in listed, "tasks the office left alone stay assumed"


async def test_progress_says_this_year_has_no_tasks_and_how_to_load_them(app: App) -> None:
    text = await ask(app, "/tiendo")
    assert "Năm 2026 chưa có nhiệm vụ thi đua; dưới đây là năm 2023 (chưa khóa)." in text
    assert "/themnhiemvu, hoặc tải mẫu nhập /xuat mau 2026 rồi gửi lại kèm /nhap" in text
