"""What each phrase of a time expression says (Slots); one said twice or contradicted is refused."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta

from bot.domain.pattern_days import Freq
from bot.domain.texts import when_errors as texts
from bot.domain.when_lex import EVENING, NEXT, Piece
from bot.domain.when_types import WhenError

WEEKDAY_WORDS = {"hai": 0, "ba": 1, "tu": 2, "nam": 3, "sau": 4, "bay": 5}
FREQ_WORDS: dict[str, Freq] = {
    "ngay": "DAILY",
    "tuan": "WEEKLY",
    "thang": "MONTHLY",
    "nam": "YEARLY",
}
LUNAR_MONTHS = {"gieng": 1, "chap": 12}
RELATIVE = {"nay": 0, "sau": 1, "toi": 1}
DAY_RELATIVE = {"hom nay": 0, "ngay mai": 1, "mai": 1, "ngay kia": 2, "ngay mot": 2}
# Hours each part of the day accepts, as written (12-hour or 24-hour) → 24-hour.
PERIOD_HOURS = {
    "sang": {h: h for h in range(4, 12)},
    "trua": {10: 10, 11: 11, 12: 12, 1: 13, 2: 14, 13: 13, 14: 14},
    "chieu": {12: 12, **{h: h + 12 for h in range(1, 8)}, **{h: h for h in range(13, 20)}},
    "toi": {**{h: h + 12 for h in range(6, 12)}, **{h: h for h in range(18, 24)}},
    "dem": {**{h: h + 12 for h in range(9, 12)}, **{h: h for h in range(21, 24)}},
}
_DATE_SLOTS = ("day_rel", "date", "last_day", "delta")
DAY_KEY = "day"


@dataclass
class Slots:
    """What the phrases said so far; `seen` keeps each slot's original words for messages."""

    time: tuple[int, int, bool] | None = None  # hour, minute, written unambiguously (24-hour)
    period: str | None = None
    day_rel: int | None = None
    date: tuple[int, int | None, int | None] | None = None  # day, month, year
    mung: bool = False
    last_day: bool = False
    month_rel: int | None = None
    monthly: bool = False
    weekday: int | None = None
    week_rel: int | None = None
    nth: int | None = None
    freq: Freq | None = None
    lunar: bool | None = None
    workdays: bool = False
    delta: relativedelta | None = None
    delta_exact: bool = False
    year_rel: int | None = None
    seen: dict[str, str] = field(default_factory=dict)

    def take(self, slot: str, words: str) -> None:
        """Mark `slot` as said by `words`; a second phrase for the same slot is refused."""
        topic = texts.DAY_TOPIC if slot in _DATE_SLOTS else texts.TOPICS.get(slot, slot)
        # Every way of naming the day shares one key: "mai" and "05/12" cannot both be said.
        key = DAY_KEY if slot in _DATE_SLOTS else slot
        if key in self.seen:
            raise WhenError(texts.said_twice(self.seen[key], words, topic))
        self.seen[key] = words
        if key != slot:
            self.seen[slot] = words


def read_piece(slots: Slots, piece: Piece, words: str) -> None:
    """Fill the slots `piece` speaks for, or refuse it."""
    kind, groups = piece.kind, piece.groups
    reader = _READERS.get(kind)
    if reader is None:
        raise _refusal(kind, words)
    reader(slots, groups, words)


def _refusal(kind: str, words: str) -> WhenError:
    if kind == "negative":
        return WhenError(
            texts.negative(words), how=texts.HOW_DELTA, examples=texts.EXAMPLES_NEGATIVE
        )
    if kind == "bad_weekday":
        return WhenError(
            texts.bad_weekday(words), how=texts.HOW_WEEKDAY, examples=texts.EXAMPLES_WEEKDAY
        )
    return WhenError(texts.leap_month(words), how=texts.HOW_LEAP, examples=texts.EXAMPLES_LEAP)


def _delta(slots: Slots, groups: tuple[str | None, ...], words: str) -> None:
    amount_text, unit, extra_minutes, half = groups
    assert unit is not None
    amount = 0.5 if amount_text == "nua" else int(amount_text or 0)
    if amount == 0 or (amount == 0.5 and unit not in ("tieng", "gio")):
        raise WhenError(texts.zero(words), how=texts.HOW_DELTA, examples=texts.EXAMPLES_ZERO)
    minutes = int(extra_minutes or 0) + (30 if half else 0)
    if unit in ("phut", "p"):
        delta = relativedelta(minutes=int(amount) + minutes)
    elif unit in ("tieng", "gio"):
        delta = relativedelta(minutes=int(amount * 60) + minutes)
    elif minutes:
        raise WhenError(texts.minutes_after_days(words))
    else:
        count = int(amount)
        if unit == "thang":
            delta = relativedelta(months=count)
        else:
            delta = relativedelta(days=count * (7 if unit == "tuan" else 1))
    if int(amount) > 3650:
        raise WhenError(texts.delta_too_far(words))
    slots.take("delta", words)
    slots.delta = delta
    slots.delta_exact = unit in ("phut", "p", "tieng", "gio")


def _last_day(slots: Slots, groups: tuple[str | None, ...], words: str) -> None:
    working, of_month, every, relative = groups
    if slots.weekday is not None and not working:
        # "thứ 6 cuối tháng": the last Friday, not the last day.
        slots.take("nth", words)
        slots.nth = -1
    else:
        slots.take("last_day", words)
        slots.last_day = True
    if working:
        slots.take("workdays", words)
        slots.workdays = True
    _month_words(slots, of_month, every, relative, words)


def _month_words(
    slots: Slots, of_month: str | None, every: str | None, relative: str | None, words: str
) -> None:
    if relative:
        slots.take("month_rel", words)
        slots.month_rel = RELATIVE[relative]
    elif of_month or every:
        slots.take("freq", words)
        slots.monthly = True


def _month_ref(slots: Slots, groups: tuple[str | None, ...], words: str) -> None:
    of_month, every, relative = groups
    if not (of_month or every or relative):
        slots.take("month_rel", words)
        slots.month_rel = 0
    _month_words(slots, of_month, every, relative, words)


def _daily_workdays(slots: Slots, groups: tuple[str | None, ...], words: str) -> None:
    slots.take("freq", words)
    slots.freq = "DAILY"
    slots.take("workdays", words)
    slots.workdays = True


def _workdays(slots: Slots, groups: tuple[str | None, ...], words: str) -> None:
    slots.take("workdays", words)
    slots.workdays = True


def _freq(slots: Slots, groups: tuple[str | None, ...], words: str) -> None:
    slots.take("freq", words)
    slots.freq = FREQ_WORDS[groups[0] or ""]


def _day_rel(slots: Slots, groups: tuple[str | None, ...], words: str) -> None:
    slots.take("day_rel", words)
    slots.day_rel = DAY_RELATIVE[" ".join((groups[0] or "").split())]


def _date(slots: Slots, groups: tuple[str | None, ...], words: str) -> None:
    day, month, year = groups
    full_year = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
    slots.take("date", words)
    slots.date = (int(day or 0), int(month or 0), full_year)


def _ram(slots: Slots, groups: tuple[str | None, ...], words: str) -> None:
    slots.take("date", words)
    slots.date = (15, _month(groups[0]), None)
    _lunar(slots, words)


def _mung_tet(slots: Slots, groups: tuple[str | None, ...], words: str) -> None:
    slots.take("date", words)
    slots.date = (int(groups[0] or 0), 1, None)
    _lunar(slots, words)


def _day_text(slots: Slots, groups: tuple[str | None, ...], words: str) -> None:
    prefix, day, month, year = groups
    slots.take("date", words)
    slots.date = (int(day or 0), _month(month), None if year is None else int(year))
    slots.mung = prefix in ("mung", "mong")
    if month in LUNAR_MONTHS:
        _lunar(slots, words)


def _month(text: str | None) -> int | None:
    if text is None:
        return None
    return LUNAR_MONTHS.get(text) or int(text)


def _lunar(slots: Slots, words: str) -> None:
    if slots.lunar is False:
        raise WhenError(texts.lunar_said_solar(words))
    slots.lunar = True


def _weekday(slots: Slots, groups: tuple[str | None, ...], words: str) -> None:
    number, sunday, short = groups
    slots.take("weekday", words)
    if sunday:
        slots.weekday = 6
    else:
        text = number or short or ""
        slots.weekday = int(text) - 2 if text.isdigit() else WEEKDAY_WORDS[text]


def _nth(slots: Slots, groups: tuple[str | None, ...], words: str) -> None:
    slots.take("nth", words)
    slots.nth = 1 if (groups[0] or "").startswith("dau") else -1


def _week_rel(slots: Slots, groups: tuple[str | None, ...], words: str) -> None:
    slots.take("week_rel", words)
    slots.week_rel = RELATIVE[groups[0] or ""]


def _year_rel(slots: Slots, groups: tuple[str | None, ...], words: str) -> None:
    slots.take("year_rel", words)
    slots.year_rel = RELATIVE[groups[0] or ""]


def _calendar(slots: Slots, groups: tuple[str | None, ...], words: str) -> None:
    is_lunar = (groups[0] or "").startswith("a")
    if slots.lunar is not None and slots.lunar != is_lunar:
        other = slots.seen.get("calendar") or slots.seen.get("date", "")
        raise WhenError(texts.calendars_disagree(words, other))
    slots.take("calendar", words)
    slots.lunar = is_lunar


def _time(slots: Slots, hour: str, minute: int, words: str, *, colon: bool = False) -> None:
    value = int(hour)
    # "09:00", "08h", "15h" and "0h" cannot be misread; "3h" could mean 03:00 or 15:00.
    plain = hour.startswith("0") or value >= 13 or (colon and len(hour) == 2)
    slots.take("time", words)
    slots.time = (value, minute, plain)


def _time_h(slots: Slots, groups: tuple[str | None, ...], words: str) -> None:
    hour, minute, half = groups
    _time(slots, hour or "", 30 if half else int(minute or 0), words)


def _time_colon(slots: Slots, groups: tuple[str | None, ...], words: str) -> None:
    _time(slots, groups[0] or "", int(groups[1] or 0), words, colon=True)


def _time_gio(slots: Slots, groups: tuple[str | None, ...], words: str) -> None:
    hour, minute, half, before = groups
    if before:
        # "9 giờ kém 15" is 08:45.
        if not 0 < int(before) < 60 or hour in ("0", "00"):
            raise WhenError(texts.bad_minutes_to(words), how=texts.HOW_TIME)
        _time(slots, str(int(hour or 0) - 1), 60 - int(before), words)
        return
    _time(slots, hour or "", 30 if half else int(minute or 0), words)


def _period(slots: Slots, groups: tuple[str | None, ...], words: str) -> None:
    name, today = groups
    first_word = words.split()[0].lower()
    if name == "toi" and first_word != EVENING:
        # "tới" (next) and "tối" (evening) lose their difference without diacritics.
        if first_word == NEXT and "weekday" in slots.seen:
            return  # "thứ 6 tới": the coming Friday, which a bare weekday already means
        raise WhenError(
            texts.evening_or_next(words), how=texts.HOW_EVENING, examples=texts.EXAMPLES_EVENING
        )
    slots.take("period", words)
    slots.period = name
    if today:
        slots.take("day_rel", words)
        slots.day_rel = 0


_READERS = {
    "delta": _delta,
    "last_day": _last_day,
    "month_ref": _month_ref,
    "daily_workdays": _daily_workdays,
    "workdays": _workdays,
    "freq": _freq,
    "day_rel": _day_rel,
    "date": _date,
    "ram": _ram,
    "mung_tet": _mung_tet,
    "day_text": _day_text,
    "weekday": _weekday,
    "nth": _nth,
    "week_rel": _week_rel,
    "year_rel": _year_rel,
    "calendar": _calendar,
    "time_h": _time_h,
    "time_colon": _time_colon,
    "time_gio": _time_gio,
    "period": _period,
}


def clock(slots: Slots) -> dt.time | None:
    """The time of day the phrases gave, or None when they gave none."""
    if slots.time is None:
        if slots.period is not None:
            raise WhenError(
                texts.period_needs_hour(slots.seen["period"]),
                how=texts.HOW_TIME,
                examples=texts.EXAMPLES_PERIOD,
            )
        return None
    hour, minute, plain = slots.time
    words = slots.seen["time"]
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise WhenError(texts.no_such_hour(words), how=texts.HOW_TIME, examples=texts.EXAMPLES_HOUR)
    if slots.period is not None:
        converted = PERIOD_HOURS[slots.period].get(hour)
        if converted is None:
            raise WhenError(
                texts.hour_and_period(words, slots.seen["period"]),
                how=texts.HOW_TIME,
                examples=texts.EXAMPLES_PERIOD_HOUR,
            )
        return dt.time(converted, minute)
    if 1 <= hour <= 5 and not plain:
        raise WhenError(
            texts.am_or_pm(words, hour, minute),
            how=texts.how_am_or_pm(hour, minute),
            examples=texts.example_pm(hour),
        )
    return dt.time(hour, minute)
