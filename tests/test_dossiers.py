"""Dossiers from proposal to decision: steps, notices through the delivery ledger, records."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.app import App
from bot.core.messages import Attachment, Incoming, Reply
from storage.models import AuditEntry
from tests.chat import ask
from tests.clock import FakeClock
from tests.dispatching import clocked_dispatcher
from tests.test_backup import MemorySender

WARD = {"platform": "telegram", "chat_id": "-100", "user_id": "9001"}
OFFICE = {"platform": "telegram", "chat_id": "-200", "user_id": "9001"}
PROPOSAL = """/dexuat 2026 BK-TP
Lý do: Hoàn thành xuất sắc nhiệm vụ năm 2026
Nguyễn Văn An, Chủ tịch UBND phường
Tập thể Tổ dân phố 5, P-DAIKIM"""


async def _link(app: App) -> None:
    assert "Đã gắn" in await ask(app, "/caidat donvi P-DAIKIM", **WARD)
    assert "Đã gắn" in await ask(app, "/caidat donvi HM", **OFFICE)


async def _told(app: App, clock: FakeClock, sender: MemorySender) -> list[Reply]:
    """One dispatch pass: what it sent."""
    before = len(sender.sent)
    await clocked_dispatcher(app.sessions, sender, clock, instance="t").run_once()
    return sender.sent[before:]


async def test_a_dossier_from_proposal_to_decision(app: App, clock: FakeClock) -> None:
    await _link(app)
    sender = MemorySender()
    sent = await ask(app, PROPOSAL, **WARD)
    assert sent.startswith("Hồ sơ đề nghị khen thưởng\nĐã gửi hồ sơ HS2026-001: Bằng khen"), sent
    assert "cho 2 người/tập thể của Phường Đại Kim" in sent
    told = await _told(app, clock, sender)
    assert [r.title for r in told] == ["Hồ sơ HS2026-001: đã gửi"], "the office hears of it"
    steps = [("nhan", "đã nhận"), ("thamdinh", "đang thẩm định"), ("trinh", "trình Hội đồng")]
    for word, label in steps:
        clock.advance(3600)
        reply = await ask(app, f"/xulyhoso HS2026-001 {word}", **OFFICE)
        moved = f"Đã chuyển hồ sơ HS2026-001 của Phường Đại Kim sang bước: {label}."
        assert reply.startswith(moved), reply
        told = await _told(app, clock, sender)
        assert [r.title for r in told] == [f"Hồ sơ HS2026-001: {label}"], told
    clock.advance(3600)
    decided = await ask(
        app, "/xulyhoso HS2026-001 quyetdinh 55/QĐ-UBND, 27/11/2026, Chủ tịch UBND TP", **OFFICE
    )
    assert "Đã lưu 2 bản ghi khen thưởng theo quyết định số 55/QĐ-UBND ngày 27/11/2026" in decided
    [note] = await _told(app, clock, sender)
    assert "đã có quyết định: số 55/QĐ-UBND ngày 27/11/2026 (Chủ tịch UBND TP)" in note.text
    assert "Bằng khen của Thành phố: 1 tập thể, 1 cá nhân" in await ask(app, "/khenthuong 2026")
    found = await ask(app, "/tim nguyen van an")
    assert "Bằng khen trong 5 năm 2022–2026: đã có (năm 2026)." in found, found
    detail = await ask(app, "/hoso HS2026-001")
    assert "Trạng thái: có quyết định" in detail and "• Tổ dân phố 5, Phường Đại Kim" in detail
    again = await ask(app, "/xulyhoso HS2026-001 tralai muộn", **OFFICE)
    assert again.startswith("Hồ sơ HS2026-001 đã có quyết định, không chuyển bước được nữa.")
    async with app.sessions() as session:
        audited = (
            await session.scalars(select(AuditEntry.details).where(AuditEntry.entity == "dossier"))
        ).all()
    assert len(audited) == 5, "the proposal and each of its four steps are audited"


async def test_a_returned_dossier_says_why(app: App, clock: FakeClock) -> None:
    await _link(app)
    sender = MemorySender()
    await ask(app, PROPOSAL, **WARD)
    await _told(app, clock, sender)
    reply = await ask(app, "/xulyhoso HS2026-001 tralai Thiếu báo cáo thành tích", **OFFICE)
    assert "sang bước: trả lại" in reply
    [note] = await _told(app, clock, sender)
    assert "đã bị trả lại. Lý do: Thiếu báo cáo thành tích." in note.text
    listed = await ask(app, "/hoso P-DAIKIM tralai")
    assert "• HS2026-001 — Phường Đại Kim — Bằng khen của Thành phố (2) — trả lại" in listed
    back = await ask(app, "/xulyhoso HS2026-001 nhan", **OFFICE)
    assert back.startswith("Hồ sơ HS2026-001 đã trả lại, không chuyển bước được nữa.")


async def test_a_waiting_dossier_is_reminded_to_the_office_once(app: App, clock: FakeClock) -> None:
    await _link(app)
    sender = MemorySender()
    await ask(app, PROPOSAL, **WARD)
    await ask(app, "/xulyhoso HS2026-001 nhan", **OFFICE)
    await _told(app, clock, sender)
    listed = await ask(app, "/hoso dangxuly", **OFFICE)
    assert "đã nhận, chờ 0 ngày" in listed, listed
    clock.set(clock() + dt.timedelta(days=15, hours=2))
    told = await _told(app, clock, sender)
    assert [r.title for r in told] == ["Hồ sơ HS2026-001 chờ quá 14 ngày"], told
    assert "/xulyhoso HS2026-001" in told[0].text
    assert await _told(app, clock, sender) == [], "reminded once"
    assert "chờ 15 ngày — quá hạn xử lý" in await ask(app, "/hoso", **OFFICE)


async def test_proposals_are_checked_before_anything_is_stored(app: App) -> None:
    await _link(app)
    no_reason = await ask(app, "/dexuat 2026 BK-TP\nNguyễn Văn An", **WARD)
    assert no_reason.startswith("Thiếu dòng 'Lý do …'"), no_reason
    outside = await ask(app, "/dexuat 2026 BK-TP\nLý do: x\nTrần Văn B, P-GIAPBAT", **WARD)
    assert outside.startswith("Trần Văn B không thuộc Phường Đại Kim"), outside
    unlinked = await ask(app, "/dexuat 2026 BK-TP\nLý do: x\nTrần Văn B")
    assert unlinked.startswith("Chưa biết đơn vị nào đề nghị"), unlinked
    mistyped = await ask(app, "/dexuat 2026 BK-TP P-DAIKIMX\nLý do: x\nTrần Văn B", **WARD)
    assert mistyped.startswith("Không có đơn vị mã 'P-DAIKIMX'"), "not taken for a nominee"
    stranger = {**WARD, "user_id": "555", "admin": False}
    refused = await ask(app, "/dexuat 2026 BK-TP\nNguyễn Văn An", **stranger)
    assert refused.startswith("Bạn chưa có quyền này"), "rights come before checking the lines"
    assert (await ask(app, "/hoso")).startswith("Chưa có hồ sơ đề nghị khen thưởng nào")


async def test_a_file_goes_with_the_proposal_and_later(app: App) -> None:
    await _link(app)

    async def with_file(text: str, name: str) -> str:
        incoming = Incoming(
            platform="telegram",
            chat_id="-100",
            user_id="9001",
            text=text,
            attachment=Attachment(name, b"%PDF-1.4"),
        )
        reply = await app.core.handle(incoming)
        assert reply is not None
        return reply.text

    sent = await with_file(PROPOSAL, "to-trinh.pdf")
    assert "Tệp đính kèm: to-trinh.pdf." in sent, sent
    added = await with_file("/dinhkem HS2026-001", "bao-cao.pdf")
    assert added == "Đã đính kèm tệp bao-cao.pdf vào hồ sơ HS2026-001."
    assert "Tệp đính kèm: to-trinh.pdf, bao-cao.pdf" in await ask(app, "/hoso HS2026-001")
    outsider = await ask(app, "/dinhkem HS2026-001", **{**WARD, "user_id": "555", "admin": False})
    assert outsider.startswith("Bạn chưa có quyền này"), "not told the file is missing"

    async def take(text: str, user_id: str = "9001") -> Reply:
        incoming = Incoming(platform="telegram", chat_id="-100", user_id=user_id, text=text)
        reply = await app.core.handle(incoming)
        assert reply is not None
        return reply

    choice = await take("/taitep HS2026-001")
    assert choice.text == (
        "Hồ sơ HS2026-001 có 2 tệp:\n1. to-trinh.pdf\n2. bao-cao.pdf\n"
        "Tải một tệp: /taitep HS2026-001 <số thứ tự>."
    )
    second = await take("/taitep HS2026-001 2")
    assert second.document is not None
    assert (second.document.filename, second.document.content) == ("bao-cao.pdf", b"%PDF-1.4")
    wrong = await take("/taitep HS2026-001 3")
    assert wrong.text.startswith("'3' không phải số thứ tự tệp của hồ sơ HS2026-001 (từ 1 đến 2).")
    stranger = await take("/taitep HS2026-001 1", user_id="555")
    assert stranger.refused and stranger.document is None
    granted = await ask(app, "/quyen them donvi P-GIAPBAT telegram:777", **OFFICE)
    assert granted.startswith("Đã cấp"), granted
    other_unit = await take("/taitep HS2026-001 1", user_id="777")
    assert other_unit.refused and other_unit.document is None, "another unit's administrator"
    await ask(app, "/quyen them donvi P-DAIKIM telegram:778", **OFFICE)
    own_unit = await take("/taitep HS2026-001 1", user_id="778")
    assert own_unit.document is not None and own_unit.document.filename == "to-trinh.pdf"
    assert "Tải tệp: /taitep HS2026-001" in await ask(app, "/hoso HS2026-001")
    # A right-to-left override would show "hoaexe.pdf"; a pasted path or a long name is cut.
    hidden = await with_file("/dinhkem HS2026-001", "C:\\Users\\x\\hoa\u202efdp.exe")
    assert hidden == "Đã đính kèm tệp hoafdp.exe vào hồ sơ HS2026-001.", hidden
    long_name = await with_file("/dinhkem HS2026-001", "a" * 300 + ".pdf")
    assert "a" * 115 + "….pdf vào hồ sơ" in long_name and "a" * 116 not in long_name
    third = (await take("/taitep HS2026-001 3")).document
    assert third is not None and third.caption == "Hồ sơ HS2026-001: hoafdp.exe"
    assert (await take("/taitep abc")).text.startswith("'abc' không phải mã hồ sơ.")


async def test_dossiers_are_exported_and_new_ones_imported(app: App, clock: FakeClock) -> None:
    from tests.test_reports_excel import edit, exported, send_file

    await _link(app)
    await ask(app, PROPOSAL, **WARD)
    content = await exported(app, "/xuat 2026")
    same = await send_file(app, "thidua-2026.xlsx", content)
    assert "• Hồ sơ đề nghị: thêm 0, cập nhật 0, không đổi 1." in same.text, same.text
    sheet = "Hồ sơ đề nghị"
    row: dict[str, str | int] = {"B4": 2026, "C4": "GK-UBNDQ", "D4": "P-GIAPBAT", "E4": "Tốt"}
    row |= {"F4": "cá nhân", "G4": "Đỗ Văn Khải", "H4": "Trưởng thôn"}
    added = await send_file(app, "de-nghi.xlsx", edit(content, {sheet: row}))
    assert "• Hồ sơ đề nghị: thêm 1, cập nhật 0, không đổi 1." in added.text, added.text
    listed = await ask(app, "/hoso P-GIAPBAT")
    assert "• HS2026-002 — Phường Giáp Bát — Giấy khen" in listed, listed
    sender = MemorySender()
    told = await _told(app, clock, sender)
    assert "Hồ sơ HS2026-002: đã gửi" in [r.title for r in told], "the office hears of it"
    outside = {**row, "I4": "P-DAIKIM"}
    refused = await send_file(app, "de-nghi.xlsx", edit(content, {sheet: outside}))
    assert "Đỗ Văn Khải không thuộc đơn vị đề nghị P-GIAPBAT." in refused.text, refused.text


async def test_a_proposal_says_who_already_had_a_bang_khen_within_5_years(app: App) -> None:
    await _link(app)
    await ask(app, "/themkhenthuong 2024 BK-TP Nguyễn Văn An, Chủ tịch UBND phường, P-DAIKIM")
    await ask(app, "/themkhenthuong 2020 BK-TP Tran Thi B, P-DAIKIM")
    sent = await ask(app, PROPOSAL + "\nTrần Thị B, P-DAIKIM", **WARD)
    assert "Lưu ý: Nguyễn Văn An đã có Bằng khen năm 2024 (xem /tim Nguyễn Văn An)." in sent
    assert "Trần Thị B đã có" not in sent, "2020 is outside 2022–2026"


async def test_a_pasted_page_is_not_echoed_back(app: App) -> None:
    page = "x" * 3000
    answer = await ask(app, f"/hoso {page}")
    assert "x" * 40 not in answer and "x" * 39 + "…" in answer, answer[:200]
    assert len(answer) < 1000
