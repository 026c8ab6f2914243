"""Vietnamese formatting: numbers (4.670,8), percents, dates (dd/mm/yyyy) and weekdays."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.domain.texts import formats

WEEKDAYS = formats.WEEKDAYS
RECIPIENT_LABELS = formats.RECIPIENT_LABELS
LEVEL_LABELS = formats.LEVEL_LABELS
LEVEL_ORDER = tuple(LEVEL_LABELS)


def number(value: Decimal | int | float, *, decimals: int | None = None) -> str:
    """Format with `.` between thousands and `,` before decimals: 4670.8 → 4.670,8."""
    dec = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if decimals is not None:
        dec = round(dec, decimals)
    text = format(dec.normalize() if decimals is None else dec, "f")
    sign = "-" if text.startswith("-") else ""
    text = text.lstrip("-")
    whole, _, frac = text.partition(".")
    result = formats.count(int(whole))
    return f"{sign}{result},{frac}" if frac else f"{sign}{result}"


def percent(value: Decimal | int | float, *, decimals: int | None = None) -> str:
    """Format a percent value: 105.29 → 105,29%."""
    return f"{number(value, decimals=decimals)}%"


def date(value: dt.date) -> str:
    """dd/mm/yyyy."""
    return value.strftime("%d/%m/%Y")


ASSUMED = formats.ASSUMED


def deadline(value: dt.date | None, *, assumed: bool = False, weekday: bool = False) -> str:
    """`31/12/2023 (giả định)`, `11/06/2023`, or `không có hạn`."""
    if value is None:
        return formats.NO_DEADLINE
    shown = date_with_weekday(value) if weekday else date(value)
    return f"{shown} ({ASSUMED})" if assumed else shown


def date_with_weekday(value: dt.date) -> str:
    """Thứ Năm, 25/11/2027."""
    return f"{WEEKDAYS[value.weekday()]}, {date(value)}"


def datetime(value: dt.datetime) -> str:
    """HH:MM dd/mm/yyyy in the value's own time zone."""
    return value.strftime("%H:%M %d/%m/%Y")


def days_left(days: int) -> str:
    """Hôm nay / Ngày mai / còn N ngày / đã qua N ngày."""
    if days == 0:
        return formats.TODAY
    if days == 1:
        return formats.TOMORROW
    if days > 0:
        return formats.days_ahead(number(days))
    return formats.days_ago(number(-days))


def left_out(count: int, noun: str, where: str = "") -> str:
    """`… và 3 nhiệm vụ khác (xem /tiendo).`: what a cut list leaves out, and where to see it."""
    return formats.left_out(number(count), noun, where)


def moment(value: dt.datetime) -> str:
    """17:00 thứ Sáu, 05/12/2026 (in the value's own time zone)."""
    weekday = WEEKDAYS[value.weekday()]
    return f"{value:%H:%M} {weekday[0].lower()}{weekday[1:]}, {date(value.date())}"


ZONE_NAMES = formats.ZONE_NAMES


def zone(name: str, *, at: dt.datetime | None = None) -> str:
    """A time zone as users read it: `giờ Việt Nam, UTC+7`; other zones keep their typed name."""
    offset = (at or dt.datetime.now(dt.UTC)).astimezone(ZoneInfo(name)).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign, minutes = ("+" if minutes >= 0 else "-"), abs(minutes)
    utc = f"UTC{sign}{minutes // 60}" + (f":{minutes % 60:02d}" if minutes % 60 else "")
    return f"{ZONE_NAMES.get(name, name)}, {utc}"


def here(chat_type: str) -> str:
    """How a message names the chat it is read in: `nhóm này` or `cuộc trò chuyện này`."""
    return formats.PRIVATE_CHAT if chat_type == "private" else formats.GROUP
