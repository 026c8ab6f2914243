"""/nhac time expressions: a table of Vietnamese phrasings, one-off, recurring and refused."""

from __future__ import annotations

import pytest

from bot.domain.when import Recurrence, WhenError
from tests.when_parsing import NOW, VN, parse

# (text, first moment "YYYY-MM-DD HH:MM", stored rule or None, rest)
ONE_OFF = [
    # dd/mm with "h", 24-hour forms, a year, a 2-digit year
    ("05/12 9h Gửi báo cáo", "2026-12-05 09:00", "Gửi báo cáo"),
    ("05/12/2026 09:00 Họp tổng kết", "2026-12-05 09:00", "Họp tổng kết"),
    ("5/12/26 9h30 họp", "2026-12-05 09:30", "họp"),
    ("ngày 05/12 lúc 14:30: nộp hồ sơ", "2026-12-05 14:30", "nộp hồ sơ"),
    ("05-12 9g30 họp", "2026-12-05 09:30", "họp"),
    ("ngày 2 tháng 9 năm 2027 8h Quốc khánh", "2027-09-02 08:00", "Quốc khánh"),
    ("20/11 năm sau chúc mừng", "2027-11-20 08:00", "chúc mừng"),
    ("05/12 dương lịch 9h họp", "2026-12-05 09:00", "họp"),
    # relative days, with and without diacritics
    ("ngày mai 8 giờ Họp giao ban", "2026-11-28 08:00", "Họp giao ban"),
    ("ngay mai 8 gio hop giao ban", "2026-11-28 08:00", "hop giao ban"),
    ("mai 8h họp", "2026-11-28 08:00", "họp"),
    ("Mai 8h họp", "2026-11-28 08:00", "họp"),
    ("hôm nay 17h họp", "2026-11-27 17:00", "họp"),
    ("hom nay 17:00 hop", "2026-11-27 17:00", "hop"),
    ("ngày kia 8h họp", "2026-11-29 08:00", "họp"),
    ("ngày mốt 7h30 đi công tác", "2026-11-29 07:30", "đi công tác"),
    ("ngày mai", "2026-11-28 08:00", ""),
    # a time alone: today if still ahead, else tomorrow
    ("14h họp chi bộ", "2026-11-27 14:00", "họp chi bộ"),
    ("9h30 họp", "2026-11-28 09:30", "họp"),
    ("9:30 họp", "2026-11-28 09:30", "họp"),
    ("09:00 họp", "2026-11-28 09:00", "họp"),
    ("9 giờ họp", "2026-11-28 09:00", "họp"),
    ("9 giờ 30 họp", "2026-11-28 09:30", "họp"),
    ("9 gio 30 phut hop", "2026-11-28 09:30", "hop"),
    ("10 giờ rưỡi họp", "2026-11-27 10:30", "họp"),
    ("11 giờ kém 15 họp", "2026-11-27 10:45", "họp"),
    ("0h mai kiểm tra", "2026-11-28 00:00", "kiểm tra"),
    # parts of the day
    ("chiều 3 giờ họp", "2026-11-27 15:00", "họp"),
    ("3 giờ chiều họp", "2026-11-27 15:00", "họp"),
    ("chieu 3 gio hop", "2026-11-27 15:00", "hop"),
    ("8 giờ tối nay gọi điện", "2026-11-27 20:00", "gọi điện"),
    ("tối nay 8h gọi", "2026-11-27 20:00", "gọi"),
    ("9h sáng mai, họp", "2026-11-28 09:00", "họp"),
    ("1 giờ trưa mai ăn", "2026-11-28 13:00", "ăn"),
    ("15h chiều họp", "2026-11-27 15:00", "họp"),
    # durations
    ("sau 2 tiếng Gọi lại", "2026-11-27 12:00", "Gọi lại"),
    ("sau 2 giờ gọi lại", "2026-11-27 12:00", "gọi lại"),
    ("sau 30 phút gọi", "2026-11-27 10:30", "gọi"),
    ("sau 45p gọi", "2026-11-27 10:45", "gọi"),
    ("sau 1 tiếng 30 phút gọi", "2026-11-27 11:30", "gọi"),
    ("sau nửa tiếng gọi", "2026-11-27 10:30", "gọi"),
    ("2 tiếng nữa gọi", "2026-11-27 12:00", "gọi"),
    ("sau 3 ngày nộp", "2026-11-30 08:00", "nộp"),
    ("sau 2 tuần 9h họp", "2026-12-11 09:00", "họp"),
    ("sau 1 tháng kiểm tra", "2026-12-27 08:00", "kiểm tra"),
    # weekdays
    ("thứ 6 tuần sau nộp báo cáo", "2026-12-04 08:00", "nộp báo cáo"),
    ("thu 6 tuan sau nop", "2026-12-04 08:00", "nop"),
    ("thứ sáu tuần tới 9h", "2026-12-04 09:00", ""),
    ("thứ bảy tuần tới", "2026-12-05 08:00", ""),
    ("thứ hai 9h họp", "2026-11-30 09:00", "họp"),
    ("thứ 2 tuần này 9h", "2026-11-23 09:00", None),  # already past: refused below
    ("chủ nhật 9h đi", "2026-11-29 09:00", "đi"),
    ("CN 9h đi", "2026-11-29 09:00", "đi"),
    ("T6 9h họp", "2026-12-04 09:00", "họp"),
    ("t7 tuần này 9h", "2026-11-28 09:00", ""),
    ("thứ 6 tới 9h", "2026-12-04 09:00", ""),
    ("thứ 6 tối 9h", "2026-11-27 21:00", ""),
    ("vào thứ 6 tuần sau lúc 14h30 nộp", "2026-12-04 14:30", "nộp"),
    ("thứ 7, 05/12/2026 9h họp", "2026-12-05 09:00", "họp"),
    # days of a month
    ("ngày 25 tổng hợp", "2026-12-25 08:00", "tổng hợp"),
    ("ngày 5 tháng sau 9h", "2026-12-05 09:00", ""),
    ("cuối tháng nộp", "2026-11-30 08:00", "nộp"),
    ("ngày cuối tháng sau", "2026-12-31 08:00", ""),
    ("thứ 2 đầu tiên của tháng sau", "2026-12-07 08:00", ""),
    ("thứ 6 cuối tháng", "2026-12-25 08:00", ""),
    # a past yearless date is next year's
    ("05/01 9h", "2027-01-05 09:00", ""),
    ("mùng 2 tháng 9", "2027-09-02 08:00", ""),
    # lunar one-offs
    ("rằm tháng 7 cúng", "2027-08-16 08:00", "cúng"),
    ("ram thang gieng", "2027-02-20 08:00", ""),
    ("15/8 âm lịch", "2027-09-15 08:00", ""),
    ("mùng 1 tháng Giêng chúc Tết", "2027-02-06 08:00", "chúc Tết"),
    ("mùng 1 Tết", "2027-02-06 08:00", ""),
    ("ngày 15 âm lịch", "2026-12-23 08:00", ""),
    ("15/8/2027 âl", "2027-09-15 08:00", ""),
    # the working-day option on a one-off
    ("05/12 9h ngày làm việc nộp", "2026-12-04 09:00", "nộp"),
    ("05/12 9h (ngày làm việc) nộp", "2026-12-04 09:00", "nộp"),
    ("mùng 1 Tết ngày làm việc", "2027-02-03 08:00", ""),
]

RECURRING = [
    (
        "8h thứ 2 hằng tuần Giao ban",
        "2026-11-30 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261130T080000\nRRULE:FREQ=WEEKLY;BYDAY=MO",
        "Giao ban",
    ),
    (
        "8h thu 2 hang tuan giao ban",
        "2026-11-30 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261130T080000\nRRULE:FREQ=WEEKLY;BYDAY=MO",
        "giao ban",
    ),
    (
        "hằng tuần vào thứ 5 lúc 14h họp",
        "2026-12-03 14:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261203T140000\nRRULE:FREQ=WEEKLY;BYDAY=TH",
        "họp",
    ),
    (
        "mỗi tuần chủ nhật 9h",
        "2026-11-29 09:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261129T090000\nRRULE:FREQ=WEEKLY;BYDAY=SU",
        "",
    ),
    (
        "hằng ngày 7h30 tập thể dục",
        "2026-11-28 07:30",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261128T073000\nRRULE:FREQ=DAILY",
        "tập thể dục",
    ),
    (
        "mỗi ngày 16h",
        "2026-11-27 16:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261127T160000\nRRULE:FREQ=DAILY",
        "",
    ),
    (
        "hàng ngày 7h30",
        "2026-11-28 07:30",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261128T073000\nRRULE:FREQ=DAILY",
        "",
    ),
    (
        "hằng ngày làm việc 8h điểm danh",
        "2026-11-30 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261130T080000\nRRULE:FREQ=DAILY\nX-WORKDAYS:PREVIOUS",
        "điểm danh",
    ),
    (
        "ngày 25 hằng tháng Tổng hợp số liệu",
        "2026-12-25 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261225T080000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=25",
        "Tổng hợp số liệu",
    ),
    (
        "ngay 25 hang thang",
        "2026-12-25 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261225T080000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=25",
        "",
    ),
    (
        "ngày 31 hằng tháng",
        "2026-11-30 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261130T080000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1",
        "",
    ),
    (
        "ngày 30 hằng tháng",
        "2026-11-30 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261130T080000\n"
        "RRULE:FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1",
        "",
    ),
    (
        "ngày cuối tháng hằng tháng",
        "2026-11-30 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261130T080000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1",
        "",
    ),
    (
        "ngày làm việc cuối cùng của tháng Chấm công",
        "2026-11-30 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261130T080000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1\n"
        "X-WORKDAYS:PREVIOUS",
        "Chấm công",
    ),
    (
        "ngay lam viec cuoi cung cua thang",
        "2026-11-30 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261130T080000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1\n"
        "X-WORKDAYS:PREVIOUS",
        "",
    ),
    (
        "8h thứ 2 đầu tiên của tháng Họp",
        "2026-12-07 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261207T080000\nRRULE:FREQ=MONTHLY;BYDAY=1MO",
        "Họp",
    ),
    (
        "thứ 6 cuối cùng của tháng",
        "2026-12-25 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261225T080000\nRRULE:FREQ=MONTHLY;BYDAY=-1FR",
        "",
    ),
    (
        "ngày 25 hằng tháng ngày làm việc",
        "2026-12-25 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261225T080000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=25\n"
        "X-WORKDAYS:PREVIOUS",
        "",
    ),
    (
        "hằng năm 20/11 Chúc mừng",
        "2027-11-20 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20271120T080000\nRRULE:FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=20",
        "Chúc mừng",
    ),
    (
        "05/12 hằng năm 9h",
        "2026-12-05 09:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261205T090000\nRRULE:FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=5",
        "",
    ),
    (
        "29/02 hằng năm",
        "2027-02-28 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20270228T080000\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1",
        "",
    ),
    (
        "rằm hằng tháng Dâng hương",
        "2026-12-23 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261223T080000\nLUNAR:FREQ=MONTHLY;DAY=15",
        "Dâng hương",
    ),
    (
        "ram hang thang",
        "2026-12-23 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261223T080000\nLUNAR:FREQ=MONTHLY;DAY=15",
        "",
    ),
    (
        "mùng 1 âm lịch hằng tháng",
        "2026-12-09 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261209T080000\nLUNAR:FREQ=MONTHLY;DAY=1",
        "",
    ),
    (
        "mung 1 am lich hang thang",
        "2026-12-09 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261209T080000\nLUNAR:FREQ=MONTHLY;DAY=1",
        "",
    ),
    (
        "ngày 30 âm lịch hằng tháng",
        "2026-12-08 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20261208T080000\nLUNAR:FREQ=MONTHLY;DAY=30",
        "",
    ),
    (
        "15/8 âm lịch hằng năm Trung thu",
        "2027-09-15 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20270915T080000\nLUNAR:FREQ=YEARLY;MONTH=8;DAY=15",
        "Trung thu",
    ),
    (
        "mùng 10 tháng 3 âm lịch hằng năm Giỗ Tổ",
        "2027-04-16 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20270416T080000\nLUNAR:FREQ=YEARLY;MONTH=3;DAY=10",
        "Giỗ Tổ",
    ),
    (
        "1/1 âm lịch hằng năm ngày làm việc",
        "2027-02-03 08:00",
        "DTSTART;TZID=Asia/Ho_Chi_Minh:20270206T080000\nLUNAR:FREQ=YEARLY;MONTH=1;DAY=1\n"
        "X-WORKDAYS:PREVIOUS",
        "",
    ),
]

REFUSED = [
    ("31/02 9h họp", "Không có ngày 31/02"),
    ("31/04 9h", "tháng 4 có 30 ngày"),
    ("25:00 họp", "Giờ '25:00' không có"),
    ("24h họp", "Giờ '24h' không có"),
    ("9h75 họp", "Giờ '9h75' không có"),
    ("thứ 8 họp", "Không có 'thứ 8'"),
    ("thu 9 hop", "Không có 'thu 9'"),
    ("5/12 9h sáng chiều họp", "'sáng' và 'chiều' cùng nói về buổi trong ngày"),
    ("9h 10h họp", "'9h' và '10h' cùng nói về giờ"),
    ("mai 05/12 9h", "'mai' và '05/12' cùng nói về ngày"),
    ("5 họp", "'5' chưa rõ là giờ hay ngày: hãy viết 05:00, 17h hoặc ngày 5."),
    ("15 người họp", "'15' chưa rõ là giờ hay ngày: hãy viết 15h hoặc ngày 15."),
    ("28 đơn vị", "'28' chưa rõ là giờ hay ngày: hãy viết ngày 28."),
    ("100 người họp", "Không đọc được thời gian ở đầu '100 người họp'"),
    ("sau -2 tiếng gọi", "'sau -2 tiếng' không nhắc được"),
    ("sau 0 phút gọi", "phải lớn hơn 0"),
    ("hôm nay 8h họp", "đã qua"),
    ("05/12/2025 9h họp", "đã qua"),
    ("thứ 2 tuần này 9h", "đã qua"),
    ("3h họp", "Giờ '3h' chưa rõ là 03:00 hay 15:00"),
    ("4:30 họp", "chưa rõ là 04:30 hay 16:30"),
    ("15h sáng họp", "'15h' và 'sáng' không khớp nhau"),
    ("9 giờ chiều", "'9 giờ' và 'chiều' không khớp nhau"),
    ("sáng mai họp", "'sáng' cần giờ cụ thể"),
    ("thu 6 toi 9h", "chưa rõ là 'tối' hay 'tới'"),
    ("hằng tuần họp", "chưa nói thứ mấy"),
    ("hằng tháng họp", "chưa nói ngày nào trong tháng"),
    ("thứ 2 hằng tháng", "chưa nói ngày nào trong tháng"),
    ("hằng năm họp", "cần ngày và tháng"),
    ("mùng 1 hằng tháng", "chưa rõ là âm lịch hay dương lịch"),
    ("mai hằng ngày 8h", "Nhắc lặp lại không đi cùng 'mai'"),
    ("sau 2 tiếng 9h", "'sau 2 tiếng' không đi cùng '9h'"),
    ("thứ 6, 05/12/2026 9h", "thứ Bảy, 05/12/2026 không phải thứ Sáu"),
    ("29/02 9h", "Năm 2027 không có ngày 29/02"),
    ("ngày 31", "Tháng 11/2026 không có ngày 31"),
    ("rằm tháng 2 nhuận", "tháng nhuận"),
    ("rằm dương lịch", "'dương lịch' trái với 'rằm'"),
    ("dương lịch rằm", "'rằm' là ngày âm lịch, nhưng đã ghi dương lịch"),
    ("tuần sau họp", "cần một thứ trong tuần"),
    ("hôm qua 9h", "Không đọc được thời gian ở đầu 'hôm qua 9h'"),
    ("họp giao ban", "Không đọc được thời gian"),
    # Not 1/1 with "/99999 x" as the text: a date is never cut before more digits.
    ("1/1/99999 x", "chưa rõ là giờ hay ngày"),
    ("", "Không đọc được thời gian"),
]


@pytest.mark.parametrize(("text", "first", "rest"), ONE_OFF)
def test_one_off_phrasings(text: str, first: str, rest: str | None) -> None:
    if rest is None:
        with pytest.raises(WhenError):
            parse(text)
        return
    parsed = parse(text)
    assert parsed.first.strftime("%Y-%m-%d %H:%M") == first
    assert parsed.recurrence is None
    assert parsed.rest == rest
    assert parsed.first.tzinfo is VN


@pytest.mark.parametrize(("text", "first", "stored", "rest"), RECURRING)
def test_recurring_phrasings(text: str, first: str, stored: str, rest: str) -> None:
    parsed = parse(text)
    assert parsed.recurrence is not None
    assert parsed.first.strftime("%Y-%m-%d %H:%M") == first
    assert parsed.recurrence.to_string() == stored
    assert parsed.rest == rest
    assert parsed.workdays == parsed.recurrence.workdays
    # What the rule computes from `now` is what the reply announces.
    assert parsed.recurrence.next_after(NOW) == parsed.first


@pytest.mark.parametrize(("text", "fragment"), REFUSED)
def test_refused_phrasings_say_what_and_how(text: str, fragment: str) -> None:
    with pytest.raises(WhenError) as caught:
        parse(text)
    message = caught.value.message
    assert fragment in message
    assert "Cách viết:" in message and "Ví dụ: /nhac" in message


def test_the_table_is_large_enough() -> None:
    assert len(ONE_OFF) + len(RECURRING) >= 60
    assert len(REFUSED) >= 20


def test_recurring_parse_round_trips_through_storage() -> None:
    for text, *_ in RECURRING:
        rule = parse(text).recurrence
        assert rule is not None
        assert Recurrence.from_string(rule.to_string()) == rule
