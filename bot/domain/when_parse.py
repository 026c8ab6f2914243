"""parse_when: the leading time expression of a `/nhac` argument → ParsedWhen, or WhenError."""

from __future__ import annotations

import calendar
import datetime as dt
import unicodedata
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from dateutil.relativedelta import weekday as rd_weekday

from bot.domain import lunar, workdays
from bot.domain.pattern_days import Freq
from bot.domain.recurrence import Recurrence
from bot.domain.texts import when_errors as texts
from bot.domain.when_lex import bare_number, lex
from bot.domain.when_rules import DAY_KEY, Slots, clock, read_piece
from bot.domain.when_types import ParsedWhen, Rolled, WhenError

LAST_YEAR = lunar.LUNAR_YEARS[1]


def parse_when(
    text: str, *, now: dt.datetime, tz: ZoneInfo, default_time: dt.time = dt.time(8, 0)
) -> ParsedWhen:
    """Read the time at the start of `text`; the rest is the reminder's content.

    `now` must be aware; `default_time` is used when a date comes without a time (the chat's
    reminder hour). Raises WhenError, whose `message` is the Vietnamese answer, rather than guess.
    """
    if now.tzinfo is None:
        raise ValueError("now must be aware")
    text = unicodedata.normalize("NFC", text).strip()
    pieces, folded, end = lex(text)
    if not pieces:
        number = bare_number(folded)
        if number is not None and 0 <= int(number) <= 31:
            raise WhenError(texts.hour_or_day(int(number)))
        raise WhenError(texts.unreadable(_clip(text)))
    slots = Slots()
    for piece in pieces:
        read_piece(slots, piece, text[piece.start : piece.end])
    rest = text[end:].lstrip(" \t\n,;:.-–—")
    local_now = now.astimezone(tz)
    spoken = text[: pieces[-1].end]
    if slots.freq is not None or slots.monthly:
        return _recurring(slots, local_now, tz, default_time, rest, spoken)
    return _one_off(slots, local_now, tz, default_time, rest, spoken)


def _clip(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def _recurring(
    slots: Slots, now: dt.datetime, tz: ZoneInfo, default: dt.time, rest: str, spoken: str
) -> ParsedWhen:
    freq: Freq = slots.freq or "MONTHLY"
    if slots.monthly and freq != "MONTHLY":
        raise WhenError(texts.monthly_and_other(spoken))
    for name in ("day_rel", "delta", "week_rel", "month_rel", "year_rel"):
        if name in slots.seen:
            raise WhenError(texts.repeat_with(slots.seen[name]), how=texts.HOW_REPEAT)
    at = clock(slots) or default
    is_lunar = bool(slots.lunar)
    if is_lunar and freq in ("DAILY", "WEEKLY"):
        raise WhenError(texts.lunar_not_here(spoken))
    if slots.mung and slots.lunar is None and freq == "MONTHLY":
        raise WhenError(
            texts.lunar_or_solar(spoken),
            how=texts.HOW_LUNAR_OR_SOLAR,
            examples=texts.EXAMPLES_LUNAR_OR_SOLAR,
        )
    day = month = weekday = nth = None
    if freq == "DAILY":
        _only(slots, spoken, texts.DAILY)
    elif freq == "WEEKLY":
        if slots.weekday is None:
            raise WhenError(
                texts.no_weekday(spoken), how=texts.HOW_WEEKLY, examples=texts.EXAMPLES_WEEKLY
            )
        _only(slots, spoken, texts.WEEKLY, "weekday")
        weekday = slots.weekday
    elif freq == "MONTHLY":
        day, weekday, nth = _monthly(slots, spoken)
    else:
        if slots.date is None or slots.date[1] is None or slots.date[2] is not None:
            raise WhenError(
                texts.yearly_needs_date(spoken),
                how=texts.HOW_YEARLY,
                examples=texts.EXAMPLES_YEARLY,
            )
        _only(slots, spoken, texts.YEARLY, "date")
        day, month, _ = slots.date
        _check_day(day, month, is_lunar, spoken)
    start = dt.datetime.combine(now.date(), at, tz)
    draft = Recurrence(
        freq,
        start,
        lunar=is_lunar,
        day=day,
        month=month,
        weekday=weekday,
        nth=nth,
        workdays=slots.workdays,
    )
    anchored = draft.anchored(now)
    if anchored is None:
        raise WhenError(texts.none_before(spoken, LAST_YEAR + 1))
    rule, first = anchored
    default_time = slots.time is None
    return ParsedWhen(
        first, rule, slots.workdays, rest, nominal=rule.start, default_time=default_time
    )


def _only(slots: Slots, spoken: str, what: str, *allowed: str) -> None:
    for name in ("date", "weekday", "last_day", "nth"):
        if name in slots.seen and name not in allowed:
            raise WhenError(texts.not_with_in(slots.seen[name], what, spoken))


def _monthly(slots: Slots, spoken: str) -> tuple[int | None, int | None, int | None]:
    """(day, weekday, nth) of a monthly rule."""
    how, examples = texts.HOW_MONTHLY, texts.EXAMPLES_MONTHLY
    if slots.date is not None:
        day, month, year = slots.date
        if month is not None or year is not None:
            raise WhenError(texts.monthly_with_month(spoken), how=how, examples=examples)
        _only(slots, spoken, texts.MONTHLY, "date")
        _check_day(day, None, bool(slots.lunar), spoken)
        return day, None, None
    if slots.last_day:
        if slots.lunar:
            raise WhenError(texts.lunar_last_day(spoken), how=how, examples=examples)
        _only(slots, spoken, texts.MONTHLY, "last_day")
        return -1, None, None
    if slots.weekday is not None and slots.nth is not None:
        _only(slots, spoken, texts.MONTHLY, "weekday", "nth")
        return None, slots.weekday, slots.nth
    raise WhenError(texts.no_day_of_month(spoken), how=how, examples=examples)


def _check_day(day: int, month: int | None, is_lunar: bool, spoken: str) -> None:
    """Refuse a day that no month (of that number) has; 29/02 passes."""
    if month is not None and not 1 <= month <= 12:
        raise WhenError(texts.no_such_month(month, spoken))
    if is_lunar:
        top = 30
    elif month is None:
        top = 31
    else:
        top = calendar.monthrange(2024, month)[1]  # a leap year: 29/02 is allowed here
    if not 1 <= day <= top:
        raise WhenError(texts.no_such_day(day, month, lunar=is_lunar, days=top, spoken=spoken))


def _one_off(
    slots: Slots, now: dt.datetime, tz: ZoneInfo, default: dt.time, rest: str, spoken: str
) -> ParsedWhen:
    if slots.delta is not None and slots.delta_exact:
        others = [text for name, text in slots.seen.items() if name not in ("delta", DAY_KEY)]
        if others:
            raise WhenError(texts.not_with(slots.seen["delta"], others[0]))
        # A duration is elapsed time: count it in UTC so that a DST change does not bend it.
        first = (now.astimezone(dt.UTC) + slots.delta).astimezone(tz).replace(microsecond=0)
        return ParsedWhen(first, None, False, rest, nominal=first)
    at = clock(slots)
    time = at or default
    for name, needs in (("week_rel", "weekday"), ("nth", "weekday")):
        if name in slots.seen and needs not in slots.seen:
            raise WhenError(texts.needs_weekday(slots.seen[name]))
    today = now.date()
    rolled: Rolled | None = None
    if slots.delta is not None:
        day = today + slots.delta
    elif slots.day_rel is not None:
        day = today + dt.timedelta(days=slots.day_rel)
    elif slots.date is not None:
        day, rolled = _date(slots, now, time, spoken)
    elif slots.last_day:
        day, rolled = _month_day(slots, now, time, -1, spoken)
    elif slots.weekday is not None:
        day, rolled = _weekday(slots, now, time)
    elif at is not None:
        day = today
        if dt.datetime.combine(day, time, tz) <= now:
            day, rolled = today + dt.timedelta(days=1), "day"
    else:
        raise WhenError(texts.no_day(spoken))
    if slots.weekday is not None and day.weekday() != slots.weekday:
        raise WhenError(texts.wrong_weekday(day, slots.weekday, spoken))
    nominal = dt.datetime.combine(day, time, tz)
    first = nominal
    if slots.workdays:
        first = dt.datetime.combine(workdays.previous_working_day(day), time, tz)
    if first <= now:
        raise WhenError(
            texts.past(spoken, first), how=texts.HOW_FUTURE, examples=texts.EXAMPLES_FUTURE
        )
    if first.year > LAST_YEAR:
        raise WhenError(texts.too_far(spoken, LAST_YEAR))
    return ParsedWhen(
        first, None, slots.workdays, rest, nominal=nominal, rolled=rolled, default_time=at is None
    )


def _date(
    slots: Slots, now: dt.datetime, time: dt.time, spoken: str
) -> tuple[dt.date, Rolled | None]:
    assert slots.date is not None
    day, month, year = slots.date
    if month is None:
        if slots.lunar:
            return _next_lunar_day(day, now, time, spoken), None
        return _month_day(slots, now, time, day, spoken)
    if year is None and slots.year_rel is not None:
        year = now.year + slots.year_rel
    _check_day(day, month, bool(slots.lunar), spoken)
    if slots.lunar:
        lunar_year = year or lunar.to_lunar(now.date())[2]
        if not lunar.LUNAR_YEARS[0] <= lunar_year < LAST_YEAR:
            raise WhenError(texts.lunar_years(spoken, lunar.LUNAR_YEARS[0], LAST_YEAR))
        found = lunar.to_solar(day, month, lunar_year)
        if year is None and dt.datetime.combine(found, time, now.tzinfo) <= now:
            return lunar.to_solar(day, month, lunar_year + 1), "year"
        return found, None
    rolled: Rolled | None = None
    target = year
    if target is None:
        target = now.year
        if (month, day, time) <= (now.month, now.day, now.time()):
            target, rolled = target + 1, "year"
    if (month, day) == (2, 29) and not calendar.isleap(target):
        raise WhenError(
            texts.no_leap_day(target),
            how=texts.HOW_FULL_DATE,
            examples=texts.EXAMPLES_FULL_DATE,
        )
    if not 1 <= target <= 9999:
        raise WhenError(texts.bad_year(target))
    return dt.date(target, month, day), rolled


def _month_day(
    slots: Slots, now: dt.datetime, time: dt.time, day: int, spoken: str
) -> tuple[dt.date, Rolled | None]:
    month = dt.date(now.year, now.month, 1) + relativedelta(months=slots.month_rel or 0)
    rolled: Rolled | None = None
    found = _in_month(month, day, spoken)
    if slots.month_rel is None and dt.datetime.combine(found, time, now.tzinfo) <= now:
        found, rolled = _in_month(month + relativedelta(months=1), day, spoken), "month"
    return found, rolled


def _in_month(month: dt.date, day: int, spoken: str) -> dt.date:
    last = calendar.monthrange(month.year, month.month)[1]
    if day == -1:
        return month.replace(day=last)
    if day > last:
        raise WhenError(texts.not_in_month(month, day, spoken))
    return month.replace(day=day)


def _next_lunar_day(day: int, now: dt.datetime, time: dt.time, spoken: str) -> dt.date:
    if not 1 <= day <= 30:
        raise WhenError(texts.no_lunar_day(day, spoken))
    lunar_year = lunar.to_lunar(now.date())[2]
    for year in (lunar_year, lunar_year + 1):
        for item in lunar.months(year):
            found = item.day(day)
            if not item.leap and dt.datetime.combine(found, time, now.tzinfo) > now:
                return found
    raise AssertionError("a lunar month always comes within two years")  # pragma: no cover


def _weekday(slots: Slots, now: dt.datetime, time: dt.time) -> tuple[dt.date, Rolled | None]:
    assert slots.weekday is not None
    today = now.date()
    if slots.nth is not None:
        # "thứ 2 đầu tiên của tháng sau", "thứ 6 cuối tháng": that weekday in the month.
        pick = relativedelta(
            day=1 if slots.nth > 0 else 31, weekday=rd_weekday(slots.weekday, slots.nth)
        )
        month = dt.date(now.year, now.month, 1) + relativedelta(months=slots.month_rel or 0)
        found = month + pick
        if slots.month_rel is None and dt.datetime.combine(found, time, now.tzinfo) <= now:
            return month + relativedelta(months=1) + pick, "month"
        return found, None
    if slots.week_rel is None:
        ahead = (slots.weekday - today.weekday()) % 7
        if ahead == 0 and time <= now.time():
            ahead = 7
        return today + dt.timedelta(days=ahead), None
    monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=slots.week_rel)
    return monday + dt.timedelta(days=slots.weekday), None
