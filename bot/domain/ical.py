"""The /lich calendar feed: a chat's commemorations, deadlines and reminders as iCalendar bytes.

Written with the `icalendar` package for Google Calendar and Outlook subscriptions: stable UIDs
(so a refreshed feed updates events instead of duplicating them), DTSTAMP, the calendar name,
all-day events for days, local times with a VTIMEZONE for reminders. A rule both calendars read
alike goes out as an RRULE; lunar days and working-day shifts, which no calendar computes, go
out as single events for the years in the window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vRecur

from bot.domain import lunar
from bot.domain.recurrence import Recurrence
from bot.domain.texts.ical import lunar_note

PRODID = "-//Thi Dua Bot//Lich//VI"
REMINDER_LENGTH = dt.timedelta(minutes=15)
REFRESH = dt.timedelta(hours=12)


@dataclass(frozen=True, slots=True)
class YearlyDay:
    """A solar commemoration repeated every year (29/02 falls on 28/02 in common years)."""

    key: str
    title: str
    day: int
    month: int
    description: str = ""


@dataclass(frozen=True, slots=True)
class LunarYearlyDay:
    """A lunar commemoration, observed in the regular month of each lunar year."""

    key: str
    title: str
    day: int
    month: int
    description: str = ""


@dataclass(frozen=True, slots=True)
class Deadline:
    """A one-off all-day deadline."""

    key: str
    title: str
    date: dt.date
    description: str = ""


@dataclass(frozen=True, slots=True)
class Reminder:
    """A custom reminder: one moment, or a recurrence whose first moment is `first`."""

    key: str
    title: str
    first: dt.datetime
    recurrence: Recurrence | None = None
    description: str = ""


FeedItem = YearlyDay | LunarYearlyDay | Deadline | Reminder


def build_feed(
    items: Iterable[FeedItem],
    *,
    name: str,
    now: dt.datetime,
    tz: ZoneInfo,
    years: int = 3,
    uid_domain: str = "thidua-bot",
) -> bytes:
    """The feed as bytes; expanded events cover 1 January this year to `years` years later.

    `uid_domain` should name the chat ("telegram-123.thidua-bot"): UIDs must be unique across
    every feed a person subscribes to, and each item's `key` only within its chat.
    """
    local = now.astimezone(tz)
    window = (dt.date(local.year, 1, 1), dt.date(local.year + years, 1, 1))
    stamp = now.astimezone(dt.UTC).replace(microsecond=0)
    feed = Calendar()
    feed.add("prodid", PRODID)
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("name", name)
    feed.add("x-wr-calname", name)
    feed.add("x-wr-timezone", tz.key)
    feed.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    feed.add("x-published-ttl", "PT12H")  # Outlook's name for REFRESH-INTERVAL
    for item in items:
        for event in _events(item, window, tz):
            event.add("uid", f"{event.pop('X-KEY')}@{uid_domain}")
            event.add("dtstamp", stamp)
            feed.add_component(event)
    # Reminders carry local times with a TZID; the zone's definition must travel with them.
    feed.add_component(_vtimezone(tz.key))
    return bytes(feed.to_ical())


@lru_cache(maxsize=16)
def _vtimezone(key: str) -> Timezone:
    # Computing a VTIMEZONE from the tz database takes ~0.2 s; it only changes with tzdata.
    return Timezone.from_tzid(key)


def _events(item: FeedItem, window: tuple[dt.date, dt.date], tz: ZoneInfo) -> Iterator[Event]:
    if isinstance(item, YearlyDay):
        first = _solar_day(item.day, item.month, window[0].year)
        event = _day_event(f"sukien-{item.key}", item.title, first, item.description)
        rule = "FREQ=YEARLY"
        if (item.day, item.month) == (29, 2):
            rule = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
        event.add("rrule", vRecur.from_ical(rule))
        yield event
    elif isinstance(item, LunarYearlyDay):
        note = lunar_note(item.day, item.month)
        text = f"{item.description}\n{note}" if item.description else note
        for year in range(window[0].year - 1, window[1].year):
            if not lunar.LUNAR_YEARS[0] <= year <= lunar.LUNAR_YEARS[1]:
                continue
            day = lunar.to_solar(item.day, item.month, year)
            if window[0] <= day < window[1]:
                key = f"sukien-al-{item.key}-{day:%Y%m%d}"
                yield _day_event(key, item.title, day, text)
    elif isinstance(item, Deadline):
        yield _day_event(f"han-{item.key}", item.title, item.date, item.description)
    else:
        yield from _reminder_events(item, window, tz)


def _reminder_events(
    item: Reminder, window: tuple[dt.date, dt.date], tz: ZoneInfo
) -> Iterator[Event]:
    rule = item.recurrence
    portable = None if rule is None else rule.portable_rrule()
    if rule is None or portable is not None:
        start = item.first if rule is None else rule.start
        event = _moment_event(f"nhac-{item.key}", item.title, start, item.description)
        if portable is not None:
            event.add("rrule", vRecur.from_ical(portable))
        yield event
        return
    low = dt.datetime.combine(window[0], dt.time(), tz)
    high = dt.datetime.combine(window[1], dt.time(), tz)
    for moment in rule.between(low, high):
        key = f"nhac-{item.key}-{moment:%Y%m%d}"
        yield _moment_event(key, item.title, moment, item.description)


def _day_event(key: str, title: str, day: dt.date, description: str) -> Event:
    event = _event(key, title, description)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    # A commemoration or a deadline does not make anyone busy.
    event.add("transp", "TRANSPARENT")
    return event


def _moment_event(key: str, title: str, start: dt.datetime, description: str) -> Event:
    event = _event(key, title, description)
    event.add("dtstart", start)
    event.add("dtend", start + REMINDER_LENGTH)
    return event


def _event(key: str, title: str, description: str) -> Event:
    event = Event()
    # Kept apart until build_feed turns it into the UID with the domain.
    event.add("x-key", key)
    event.add("summary", title)
    if description:
        event.add("description", description)
    return event


def _solar_day(day: int, month: int, year: int) -> dt.date:
    if (day, month) == (29, 2):
        return dt.date(year, 3, 1) - dt.timedelta(days=1)
    return dt.date(year, month, day)
