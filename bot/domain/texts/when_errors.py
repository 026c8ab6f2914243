"""Texts of `/nhac` refusals: what in a time could not be read, how to write it, and examples."""

from __future__ import annotations

import datetime as dt

from bot.domain.texts.when import WEEKDAYS, date_text, moment_text

DAILY = "hằng ngày"
WEEKLY = "hằng tuần"
MONTHLY = "hằng tháng"
YEARLY = "hằng năm"
DAY_TOPIC = "ngày"
# What a phrase is about, for "… cùng nói về …" when two phrases say it twice.
TOPICS = {
    "time": "giờ",
    "period": "buổi trong ngày",
    "weekday": "thứ trong tuần",
    "week_rel": "tuần",
    "month_rel": "tháng",
    "year_rel": "năm",
    "freq": "cách lặp lại",
    "calendar": "âm lịch hay dương lịch",
    "nth": "thứ tự trong tháng",
    "workdays": "ngày làm việc",
}

HOW_TIME = "9h, 9h30, 09:00, 9 giờ 30, 3 giờ chiều, 15h"
HOW_REPEAT = "<giờ> <ngày hoặc thứ> hằng ngày|hằng tuần|hằng tháng|hằng năm"
HOW_LUNAR_OR_SOLAR = "mùng 1 âm lịch hằng tháng, hoặc ngày 1 hằng tháng"
EXAMPLES_LUNAR_OR_SOLAR = (
    "/nhac mùng 1 âm lịch hằng tháng Dâng hương",
    "/nhac ngày 1 hằng tháng Chấm công",
)
HOW_WEEKLY = "<giờ> thứ 2…thứ 7|chủ nhật hằng tuần"
EXAMPLES_WEEKLY = ("/nhac 8h thứ 2 hằng tuần Giao ban",)
HOW_YEARLY = "hằng năm <ngày/tháng>"
EXAMPLES_YEARLY = (
    "/nhac hằng năm 20/11 Chúc mừng Ngày Nhà giáo",
    "/nhac 15/8 âm lịch hằng năm Tết Trung thu",
)
HOW_MONTHLY = "ngày <1–31> hằng tháng, ngày cuối tháng hằng tháng, thứ 2 đầu tiên của tháng"
EXAMPLES_MONTHLY = (
    "/nhac ngày 25 hằng tháng Tổng hợp số liệu",
    "/nhac 8h thứ 2 đầu tiên của tháng Họp",
)
HOW_FUTURE = "một thời điểm sắp tới"
EXAMPLES_FUTURE = ("/nhac ngày mai 8 giờ Họp giao ban", "/nhac sau 2 tiếng Gọi lại")
HOW_FULL_DATE = "<ngày/tháng/năm>"
EXAMPLES_FULL_DATE = ("/nhac 29/02/2028 9h Kiểm tra",)
HOW_DELTA = "sau <số> phút|tiếng|ngày|tuần"
EXAMPLES_NEGATIVE = ("/nhac sau 30 phút Gọi lại", "/nhac sau 2 tiếng Họp")
EXAMPLES_ZERO = ("/nhac sau 30 phút Gọi lại",)
HOW_WEEKDAY = "thứ 2…thứ 7, thứ hai…thứ bảy, chủ nhật, CN, T2…T7"
EXAMPLES_WEEKDAY = ("/nhac 9h thứ 6 tuần sau Nộp báo cáo",)
HOW_LEAP = "<ngày/tháng> âm lịch"
EXAMPLES_LEAP = ("/nhac rằm tháng 2 âm lịch Dâng hương",)
HOW_EVENING = "8 giờ tối, thứ 6 tới"
EXAMPLES_EVENING = ("/nhac 8 giờ tối nay Gọi điện",)
EXAMPLES_PERIOD = ("/nhac 8h sáng mai Họp giao ban",)
EXAMPLES_HOUR = ("/nhac 05/12 9h Gửi báo cáo",)
EXAMPLES_PERIOD_HOUR = ("/nhac 3 giờ chiều mai Họp",)


def _number_forms(number: int) -> str:
    hours = [f"{number:02d}:00", f"{number + 12}h"] if 1 <= number <= 5 else [f"{number}h"]
    if number > 23:
        hours = []
    days = [f"ngày {number}"] if number >= 1 else []
    forms = hours + days
    return ", ".join(forms[:-1]) + " hoặc " + forms[-1] if len(forms) > 1 else forms[0]


def hour_or_day(number: int) -> str:
    """A bare number at the start: say the ways it could be meant."""
    return f"'{number}' chưa rõ là giờ hay ngày: hãy viết {_number_forms(number)}."


def unreadable(start: str) -> str:
    """Nothing at the start reads as a time (`start`: the text's first characters)."""
    return f"Không đọc được thời gian ở đầu '{start}'."


def monthly_and_other(spoken: str) -> str:
    """Monthly and another repetition said together."""
    return f"'{spoken}' vừa hằng tháng vừa lặp theo cách khác: chỉ viết một."


def repeat_with(words: str) -> str:
    """A repeating reminder with a one-off word ("mai", "sau 2 tiếng")."""
    return f"Nhắc lặp lại không đi cùng '{words}'."


def lunar_not_here(spoken: str) -> str:
    """A lunar daily or weekly rule."""
    return f"'{spoken}': âm lịch chỉ dùng cho ngày trong tháng hoặc trong năm."


def lunar_or_solar(spoken: str) -> str:
    """A monthly `mùng 1` without saying which calendar."""
    return f"'{spoken}' chưa rõ là âm lịch hay dương lịch."


def no_weekday(spoken: str) -> str:
    """A weekly rule without its weekday."""
    return f"'{spoken}' chưa nói thứ mấy."


def yearly_needs_date(spoken: str) -> str:
    """A yearly rule without a day and month, or with a year."""
    return f"'{spoken}' cần ngày và tháng, không ghi năm."


def none_before(spoken: str, year: int) -> str:
    """A rule with no occurrence left in the years reminders reach."""
    return f"'{spoken}' không còn lần nào trước năm {year}."


def not_with_in(words: str, what: str, spoken: str) -> str:
    """A phrase that does not go with the rule's repetition."""
    return f"'{words}' không đi cùng '{what}' trong '{spoken}'."


def monthly_with_month(spoken: str) -> str:
    """A monthly rule given a month."""
    return f"'{spoken}': nhắc hằng tháng chỉ ghi ngày, không ghi tháng."


def lunar_last_day(spoken: str) -> str:
    """The last day of a lunar month, not supported."""
    return f"'{spoken}': ngày cuối tháng âm lịch chưa nhắc được."


def no_day_of_month(spoken: str) -> str:
    """A monthly rule that names no day."""
    return f"'{spoken}' chưa nói ngày nào trong tháng."


def no_such_month(month: int, spoken: str) -> str:
    """A month number outside 1–12."""
    return f"Không có tháng {month} trong '{spoken}': tháng từ 1 đến 12."


def no_such_day(day: int, month: int | None, *, lunar: bool, days: int, spoken: str) -> str:
    """A day no month (of that number) has; `days` is the longest such month's length."""
    if lunar:
        length = "29 hoặc 30"
    elif month is None:
        length = "nhiều nhất 31"
    else:
        length = "28 hoặc 29" if month == 2 else str(days)
    what = f"ngày {day:02d}/{month:02d}" if month else f"ngày {day}"
    kind = "tháng âm lịch" if lunar else f"tháng {month}" if month else "một tháng"
    return f"Không có {what} trong '{spoken}': {kind} có {length} ngày."


def not_with(words: str, other: str) -> str:
    """A duration said with another phrase about the day."""
    return f"'{words}' không đi cùng '{other}'."


def needs_weekday(words: str) -> str:
    """`tuần sau` or `đầu tiên` without a weekday."""
    return f"'{words}' cần một thứ trong tuần, ví dụ 'thứ 6 {words}'."


def no_day(spoken: str) -> str:
    """Words that say neither a day nor a time."""
    return f"'{spoken}' chưa nói ngày giờ nhắc."


def wrong_weekday(day: dt.date, weekday: int, spoken: str) -> str:
    """A date and a weekday that do not agree."""
    return f"{date_text(day)} không phải {WEEKDAYS[weekday]} như '{spoken}' ghi."


def past(spoken: str, first: dt.datetime) -> str:
    """A moment already past."""
    return f"Thời gian '{spoken}' ({moment_text(first)}) đã qua."


def too_far(spoken: str, last_year: int) -> str:
    """A moment after the last year reminders reach."""
    return f"'{spoken}' xa quá: chỉ nhắc đến hết năm {last_year}."


def lunar_years(spoken: str, first: int, last: int) -> str:
    """A lunar date outside the years the lunar table covers."""
    return f"'{spoken}' nằm ngoài khoảng năm {first}–{last}."


def no_leap_day(year: int) -> str:
    """29/02 without a year, in a common year."""
    return f"Năm {year} không có ngày 29/02: hãy ghi cả năm."


def bad_year(year: int) -> str:
    """A year outside what a date can hold."""
    return f"Năm {year} không nhắc được."


def not_in_month(month: dt.date, day: int, spoken: str) -> str:
    """A day the month (`month`: its first day) does not have."""
    return f"Tháng {month.month:02d}/{month.year} không có ngày {day} như '{spoken}' ghi."


def no_lunar_day(day: int, spoken: str) -> str:
    """A lunar day outside 1–30."""
    return f"Không có ngày {day} âm lịch trong '{spoken}': tháng âm lịch có 29 hoặc 30 ngày."


def said_twice(first: str, second: str, topic: str) -> str:
    """Two phrases about the same thing."""
    return f"'{first}' và '{second}' cùng nói về {topic}: chỉ viết một."


def negative(words: str) -> str:
    """A negative duration: `sau -2 ngày`."""
    return f"'{words}' không nhắc được: khoảng thời gian phải là số dương."


def bad_weekday(words: str) -> str:
    """A weekday that does not exist: `thứ 9`."""
    return f"Không có '{words}': các ngày trong tuần là thứ 2 đến thứ 7 và chủ nhật (CN)."


def leap_month(words: str) -> str:
    """A lunar leap month, not supported."""
    return f"Chưa nhắc được theo tháng nhuận ('{words}'): tháng nhuận dùng ngày của tháng thường."


def zero(words: str) -> str:
    """A duration of nothing: `sau 0 phút`, `nửa ngày`."""
    return f"'{words}' không nhắc được: khoảng thời gian phải lớn hơn 0."


def minutes_after_days(words: str) -> str:
    """Minutes added to days or weeks."""
    return f"'{words}' không đọc được: số phút chỉ đi sau số tiếng."


def delta_too_far(words: str) -> str:
    """A duration over 3650 units."""
    return f"'{words}' xa quá: tối đa 3650."


def lunar_said_solar(words: str) -> str:
    """A lunar-only phrase after "dương lịch"."""
    return f"'{words}' là ngày âm lịch, nhưng đã ghi dương lịch."


def calendars_disagree(words: str, other: str) -> str:
    """Both calendars named."""
    return f"'{words}' trái với '{other}': chỉ viết một loại lịch."


def bad_minutes_to(words: str) -> str:
    """Minutes to the hour out of range: `9 giờ kém 75`."""
    return f"'{words}' không đọc được: số phút kém từ 1 đến 59."


def evening_or_next(words: str) -> str:
    """`toi` without marks: evening or next."""
    return f"'{words}' chưa rõ là 'tối' hay 'tới': hãy viết có dấu."


def period_needs_hour(words: str) -> str:
    """A part of the day without an hour: `sáng mai`."""
    return f"'{words}' cần giờ cụ thể."


def no_such_hour(words: str) -> str:
    """An hour or minute out of range."""
    return f"Giờ '{words}' không có: giờ từ 0 đến 23, phút từ 0 đến 59."


def hour_and_period(words: str, period: str) -> str:
    """An hour the part of the day does not have ("9 giờ tối")."""
    return f"'{words}' và '{period}' không khớp nhau."


def am_or_pm(words: str, hour: int, minute: int) -> str:
    """An hour 1–5 without a part of the day: `3h` is 03:00 or 15:00."""
    return f"Giờ '{words}' chưa rõ là {hour:02d}:{minute:02d} hay {hour + 12}:{minute:02d}."


def how_am_or_pm(hour: int, minute: int) -> str:
    """How to write an hour 1–5 unambiguously."""
    return f"{hour + 12}h hoặc {hour} giờ chiều; 0{hour}:{minute:02d} cho buổi sáng sớm"


def example_pm(hour: int) -> tuple[str, ...]:
    """An example with the afternoon hour."""
    return (f"/nhac {hour + 12}h Họp",)
