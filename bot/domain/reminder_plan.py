"""Planning reminders: what a subscribed chat should receive and when (commemorations,
deadlines, the weekly digest, dossier notices), and when a stored `/nhac` reminder fires.

A reminder row keeps `next_at`, the earliest moment not yet settled in the deliveries ledger, so
a dispatch pass asks the database only for rows with `next_at <= now` and a pass with nothing
due reads none. The pass plans the firings from `next_at` to now; once each has a final row in
the ledger, `next_at` moves to the first occurrence after now (a one-off reminder ends).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from bot.domain import vn
from bot.domain.calendar import Occurrence
from bot.domain.dossiers import NOTICE_KIND
from bot.domain.recurrence import Recurrence
from bot.domain.reminder_chats import ChatPlan, PlannedReminder, Snapshot, unit_progress
from bot.domain.reminder_texts import commemoration_text, deadline_text, digest_text, iso_week
from bot.domain.texts import reminders as texts

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


def plan_chat(
    chat: ChatPlan,
    snapshot: Snapshot,
    *,
    start: dt.datetime,
    end: dt.datetime,
    today: dt.date | None = None,
) -> list[PlannedReminder]:
    """Reminders of `chat` due in [start, end], each no earlier than its subscription began.

    Texts count days left from `today` (default: the local date of `end`, the sending day).
    """
    local_today = today or end.astimezone(chat.tz).date()
    found: list[PlannedReminder] = []
    for kind, since in chat.subscribed_since.items():
        lower = max(start, since)
        if lower > end:
            continue
        if kind == "sukien":
            found.extend(_commemorations(chat, snapshot, lower, end, local_today))
        elif kind == "hanchot":
            found.extend(_deadlines(chat, snapshot, lower, end, local_today))
        elif kind == "tuan":
            found.extend(_digests(chat, snapshot, lower, end))
    for notice in snapshot.notices.get(chat.chat_id, []):
        due = notice.at or chat.due_at(notice.occurrence)
        if start <= due <= end:
            found.append(
                PlannedReminder(
                    chat.chat_id,
                    NOTICE_KIND,
                    notice.occasion_key,
                    notice.occurrence,
                    0,
                    due,
                    notice.title,
                    notice.text,
                    notice.summary,
                )
            )
    found.sort(key=lambda r: (r.due_at, r.kind, r.occasion_key, -r.lead_days))
    if chat.topics:
        found = [replace(r, thread_id=chat.topics.get(r.kind)) for r in found]
    return found


def _days(chat: ChatPlan, start: dt.datetime, end: dt.datetime) -> tuple[dt.date, dt.date]:
    return start.astimezone(chat.tz).date(), end.astimezone(chat.tz).date()


def _leads(chat: ChatPlan, occ: Occurrence) -> list[tuple[int, bool]]:
    """(lead, is the extra jubilee reminder) pairs for one occurrence."""
    leads = [(lead, False) for lead in chat.lead_days]
    extra = chat.jubilee_lead_days
    if occ.jubilee and extra > 0 and extra not in chat.lead_days:
        leads.append((extra, True))
    return leads


def _commemorations(
    chat: ChatPlan, snapshot: Snapshot, start: dt.datetime, end: dt.datetime, today: dt.date
) -> Iterable[PlannedReminder]:
    first, last = _days(chat, start, end)
    widest = max([*chat.lead_days, chat.jubilee_lead_days, 0])
    for c in snapshot.commemorations:
        for occ in snapshot.occurrences_of(c, first, last + dt.timedelta(days=widest)):
            for lead, extra in _leads(chat, occ):
                due = chat.due_at(occ.date - dt.timedelta(days=lead))
                if not start <= due <= end:
                    continue
                key = f"jubilee:{c.code}" if extra else f"commemoration:{c.code}"
                title, text = commemoration_text(c, occ, lead=lead, today=today, extra=extra)
                summary = texts.commemoration_summary(
                    extra=extra, title=c.title, day=vn.date(occ.date), lead=lead
                )
                yield PlannedReminder(
                    chat.chat_id, "sukien", key, occ.date, lead, due, title, text, summary
                )


def _deadlines(
    chat: ChatPlan, snapshot: Snapshot, start: dt.datetime, end: dt.datetime, today: dt.date
) -> Iterable[PlannedReminder]:
    if chat.unit_id is None:
        return
    unit = snapshot.units.get(chat.unit_id)
    if unit is None:
        return
    scope = snapshot.subtree(unit.id)
    for task in snapshot.tasks:
        assert task.deadline is not None
        percent, latest, count = unit_progress(snapshot, task, scope)
        if count == 0 or percent >= 100:
            continue
        for lead in chat.lead_days:
            due = chat.due_at(task.deadline - dt.timedelta(days=lead))
            if not start <= due <= end:
                continue
            when = vn.deadline(task.deadline, assumed=task.deadline_assumed)
            title, text = deadline_text(
                task,
                unit,
                percent=percent,
                latest=latest,
                count=count,
                today=today,
                lead=lead,
                tz=chat.tz,
            )
            yield PlannedReminder(
                chat.chat_id,
                "hanchot",
                f"task:{task.code}:{unit.code}",
                task.deadline,
                lead,
                due,
                title,
                text,
                texts.deadline_summary(task.code, when, lead),
            )


def _digests(
    chat: ChatPlan, snapshot: Snapshot, start: dt.datetime, end: dt.datetime
) -> Iterable[PlannedReminder]:
    first, last = _days(chat, start, end)
    day = first - dt.timedelta(days=first.weekday())
    while day <= last:
        due = chat.due_at(day)
        if start <= due <= end:
            title, text = digest_text(chat, snapshot, day)
            yield PlannedReminder(
                chat.chat_id,
                "tuan",
                f"digest:{iso_week(day)}",
                day,
                0,
                due,
                title,
                text,
                texts.digest_summary(vn.date(day), vn.date(day + dt.timedelta(days=6))),
            )
        day += dt.timedelta(days=7)
