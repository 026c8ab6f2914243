"""Read commands against the seeded article data, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from bot.app import App
from tests.chat import ask, ask_reply
from tests.clock import FakeClock, vn_time


async def test_awards_2022_match_the_article(app: App) -> None:
    text = await ask(app, "/khenthuong 2022")
    assert text.startswith("Khen thưởng năm 2022")
    # Titles, award forms and other recognitions apart, each by level, named as the article does.
    table = text.split("\n\nSố cộng")[0].splitlines()[1:]
    assert table == [
        "I. Danh hiệu thi đua:",
        "Cấp tỉnh, thành phố:",
        "• Cờ Thi đua của Thành phố: 10 tập thể",
        "• Tập thể Lao động xuất sắc cấp Thành phố: 20 tập thể",
        "Cấp quận, huyện:",
        "• Tập thể Lao động tiên tiến cấp Quận: 99 tập thể",
        "• Lao động tiên tiến cấp Quận: 2.054 cá nhân",
        "Cấp cơ sở:",
        "• Chiến sỹ thi đua cơ sở: 323 cá nhân",
        # 10+20+99 collectives; 2.054+323 individuals, in lượt: a CSTĐCS is also a LĐTT.
        "Cộng danh hiệu thi đua: 129 lượt tập thể, 2.377 lượt cá nhân.",
        "",
        "II. Hình thức khen thưởng:",
        "Cấp Nhà nước:",
        "• Huân chương Lao động hạng Nhì: 1 tập thể",
        "• Bà Mẹ Việt Nam Anh hùng: 1 cá nhân",
        "Cấp Chính phủ:",
        "• Bằng khen của Thủ tướng Chính phủ: 2 tập thể, 2 cá nhân",
        "Cấp tỉnh, thành phố:",
        "• Bằng khen của Thành phố: 30 tập thể, 47 cá nhân",
        "Cấp quận, huyện:",
        # The article counts the Giấy khen in lượt; the other lines in recipients.
        "• Giấy khen của UBND Quận: 489 lượt tập thể (9 đột xuất), "
        "1.042 lượt cá nhân (74 đột xuất)",
        # 1+2+30+489 collectives, 1+2+47+1.042 individuals.
        "Cộng hình thức khen thưởng: 522 lượt tập thể (9 đột xuất), "
        "1.092 lượt cá nhân (74 đột xuất).",
        "",
        "III. Hình thức ghi nhận khác:",
        "Cấp tỉnh, thành phố:",
        "• Người tốt, việc tốt cấp Thành phố: 34 cá nhân",
        "• Gắn biển công trình cấp Thành phố: 1 công trình",
        "Cấp quận, huyện:",
        "• Người tốt, việc tốt cấp Quận: 148 cá nhân",
        "Cộng hình thức ghi nhận khác: 182 lượt cá nhân, 1 công trình.",
    ]
    # No total adds titles to award forms.
    assert "Tổng cộng" not in text and "651" not in text and "3.651" not in text
    assert "nên không cộng các nhóm với nhau." in text
    assert "Hội nghị tổng kết phong trào thi đua yêu nước năm 2022 (03/03/2023):" in text
    conference = text.split("(03/03/2023):\n")[1].splitlines()
    assert conference == [
        "• Cờ đơn vị xuất sắc trong phong trào thi đua: 2 tập thể",
        "• Tập thể lao động xuất sắc: 12 tập thể",
        "• Bằng khen của Chủ tịch UBND thành phố: 15 tập thể, 9 cá nhân",
    ]
    assert "• Cờ thi đua xuất sắc: 1 tập thể — Ngành Giáo dục và Đào tạo quận Hoàng Mai" in text


async def test_awards_default_year_is_latest_with_data(app: App) -> None:
    assert (await ask(app, "/awards")).startswith("Khen thưởng năm 2022")


async def test_awards_for_a_unit_without_records(app: App) -> None:
    text = await ask(app, "/khenthuong 2022 P-DAIKIM")
    assert text == "Năm 2022 chưa có khen thưởng nào ghi cho đơn vị này."


async def test_awards_bad_input(app: App) -> None:
    assert "Chưa có số liệu khen thưởng năm 2019. Các năm có số liệu: 2022." in await ask(
        app, "/khenthuong 2019"
    )
    assert "Không có đơn vị mã 'XYZ'" in await ask(app, "/khenthuong 2022 XYZ")
    assert "Năm 1800 nằm ngoài khoảng 1945–2100." in await ask(app, "/khenthuong 1800")


@pytest.mark.parametrize(
    ("command", "answer"),
    [
        (
            "/khenthuong 2022 HM P-DAIKIM",
            "Thừa tham số: P-DAIKIM — lệnh /khenthuong nhận tối đa 2.\n"
            "Cách viết: /khenthuong [năm] [mã đơn vị]",
        ),
        (
            "/tiendo HM P-DAIKIM",
            "Thừa tham số: P-DAIKIM — lệnh /tiendo nhận tối đa 1.\nCách viết: /tiendo [mã đơn vị]",
        ),
    ],
)
async def test_extra_arguments_are_refused_not_ignored(app: App, command: str, answer: str) -> None:
    assert await ask(app, command) == answer


@pytest.mark.parametrize(
    ("command", "answer"),
    [
        ("/nhiemvu 2023 99999999999999999999", "Năm 2023 chỉ có 1 trang nhiệm vụ."),
        ("/sukien 60 99999999999999999999", "Khoảng này chỉ có 1 trang ngày kỷ niệm."),
        ("/chitieu abc", "'abc' không phải là năm (viết 4 chữ số, ví dụ 2022)."),
        ("/khenthuong 5 HM", "'5' không phải là năm (viết 4 chữ số, ví dụ 2022)."),
        ("/sukien ²", "'²' không phải số ngày hay năm. Ví dụ: /sukien 90 hoặc /sukien 2025."),
        ("/danhan 99999999999999999999", "Không tìm thấy nhắc việc số 99999999999999999999"),
    ],
)
async def test_numbers_users_mistype_get_an_answer(app: App, command: str, answer: str) -> None:
    assert (await ask(app, command)).startswith(answer)


async def test_kpi_2022(app: App) -> None:
    text = await ask(app, "/chitieu 2022")
    assert "Hoàn thành 19/19 chỉ tiêu được giao (theo báo cáo)." in text
    assert "• Tổng thu ngân sách: 4.670,8 tỷ đồng — 105,29% KH — vượt" in text
    assert "• Hiến máu tình nguyện: 4.564/3.000 đơn vị máu — 152% KH — vượt" in text
    assert "• Hỗ trợ giải quyết việc làm: 5.816 lao động — 103,8% KH — vượt" in text
    assert "742,042 tỷ đồng" in text
    # "Trên 95%" may lie on either side of the plan: no verdict either way, and it is said so.
    assert (
        "• Giải ngân kế hoạch vốn đầu tư công ngân sách Quận: trên 95% KH (742,042 tỷ đồng) "
        "— chưa đủ căn cứ đánh giá"
    ) in text
    assert (
        "Trong 10 chỉ tiêu đánh giá được so với kế hoạch: 7 vượt, 3 đạt, 0 chưa đạt; "
        "1 chỉ tiêu chưa đủ căn cứ đánh giá"
    ) in text
    # The documents issued in the year that the article cites, and where all of them are.
    documents = text.split("Văn bản ban hành năm 2022 được nêu trong báo cáo:\n")[1].splitlines()
    assert documents == [
        "• 54/KH-UBND (17/02/2022, UBND thành phố Hà Nội): Kế hoạch về việc thực hiện Đề án 06 "
        "trên địa bàn thành phố Hà Nội",
        "• 377/KH-UBND (09/10/2022, UBND quận Hoàng Mai): Kế hoạch về việc triển khai làm điểm "
        "thực hiện Đề án 06 trên địa bàn quận Hoàng Mai",
        "• 20-CT/TU (26/12/2022, Ban Thường vụ Thành ủy Hà Nội): Chỉ thị về việc tiếp tục lãnh "
        "đạo, chỉ đạo đẩy mạnh phong trào thi đua “Người tốt, việc tốt” trên địa bàn thành phố "
        "Hà Nội",
        "Mọi văn bản được nêu: trang Văn bản của tệp /xuat 2022.",
    ]


async def test_tasks_2023_list_codes_and_deadlines(app: App) -> None:
    text = await ask(app, "/nhiemvu 2023")
    assert text.startswith("Nhiệm vụ thi đua năm 2023 (6 nhiệm vụ)")
    assert "Hạn: 11/06/2023" in text
    assert "Hạn: 25/11/2023" in text


async def test_events_next_60_days_with_anniversary(app: App, clock: FakeClock) -> None:
    clock.set(vn_time(2028, 10, 1))
    text = await ask(app, "/sukien")
    # 25/11/2003 → 25th anniversary in 2028: năm lẻ 5.
    assert "25/11/2028" in text
    assert "kỷ niệm 25 năm (năm lẻ 5)" in text


async def test_events_of_a_year_include_lunar_dates(app: App) -> None:
    text = await ask(app, "/sukien 2023")
    # Tết 2023 fell on 22/01; Giỗ Tổ (10/3 lunar) on 29/04/2023.
    assert "Chủ nhật, 22/01/2023 (01/01 âm lịch)" in text
    assert "Thứ Bảy, 29/04/2023 (10/03 âm lịch)" in text
    assert "kỷ niệm 75 năm (năm lẻ 5)" in text


async def test_events_bad_input(app: App) -> None:
    assert "không phải số ngày hay năm" in await ask(app, "/sukien abc")
    assert "Số ngày phải từ 1 đến 3.660" in await ask(app, "/sukien 0")
    assert "Số ngày phải từ 1 đến 3.660 (nhận được 3.661)" in await ask(app, "/sukien 3661")
    assert "Số trang 'x' phải là số từ 1 trở lên." in await ask(app, "/sukien 60 x")
    assert "Khoảng này chỉ có 1 trang ngày kỷ niệm." in await ask(app, "/sukien 2023 2")


async def test_events_page_through_long_windows(app: App, clock: FakeClock) -> None:
    clock.set(vn_time(2026, 11, 27))
    # Ten years hold about 150 occurrences: 20 a page, in date order across pages.
    first = await ask_reply(app, "/sukien 3660")
    last_page = int(first.title.rsplit("/", 1)[1]) if first.title else 0
    assert first.title == f"Sự kiện trong 3.660 ngày tới (từ 27/11/2026) — trang 1/{last_page}"
    assert last_page > 2
    assert first.plain().count("\n• ") == 20
    assert [[(b.text, b.command) for b in row] for row in first.buttons] == [
        [("Trang sau »", "/sukien 3660 2")]
    ]
    second = await ask_reply(app, "/sukien 3660 2")
    dates = [line.split(" — ")[0] for line in (first.text + "\n" + second.text).splitlines()]
    assert len(set(dates)) > 20, "the second page continues, it does not repeat"
    end = await ask_reply(app, f"/sukien 3660 {last_page}")
    assert [[b.text for b in row] for row in end.buttons] == [["« Trang trước"]]


async def test_a_year_of_events_links_the_years_around(app: App) -> None:
    reply = await ask_reply(app, "/sukien 2023")
    assert [[(b.text, b.command) for b in row] for row in reply.buttons] == [
        [("« 2022", "/sukien 2022"), ("2024 »", "/sukien 2024")]
    ]
    last = await ask_reply(app, "/sukien 2100")
    assert [[b.text for b in row] for row in last.buttons] == [["« 2099"]]


async def test_progress_whole_district(app: App) -> None:
    text = await ask(app, "/tiendo")
    assert text.startswith("Tiến độ — Quận Hoàng Mai")
    assert "Chỉ tiêu năm 2022: hoàn thành 19/19" in text


async def test_progress_lines_match_the_article(app: App, clock: FakeClock) -> None:
    clock.set(vn_time(2023, 6, 1))
    text = await ask(app, "/tiendo HM")
    assert "Nhiệm vụ năm 2023: 6 nhiệm vụ — hoàn thành 0, đang thực hiện 0, chưa bắt đầu 6" in text
    assert "• NV2023-03 — 11/06/2023 (còn 10 ngày) — 0%" in text
    assert (
        "Khen thưởng năm 2022: danh hiệu thi đua 129 lượt tập thể, 2.377 lượt cá nhân; "
        "hình thức khen thưởng 522 lượt tập thể (9 đột xuất), 1.092 lượt cá nhân (74 đột xuất); "
        "hình thức ghi nhận khác 182 lượt cá nhân, 1 công trình "
        "(chi tiết: /khenthuong 2022 HM)."
    ) in text


async def test_progress_says_how_many_tasks_it_left_out(app: App, clock: FakeClock) -> None:
    clock.set(vn_time(2024, 1, 10))  # every 2023 deadline has passed: six overdue
    text = await ask(app, "/tiendo HM")
    assert "quá hạn 6." in text
    overdue = text.split("Quá hạn:\n")[1].split("\n")
    assert [line for line in overdue if line.startswith("• ")] == overdue[:5]
    assert overdue[5] == "… và 1 nhiệm vụ khác (xem /nhiemvu 2023)."


async def test_progress_of_a_unit_without_tasks(app: App) -> None:
    text = await ask(app, "/tiendo HM-HDND")
    assert text.startswith("Tiến độ — Hội đồng nhân dân quận Hoàng Mai")
    assert "Chưa có nhiệm vụ thi đua nào năm 2023 giao cho đơn vị này." in text
    assert "Chỉ tiêu: chưa có số liệu cho đơn vị này." in text
    assert "Khen thưởng: chưa có số liệu cho đơn vị này." in text


async def test_progress_names_an_award_the_report_gives_to_the_unit(app: App) -> None:
    # The Cờ thi đua for the education sector is named in the article, outside the table.
    text = await ask(app, "/tiendo HM-GDDT")
    assert "Khen thưởng năm 2022: Cờ thi đua xuất sắc (chi tiết: /khenthuong 2022 HM-GDDT)." in text
    assert "Không có đơn vị mã 'XYZ'" in await ask(app, "/tiendo XYZ")


async def test_tasks_page_past_the_last(app: App) -> None:
    assert "Năm 2023 chỉ có 1 trang nhiệm vụ." in await ask(app, "/nhiemvu 2023 3")
    assert "Chưa có số liệu nhiệm vụ thi đua năm 2019. Các năm có số liệu: 2023." in await ask(
        app, "/nhiemvu 2019"
    )


async def test_units_lists_codes(app: App) -> None:
    text = await ask(app, "/donvi")
    assert "• HM — Quận Hoàng Mai (quận/huyện, cấp cũ đến 30/6/2025)" in text
    assert "P-DAIKIM — Phường Đại Kim (xã/phường)" in text


async def test_help_lists_every_command(app: App) -> None:
    text = await ask(app, "/trogiup")
    for name in ("/khenthuong", "/chitieu", "/nhiemvu", "/tiendo", "/sukien", "/donvi", "/capnhat"):
        assert name in text


async def test_unknown_command_suggests(app: App) -> None:
    text = await ask(app, "/khenthuog")
    assert text.startswith("Không có lệnh /khenthuog. Có phải bạn muốn gõ /khenthuong?")
    # Close to the English alias /ack only: no English name is suggested.
    near_alias = await ask(app, "/abc")
    assert near_alias.startswith("Không có lệnh /abc.") and "/ack" not in near_alias, near_alias


async def test_suggestion_is_the_fewest_edits_away(app: App) -> None:
    # One wrong letter beats more letters in common (/nhak shares four with /nhatky).
    assert "bạn muốn gõ /nhac?" in await ask(app, "/nhak")
    assert "bạn muốn gõ /tiendo?" in await ask(app, "/tiedno")
    assert "bạn muốn xem /trogiup nhac?" in await ask(app, "/trogiup nhak")


async def test_command_names_ignore_diacritics_and_bot_suffix(app: App) -> None:
    assert (await ask(app, "/khenthưởng@ThiDuaBot 2022")).startswith("Khen thưởng năm 2022")


async def test_stray_text(app: App) -> None:
    assert "Thi Đua Bot chỉ hiểu lệnh bắt đầu bằng dấu /" in await ask(app, "xin chào")


async def test_year_buttons_only_when_other_years_exist(app: App) -> None:
    reply = await ask_reply(app, "/khenthuong 2022")
    assert reply.buttons == []
