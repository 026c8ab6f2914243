"""Commemoration dates: Vietnamese lunar conversion (UTC+7), occurrences and anniversary classes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import lunar_vn

from bot.domain.texts import calendar as texts

LUNAR_YEARS = (1901, 2099)


@dataclass(frozen=True)
class LunarDay:
    """A day of the Vietnamese lunar calendar."""

    day: int
    month: int
    year: int
    leap: bool

    def __str__(self) -> str:
        return texts.lunar_date(self.day, self.month, leap=self.leap)


@dataclass(frozen=True)
class Occurrence:
    """One yearly occurrence of a commemoration."""

    date: dt.date
    anniversary: int | None
    lunar: LunarDay | None

    @property
    def jubilee(self) -> str | None:
        """The anniversary class, or None for an ordinary year."""
        return anniversary_class(self.anniversary)


def anniversary_class(number: int | None) -> str | None:
    """Năm tròn for numbers ending in 0, năm lẻ 5 for numbers ending in 5 (Decree 145/2013)."""
    if number is None or number <= 0:
        return None
    if number % 10 == 0:
        return texts.ROUND_ANNIVERSARY
    if number % 10 == 5:
        return texts.FIFTH_ANNIVERSARY
    return None


def to_lunar(day: dt.date) -> LunarDay:
    """Solar → Vietnamese lunar date."""
    lunar = lunar_vn.solar_to_lunar(day)
    return LunarDay(lunar.day, lunar.month, lunar.year, bool(lunar.leap))


@lru_cache(maxsize=4096)
def lunar_to_solar(day: int, month: int, lunar_year: int) -> dt.date:
    """The solar date of a lunar day in the regular (non-leap) month of `lunar_year`.

    A 30th in a month that has only 29 days is observed on the 29th, the month's last day,
    so the commemoration never slides into the next month.
    """
    if not 1 <= day <= 30 or not 1 <= month <= 12:
        raise ValueError(texts.bad_lunar_date(day, month))
    first = lunar_vn.convert_lunar_to_solar(1, month, lunar_year, 0)
    target = first + dt.timedelta(days=day - 1)
    if day == 30 and to_lunar(target).day != 30:
        target -= dt.timedelta(days=1)
    return target


def solar_in_year(day: int, month: int, year: int) -> dt.date:
    """The solar date of day/month in `year`; 29/02 falls on 28/02 in common years."""
    if month == 2 and day == 29:
        try:
            return dt.date(year, 2, 29)
        except ValueError:
            return dt.date(year, 2, 28)
    return dt.date(year, month, day)


def occurrences(
    *, calendar: str, day: int, month: int, origin_year: int | None, start: dt.date, end: dt.date
) -> list[Occurrence]:
    """Every occurrence between `start` and `end` inclusive, in date order."""
    found: list[Occurrence] = []
    for year in range(start.year - 1, end.year + 1):
        if calendar == "lunar":
            if not LUNAR_YEARS[0] <= year <= LUNAR_YEARS[1]:
                continue
            when = lunar_to_solar(day, month, year)
            lunar: LunarDay | None = to_lunar(when)
        else:
            if year < 1:
                continue
            when = solar_in_year(day, month, year)
            lunar = None
        if start <= when <= end:
            found.append(Occurrence(when, _anniversary(origin_year, when.year), lunar))
    found.sort(key=lambda occ: occ.date)
    return found


def _anniversary(origin_year: int | None, year: int) -> int | None:
    # Lunar days too count solar years since the origin year, as anniversary numbers
    # (and their classes under Decree 145/2013, art. 3) are counted for solar days.
    if origin_year is None or year <= origin_year:
        return None
    return year - origin_year
