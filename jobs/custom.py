"""Custom reminders (/nhac) in a dispatch pass: the due firings as planned reminders, then settling.

The pass reads only reminders whose `next_at` has come (bot.domain.reminder_plan). Their firings
go through the same ledger as every other reminder (claim, send once, catch-up and grace rule).
After the pass a reminder whose firings all have a final row moves on to its next moment; one
with a firing still claimed, held or on a platform this process cannot send to stays due, so a
later pass (or another process) takes it up.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core.messages import Button, UserRef
from bot.domain import reminder_plan
from bot.domain.recurrence import Recurrence, RuleError
from bot.domain.reminder_chats import ChatPlan, PlannedReminder
from bot.domain.reminder_plan import Firing
from bot.domain.when import moment_text, recurrence_text
from jobs.texts import reminders as texts
from storage.models import Chat, Reminder
from storage.queries import reminders as queries

log = logging.getLogger(__name__)

KIND = reminder_plan.KIND


def buttons(delivery_id: int) -> list[list[Button]]:
    """The buttons under a sent custom reminder: snooze an hour, to tomorrow morning, done."""
    return [
        [
            Button(texts.SNOOZE_HOUR, f"/hoannhac {delivery_id} 1h"),
            Button(texts.TOMORROW, f"/hoannhac {delivery_id} sangmai"),
            Button(texts.DONE, f"/xongnhac {delivery_id}"),
        ]
    ]


def rule_of(row: Reminder) -> Recurrence | None:
    """The stored rule, or None for a one-off reminder."""
    return None if row.rule is None else Recurrence.from_string(row.rule)


def mentions_of(row: Reminder) -> tuple[UserRef, ...]:
    """The stored mentions as the core's user references."""
    return tuple(
        UserRef(str(m[0]), str(m[1]) if len(m) > 1 and m[1] else None) for m in row.mentions
    )


def message_text(row: Reminder, rule: Recurrence | None, at: dt.datetime) -> tuple[str, str]:
    """Title and body of a sent custom reminder."""
    lines = [row.text]
    if rule is not None:
        lines.append(texts.repeats(recurrence_text(rule)))
    lines.append(texts.set_by(row.author_name or row.author_id, row.code))
    return texts.custom_title(moment_text(at)), "\n".join(lines)


@dataclass
class DueCustom:
    """The custom reminders due in one pass, planned."""

    plans: dict[int, ChatPlan] = field(default_factory=dict)
    """Chats with a due custom reminder (they need no subscription)."""
    planned: dict[int, list[PlannedReminder]] = field(default_factory=lambda: defaultdict(list))
    superseded: dict[int, list[PlannedReminder]] = field(default_factory=lambda: defaultdict(list))
    rows: list[tuple[int, dt.datetime, Recurrence | None, list[tuple[int, str, dt.date]]]] = field(
        default_factory=list
    )
    """(reminder id, next_at read, rule, the ledger keys of its firings in this pass)."""


async def load_due(
    session: AsyncSession, *, now: dt.datetime, since: dt.datetime, send_from: dt.datetime
) -> DueCustom:
    """Every firing of the due reminders from `since` to `now`, for the dispatcher's loop."""
    found = DueCustom()
    for row, chat in await queries.due(session, now):
        assert row.next_at is not None
        try:
            rule = rule_of(row)
        except RuleError:
            log.error("unreadable rule of reminder=%d, left due", row.id)
            continue
        if chat.id not in found.plans:
            found.plans[chat.id] = ChatPlan.from_chat(chat, {})
        tz = rule.tz if rule is not None else ZoneInfo(chat.timezone)
        fired = reminder_plan.firings(row.id, rule, row.next_at, since=since, until=now, tz=tz)
        keep, older = reminder_plan.latest_only(fired, send_from)
        found.planned[chat.id] += [_planned(row, chat, rule, f) for f in keep]
        found.superseded[chat.id] += [_planned(row, chat, rule, f) for f in older]
        keys = [(chat.id, f.occasion_key, f.occurrence) for f in fired]
        found.rows.append((row.id, row.next_at, rule, keys))
    return found


def _planned(row: Reminder, chat: Chat, rule: Recurrence | None, at: Firing) -> PlannedReminder:
    title, text = message_text(row, rule, at.at.astimezone(ZoneInfo(chat.timezone)))
    summary = texts.custom_summary(row.code, row.text.splitlines()[0][:80])
    return PlannedReminder(
        chat.id,
        KIND,
        at.occasion_key,
        at.occurrence,
        0,
        at.at,
        title,
        text,
        summary,
        thread_id=row.thread_id,
        mentions=mentions_of(row),
        reminder_id=row.id,
    )


async def settle(
    sessions: async_sessionmaker[AsyncSession], due: DueCustom, now: dt.datetime
) -> int:
    """Move each reminder whose firings all ended to its next moment; returns how many moved."""
    if not due.rows:
        return 0
    moved = 0
    async with sessions() as session, session.begin():
        keys = [key for _, _, _, row_keys in due.rows for key in row_keys]
        final = await queries.settled_keys(session, keys)
        for reminder_id, was, rule, row_keys in due.rows:
            if all(key in final for key in row_keys):
                to = reminder_plan.following(rule, now)
                moved += await queries.advance(session, reminder_id, was=was, to=to)
    return moved
