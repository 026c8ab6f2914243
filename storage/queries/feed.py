"""What the /lich calendar feed reads: the chat behind a link, the deadlines of a unit scope."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Chat, Task, TaskUnit


async def chat_by_token(session: AsyncSession, token: str) -> Chat | None:
    """The active chat whose calendar link carries `token`."""
    stmt = select(Chat).where(Chat.feed_token == token, Chat.active)
    return (await session.scalars(stmt)).first()


async def deadline_tasks(session: AsyncSession, unit_ids: Collection[int]) -> list[Task]:
    """Tasks with a deadline that one of these units is responsible for, by deadline."""
    if not unit_ids:
        return []
    responsible = select(TaskUnit.task_id).where(TaskUnit.unit_id.in_(list(unit_ids)))
    stmt = (
        select(Task)
        .where(Task.deadline.is_not(None), Task.id.in_(responsible))
        .order_by(Task.deadline, Task.code)
    )
    return list((await session.scalars(stmt)).all())
