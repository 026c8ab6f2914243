"""Named award records: typed in chat, counted instead of stored counts, found by /tim."""

from __future__ import annotations

from bot.app import App
from tests.chat import ask

BATCH = """/themkhenthuong 2025 BK-TP
QĐ 1234/QĐ-UBND, 20/12/2025, Chủ tịch UBND Thành phố
Dịp Tổng kết năm 2025
Nguyễn Văn An, Chủ tịch UBND phường, P-DAIKIM
Trần Thị Bình, Công chức văn hóa - xã hội, P-DAIKIM
Tập thể P-GIAPBAT"""


async def test_a_clerk_types_a_list_of_names_with_the_decision(app: App) -> None:
    reply = await ask(app, BATCH)
    assert reply.startswith("Đã thêm 3 bản ghi khen thưởng năm 2025 — Bằng khen"), reply
    assert "• Nguyễn Văn An, Chủ tịch UBND phường, Phường Đại Kim (KT-" in reply
    assert "• Phường Giáp Bát (KT-" in reply
    assert "Quyết định: số 1234/QĐ-UBND ngày 20/12/2025 (Chủ tịch UBND Thành phố)." in reply
    stats = await ask(app, "/khenthuong 2025")
    assert "Bằng khen của Thành phố: 1 tập thể, 2 cá nhân" in stats, stats


async def test_one_line_with_a_name_and_semicolons(app: App) -> None:
    reply = await ask(
        app, "/themkhenthuong 2024 BK-TP Lê Văn Cường, P-DAIKIM; Tập thể Tổ dân phố 5, P-DAIKIM"
    )
    assert reply.startswith("Đã thêm 2 bản ghi khen thưởng năm 2024"), reply
    assert "• Tổ dân phố 5, Phường Đại Kim" in reply


async def test_records_replace_the_counts_of_their_form_unit_and_year(app: App) -> None:
    await ask(app, "/themkhenthuong 2025 LDTT cá nhân 5 P-DAIKIM")
    await ask(app, "/themkhenthuong 2025 LDTT cá nhân 7 P-GIAPBAT")
    assert "Lao động tiên tiến cấp Quận: 12 cá nhân" in await ask(app, "/khenthuong 2025")
    reply = await ask(app, "/themkhenthuong 2025 LDTT Phạm Thị Dung, P-DAIKIM")
    assert "Số liệu chỉ có tổng số của Phường Đại Kim" in reply, reply
    # Đại Kim now counts its one named record, Giáp Bát still its 7.
    assert "Lao động tiên tiến cấp Quận: 8 cá nhân" in await ask(app, "/khenthuong 2025")
    assert "Lao động tiên tiến cấp Quận: 1 cá nhân" in await ask(app, "/khenthuong 2025 P-DAIKIM")


async def test_search_ignores_diacritics_and_answers_the_five_year_question(app: App) -> None:
    await ask(app, BATCH)
    await ask(app, "/themkhenthuong 2019 GK-UBNDQ Nguyễn Văn An, P-DAIKIM")
    for query in ("Nguyễn Văn An", "nguyen van an", "NGUYEN VAN"):
        found = await ask(app, f"/tim {query}")
        assert "Nguyễn Văn An, Chủ tịch UBND phường, Phường Đại Kim:" in found, found
        assert "• 2025: Bằng khen của Thành phố — QĐ số 1234/QĐ-UBND" in found
        assert "• 2019: Giấy khen" in found
        assert "Bằng khen trong 5 năm 2022–2026: đã có (năm 2025)." in found
    unit = await ask(app, "/tim P-GIAPBAT")
    assert "Phường Giáp Bát:" in unit and "2025: Bằng khen của Thành phố" in unit, unit
    missing = await ask(app, "/tim Hoàng Văn Z")
    assert missing.startswith("Không tìm thấy khen thưởng nào ghi tên 'Hoàng Văn Z'.")
    pasted = await ask(app, "/tim " + "Nguyễn Văn An " * 100)
    assert pasted.startswith("Từ cần tìm dài quá 100 ký tự"), pasted[:200]
    assert len(pasted) < 1000


async def test_bad_lines_are_refused_whole(app: App) -> None:
    bad_unit = await ask(app, "/themkhenthuong 2025 BK-TP Nguyễn Văn An, P-KHONGCO")
    assert bad_unit.startswith("Không có đơn vị mã 'P-KHONGCO'."), bad_unit
    for typed in ("P-DAIKIMX", "p-daikimx", "DAIKIM"):
        alone = await ask(app, f"/themkhenthuong 2025 BK-TP {typed}")
        assert alone.startswith(f"Không có đơn vị mã '{typed}'."), alone
    flag = await ask(app, "/themkhenthuong 2025 CTD-TP Nguyễn Văn An, P-DAIKIM")
    assert "không áp dụng cho cá nhân" in flag, flag
    date = await ask(app, "/themkhenthuong 2025 BK-TP\nQĐ 12/QĐ, 31/02/2025\nA B, P-DAIKIM")
    assert date.startswith("Ngày 31/02/2025 không có trên lịch."), date
    assert (await ask(app, "/tim Nguyen Van An")).startswith("Không tìm thấy")


async def test_help_for_one_command_shows_the_multi_line_form(app: App) -> None:
    text = await ask(app, "/trogiup themkhenthuong")
    assert text.startswith("Lệnh /themkhenthuong\nCách viết: /themkhenthuong <năm>"), text
    assert "Ai dùng: quản trị của đơn vị được khen thưởng." in text
    assert "Nguyễn Văn An, Chủ tịch UBND phường, P-DAIKIM\nTrần Thị Bình" in text
    assert "/trogiup <lệnh>" in await ask(app, "/trogiup")
    assert (await ask(app, "/trogiup /dexuat")).startswith("Lệnh /dexuat")
    assert (await ask(app, "/trogiup khongco")).startswith("Không có lệnh /khongco.")
    near = await ask(app, "/trogiup khenthuog")
    assert near.startswith("Không có lệnh /khenthuog. Có phải bạn muốn xem /trogiup khenthuong?")


async def test_records_round_trip_through_the_workbook(app: App) -> None:
    from tests.test_reports_excel import edit, exported, find_row, send_file

    await ask(app, BATCH)
    stats = await ask(app, "/khenthuong 2025")
    content = await exported(app, "/xuat 2025")
    same = await send_file(app, "thidua-2025.xlsx", content)
    assert "• Bản ghi khen thưởng: thêm 0, cập nhật 0, không đổi 3." in same.text, same.text
    assert await ask(app, "/khenthuong 2025") == stats, "records are not added twice"
    row = find_row(content, "Bản ghi khen thưởng", **{"Họ tên, tên tập thể": "Trần Thị Bình"})
    changed = edit(
        content,
        {
            "Bản ghi khen thưởng": {
                f"F{row}": "Phó Chủ tịch UBND phường",
                "A10": 2025,
                "B10": "BK-TP",
                "D10": "cá nhân",
                "E10": "Lê Thị Hoa",
                "G10": "P-GIAPBAT",
            }
        },
    )
    answer = await send_file(app, "thidua-2025.xlsx", changed)
    assert "• Bản ghi khen thưởng: thêm 1, cập nhật 1, không đổi 2." in answer.text, answer.text
    assert "Trần Thị Bình, Phó Chủ tịch UBND phường" in await ask(app, "/tim tran thi binh")
    assert "Bằng khen của Thành phố: 1 tập thể, 3 cá nhân" in await ask(app, "/khenthuong 2025")


async def test_imported_records_count_instead_of_the_2022_counts(app: App) -> None:
    from tests.test_reports_excel import edit, exported, send_file

    before = await ask(app, "/khenthuong 2022 P-DAIKIM")
    content = await exported(app, "/xuat 2022")
    sheet = "Bản ghi khen thưởng"
    rows: dict[str, str | int] = {
        "A2": 2022,
        "B2": "LDTT",
        "D2": "cá nhân",
        "E2": "Vũ Văn Hải",
        "G2": "P-DAIKIM",
    }
    answer = await send_file(app, "ban-ghi.xlsx", edit(content, {sheet: rows}))
    assert "• Bản ghi khen thưởng: thêm 1" in answer.text, answer.text
    after = await ask(app, "/khenthuong 2022 P-DAIKIM")
    assert "Lao động tiên tiến cấp Quận: 1 cá nhân" in after, (before, after)


async def test_lines_after_a_semicolon_right_after_the_form_code_are_accepted(app: App) -> None:
    from bot.core.commands import all_commands

    example = next(c.example for c in all_commands() if c.name == "dexuat")
    added = await ask(
        app,
        "/themkhenthuong 2023 BK-TP; QĐ 12/QĐ-UBND, 20/12/2023, Chủ tịch UBND TP; "
        "Nguyễn Văn An, Chủ tịch UBND phường, P-DAIKIM",
    )
    assert added.startswith("Đã thêm 1 bản ghi khen thưởng năm 2023"), added
    assert "Đã gắn" in await ask(app, "/caidat donvi P-DAIKIM")  # sent in the ward's group
    proposed = await ask(app, example)  # /trogiup's own example
    assert "Đã gửi hồ sơ HS2026-001" in proposed, proposed
