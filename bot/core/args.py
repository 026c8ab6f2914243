"""Parsing of command arguments, with Vietnamese messages for every mistake."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from bot.core.errors import UserError

YEAR_RANGE = (1945, 2100)
MAX_PAGE = 100_000
INVISIBLE = re.compile(
    "["
    + "".join(re.escape(chr(c)) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf")
    + "]"
)
"""Every format character (Unicode category Cf): bidi controls, zero-width marks, BOM."""


def visible(text: str) -> str:
    """Text without invisible format characters (category Cf: bidi overrides, zero-width marks).

    A right-to-left override in a stored title would make it display reversed to every reader;
    Vietnamese text needs none of these characters.
    """
    # Searched first: most text has none, and a copy of every cell of a large import costs MBs.
    if text.isascii() or not INVISIBLE.search(text):
        return text
    return INVISIBLE.sub("", text)


def fold(text: str) -> str:
    """Lowercase without diacritics, so `/khenthưởng` and `/khenthuong` are the same command."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def is_year(token: str) -> bool:
    """A 4-digit token."""
    return bool(re.fullmatch(r"\d{4}", token))


def year(token: str, *, usage: str) -> int:
    """A year within the range the bot knows about."""
    if not is_year(token):
        raise UserError(f"'{token}' không phải là năm (viết 4 chữ số, ví dụ 2022).", usage=usage)
    value = int(token)
    if not YEAR_RANGE[0] <= value <= YEAR_RANGE[1]:
        raise UserError(
            f"Năm {value} nằm ngoài khoảng {YEAR_RANGE[0]}–{YEAR_RANGE[1]}.", usage=usage
        )
    return value


def page(token: str, *, usage: str) -> int:
    """A page number from 1; a huge one becomes MAX_PAGE, so "only N pages" answers it."""
    if not re.fullmatch(r"[0-9]+", token) or int(token) < 1:
        raise UserError(f"Số trang '{token}' phải là số từ 1 trở lên.", usage=usage)
    # Beyond any real page count, and small enough for an SQL OFFSET on every database.
    return min(int(token), MAX_PAGE)


def count(token: str, *, usage: str, what: str = "Số lượng") -> int:
    """A positive whole number; Vietnamese thousands dots are accepted (1.042)."""
    cleaned = token.replace(".", "") if re.fullmatch(r"\d{1,3}(\.\d{3})+", token) else token
    if not cleaned.isdecimal():
        raise UserError(f"{what} '{token}' phải là số nguyên dương, ví dụ 12.", usage=usage)
    value = int(cleaned)
    if not 1 <= value <= 1_000_000:
        raise UserError(f"{what} phải từ 1 đến 1.000.000 (nhận được {token}).", usage=usage)
    return value


def percent(token: str, *, usage: str) -> int:
    """A whole percent 0–100, with or without the % sign."""
    cleaned = token.removesuffix("%")
    if not cleaned.isdecimal():
        raise UserError(
            f"Tiến độ '{token}' phải là số phần trăm từ 0 đến 100, ví dụ 60%.", usage=usage
        )
    value = int(cleaned)
    if value > 100:
        raise UserError(f"Tiến độ {value}% vượt quá 100%.", usage=usage)
    return value


def solar_date(token: str, *, usage: str) -> tuple[int, int, int | None]:
    """dd/mm/yyyy or dd/mm, checked against the calendar."""
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})(?:/(\d{4}))?", token)
    if not match:
        raise UserError(f"Ngày '{token}' phải viết dạng dd/mm/yyyy, ví dụ 25/11/2003.", usage=usage)
    day, month = int(match[1]), int(match[2])
    origin = int(match[3]) if match[3] else None
    try:
        dt.date(origin or 2000, month, day)  # 2000 is a leap year, so 29/02 passes without a year
    except ValueError:
        raise UserError(f"Ngày {token} không có trên lịch.", usage=usage) from None
    if origin is not None and not 1 <= origin <= YEAR_RANGE[1]:
        raise UserError(f"Năm {origin} không hợp lệ.", usage=usage)
    return day, month, origin


def lunar_day_month(token: str, *, usage: str) -> tuple[int, int]:
    """dd/mm of the lunar calendar (day 1–30, month 1–12)."""
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})", token)
    if not match:
        raise UserError(f"Ngày âm lịch '{token}' phải viết dạng dd/mm, ví dụ 10/3.", usage=usage)
    day, month = int(match[1]), int(match[2])
    if not 1 <= day <= 30 or not 1 <= month <= 12:
        raise UserError(f"Ngày âm lịch {token} không hợp lệ (ngày 1–30, tháng 1–12).", usage=usage)
    return day, month


def slug(text: str, *, limit: int = 30) -> str:
    """An ASCII code made from a title: `Ngày Nhà giáo` → `NGAY-NHA-GIAO`."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    return "-".join(words).upper()[:limit].strip("-") or "SK"
