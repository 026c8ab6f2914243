"""The days a reminder pattern falls on, year by year, computed once and shared by every rule.

A pattern is everything of a rule but its start, time and zone: (lunar, FREQ, day, month,
weekday, nth, working days). Solar days come from dateutil's RRULE expansion, lunar days from
the lunar month table; with the working-day option each day moves to the working day before.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal, cast

from dateutil.rrule import rrulestr

from bot.domain import lunar, workdays

Freq = Literal["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
Key = tuple[bool, str, int | None, int | None, int | None, int | None, bool]
Table = tuple[tuple[dt.date, ...], tuple[dt.date, ...]]


def solar_rrule(
    freq: Freq, day: int | None, month: int | None, weekday: int | None, nth: int | None
) -> str:
    """The RFC 5545 RRULE value of a solar pattern, every BY part explicit."""
    if freq == "DAILY":
        return "FREQ=DAILY"
    if freq == "WEEKLY":
        assert weekday is not None
        return f"FREQ=WEEKLY;BYDAY={WEEKDAY_CODES[weekday]}"
    if freq == "YEARLY":
        return f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day}"
    if weekday is not None:
        return f"FREQ=MONTHLY;BYDAY={nth}{WEEKDAY_CODES[weekday]}"
    assert day is not None
    if day in (29, 30):
        # The 29th or 30th, or the month's last day when it is shorter.
        days = ",".join(str(d) for d in range(28, day + 1))
        return f"FREQ=MONTHLY;BYMONTHDAY={days};BYSETPOS=-1"
    return f"FREQ=MONTHLY;BYMONTHDAY={day}"


def _nominal_days(key: Key, year: int) -> list[dt.date]:
    is_lunar, freq, day, month, weekday, nth, _ = key
    if is_lunar:
        assert day is not None
        found = []
        for lunar_year in (year - 1, year):
            if not lunar.LUNAR_YEARS[0] <= lunar_year <= lunar.LUNAR_YEARS[1]:
                continue
            for item in lunar.months(lunar_year):
                if item.leap or (freq == "YEARLY" and item.month != month):
                    continue
                when = item.day(day)
                if when.year == year:
                    found.append(when)
        return sorted(found)
    if not 1 <= year <= 9998:
        return []
    text = solar_rrule(cast(Freq, freq), day, month, weekday, nth)
    rule = rrulestr(text, dtstart=dt.datetime(year, 1, 1))
    first, last = dt.datetime(year, 1, 1), dt.datetime(year, 12, 31)
    return [moment.date() for moment in rule.between(first, last, inc=True)]


class Pattern:
    """The days of one pattern, year by year, shared by every rule with that pattern."""

    __slots__ = ("key", "years")
    _all: ClassVar[dict[Key, Pattern]] = {}

    def __init__(self, key: Key) -> None:
        self.key = key
        self.years: dict[int, Table] = {}

    @classmethod
    def of(cls, key: Key) -> Pattern:
        """The one pattern object for `key` (a few thousand keys at most exist)."""
        found = cls._all.get(key)
        if found is None:
            found = cls._all.setdefault(key, cls(key))
        return found

    def table(self, year: int) -> Table:
        """(days the reminder fires, the nominal day each came from), both ascending."""
        found = self.years.get(year)
        if found is None:
            found = self.years.setdefault(year, _table(self.key, year))
        return found


def _table(key: Key, year: int) -> Table:
    nominal = _nominal_days(key, year)
    if not key[-1]:
        days = tuple(nominal)
        return days, days
    pairs: dict[dt.date, dt.date] = {}
    for day in nominal:
        # Several days may move onto one working day; keep the latest so that a rule starting
        # on a day off still fires on the working day before it.
        pairs[workdays.previous_working_day(day)] = day
    return tuple(pairs), tuple(pairs.values())
