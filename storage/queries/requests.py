"""Requests to units, their answers, and nudges of units that never reported on a task."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Chat, RequestUnit, Subscription, Task, TaskNudge, UnitRequest


async def create_request(
    session: AsyncSession,
    *,
    title: str,
    deadline_at: dt.datetime,
    chat_id: int,
    thread_id: str | None = None,
    unit_id: int | None,
    created_by: str,
    now: dt.datetime,
    unit_ids: Collection[int],
) -> UnitRequest:
    """Store a request and one row per target unit."""
    request = UnitRequest(
        title=title,
        deadline_at=deadline_at,
        chat_id=chat_id,
        thread_id=thread_id,
        unit_id=unit_id,
        created_by=created_by,
        created_at=now,
    )
    session.add(request)
    await session.flush()
    session.add_all(RequestUnit(request_id=request.id, unit_id=u) for u in sorted(set(unit_ids)))
    await session.flush()
    return request


async def request_by_id(session: AsyncSession, request_id: int) -> UnitRequest | None:
    """A request by id."""
    return await session.get(UnitRequest, request_id)


async def answers(session: AsyncSession, request_id: int) -> list[RequestUnit]:
    """Every target unit's row of a request."""
    stmt = select(RequestUnit).where(RequestUnit.request_id == request_id)
    return list((await session.scalars(stmt.order_by(RequestUnit.unit_id))).all())


async def answer(session: AsyncSession, request_id: int, unit_id: int) -> RequestUnit | None:
    """One target unit's row of a request, None when the unit is not asked."""
    stmt = select(RequestUnit).where(
        RequestUnit.request_id == request_id, RequestUnit.unit_id == unit_id
    )
    return (await session.scalars(stmt)).first()


@dataclass(frozen=True)
class RequestCounts:
    """An open request with how many units it asks and how many answered each way."""

    request: UnitRequest
    units: int
    submitted: int
    extension: int


async def open_requests(
    session: AsyncSession, *, unit_ids: Collection[int] | None = None
) -> list[RequestCounts]:
    """Open requests (those asking a unit in `unit_ids`, None: all), soonest deadline first."""
    stmt = (
        select(
            UnitRequest,
            func.count(RequestUnit.id),
            func.count(RequestUnit.submitted_at),
            func.count(
                case(
                    (RequestUnit.submitted_at.is_(None) & RequestUnit.extension_at.is_not(None), 1)
                )
            ),
        )
        .join(RequestUnit, RequestUnit.request_id == UnitRequest.id)
        .where(UnitRequest.closed_at.is_(None))
        .group_by(UnitRequest.id)
        .order_by(UnitRequest.deadline_at, UnitRequest.id)
    )
    if unit_ids is not None:
        asked = select(RequestUnit.request_id).where(RequestUnit.unit_id.in_(list(unit_ids)))
        stmt = stmt.where(UnitRequest.id.in_(asked))
    rows = (await session.execute(stmt)).all()
    return [RequestCounts(r[0], int(r[1]), int(r[2]), int(r[3] or 0)) for r in rows]


async def requests_for_nudges(
    session: AsyncSession, *, start: dt.datetime, end: dt.datetime, overdue_days: int
) -> list[tuple[UnitRequest, list[RequestUnit]]]:
    """Open requests that may owe a message in [start, end], with their units' rows."""
    # A request owes nothing once its last overdue notice (a day apart each) is past.
    last = start - dt.timedelta(days=overdue_days + 2)
    stmt = (
        select(UnitRequest)
        .where(
            UnitRequest.closed_at.is_(None),
            UnitRequest.created_at <= end,
            UnitRequest.deadline_at >= last,
        )
        .order_by(UnitRequest.id)
    )
    found = list((await session.scalars(stmt)).all())
    if not found:
        return []
    rows: dict[int, list[RequestUnit]] = defaultdict(list)
    stmt_units = select(RequestUnit).where(RequestUnit.request_id.in_([r.id for r in found]))
    for row in (await session.scalars(stmt_units)).all():
        rows[row.request_id].append(row)
    return [(request, rows[request.id]) for request in found]


async def chats_of_units(session: AsyncSession, unit_ids: Collection[int]) -> dict[int, list[Chat]]:
    """Active chats linked to each of these units."""
    if not unit_ids:
        return {}
    stmt = select(Chat).where(Chat.active, Chat.unit_id.in_(list(unit_ids))).order_by(Chat.id)
    found: dict[int, list[Chat]] = defaultdict(list)
    for chat in (await session.scalars(stmt)).all():
        assert chat.unit_id is not None  # filtered above
        found[chat.unit_id].append(chat)
    return dict(found)


async def deadline_topics(session: AsyncSession, chat_ids: Collection[int]) -> dict[int, str]:
    """The forum topic each chat's deadline reminders go to, where it has one."""
    if not chat_ids:
        return {}
    stmt = select(Subscription.chat_id, Subscription.thread_id).where(
        Subscription.chat_id.in_(list(chat_ids)),
        Subscription.kind == "hanchot",
        Subscription.active,
        Subscription.thread_id.is_not(None),
    )
    return {chat_id: str(thread) for chat_id, thread in (await session.execute(stmt)).all()}


async def chats_by_id(session: AsyncSession, chat_ids: Collection[int]) -> dict[int, Chat]:
    """Active chats by id."""
    if not chat_ids:
        return {}
    stmt = select(Chat).where(Chat.active, Chat.id.in_(list(chat_ids)))
    return {c.id: c for c in (await session.scalars(stmt)).all()}


async def add_task_nudges(
    session: AsyncSession, *, task_id: int, unit_ids: Collection[int], by: str, now: dt.datetime
) -> None:
    """Record one nudge per unit; the dispatcher sends each to the unit's chats."""
    session.add_all(
        TaskNudge(task_id=task_id, unit_id=u, created_by=by, created_at=now)
        for u in sorted(unit_ids)
    )
    await session.flush()


async def last_task_nudge(session: AsyncSession, task_id: int) -> dt.datetime | None:
    """When the units of a task were last nudged."""
    stmt = select(func.max(TaskNudge.created_at)).where(TaskNudge.task_id == task_id)
    value = await session.scalar(stmt)
    if isinstance(value, str):
        # An aggregate bypasses the column type: SQLite hands back its stored text.
        value = dt.datetime.fromisoformat(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


async def task_nudges_between(
    session: AsyncSession, *, start: dt.datetime, end: dt.datetime
) -> list[TaskNudge]:
    """Nudges made in [start, end]."""
    stmt = (
        select(TaskNudge)
        .where(TaskNudge.created_at >= start, TaskNudge.created_at <= end)
        .order_by(TaskNudge.id)
    )
    return list((await session.scalars(stmt)).all())


async def tasks_by_id(session: AsyncSession, task_ids: Collection[int]) -> list[Task]:
    """Tasks by id (those nudges name)."""
    if not task_ids:
        return []
    return list((await session.scalars(select(Task).where(Task.id.in_(list(task_ids))))).all())


async def all_requests(
    session: AsyncSession, *, year: int | None, tz: dt.tzinfo
) -> list[tuple[UnitRequest, list[RequestUnit]]]:
    """Every request (those whose deadline falls in `year`, None: all) with its units' rows."""
    found = list((await session.scalars(select(UnitRequest).order_by(UnitRequest.id))).all())
    if year is not None:
        found = [r for r in found if r.deadline_at.astimezone(tz).year == year]
    if not found:
        return []
    rows: dict[int, list[RequestUnit]] = defaultdict(list)
    stmt = (
        select(RequestUnit)
        .where(RequestUnit.request_id.in_([r.id for r in found]))
        .order_by(RequestUnit.request_id, RequestUnit.unit_id)
    )
    for row in (await session.scalars(stmt)).all():
        rows[row.request_id].append(row)
    return [(request, rows[request.id]) for request in found]
