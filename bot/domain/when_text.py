"""Vietnamese texts for reminder times and rules, following docs/voice.md."""

from __future__ import annotations

import datetime as dt

from bot.domain.recurrence import Recurrence
from bot.domain.when_types import ParsedWhen

# Lower-case "thứ" inside a sentence (docs/voice.md); bot.domain.vn has the sentence-start forms.
WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
WORKDAYS_NOTE = "(dời sang ngày làm việc trước nếu trùng ngày nghỉ)"
_NTH = {1: "đầu tiên", 2: "thứ hai", 3: "thứ ba", 4: "thứ tư", -1: "cuối cùng"}


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


def recurrence_text(rule: Recurrence) -> str:
    """How a rule repeats, with its time: "hằng tuần vào thứ Hai, 08:00"."""
    time = rule.start.strftime("%H:%M")
    note = f" {WORKDAYS_NOTE}" if rule.workdays else ""
    if rule.lunar:
        assert rule.day is not None
        if rule.freq == "YEARLY":
            text = f"ngày {rule.day}/{rule.month} âm lịch hằng năm"
        else:
            text = f"{lunar_day_text(rule.day)} hằng tháng (âm lịch)"
        if rule.day == 30:
            text += ", tháng thiếu nhắc ngày 29"
    elif rule.freq == "DAILY":
        if rule.workdays:
            return f"mỗi ngày làm việc, {time}"
        text = "hằng ngày"
    elif rule.freq == "WEEKLY":
        assert rule.weekday is not None
        text = f"hằng tuần vào {WEEKDAYS[rule.weekday]}"
    elif rule.freq == "MONTHLY" and rule.weekday is not None:
        assert rule.nth is not None
        text = f"{WEEKDAYS[rule.weekday]} {_NTH[rule.nth]} của tháng"
    elif rule.freq == "MONTHLY":
        if rule.day == -1:
            if rule.workdays:
                return f"ngày làm việc cuối cùng của tháng, {time}"
            text = "ngày cuối cùng của tháng"
        else:
            text = f"ngày {rule.day} hằng tháng"
            if rule.day in (29, 30):
                text += " (tháng ít ngày hơn: ngày cuối tháng)"
    elif (rule.month, rule.day) == (2, -1):
        text = "ngày 29/02 hằng năm (28/02 trong năm không nhuận)"
    else:
        text = f"ngày {rule.day:02d}/{rule.month:02d} hằng năm"
    return f"{text}, {time}{note}"


def when_text(parsed: ParsedWhen) -> str:
    """The confirmation, without the reminder's text: "Sẽ nhắc lúc 09:00 thứ Sáu, 05/12/2026"."""
    first = moment_text(parsed.first)
    if parsed.recurrence is not None:
        return f"Sẽ nhắc {recurrence_text(parsed.recurrence)}; lần đầu lúc {first}"
    notes = []
    if parsed.first != parsed.nominal:
        notes.append(f"dời từ {date_text(parsed.nominal.date())} vì trùng ngày nghỉ")
    if parsed.rolled == "year":
        notes.append("năm sau, vì ngày này năm nay đã qua")
    elif parsed.rolled == "month":
        notes.append("tháng sau, vì ngày này tháng này đã qua")
    elif parsed.rolled == "day":
        notes.append("ngày mai, vì giờ này hôm nay đã qua")
    extra = f" ({'; '.join(notes)})" if notes else ""
    return f"Sẽ nhắc lúc {first}{extra}"
