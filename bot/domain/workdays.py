"""Working days in Vietnam: weekends and public days off (`holidays`, country VN) move earlier."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import holidays

# The longest run of days off seen 2000–2100 is 9 (Tết 2025 with its weekends); a shift never
# reaches further back than this, which bounds the look-ahead of occurrence searches.
MAX_SHIFT_DAYS = 16


@lru_cache(maxsize=8)
def _calendar(first_year: int) -> holidays.HolidayBase:
    # Imported here: it takes most of this package's import time, and only rules with the
    # working-day option need it.
    import holidays

    # One table per decade: `holidays` builds a year on demand, keeping the tables few.
    return holidays.country_holidays("VN", years=range(first_year, first_year + 10), language="vi")


@lru_cache(maxsize=256)
def _days_off(year: int) -> frozenset[dt.date]:
    table = _calendar(year - year % 10)
    day = dt.date(year, 1, 1)
    found: set[dt.date] = set()
    while day.year == year:
        # is_working_day knows the weekend, the public days off with their substitutes, and the
        # Saturdays worked in exchange for a bridge day.
        if not table.is_working_day(day):
            found.add(day)
        day += dt.timedelta(days=1)
    return frozenset(found)


def is_working_day(day: dt.date) -> bool:
    """True unless `day` is a weekend or a Vietnamese public day off (Tết, Giỗ Tổ, 30/4, …)."""
    return day not in _days_off(day.year)


def previous_working_day(day: dt.date) -> dt.date:
    """`day` itself when it is a working day, else the working day before it."""
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def holiday_name(day: dt.date) -> str | None:
    """The Vietnamese name of the public day off on `day`, None for a working day or a weekend."""
    name = _calendar(day.year - day.year % 10).get(day)
    return None if name is None else str(name)
