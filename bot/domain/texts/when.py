"""Texts of `/nhac` times: how to write one, how a time and a repeating rule are said back."""

from __future__ import annotations

import datetime as dt

USAGE = "/nhac <khi> <nội dung>"
EXAMPLES = (
    "/nhac 05/12 9h Gửi báo cáo tổng kết năm",
    "/nhac ngày mai 8 giờ Họp giao ban",
    "/nhac sau 2 tiếng Gọi lại cho Phường Đại Kim",
    "/nhac 8h thứ 2 hằng tuần Giao ban đầu tuần",
    "/nhac ngày làm việc cuối cùng của tháng Tổng hợp số liệu",
    "/nhac rằm hằng tháng Dâng hương",
)
# Lower-case "thứ" inside a sentence (docs/voice.md); bot.domain.vn has the sentence-start forms.
WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
WORKDAYS_NOTE = "(dời sang ngày làm việc trước nếu trùng ngày nghỉ)"
_NTH = {1: "đầu tiên", 2: "thứ hai", 3: "thứ ba", 4: "thứ tư", -1: "cuối cùng"}


def refusal(problem: str, how: str, examples: tuple[str, ...]) -> str:
    """What was wrong, how to write it, and examples (docs/voice.md)."""
    return f"{problem} Cách viết: {how}. Ví dụ: {'; '.join(examples)}."


def date_text(day: dt.date) -> str:
    """thứ Sáu, 05/12/2026."""
    return f"{WEEKDAYS[day.weekday()]}, {day.strftime('%d/%m/%Y')}"


def moment_text(moment: dt.datetime) -> str:
    """09:00 thứ Sáu, 05/12/2026, in the moment's own time zone."""
    return f"{moment.strftime('%H:%M')} {date_text(moment.date())}"


def lunar_day_text(day: int) -> str:
    """rằm, mùng 1 … mùng 10, ngày 11 … ngày 30 (lunar days as people say them)."""
    if day == 15:
        return "rằm"
    return f"mùng {day}" if day <= 10 else f"ngày {day}"


def rule_text(
    freq: str,
    time: str,
    *,
    lunar: bool,
    day: int | None,
    month: int | None,
    weekday: int | None,
    nth: int | None,
    workdays: bool,
) -> str:
    """How a rule repeats, with its time (`HH:MM`): "hằng tuần vào thứ Hai, 08:00"."""
    note = f" {WORKDAYS_NOTE}" if workdays else ""
    if lunar:
        assert day is not None
        if freq == "YEARLY":
            text = f"ngày {day}/{month} âm lịch hằng năm"
        else:
            text = f"{lunar_day_text(day)} hằng tháng (âm lịch)"
        if day == 30:
            text += ", tháng thiếu nhắc ngày 29"
    elif freq == "DAILY":
        if workdays:
            return f"mỗi ngày làm việc, {time}"
        text = "hằng ngày"
    elif freq == "WEEKLY":
        assert weekday is not None
        text = f"hằng tuần vào {WEEKDAYS[weekday]}"
    elif freq == "MONTHLY" and weekday is not None:
        assert nth is not None
        text = f"{WEEKDAYS[weekday]} {_NTH[nth]} của tháng"
    elif freq == "MONTHLY":
        if day == -1:
            if workdays:
                return f"ngày làm việc cuối cùng của tháng, {time}"
            text = "ngày cuối cùng của tháng"
        else:
            text = f"ngày {day} hằng tháng"
            if day in (29, 30):
                text += " (tháng ít ngày hơn: ngày cuối tháng)"
    elif (month, day) == (2, -1):
        text = "ngày 29/02 hằng năm (28/02 trong năm không nhuận)"
    else:
        text = f"ngày {day:02d}/{month:02d} hằng năm"
    return f"{text}, {time}{note}"


def repeating(rule: str, first: dt.datetime) -> str:
    """The confirmation of a repeating reminder, without its text."""
    return f"Sẽ nhắc {rule}; lần đầu lúc {moment_text(first)}"


def once(first: dt.datetime, *, moved_from: dt.date | None, rolled: str | None) -> str:
    """The confirmation of a one-off reminder, without its text: "Sẽ nhắc lúc 09:00 thứ Sáu…"."""
    notes = []
    if moved_from is not None:
        notes.append(f"dời từ {date_text(moved_from)} vì trùng ngày nghỉ")
    if rolled == "year":
        notes.append("năm sau, vì ngày này năm nay đã qua")
    elif rolled == "month":
        notes.append("tháng sau, vì ngày này tháng này đã qua")
    elif rolled == "day":
        notes.append("ngày mai, vì giờ này hôm nay đã qua")
    extra = f" ({'; '.join(notes)})" if notes else ""
    return f"Sẽ nhắc lúc {moment_text(first)}{extra}"
