"""Recurring reminders: solar rules as RFC 5545 RRULEs (dateutil), lunar rules, working-day shifts.

A rule is a pattern of days plus one time of day in one time zone. The days of each (pattern,
year) are computed once and shared by every rule with that pattern, so `next_after` is a
dictionary lookup and two binary searches however long ago the rule started.

Storage form (`to_string` / `from_string`), RFC 5545 content lines joined by "\\n":

    DTSTART;TZID=Asia/Ho_Chi_Minh:20261130T080000   the first nominal occurrence, zone and time
    RRULE:FREQ=WEEKLY;BYDAY=MO                        a solar rule, or a lunar one:
    LUNAR:FREQ=MONTHLY;DAY=15                         (or LUNAR:FREQ=YEARLY;MONTH=8;DAY=15)
    X-WORKDAYS:PREVIOUS                               only with the working-day option

Decisions: a solar day 29–31 that a month lacks falls on the month's last day (31 is stored as
"last day", BYMONTHDAY=-1), and 29/02 yearly falls on 28/02 in common years; a lunar 30th in a
29-day month falls on the 29th; a lunar monthly rule skips the leap month (tháng nhuận), so a
month number never gets the reminder twice, and a lunar yearly rule uses the regular month, as
commemorations do. With the working-day option an occurrence on a weekend or a public day off
moves to the working day before; two occurrences that move onto the same day are sent once.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.domain import workdays
from bot.domain.pattern_days import WEEKDAY_CODES, Freq, Key, Pattern, solar_rrule

FREQS: tuple[Freq, ...] = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
WORKDAYS_LINE = "X-WORKDAYS:PREVIOUS"
_DTSTART = re.compile(r"DTSTART;TZID=([^:;]+):(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)00")
_PROBE_START = dt.datetime(2000, 1, 1, tzinfo=ZoneInfo("UTC"))
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_Fields = tuple["Freq", bool, int | None, int | None, int | None, int | None, bool]


class RuleError(ValueError):
    """A stored rule this module does not produce or cannot read."""


@dataclass(frozen=True, slots=True)
class Recurrence:
    """A recurring moment: a pattern of days, the time and zone of `start`, the working-day option.

    `start` (DTSTART) is the first nominal occurrence: no occurrence comes before it.
    `day` is the day of the month (solar 1–31, -1 for the last day; lunar 1–30), `month` the
    month of a yearly rule, `weekday` 0 = Monday, `nth` 1–4 or -1 picks that weekday in a month.
    """

    freq: Freq
    start: dt.datetime
    lunar: bool = False
    day: int | None = None
    month: int | None = None
    weekday: int | None = None
    nth: int | None = None
    workdays: bool = False
    # Derived in __post_init__ so that next_after does no work it can avoid.
    _pattern: Pattern = field(init=False, repr=False, compare=False)
    _tz: ZoneInfo = field(init=False, repr=False, compare=False)
    _time: dt.time = field(init=False, repr=False, compare=False)
    _start_day: dt.date = field(init=False, repr=False, compare=False)
    # The last answer (after, next, its nominal day): no occurrence lies between the two, so any
    # moment in [after, next) has the same answer. A planner asks every rule at every pass.
    _memo: tuple[dt.datetime, dt.datetime, dt.date] | None = field(
        init=False, repr=False, compare=False, default=None
    )

    def __post_init__(self) -> None:
        if not isinstance(self.start.tzinfo, ZoneInfo):
            raise RuleError("start must carry a ZoneInfo time zone")
        if self.start.second or self.start.microsecond:
            object.__setattr__(self, "start", self.start.replace(second=0, microsecond=0))
        if not self.lunar and self.freq == "MONTHLY" and self.day == 31:
            object.__setattr__(self, "day", -1)  # "31" and "the last day" are one rule
        if not self.lunar and self.freq == "YEARLY" and (self.month, self.day) == (2, 29):
            object.__setattr__(self, "day", -1)  # 29/02 every year: 28/02 in common years
        _check(self)
        key: Key = (
            self.lunar,
            self.freq,
            self.day,
            self.month,
            self.weekday,
            self.nth,
            self.workdays,
        )
        object.__setattr__(self, "_pattern", Pattern.of(key))
        object.__setattr__(self, "_tz", self.start.tzinfo)
        object.__setattr__(self, "_time", self.start.time())
        object.__setattr__(self, "_start_day", self.start.date())
        object.__setattr__(self, "_memo", None)

    @property
    def tz(self) -> ZoneInfo:
        """The rule's time zone."""
        return self._tz

    @property
    def time(self) -> dt.time:
        """The time of day of every occurrence (wall clock in `tz`)."""
        return self._time

    def rrule(self) -> str:
        """The RFC 5545 RRULE value of a solar rule (without the working-day shift)."""
        if self.lunar:
            raise RuleError("a lunar rule has no RRULE")
        return solar_rrule(self.freq, self.day, self.month, self.weekday, self.nth)

    def portable_rrule(self) -> str | None:
        """The RRULE for calendar feeds when Google Calendar and Outlook both read it the same way.

        None for lunar and working-day rules and for days 29–31, which need expanding.
        """
        if self.lunar or self.workdays or (self.day is not None and not 1 <= self.day <= 28):
            return None
        return self.rrule()

    def to_string(self) -> str:
        """The storage form described in the module docstring."""
        start = self.start
        stamp = (
            f"{start.year:04d}{start.month:02d}{start.day:02d}T{start.hour:02d}{start.minute:02d}00"
        )
        lines = [f"DTSTART;TZID={self._tz.key}:{stamp}"]
        if self.lunar:
            month = f"MONTH={self.month};" if self.freq == "YEARLY" else ""
            lines.append(f"LUNAR:FREQ={self.freq};{month}DAY={self.day}")
        else:
            lines.append(f"RRULE:{self.rrule()}")
        if self.workdays:
            lines.append(WORKDAYS_LINE)
        return "\n".join(lines)

    @staticmethod
    def from_string(text: str) -> Recurrence:
        """Read `to_string`'s form back; raises RuleError for anything else."""
        return _from_string(text)

    def next_after(self, moment: dt.datetime) -> dt.datetime | None:
        """The first occurrence strictly after `moment` (aware), in the rule's zone."""
        found = self.next_with_nominal(moment)
        return None if found is None else found[0]

    def next_with_nominal(self, moment: dt.datetime) -> tuple[dt.datetime, dt.date] | None:
        """`next_after` with the nominal day it was moved from (the same day when not moved)."""
        memo = self._memo
        if memo is not None and memo[0] <= moment < memo[1]:
            return memo[1], memo[2]
        tz = self._tz
        local = moment if moment.tzinfo is tz else moment.astimezone(tz)
        day = local.date()
        ahead_today = self._time > local.time()
        start_day = self._start_day
        first = day.year if day.year > start_day.year else start_day.year
        # Every pattern has a day in any two consecutive years; four is a safe bound.
        for year in (first, first + 1, first + 2, first + 3):
            shifted, nominal = self._pattern.table(year)
            at = bisect_left(shifted, day) if ahead_today else bisect_right(shifted, day)
            if at < len(nominal) and nominal[at] < start_day:
                at = bisect_left(nominal, start_day)
            if at < len(shifted):
                found = dt.datetime.combine(shifted[at], self._time, tz)
                object.__setattr__(self, "_memo", (moment, found, nominal[at]))
                return found, nominal[at]
        return None

    def between(self, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
        """Every occurrence in [start, end), in order."""
        tz = self._tz
        low, high = start.astimezone(tz), end.astimezone(tz)
        low_day, high_day, start_day = low.date(), high.date(), self._start_day
        found: list[dt.datetime] = []
        last_year = high_day.year
        if (
            self.workdays
            and (high_day + dt.timedelta(days=workdays.MAX_SHIFT_DAYS)).year > last_year
        ):
            last_year += 1  # days early next year can move back before `end`
        for year in range(max(low_day.year, start_day.year), last_year + 1):
            shifted, nominal = self._pattern.table(year)
            first = bisect_left(shifted, low_day)
            if first < len(nominal) and nominal[first] < start_day:
                first = bisect_left(nominal, start_day)
            for day in shifted[first : bisect_right(shifted, high_day)]:
                moment = dt.datetime.combine(day, self._time, tz)
                if moment >= high:
                    break
                if moment >= low and (not found or moment > found[-1]):
                    found.append(moment)
        return found

    def anchored(self, now: dt.datetime) -> tuple[Recurrence, dt.datetime] | None:
        """This rule started at its first occurrence after `now`, with that occurrence."""
        # Nominal days before today can only move to days before today: today is a safe start.
        today = dt.datetime.combine(now.astimezone(self.tz).date(), self.time, self.tz)
        found = replace(self, start=today).next_with_nominal(now)
        if found is None:
            return None
        first, nominal = found
        return replace(self, start=dt.datetime.combine(nominal, self.time, self.tz)), first


def _check(rule: Recurrence) -> None:
    # The shapes the parser produces, and nothing else: storage and feeds rely on it.
    freq, day, month, weekday, nth = rule.freq, rule.day, rule.month, rule.weekday, rule.nth
    if freq not in FREQS:
        raise RuleError(f"unknown FREQ {freq!r}")
    if weekday is not None and not 0 <= weekday <= 6:
        raise RuleError(f"weekday {weekday} outside 0–6")
    if rule.lunar:
        ok = (freq == "MONTHLY" and day is not None and 1 <= day <= 30 and month is None) or (
            freq == "YEARLY" and day is not None and 1 <= day <= 30 and month in range(1, 13)
        )
        ok = ok and weekday is None and nth is None
    elif freq == "DAILY":
        ok = day is None and month is None and weekday is None and nth is None
    elif freq == "WEEKLY":
        ok = weekday is not None and day is None and month is None and nth is None
    elif freq == "MONTHLY":
        by_day = day is not None and (day == -1 or 1 <= day <= 30) and weekday is None
        by_weekday = weekday is not None and nth in (1, 2, 3, 4, -1) and day is None
        ok = month is None and ((by_day and nth is None) or by_weekday)
    elif month is None or not 1 <= month <= 12 or day is None:
        ok = False
    else:
        # 29/02 was turned into "the last day of February" above.
        top = 28 if month == 2 else _MONTH_DAYS[month - 1]
        ok = weekday is None and nth is None and (1 <= day <= top or (month, day) == (2, -1))
    if not ok:
        raise RuleError(f"unsupported rule {rule!r}")


def _from_string(text: str) -> Recurrence:
    lines = text.strip().split("\n")
    head = _DTSTART.fullmatch(lines[0])
    if head is None or len(lines) not in (2, 3):
        raise RuleError(f"not a stored rule: {text!r}")
    try:
        tz = ZoneInfo(head[1])
        # Not strptime: it is ten times slower, and a pass may read every stored rule.
        year, month, day, hour, minute = (int(part) for part in head.groups()[1:])
        start = dt.datetime(year, month, day, hour, minute, tzinfo=tz)
    except (ValueError, KeyError) as exc:  # ZoneInfoNotFoundError is a KeyError
        raise RuleError(f"bad DTSTART in {text!r}") from exc
    freq, is_lunar, rule_day, rule_month, weekday, nth, workdays_on = _pattern(tuple(lines[1:]))
    return Recurrence(
        freq,
        start,
        lunar=is_lunar,
        day=rule_day,
        month=rule_month,
        weekday=weekday,
        nth=nth,
        workdays=workdays_on,
    )


@lru_cache(maxsize=4096)
def _pattern(
    lines: tuple[str, ...],
) -> tuple[Freq, bool, int | None, int | None, int | None, int | None, bool]:
    """The fields of a stored rule's pattern lines, checked once: rules share a few hundred."""
    workdays_on = lines[1:] == (WORKDAYS_LINE,)
    if len(lines) == 2 and not workdays_on:
        raise RuleError(f"unknown option {lines[1]!r}")
    kind, _, value = lines[0].partition(":")
    parts = dict(part.partition("=")[::2] for part in value.split(";"))
    try:
        probe = _rule_from_parts(kind, parts, _PROBE_START, workdays_on)
    except (ValueError, KeyError) as exc:
        raise RuleError(f"unsupported rule {lines[0]!r}") from exc
    if tuple(probe.to_string().split("\n")[1:]) != lines:
        raise RuleError(f"not in canonical form: {lines!r}")
    return (
        probe.freq,
        probe.lunar,
        probe.day,
        probe.month,
        probe.weekday,
        probe.nth,
        probe.workdays,
    )


def _rule_from_parts(
    kind: str, parts: dict[str, str], start: dt.datetime, workdays_on: bool
) -> Recurrence:
    freq = parts["FREQ"]
    if freq not in FREQS:
        raise RuleError(f"unknown FREQ {freq!r}")
    weekday: int | None = None
    nth: int | None = None
    day: int | None = None
    month: int | None = None
    if kind == "LUNAR":
        month = int(parts["MONTH"]) if "MONTH" in parts else None
        day = int(parts["DAY"])
        return Recurrence(freq, start, lunar=True, day=day, month=month, workdays=workdays_on)
    if kind != "RRULE":
        raise RuleError(f"unknown rule kind {kind!r}")
    if "BYDAY" in parts:
        code = parts["BYDAY"]
        weekday = WEEKDAY_CODES.index(code[-2:])
        nth = int(code[:-2]) if code[:-2] else None
    if "BYMONTHDAY" in parts:
        day = int(parts["BYMONTHDAY"].split(",")[-1])
    if "BYMONTH" in parts:
        month = int(parts["BYMONTH"])
    return Recurrence(
        freq,
        start,
        day=day,
        month=month,
        weekday=weekday,
        nth=nth,
        workdays=workdays_on,
    )
