"""When a stored `/nhac` reminder fires: its firings in a window, its delivery keys, what's next.

A reminder row keeps `next_at`, the earliest moment not yet settled in the deliveries ledger, so
a dispatch pass asks the database only for rows with `next_at <= now` and a pass with nothing
due reads none. The pass plans the firings from `next_at` to now; once each has a final row in
the ledger, `next_at` moves to the first occurrence after now (a one-off reminder ends).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.domain.recurrence import Recurrence

KIND = "nhac"
"""The deliveries' kind for custom reminders."""
_ONE_MICROSECOND = dt.timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class Firing:
    """One moment a reminder is due, with the key the deliveries ledger records it under."""

    at: dt.datetime
    occasion_key: str
    occurrence: dt.date


def firing(reminder_id: int, at: dt.datetime, tz: ZoneInfo) -> Firing:
    """The firing at `at`: keyed by the local day and minute, so a snooze has a key of its own."""
    local = at.astimezone(tz)
    return Firing(at, f"{KIND}:{reminder_id}@{local:%H%M}", local.date())


def firings(
    reminder_id: int,
    rule: Recurrence | None,
    next_at: dt.datetime,
    *,
    since: dt.datetime,
    until: dt.datetime,
    tz: ZoneInfo,
) -> list[Firing]:
    """Every firing from `next_at` (and no earlier than `since`) up to `until` inclusive."""
    low = max(next_at, since)
    if low > until:
        return []
    if rule is None:
        return [firing(reminder_id, next_at, tz)] if next_at >= since else []
    return [firing(reminder_id, at, rule.tz) for at in rule.between(low, until + _ONE_MICROSECOND)]


def latest_only(found: list[Firing], send_from: dt.datetime) -> tuple[list[Firing], list[Firing]]:
    """(to plan, superseded): of the firings still within the grace window only the newest is
    sent; older ones in the window are superseded by it, as yesterday's daily reminder is by
    today's after downtime. Firings before the window are planned, to be recorded as missed."""
    fresh = [f for f in found if f.at >= send_from]
    stale = [f for f in found if f.at < send_from]
    return stale + fresh[-1:], fresh[:-1]


def following(rule: Recurrence | None, now: dt.datetime) -> dt.datetime | None:
    """The next moment after `now` once everything due is settled; None: a one-off is done."""
    return None if rule is None else rule.next_after(now)


def upcoming(
    rule: Recurrence | None, next_at: dt.datetime | None, start: dt.datetime, end: dt.datetime
) -> list[dt.datetime]:
    """Moments in [start, end) for /nhacviec and the list, from `next_at` on."""
    if next_at is None:
        return []
    if rule is None:
        return [next_at] if start <= next_at < end else []
    return rule.between(max(start, next_at), end)


def rezoned(rule: Recurrence, tz: ZoneInfo, now: dt.datetime) -> tuple[Recurrence, dt.datetime]:
    """The same wall-clock rule in another zone, with its next moment after `now`.

    A chat moving to another zone keeps "8:00 every Monday" at 8:00 there.
    """
    start = rule.start.replace(tzinfo=tz)
    moved = Recurrence(
        freq=rule.freq,
        start=start,
        lunar=rule.lunar,
        day=rule.day,
        month=rule.month,
        weekday=rule.weekday,
        nth=rule.nth,
        workdays=rule.workdays,
    )
    anchored = moved.anchored(now)
    if anchored is None:
        raise ValueError("a rule without occurrences after now")
    return anchored
