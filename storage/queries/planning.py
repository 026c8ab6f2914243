"""What reminder planning reads in one pass: tasks with deadlines, who answers for them, their
progress, and the chats with their active subscriptions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Chat, ClosedYear, Subscription, Task, TaskProgress, TaskUnit


async def tasks_with_deadline(session: AsyncSession) -> list[Task]:
    """Every task of a year not closed that has a deadline, by code."""
    # A closed year's tasks leave reminders and digests: its summary was told once at closing.
    stmt = (
        select(Task)
        .where(Task.deadline.is_not(None), Task.year.not_in(select(ClosedYear.year)))
        .order_by(Task.code)
    )
    return list((await session.scalars(stmt)).all())


async def all_task_years(session: AsyncSession) -> set[int]:
    """Every year with tasks, closed ones included."""
    return set((await session.scalars(select(Task.year).distinct())).all())


async def closed_years(session: AsyncSession) -> dict[int, dt.datetime]:
    """Closed years and when they were closed."""
    return {row.year: row.closed_at for row in (await session.scalars(select(ClosedYear))).all()}


async def task_units(session: AsyncSession) -> dict[int, set[int]]:
    """Task id → the ids of the units responsible for it."""
    found: dict[int, set[int]] = {}
    for task_id, unit_id in await session.execute(select(TaskUnit.task_id, TaskUnit.unit_id)):
        found.setdefault(task_id, set()).add(unit_id)
    return found


async def all_progress(session: AsyncSession) -> list[TaskProgress]:
    """Every unit's current progress on every task."""
    return list((await session.scalars(select(TaskProgress))).all())


async def subscribed_chats(
    session: AsyncSession, chat_ids: Collection[int] | None
) -> Sequence[Row[Chat, str, dt.datetime, str | None]]:
    """(chat, kind, subscribed at, topic) of every active subscription of an active chat, by
    chat and kind; only `chat_ids` when given."""
    stmt = (
        select(Chat, Subscription.kind, Subscription.created_at, Subscription.thread_id)
        .join(Subscription, Subscription.chat_id == Chat.id)
        .where(Chat.active, Subscription.active)
        .order_by(Chat.id, Subscription.kind)
    )
    if chat_ids is not None:
        stmt = stmt.where(Chat.id.in_(list(chat_ids)))
    return (await session.execute(stmt)).all()


async def active_chats(
    session: AsyncSession, ids: Collection[int], within: Collection[int] | None
) -> list[Chat]:
    """The active chats among `ids` (and among `within`, when given)."""
    stmt = select(Chat).where(Chat.active, Chat.id.in_(list(ids)))
    if within is not None:
        stmt = stmt.where(Chat.id.in_(list(within)))
    return list((await session.scalars(stmt)).all())
