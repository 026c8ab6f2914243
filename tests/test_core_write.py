"""Write commands: validation, refusal, atomicity and the audit log."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.app import App, seed
from storage.models import AuditEntry, AwardRecord, Commemoration, Task, TaskProgressHistory
from storage.seed import describe
from tests.chat import ask, ask_reply


async def _count(app: App, model: type) -> int:
    async with app.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_non_admin_write_is_refused_and_nothing_changes(app: App) -> None:
    before = await _count(app, Commemoration)
    text = await ask(app, "/themsukien 01/01/2000 Ngày thử", admin=False, user_id="42")
    assert text.startswith("Bạn chưa có quyền này: cần quyền quản trị chung.")
    assert await _count(app, Commemoration) == before
    async with app.sessions() as session:
        entry = (await session.scalars(select(AuditEntry))).one()
    assert (entry.action, entry.entity, entry.role) == ("refused", "themsukien", "office_admin")


async def test_admin_ids_setting_grants_write_everywhere(app: App) -> None:
    text = await ask(
        app, "/caidat donvi P-DAIKIM", admin=False, platform="telegram", user_id="9001"
    )
    assert text.startswith("Đã gắn nhóm này với Phường Đại Kim (P-DAIKIM).")
    private = await ask(app, "/caidat donvi P-DAIKIM", chat_id="77", chat_type="private")
    assert private.startswith("Đã gắn cuộc trò chuyện này với Phường Đại Kim (P-DAIKIM)."), private


async def test_link_unit_then_update_progress_keeps_history(app: App) -> None:
    await ask(app, "/caidat donvi P-DAIKIM")
    first = await ask(app, "/capnhat NV2023-01 40% đã phát động")
    assert first == "Đã cập nhật NV2023-01 cho Phường Đại Kim: 40%.\nGhi chú: đã phát động"
    second = await ask(app, "/capnhat nv2023-01 100")
    assert second == "Đã cập nhật NV2023-01 cho Phường Đại Kim: 40% → 100%."
    assert await _count(app, TaskProgressHistory) == 2
    progress = await ask(app, "/tiendo")
    assert progress.startswith("Tiến độ — Phường Đại Kim")
    assert "hoàn thành 1" in progress
    tasks = await ask(app, "/nhiemvu 2023")
    # 100% from one of 18 responsible units → 6% average, rounded.
    assert "Tiến độ chung: 6% (18 đơn vị thực hiện)" in tasks
    async with app.sessions() as session:
        entries = (await session.scalars(select(AuditEntry).order_by(AuditEntry.id))).all()
    assert [(e.action, e.entity, e.entity_key) for e in entries] == [
        ("set", "chat", "local"),
        ("update", "progress", "NV2023-01/P-DAIKIM"),
        ("update", "progress", "NV2023-01/P-DAIKIM"),
    ]
    assert entries[2].details == {"from": 40, "to": 100, "note": None}


async def test_update_progress_in_either_order_and_unchanged(app: App) -> None:
    await ask(app, "/caidat donvi P-DAIKIM")
    swapped = await ask(app, "/capnhat 40% NV2023-01 đã phát động")
    assert swapped == "Đã cập nhật NV2023-01 cho Phường Đại Kim: 40%.\nGhi chú: đã phát động"
    again = await ask(app, "/capnhat NV2023-01 40")
    assert again == "Đã cập nhật NV2023-01 cho Phường Đại Kim: vẫn 40%."
    assert await _count(app, TaskProgressHistory) == 2
    assert "Không có nhiệm vụ mã 'NV9'" in await ask(app, "/capnhat 40% NV9")


async def test_update_progress_bad_input(app: App) -> None:
    assert "chưa gắn với đơn vị nào" in await ask(app, "/capnhat NV2023-01 50%")
    await ask(app, "/caidat donvi P-DAIKIM")
    assert "Tiến độ 150% vượt quá 100%." in await ask(app, "/capnhat NV2023-01 150%")
    assert "phải là số phần trăm từ 0 đến 100" in await ask(app, "/capnhat NV2023-01 abc")
    assert "Không có nhiệm vụ mã 'NV9'" in await ask(app, "/capnhat NV9 50%")
    assert "Cách viết: /capnhat <mã nhiệm vụ> <0–100>% [ghi chú]" in await ask(app, "/capnhat")
    await ask(app, "/caidat donvi HN")
    assert "không thuộc các đơn vị thực hiện" in await ask(app, "/capnhat NV2023-01 50%")
    assert await _count(app, TaskProgressHistory) == 0


async def test_add_solar_and_lunar_events(app: App) -> None:
    text = await ask(app, "/themsukien 20/10/1930 Ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam")
    assert text.startswith("Đã thêm sự kiện Ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam — 20/10")
    assert "từ năm 1930" in text
    lunar = await ask(app, "/themsukien 15/8 âl Tết Trung thu")
    assert "15/08 âm lịch" in lunar
    events = await ask(app, "/sukien 2030")
    assert "Ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam — " in events
    assert "kỷ niệm 100 năm (năm tròn)" in events
    # Trung thu 2030 (15/8 lunar) is 12/09/2030.
    assert "12/09/2030 (15/08 âm lịch) — Tết Trung thu" in events
    assert "Sự kiện này đã có" in await ask(app, "/themsukien 15/8 al Tết Trung thu")


async def test_invisible_format_characters_are_stripped_from_titles(app: App) -> None:
    # U+202E would display the stored title reversed; U+200B and U+FEFF hide inside it.
    text = await ask(app, "/themsukien 02/09/1945 Ngày \u202eQuốc\u200b khánh\ufeff\u2066")
    assert text.startswith("Đã thêm sự kiện Ngày Quốc khánh — 02/09")
    async with app.sessions() as session:
        titles = list(await session.scalars(select(Commemoration.title)))
    assert "Ngày Quốc khánh" in titles
    assert not any(ch in t for t in titles for ch in "\u202e\u200b\ufeff\u2066")


async def test_add_event_bad_dates(app: App) -> None:
    before = await _count(app, Commemoration)
    assert "Ngày 31/02/2000 không có trên lịch." in await ask(app, "/themsukien 31/02/2000 X")
    assert "phải viết dạng dd/mm/yyyy" in await ask(app, "/themsukien 2000-01-01 X")
    assert "Ngày âm lịch 31/1 không hợp lệ" in await ask(app, "/themsukien 31/1 âl 2000 X")
    assert "Thiếu tên sự kiện." in await ask(app, "/themsukien 01/01/2000")
    assert await _count(app, Commemoration) == before


async def test_add_award_then_statistics_include_it(app: App) -> None:
    text = await ask(app, "/themkhenthuong 2022 GK-UBNDQ tập thể 5 P-DAIKIM")
    assert text.startswith(
        "Đã thêm khen thưởng năm 2022: Giấy khen của UBND Quận — 5 tập thể, Phường Đại Kim."
    )
    stats = await ask(app, "/khenthuong 2022")
    assert "494 lượt tập thể (9 đột xuất), 1.042 lượt cá nhân (74 đột xuất)" in stats
    unit = await ask(app, "/khenthuong 2022 P-DAIKIM")
    assert "• Giấy khen của UBND Quận: 5 lượt tập thể" in unit


async def test_add_award_bad_input_writes_nothing(app: App) -> None:
    before = await _count(app, AwardRecord)
    assert "Không có hình thức mã 'XX'" in await ask(app, "/themkhenthuong 2022 XX tập thể 5")
    assert "phải là 'tập thể' hoặc 'cá nhân'" in await ask(app, "/themkhenthuong 2022 LDTT ai 5")
    assert "Lao động tiên tiến cấp Quận không áp dụng cho tập thể" in await ask(
        app, "/themkhenthuong 2022 LDTT tập thể 5"
    )
    assert "phải là số nguyên dương" in await ask(app, "/themkhenthuong 2022 LDTT cá nhân -3")
    assert "Năm 2999 nằm ngoài" in await ask(app, "/themkhenthuong 2999 LDTT cá nhân 3")
    assert "Không có đơn vị mã 'ZZ'" in await ask(app, "/themkhenthuong 2022 LDTT cá nhân 3 ZZ")
    assert await _count(app, AwardRecord) == before


async def test_delete_asks_for_confirmation(app: App) -> None:
    reply = await ask_reply(app, "/xoa sukien NGVN")
    assert "Bạn chắc chắn muốn xóa sự kiện" in reply.text
    assert [b.command for b in reply.buttons[0]] == ["/xoa sukien NGVN xacnhan", "/huy"]
    before = await _count(app, Commemoration)
    assert await ask(app, "/huy") == "Đã hủy, không có gì thay đổi."
    assert await _count(app, Commemoration) == before
    done = await ask(app, "/xoa sukien NGVN xacnhan")
    assert done.startswith("Đã xóa sự kiện")
    assert await _count(app, Commemoration) == before - 1
    gone = await ask(app, "/xoa sukien NGVN")
    assert gone.startswith("Không có sự kiện mã 'NGVN'. Các mã: ") and "GIO-TO" in gone
    assert "Gõ /nhiemvu để xem mã các nhiệm vụ." in await ask(app, "/xoa nhiemvu NV1999")


async def test_settings_time_and_leads(app: App) -> None:
    assert (
        await ask(app, "/caidat gio 7:30")
        == "Nhắc việc sẽ được gửi lúc 07:30 (giờ Việt Nam, UTC+7)."
    )
    # Written as /nhac reads an hour, too.
    assert (await ask(app, "/caidat gio 8h")).startswith("Nhắc việc sẽ được gửi lúc 08:00")
    assert (await ask(app, "/caidat gio 17g30")).startswith("Nhắc việc sẽ được gửi lúc 17:30")
    assert "phải viết dạng HH:MM" in await ask(app, "/caidat gio sáng")
    assert "phải viết dạng HH:MM" in await ask(app, "/caidat gio 8:")
    await ask(app, "/caidat gio 7:30")
    assert "Không có giờ '25:00': giờ từ 00 đến 23" in await ask(app, "/caidat gio 25:00")
    assert await ask(app, "/caidat baotruoc 1,30,7") == "Sẽ nhắc trước 30, 7, 1 ngày."
    assert "phải là các số ngày 0–366" in await ask(app, "/caidat baotruoc 1,x")
    shown = await ask(app, "/caidat")
    assert "Múi giờ: giờ Việt Nam, UTC+7\nGiờ gửi nhắc việc: 07:30" in shown
    assert "Nhắc trước (ngày): 30,7,1" in shown


async def test_deleting_an_award_updates_the_statistics(app: App) -> None:
    added = await ask(app, "/themkhenthuong 2022 LDTT cá nhân 6 cong")
    key = added.split("Mã bản ghi: ")[1].split(" ")[0]
    assert "2.060 cá nhân" in await ask(app, "/khenthuong 2022")
    assert (await ask(app, f"/xoa khenthuong {key} xacnhan")).startswith("Đã xóa bản ghi")
    assert "• Lao động tiên tiến cấp Quận: 2.054 cá nhân" in await ask(app, "/khenthuong 2022")


async def test_seeding_again_does_not_bring_back_what_was_deleted(app: App) -> None:
    await ask(app, "/xoa sukien NGVN xacnhan")
    await ask(app, "/xoa nhiemvu NV2023-01 xacnhan")
    await ask(app, "/xoa khenthuong HM-2022-01:COLLECTIVE xacnhan")
    tasks_before, awards_before = await _count(app, Task), await _count(app, AwardRecord)

    report = await seed(app)  # as `thidua seed` on every start of the compose stack

    assert report.skipped == 3 and report.added == 0
    assert "bỏ qua 3 bản ghi đã bị xóa bằng lệnh /xoa" in describe(report)
    assert "Không có sự kiện mã 'NGVN'" in await ask(app, "/xoa sukien NGVN")
    assert (await _count(app, Task), await _count(app, AwardRecord)) == (
        tasks_before,
        awards_before,
    )
    assert "Nhiệm vụ thi đua năm 2023 (5 nhiệm vụ)" in await ask(app, "/nhiemvu 2023")
