"""Custom reminders (/nhac): create, find by short code, list, the due ones, settle after a pass."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Chat, Delivery, Reminder

MAX_ACTIVE_PER_CHAT = 100
"""More active reminders than this in one chat is a runaway script, not people."""


async def next_code(session: AsyncSession, chat_id: int) -> int:
    """The next short code in a chat (codes are never reused, so a cancelled one stays gone)."""
    top = await session.scalar(select(func.max(Reminder.code)).where(Reminder.chat_id == chat_id))
    return int(top or 0) + 1


async def count_active(session: AsyncSession, chat_id: int) -> int:
    """Active reminders of a chat."""
    count = await session.scalar(
        select(func.count())
        .select_from(Reminder)
        .where(Reminder.chat_id == chat_id, Reminder.active)
    )
    return int(count or 0)


async def by_code(session: AsyncSession, chat_id: int, code: int) -> Reminder | None:
    """A chat's reminder by its short code."""
    if not 0 < code < 2**31:
        return None
    stmt = select(Reminder).where(Reminder.chat_id == chat_id, Reminder.code == code)
    return (await session.scalars(stmt)).first()


async def by_id(session: AsyncSession, reminder_id: int) -> Reminder | None:
    """A reminder by primary key."""
    return await session.get(Reminder, reminder_id)


async def active_in_chat(session: AsyncSession, chat_id: int) -> list[Reminder]:
    """A chat's active reminders, soonest first."""
    stmt = (
        select(Reminder)
        .where(Reminder.chat_id == chat_id, Reminder.active)
        .order_by(Reminder.next_at, Reminder.code)
    )
    return list((await session.scalars(stmt)).all())


async def snooze_of(session: AsyncSession, delivery_id: int) -> Reminder | None:
    """The « Nhắc lại » reminder already made from a sent reminder, if any."""
    stmt = select(Reminder).where(Reminder.snoozed_delivery_id == delivery_id)
    return (await session.scalars(stmt)).first()


async def due(session: AsyncSession, now: dt.datetime) -> list[tuple[Reminder, Chat]]:
    """Active reminders of active chats whose next moment has come (one index range scan)."""
    stmt = (
        select(Reminder, Chat)
        .join(Chat, Chat.id == Reminder.chat_id)
        .where(Reminder.active, Reminder.next_at <= now, Chat.active)
        .order_by(Reminder.id)
    )
    return [(r, c) for r, c in (await session.execute(stmt)).all()]


async def came_due(session: AsyncSession, since: dt.datetime, now: dt.datetime) -> int:
    """How many active reminders reached their moment in (since, now] (the due index)."""
    count = await session.scalar(
        select(func.count())
        .select_from(Reminder)
        .where(Reminder.active, Reminder.next_at > since, Reminder.next_at <= now)
    )
    return int(count or 0)


async def settled_keys(
    session: AsyncSession, keys: Collection[tuple[int, str, dt.date]]
) -> set[tuple[int, str, dt.date]]:
    """Of (chat, occasion key, occurrence) firings, those with a final row in the ledger."""
    if not keys:
        return set()
    occasions = sorted({key for _, key, _ in keys})
    stmt = select(Delivery.chat_id, Delivery.occasion_key, Delivery.occurrence).where(
        Delivery.occasion_key.in_(occasions), Delivery.status != "claimed"
    )
    found = {(r[0], r[1], r[2]) for r in (await session.execute(stmt)).all()}
    return found & set(keys)


async def advance(
    session: AsyncSession, reminder_id: int, *, was: dt.datetime, to: dt.datetime | None
) -> bool:
    """Move `next_at` from `was` to `to` (None ends the reminder) unless someone changed it."""
    values: dict[str, object] = {"next_at": to}
    if to is None:
        values["active"] = False
    result = await session.execute(
        update(Reminder).where(Reminder.id == reminder_id, Reminder.next_at == was).values(**values)
    )
    return result.rowcount == 1  # type: ignore[attr-defined,no-any-return]


async def in_chats(session: AsyncSession, chat_ids: Sequence[int]) -> list[Reminder]:
    """Active reminders of these chats (the calendar feed and /nhacviec)."""
    if not chat_ids:
        return []
    stmt = (
        select(Reminder)
        .where(Reminder.chat_id.in_(list(chat_ids)), Reminder.active)
        .order_by(Reminder.chat_id, Reminder.code)
    )
    return list((await session.scalars(stmt)).all())
