"""What reminders say: commemoration, deadline and digest texts composed from the planned data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.domain import vn
from bot.domain.calendar import Occurrence, occurrences
from bot.domain.reminder_chats import ChatPlan, Progress, Snapshot, scope_units, unit_progress
from bot.domain.text import utf16_len
from bot.domain.texts import reminders as texts
from storage.models import Commemoration, Task, Unit

KINDS = ("sukien", "hanchot", "tuan")
KIND_LABELS = texts.KIND_LABELS
LATE_LABEL = texts.LATE_LABEL
DIGEST_LIST_LIMIT = 10
# A reminder must arrive as one message on every platform: a delivery is recorded as a whole, so
# a reminder in two messages could be resent in part after a crash. Zalo's 2000 UTF-16 units is
# the smallest limit; the rest leaves room for the late label and the acknowledgement line.
REMINDER_TEXT_LIMIT = 1800


def commemoration_text(
    c: Commemoration, occ: Occurrence, *, lead: int, today: dt.date, extra: bool
) -> tuple[str, str]:
    """Title and body of a commemoration reminder."""
    if extra:
        title = texts.jubilee_title(occ.anniversary, occ.jubilee, c.title)
    elif lead == 0:
        title = texts.today_title(c.title)
    else:
        title = texts.coming_title(c.title)
    when = vn.date_with_weekday(occ.date)
    if occ.lunar is not None:
        when += f" ({occ.lunar})"
    lines = [texts.day_line(when), f"{vn.days_left((occ.date - today).days).capitalize()}."]
    if occ.anniversary:
        lines.append(texts.anniversary_line(occ.anniversary, occ.jubilee))
    if occ.jubilee and (extra or lead >= 30):
        lines.append(texts.jubilee_prepare(occ.jubilee))
    lines.append(texts.ACK_HINT)
    return title, "\n".join(lines)


def _who(updated_by: str) -> str:
    """`telegram:9001 (Nguyễn Văn A)` → `Nguyễn Văn A`."""
    if updated_by.endswith(")") and " (" in updated_by:
        return updated_by[updated_by.index(" (") + 2 : -1]
    return updated_by


def deadline_text(
    task: Task,
    unit: Unit,
    *,
    percent: float,
    latest: Progress | None,
    count: int,
    today: dt.date,
    lead: int,
    tz: ZoneInfo,
) -> tuple[str, str]:
    """Title and body of a deadline reminder."""
    assert task.deadline is not None
    title = texts.deadline_title(task.code, lead)
    left = vn.days_left((task.deadline - today).days)
    whose = texts.whose(unit.name, count)
    if latest is None:
        progress = texts.progress_none(whose)
    else:
        when = vn.datetime(latest.updated_at.astimezone(tz))
        shown = vn.percent(percent, decimals=0)
        progress = texts.progress_line(whose, shown, _who(latest.updated_by), when)
    deadline = vn.deadline(task.deadline, assumed=task.deadline_assumed, weekday=True)
    lines = [
        task.title,
        texts.deadline_line(deadline, left),
        progress,
        texts.update_hint(task.code),
        texts.ACK_HINT,
    ]
    return title, "\n".join(lines)


def iso_week(day: dt.date) -> str:
    """`2026-W49`."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def digest_text(chat: ChatPlan, snapshot: Snapshot, monday: dt.date) -> tuple[str, str]:
    """The Monday digest: the week's events and deadlines, and the unit's overdue tasks."""
    sunday = monday + dt.timedelta(days=6)
    title = texts.digest_title(vn.date(monday), vn.date(sunday))
    events: list[tuple[dt.date, str]] = []
    for c in snapshot.commemorations:
        for occ in occurrences(
            calendar=c.calendar,
            day=c.day,
            month=c.month,
            origin_year=c.origin_year,
            start=monday,
            end=sunday,
        ):
            when = vn.date_with_weekday(occ.date)
            if occ.lunar is not None:
                when += f" ({occ.lunar})"
            events.append((occ.date, texts.event_line(when, c.title, occ.anniversary, occ.jubilee)))
    scope = scope_units(chat, snapshot)
    due_lines: list[tuple[dt.date, str]] = []
    overdue: list[tuple[dt.date, str]] = []
    if scope is not None:
        for task in snapshot.tasks:
            assert task.deadline is not None
            percent, _, count = unit_progress(snapshot, task, scope)
            if count == 0 or percent >= 100:
                continue
            shown = vn.percent(percent, decimals=0)
            assumed = task.deadline_assumed
            if monday <= task.deadline <= sunday:
                when = vn.deadline(task.deadline, assumed=assumed, weekday=True)
                due_lines.append((task.deadline, texts.due_line(task.code, when, shown)))
            elif task.deadline < monday:
                when = vn.deadline(task.deadline, assumed=assumed)
                late = vn.number((monday - task.deadline).days)
                overdue.append((task.deadline, texts.overdue_line(task.code, when, shown, late)))
    overdue.sort()
    sections = [
        _Section(
            texts.EVENTS_HEADING,
            [line for _, line in sorted(events)],
            texts.EVENTS_NOUN,
            "/sukien 7",
        ),
        _Section(
            texts.DUE_HEADING,
            [line for _, line in sorted(due_lines)],
            texts.DUE_NOUN,
            "/nhiemvu",
        ),
        _Section(
            texts.OVERDUE_HEADING,
            [line for _, line in overdue][:DIGEST_LIST_LIMIT],
            texts.OVERDUE_NOUN,
            "/tiendo",
            len(overdue),
        ),
    ]

    # The most lines per section that still fit one message. Cutting a list adds its "… và N"
    # line, so length is not monotonic in the count and a bisection could miss; every line is
    # over 20 units long, so no more than LIMIT / 20 lines per section are ever tried.
    footer = [
        texts.year_closed(year, vn.date(at.astimezone(chat.tz).date()))
        for year, at in sorted(snapshot.closed.items())
        if monday - dt.timedelta(days=7) <= at.astimezone(chat.tz).date() < monday
    ]
    if monday.year not in snapshot.task_years:
        footer.append(texts.no_tasks(monday.year))
    most = min(max(len(section.lines) for section in sections), REMINDER_TEXT_LIMIT // 20)
    for per_section in range(most, 1, -1):
        body = _digest_body(sections, per_section, footer)
        if utf16_len(title) + 1 + utf16_len(body) <= REMINDER_TEXT_LIMIT:
            return title, body
    # One line per section always fits: titles are at most 300 characters.
    return title, _digest_body(sections, 1, footer)


@dataclass(frozen=True)
class _Section:
    """One list of the digest, and what to type to see what it leaves out."""

    heading: str
    lines: list[str]
    noun: str
    command: str
    total: int | None = None
    """How many there are when `lines` is already cut (the overdue list)."""


def _digest_body(sections: list[_Section], shown: int, footer: list[str]) -> str:
    """The digest with at most `shown` lines per section, each cut said with a count."""
    lines: list[str] = []
    for section in sections:
        lines.append(section.heading)
        lines += section.lines[:shown] or [texts.NONE_LINE]
        left = (section.total or len(section.lines)) - min(shown, len(section.lines))
        if left > 0:
            lines.append(vn.left_out(left, section.noun, section.command))
    lines += footer
    lines.append(texts.ACK_HINT)
    return "\n".join(lines)
