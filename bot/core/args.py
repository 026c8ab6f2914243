"""Parsing of command arguments, with Vietnamese messages for every mistake."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from bot.core.errors import UserError
from bot.core.texts import args as texts
from bot.domain.text import fold as fold  # commands fold typed words through this module

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


FILE_NAME_LIMIT = 120
"""Characters of a sent file's name kept, its extension included."""


def file_name(name: str) -> str:
    """A sent file's name as stored and shown: no invisible or control characters, no folder,
    at most FILE_NAME_LIMIT characters with the extension kept."""
    bare = visible(name).replace("\\", "/").rsplit("/", 1)[-1]
    bare = "".join(ch for ch in bare if ch.isprintable()).strip()
    if not bare:
        return texts.UNNAMED_FILE
    if len(bare) <= FILE_NAME_LIMIT:
        return bare
    stem, dot, extension = bare.rpartition(".")
    if not dot or len(extension) > 10:
        return bare[: FILE_NAME_LIMIT - 1] + "…"
    return stem[: FILE_NAME_LIMIT - len(extension) - 2] + "…." + extension


def is_year(token: str) -> bool:
    """A 4-digit token."""
    return bool(re.fullmatch(r"\d{4}", token))


def year(token: str, *, usage: str) -> int:
    """A year within the range the bot knows about."""
    if not is_year(token):
        raise UserError(texts.not_a_year(token), usage=usage)
    value = int(token)
    if not YEAR_RANGE[0] <= value <= YEAR_RANGE[1]:
        raise UserError(texts.year_out_of_range(value, *YEAR_RANGE), usage=usage)
    return value


def page(token: str, *, usage: str) -> int:
    """A page number from 1; a huge one becomes MAX_PAGE, so "only N pages" answers it."""
    if not re.fullmatch(r"[0-9]+", token) or int(token) < 1:
        raise UserError(texts.bad_page(token), usage=usage)
    # Beyond any real page count, and small enough for an SQL OFFSET on every database.
    return min(int(token), MAX_PAGE)


def count(token: str, *, usage: str, what: str = texts.COUNT) -> int:
    """A positive whole number; Vietnamese thousands dots are accepted (1.042)."""
    cleaned = token.replace(".", "") if re.fullmatch(r"\d{1,3}(\.\d{3})+", token) else token
    if not cleaned.isdecimal():
        raise UserError(texts.not_a_count(what, token), usage=usage)
    value = int(cleaned)
    if not 1 <= value <= 1_000_000:
        raise UserError(texts.count_out_of_range(what, token), usage=usage)
    return value


def percent(token: str, *, usage: str) -> int:
    """A whole percent 0–100, with or without the % sign."""
    cleaned = token.removesuffix("%")
    if not cleaned.isdecimal():
        raise UserError(texts.not_a_percent(token), usage=usage)
    value = int(cleaned)
    if value > 100:
        raise UserError(texts.percent_over(value), usage=usage)
    return value


def solar_date(token: str, *, usage: str) -> tuple[int, int, int | None]:
    """dd/mm/yyyy or dd/mm, checked against the calendar."""
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})(?:/(\d{4}))?", token)
    if not match:
        raise UserError(texts.bad_date_form(token), usage=usage)
    day, month = int(match[1]), int(match[2])
    origin = int(match[3]) if match[3] else None
    try:
        dt.date(origin or 2000, month, day)  # 2000 is a leap year, so 29/02 passes without a year
    except ValueError:
        raise UserError(texts.not_on_calendar(token), usage=usage) from None
    if origin is not None and not 1 <= origin <= YEAR_RANGE[1]:
        raise UserError(texts.bad_year(origin), usage=usage)
    return day, month, origin


def lunar_day_month(token: str, *, usage: str) -> tuple[int, int]:
    """dd/mm of the lunar calendar (day 1–30, month 1–12)."""
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})", token)
    if not match:
        raise UserError(texts.bad_lunar_form(token), usage=usage)
    day, month = int(match[1]), int(match[2])
    if not 1 <= day <= 30 or not 1 <= month <= 12:
        raise UserError(texts.bad_lunar_day(token), usage=usage)
    return day, month


def slug(text: str, *, limit: int = 30) -> str:
    """An ASCII code made from a title: `Ngày Nhà giáo` → `NGAY-NHA-GIAO`."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    return "-".join(words).upper()[:limit].strip("-") or "SK"
