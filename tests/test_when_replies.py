"""/nhac times beyond the table: accents, defaults, rolling over, zones, working days, replies."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.domain.when import (
    WhenError,
    moment_text,
    parse_when,
    recurrence_text,
    when_text,
)
from bot.domain.when_lex import fold
from tests.when_parsing import NOW, VN, parse


@pytest.mark.parametrize(
    ("accented", "plain"),
    [
        ("ngày mai 8 giờ", "ngay mai 8 gio"),
        ("thứ 6 tuần sau", "thu 6 tuan sau"),
        ("8h thứ 2 hằng tuần", "8h thu 2 hang tuan"),
        ("ngày làm việc cuối cùng của tháng", "ngay lam viec cuoi cung cua thang"),
        ("mùng 1 âm lịch hằng tháng", "mung 1 am lich hang thang"),
        ("rằm tháng Giêng", "RAM THANG GIENG"),
        ("chủ nhật 9h", "chu nhat 9h"),
        ("Đúng 9h thứ Bảy", "dung 9h thu bay"),
    ],
)
def test_diacritics_and_case_do_not_matter(accented: str, plain: str) -> None:
    assert fold(accented) == plain.lower()
    if not accented.startswith("Đúng"):
        assert parse(accented).first == parse(plain).first


def test_a_date_without_time_uses_the_callers_hour() -> None:
    parsed = parse_when("05/12 nộp", now=NOW, tz=VN, default_time=dt.time(7, 15))
    assert parsed.first == dt.datetime(2026, 12, 5, 7, 15, tzinfo=VN)
    assert parsed.default_time
    assert not parse("05/12 9h nộp").default_time


def test_a_past_yearless_date_rolls_to_next_year_and_says_so() -> None:
    parsed = parse("05/01 9h nộp")
    assert parsed.rolled == "year"
    assert when_text(parsed) == (
        "Sẽ nhắc lúc 09:00 thứ Ba, 05/01/2027 (năm sau, vì ngày này năm nay đã qua)"
    )
    # With the year written, a past date is refused instead.
    with pytest.raises(WhenError, match="đã qua"):
        parse("05/01/2026 9h nộp")


def test_a_passed_time_today_means_tomorrow_and_says_so() -> None:
    parsed = parse("9h họp")
    assert parsed.rolled == "day"
    assert "(ngày mai, vì giờ này hôm nay đã qua)" in when_text(parsed)


def test_a_duration_keeps_the_seconds_of_now() -> None:
    now = NOW.replace(second=27, microsecond=500)
    assert parse("sau 2 tiếng gọi", now=now).first == dt.datetime(
        2026, 11, 27, 12, 0, 27, tzinfo=VN
    )


def test_now_in_another_zone_is_read_in_the_chats_zone() -> None:
    # 20:00 UTC on the 27th is 03:00 on the 28th in Hà Nội: "mai" is the 29th.
    utc_now = dt.datetime(2026, 11, 27, 20, 0, tzinfo=dt.UTC)
    assert parse("mai 8h", now=utc_now).first == dt.datetime(2026, 11, 29, 8, 0, tzinfo=VN)


def test_a_zone_with_daylight_saving() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    # 29/03/2026 01:30 CET; clocks jump from 02:00 to 03:00.
    now = dt.datetime(2026, 3, 29, 1, 30, tzinfo=berlin)
    in_an_hour = parse("sau 1 tiếng anrufen", now=now, tz=berlin).first
    assert in_an_hour.astimezone(dt.UTC) == dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC)
    assert in_an_hour.strftime("%H:%M %Z") == "03:30 CEST"
    weekly = parse("8h thứ 2 hằng tuần", now=now, tz=berlin)
    assert weekly.first == dt.datetime(2026, 3, 30, 8, 0, tzinfo=berlin)
    assert weekly.recurrence is not None
    assert weekly.recurrence.to_string().startswith("DTSTART;TZID=Europe/Berlin:20260330T080000")
    assert parse("mai 8h", now=now, tz=berlin).first.utcoffset() == dt.timedelta(hours=2)


def test_naive_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="aware"):
        parse_when("mai 8h", now=dt.datetime(2026, 11, 27, 10, 0), tz=VN)


def test_working_day_option_moves_a_one_off_over_tet() -> None:
    # Tết 2027: 04–10/02 are days off; 06/02 (mùng 1) moves to Wednesday 03/02.
    parsed = parse("06/02/2027 9h ngày làm việc Chúc Tết")
    assert parsed.first == dt.datetime(2027, 2, 3, 9, 0, tzinfo=VN)
    assert parsed.nominal == dt.datetime(2027, 2, 6, 9, 0, tzinfo=VN)
    assert when_text(parsed) == (
        "Sẽ nhắc lúc 09:00 thứ Tư, 03/02/2027 (dời từ thứ Bảy, 06/02/2027 vì trùng ngày nghỉ)"
    )


def test_working_day_shift_into_the_past_is_refused() -> None:
    # Saturday 28/11 moves to Friday 27/11, 08:00: already past at 10:00.
    with pytest.raises(WhenError, match="đã qua"):
        parse("mai 8h ngày làm việc")


def test_replies_repeat_the_understood_time_in_full() -> None:
    assert when_text(parse("05/12 9h Gửi báo cáo")) == "Sẽ nhắc lúc 09:00 thứ Bảy, 05/12/2026"
    assert when_text(parse("8h thứ 2 hằng tuần")) == (
        "Sẽ nhắc hằng tuần vào thứ Hai, 08:00; lần đầu lúc 08:00 thứ Hai, 30/11/2026"
    )
    assert moment_text(dt.datetime(2026, 12, 4, 9, 0, tzinfo=VN)) == "09:00 thứ Sáu, 04/12/2026"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8h thứ 2 hằng tuần", "hằng tuần vào thứ Hai, 08:00"),
        ("ngày 25 hằng tháng", "ngày 25 hằng tháng, 08:00"),
        ("rằm hằng tháng", "rằm hằng tháng (âm lịch), 08:00"),
        ("mùng 1 âm lịch hằng tháng 6h", "mùng 1 hằng tháng (âm lịch), 06:00"),
        ("ngày làm việc cuối cùng của tháng", "ngày làm việc cuối cùng của tháng, 08:00"),
        ("ngày cuối tháng hằng tháng", "ngày cuối cùng của tháng, 08:00"),
        ("ngày 30 hằng tháng", "ngày 30 hằng tháng (tháng ít ngày hơn: ngày cuối tháng), 08:00"),
        ("thứ 2 đầu tiên của tháng", "thứ Hai đầu tiên của tháng, 08:00"),
        ("hằng năm 20/11", "ngày 20/11 hằng năm, 08:00"),
        ("29/02 hằng năm", "ngày 29/02 hằng năm (28/02 trong năm không nhuận), 08:00"),
        ("15/8 âm lịch hằng năm", "ngày 15/8 âm lịch hằng năm, 08:00"),
        (
            "ngày 30 âm lịch hằng tháng",
            "ngày 30 hằng tháng (âm lịch), tháng thiếu nhắc ngày 29, 08:00",
        ),
        ("hằng ngày 17h", "hằng ngày, 17:00"),
        ("hằng ngày làm việc 8h", "mỗi ngày làm việc, 08:00"),
        (
            "ngày 25 hằng tháng ngày làm việc",
            "ngày 25 hằng tháng, 08:00 (dời sang ngày làm việc trước nếu trùng ngày nghỉ)",
        ),
    ],
)
def test_recurrence_texts(text: str, expected: str) -> None:
    rule = parse(text).recurrence
    assert rule is not None
    assert recurrence_text(rule) == expected
