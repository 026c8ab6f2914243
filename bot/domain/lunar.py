"""Vietnamese lunar months (UTC+7, lunar-vn) as a cached table: starts, lengths and leap months."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import lunar_vn

# lunar-vn converts solar 1900–2100; a lunar year is complete inside that range from 1901 to 2099.
LUNAR_YEARS = (1901, 2099)


@dataclass(frozen=True, slots=True)
class LunarMonth:
    """One month of a lunar year: its number, whether it is the leap month, first day and length."""

    year: int
    month: int
    leap: bool
    start: dt.date
    length: int

    def day(self, day: int) -> dt.date:
        """The solar date of lunar `day`; a 30th in a 29-day month falls on the 29th."""
        return self.start + dt.timedelta(days=min(day, self.length) - 1)


@lru_cache(maxsize=256)
def months(lunar_year: int) -> tuple[LunarMonth, ...]:
    """The 12 or 13 months of `lunar_year` in order, the leap month right after its regular one."""
    if not LUNAR_YEARS[0] <= lunar_year <= LUNAR_YEARS[1]:
        raise ValueError(f"lunar year {lunar_year} outside {LUNAR_YEARS}")
    start = lunar_vn.convert_lunar_to_solar(1, 1, lunar_year, 0)
    end = lunar_vn.convert_lunar_to_solar(1, 1, lunar_year + 1, 0)
    found: list[LunarMonth] = []
    while start < end:
        # A lunar month has 29 or 30 days: the day after the 29th is either the 30th or a new 1st.
        length = 30 if lunar_vn.solar_to_lunar(start + dt.timedelta(days=29)).day == 30 else 29
        info = lunar_vn.solar_to_lunar(start)
        found.append(LunarMonth(lunar_year, info.month, bool(info.leap), start, length))
        start += dt.timedelta(days=length)
    return tuple(found)


def leap_month(lunar_year: int) -> int | None:
    """The number of the month that is doubled in `lunar_year`, or None in a common year."""
    return next((m.month for m in months(lunar_year) if m.leap), None)


def to_solar(day: int, month: int, lunar_year: int) -> dt.date:
    """The solar date of day/month of `lunar_year` in the regular (non-leap) month."""
    for item in months(lunar_year):
        if item.month == month and not item.leap:
            return item.day(day)
    raise ValueError(f"no lunar month {month} in {lunar_year}")  # pragma: no cover


def to_lunar(day: dt.date) -> tuple[int, int, int, bool]:
    """Solar → (day, month, lunar year, leap)."""
    info = lunar_vn.solar_to_lunar(day)
    return info.day, info.month, info.year, bool(info.leap)
