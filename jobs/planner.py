"""Loading what reminder planning reads from the database (planning itself: bot.domain)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.reminder_chats import ChatPlan, Progress, Snapshot
from bot.domain.reminder_texts import LATE_LABEL as LATE_LABEL
from jobs.dossier_notices import NoticePolicy, load_notices
from storage.models import Chat, Commemoration, Subscription, Task, TaskProgress, TaskUnit
from storage.queries import units as unit_queries


async def load_snapshot(
    session: AsyncSession,
    *,
    since: dt.datetime | None = None,
    policy: NoticePolicy | None = None,
) -> Snapshot:
    """Read commemorations, units, tasks and progress in a few queries; with `since`, also the
    dossier notices from then on."""
    commemorations = list(
        (await session.scalars(select(Commemoration).order_by(Commemoration.code))).all()
    )
    tree = await unit_queries.unit_tree(session)
    tasks = list(
        (
            await session.scalars(
                select(Task).where(Task.deadline.is_not(None)).order_by(Task.code)
            )
        ).all()
    )
    task_units: dict[int, set[int]] = defaultdict(set)
    for task_id, unit_id in (
        await session.execute(select(TaskUnit.task_id, TaskUnit.unit_id))
    ).all():
        task_units[task_id].add(unit_id)
    progress = {
        (row.task_id, row.unit_id): Progress(row.percent, row.updated_by, row.updated_at)
        for row in (await session.scalars(select(TaskProgress))).all()
    }
    root = tree.root()
    notices = {}
    if since is not None:
        notices = await load_notices(
            session,
            since=since,
            policy=policy or NoticePolicy(),
            units={u.id: u.code for u in tree.units.values()},
            root_unit_id=root.id if root else None,
        )
    return Snapshot(
        commemorations=commemorations,
        units=tree.units,
        tasks=tasks,
        task_units=dict(task_units),
        progress=progress,
        root_unit_id=root.id if root else None,
        notices=notices,
    )


async def load_chat_plans(
    session: AsyncSession,
    *,
    chat_ids: Iterable[int] | None = None,
    notified: Iterable[int] = (),
) -> list[ChatPlan]:
    """Active chats that have at least one active subscription, and the `notified` ones (dossier
    notices need none), with their settings."""
    stmt = (
        select(Chat, Subscription.kind, Subscription.created_at, Subscription.thread_id)
        .join(Subscription, Subscription.chat_id == Chat.id)
        .where(Chat.active, Subscription.active)
        .order_by(Chat.id, Subscription.kind)
    )
    if chat_ids is not None:
        stmt = stmt.where(Chat.id.in_(list(chat_ids)))
    chats: dict[int, Chat] = {}
    since: dict[int, dict[str, dt.datetime]] = defaultdict(dict)
    topics: dict[int, dict[str, str]] = defaultdict(dict)
    for chat, kind, created, thread_id in (await session.execute(stmt)).all():
        chats[chat.id] = chat
        since[chat.id][kind] = created
        if thread_id is not None:
            topics[chat.id][kind] = thread_id
    extra = set(notified) - set(chats)
    if extra:
        stmt_extra = select(Chat).where(Chat.active, Chat.id.in_(extra))
        if chat_ids is not None:
            stmt_extra = stmt_extra.where(Chat.id.in_(list(chat_ids)))
        for chat in (await session.scalars(stmt_extra)).all():
            chats[chat.id] = chat
    return [
        ChatPlan.from_chat(chat, since[chat_id], topics.get(chat_id))
        for chat_id, chat in chats.items()
    ]
