"""A chat's calendar feed (/lich): its commemorations, its unit's deadlines, its /nhac reminders."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.texts import feed as texts
from bot.domain.ical import Deadline, FeedItem, LunarYearlyDay, Reminder, YearlyDay, build_feed
from bot.domain.recurrence import Recurrence, RuleError
from storage.models import Chat
from storage.queries import commemorations, units
from storage.queries import feed as feed_queries
from storage.queries import reminders as reminder_queries


def feed_path(token: str) -> str:
    """The path the bot's HTTP server serves a chat's feed at."""
    return f"/lich/{token}.ics"


async def chat_feed(session: AsyncSession, chat: Chat, *, now: dt.datetime) -> bytes:
    """The chat's feed as iCalendar bytes (see bot.domain.ical)."""
    items: list[FeedItem] = []
    for c in await commemorations.all_commemorations(session):
        kind = LunarYearlyDay if c.calendar == "lunar" else YearlyDay
        items.append(kind(c.code, c.title, c.day, c.month, c.description or ""))
    tree = await units.unit_tree(session)
    root = tree.units.get(chat.unit_id) if chat.unit_id is not None else tree.root()
    scope = tree.subtree(root.id) if root is not None else set()
    for task in await feed_queries.deadline_tasks(session, scope):
        assert task.deadline is not None
        items.append(Deadline(task.code, texts.deadline(task.code, task.title), task.deadline))
    for row in await reminder_queries.active_in_chat(session, chat.id):
        if row.next_at is None:
            continue
        try:
            rule = None if row.rule is None else Recurrence.from_string(row.rule)
        except RuleError:
            continue
        title = row.text.splitlines()[0][:120]
        items.append(Reminder(str(row.code), title, row.next_at, rule, row.text))
    name = texts.feed_name(chat.title)
    domain = f"{chat.platform}-{chat.platform_chat_id.lstrip('-')}.thidua-bot"
    return build_feed(items, name=name, now=now, tz=ZoneInfo(chat.timezone), uid_domain=domain)
