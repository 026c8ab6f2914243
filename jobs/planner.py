"""Loading what reminder planning reads from the database (planning itself: bot.domain).

`LATE_LABEL` is re-exported from bot.domain.reminder_texts: tests import it from here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.reminder_chats import ChatPlan, Progress, Snapshot
from bot.domain.reminder_texts import LATE_LABEL as LATE_LABEL
from jobs.dossier_notices import NoticePolicy, load_notices
from storage.models import Chat
from storage.queries import commemorations as commemoration_queries
from storage.queries import planning
from storage.queries import units as unit_queries


async def load_snapshot(
    session: AsyncSession,
    *,
    since: dt.datetime | None = None,
    policy: NoticePolicy | None = None,
) -> Snapshot:
    """Read commemorations, units, tasks and progress in a few queries; with `since`, also the
    dossier notices from then on."""
    commemorations = await commemoration_queries.all_commemorations(session)
    tree = await unit_queries.unit_tree(session)
    tasks = await planning.tasks_with_deadline(session)
    task_units = await planning.task_units(session)
    progress = {
        (row.task_id, row.unit_id): Progress(row.percent, row.updated_by, row.updated_at)
        for row in await planning.all_progress(session)
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
        task_units=task_units,
        progress=progress,
        root_unit_id=root.id if root else None,
        task_years=await planning.all_task_years(session),
        closed=await planning.closed_years(session),
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
    wanted = None if chat_ids is None else list(chat_ids)
    chats: dict[int, Chat] = {}
    since: dict[int, dict[str, dt.datetime]] = defaultdict(dict)
    topics: dict[int, dict[str, str]] = defaultdict(dict)
    for chat, kind, created, thread_id in await planning.subscribed_chats(session, wanted):
        chats[chat.id] = chat
        since[chat.id][kind] = created
        if thread_id is not None:
            topics[chat.id][kind] = thread_id
    extra = set(notified) - set(chats)
    if extra:
        for chat in await planning.active_chats(session, extra, wanted):
            chats[chat.id] = chat
    return [
        ChatPlan.from_chat(chat, since[chat_id], topics.get(chat_id))
        for chat_id, chat in chats.items()
    ]
