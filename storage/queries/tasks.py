"""Emulation tasks, their responsible units and progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import Integer, Select, bindparam, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.models import Task, TaskProgress, TaskProgressHistory, TaskUnit
from storage.queries.years import distinct_years


@dataclass(frozen=True)
class TaskSummary:
    """A task with its average progress over the units that count."""

    task: Task
    units: int
    percent: float
    last_update: dt.datetime | None


async def task_years(session: AsyncSession) -> list[int]:
    """Years that have tasks, newest first."""
    return await distinct_years(session, Task.year)


async def task_by_code(session: AsyncSession, code: str) -> Task | None:
    """A task by code, case-insensitive."""
    stmt = select(Task).where(func.upper(Task.code) == code.upper())
    return (await session.scalars(stmt)).first()


async def definitions(
    session: AsyncSession, codes: Collection[str]
) -> dict[str, tuple[Task, set[int]]]:
    """Tasks by upper-case code with their responsible unit ids (for checking an import)."""
    wanted = sorted({code.upper() for code in codes})
    found: dict[str, tuple[Task, set[int]]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for task in await session.scalars(select(Task).where(func.upper(Task.code).in_(chunk))):
            found[task.code.upper()] = (task, set())
    if found:
        ids = {task.id: code for code, (task, _) in found.items()}
        rows = await session.execute(
            select(TaskUnit.task_id, TaskUnit.unit_id).where(TaskUnit.task_id.in_(list(ids)))
        )
        for task_id, unit_id in rows:
            found[ids[task_id]][1].add(unit_id)
    return found


async def count_tasks(session: AsyncSession, year: int) -> int:
    """How many tasks the year has."""
    stmt = select(func.count()).select_from(Task).where(Task.year == year)
    return int((await session.scalar(stmt)) or 0)


async def task_page(
    session: AsyncSession, year: int, *, offset: int, limit: int
) -> tuple[int, list[TaskSummary]]:
    """The year's task count and a page of its tasks with average progress, in one query."""
    params = {"year": year, "offset": offset, "limit": limit}
    rows = (await session.execute(_TASK_PAGE, params)).all()
    if not rows:
        # Past the last page (or an empty year): the window gave no count, so ask for it.
        return await count_tasks(session, year), []
    summaries = [
        TaskSummary(
            row[0], int(row[2]), float(row[3] or 0) / row[2] if row[2] else 0.0, _aware(row[4])
        )
        for row in rows
    ]
    return int(rows[0][1]), summaries


def _task_page() -> Select[Task, int, int, int | None, dt.datetime | None]:
    # Code order; a responsible unit with no report counts as 0%.
    page = (
        select(Task, func.count().over().label("total"))
        .where(Task.year == bindparam("year", type_=Integer))
        .order_by(Task.code)
        .offset(bindparam("offset", type_=Integer))
        .limit(bindparam("limit", type_=Integer))
        .subquery()
    )
    task = aliased(Task, page)
    return (
        select(
            task,
            page.c.total,
            func.count(TaskUnit.unit_id),
            func.sum(func.coalesce(TaskProgress.percent, 0)),
            func.max(TaskProgress.updated_at),
        )
        .outerjoin(TaskUnit, TaskUnit.task_id == task.id)
        .outerjoin(
            TaskProgress,
            (TaskProgress.task_id == TaskUnit.task_id) & (TaskProgress.unit_id == TaskUnit.unit_id),
        )
        # Every page column: PostgreSQL does not see that the page's id determines the rest.
        .group_by(*page.c)
        .order_by(task.code)
    )


# Built once: building it and its cache key costs about as much as running it.
_TASK_PAGE = _task_page()


@dataclass(frozen=True)
class TaskState:
    """A task's code, deadline and average progress, for summaries."""

    code: str
    deadline: dt.date | None
    percent: float
    assumed: bool = False
    """The deadline is the seed's assumption."""


async def year_states(
    session: AsyncSession, year: int, *, unit_ids: Collection[int] | None = None
) -> list[TaskState]:
    """The year's tasks with average progress, in one query.

    With `unit_ids`, only tasks those units are responsible for, averaged over those units.
    """
    units = select(TaskUnit.task_id, TaskUnit.unit_id)
    if unit_ids is not None:
        units = units.where(TaskUnit.unit_id.in_(unit_ids))
    responsible = units.subquery()
    stmt = (
        select(
            Task.code,
            Task.deadline,
            Task.deadline_assumed,
            func.count(responsible.c.unit_id),
            func.sum(func.coalesce(TaskProgress.percent, 0)),
        )
        .select_from(Task)
        .join(
            responsible,
            responsible.c.task_id == Task.id,
            # Every task counts for the whole office, even one nobody is responsible for yet.
            isouter=unit_ids is None,
        )
        .outerjoin(
            TaskProgress,
            (TaskProgress.task_id == responsible.c.task_id)
            & (TaskProgress.unit_id == responsible.c.unit_id),
        )
        .where(Task.year == year)
        .group_by(Task.id, Task.code, Task.deadline, Task.deadline_assumed)
    )
    return [
        TaskState(code, deadline, float(total or 0) / count if count else 0.0, bool(assumed))
        for code, deadline, assumed, count, total in (await session.execute(stmt)).all()
    ]


def _aware(value: object) -> dt.datetime | None:
    # Aggregates bypass the column type, so SQLite hands back a naive string or datetime.
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    assert isinstance(value, dt.datetime)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


async def responsible_unit_ids(session: AsyncSession, task_id: int) -> set[int]:
    """Units responsible for a task."""
    stmt = select(TaskUnit.unit_id).where(TaskUnit.task_id == task_id)
    return set((await session.scalars(stmt)).all())


async def current_progress(
    session: AsyncSession, task_id: int, unit_id: int
) -> TaskProgress | None:
    """The current progress row of a task in a unit."""
    stmt = select(TaskProgress).where(
        TaskProgress.task_id == task_id, TaskProgress.unit_id == unit_id
    )
    return (await session.scalars(stmt)).first()


async def set_progress(
    session: AsyncSession,
    *,
    task_id: int,
    unit_id: int,
    percent: int,
    note: str | None,
    updated_by: str,
    now: dt.datetime,
) -> TaskProgress:
    """Record a progress update: replace the current row and append to the history."""
    row = await current_progress(session, task_id, unit_id)
    if row is None:
        row = TaskProgress(task_id=task_id, unit_id=unit_id)
        session.add(row)
    row.percent = percent
    row.note = note
    row.updated_by = updated_by
    row.updated_at = now
    session.add(
        TaskProgressHistory(
            task_id=task_id,
            unit_id=unit_id,
            percent=percent,
            note=note,
            updated_by=updated_by,
            updated_at=now,
        )
    )
    await session.flush()
    return row


async def year_codes(session: AsyncSession, year: int) -> list[str]:
    """The codes of a year's tasks."""
    return list((await session.scalars(select(Task.code).where(Task.year == year))).all())


async def set_responsible(session: AsyncSession, task_id: int, unit_ids: set[int]) -> None:
    """Make `unit_ids` exactly the task's responsible units; progress already made is kept."""
    have = await responsible_unit_ids(session, task_id)
    if have - unit_ids:
        await session.execute(
            delete(TaskUnit).where(
                TaskUnit.task_id == task_id, TaskUnit.unit_id.in_(have - unit_ids)
            )
        )
    session.add_all(TaskUnit(task_id=task_id, unit_id=u) for u in sorted(unit_ids - have))
    await session.flush()


async def unit_reports(
    session: AsyncSession, task_id: int
) -> list[tuple[int, TaskProgress | None]]:
    """Each responsible unit of a task with its current progress row (None: never reported)."""
    stmt = (
        select(TaskUnit.unit_id, TaskProgress)
        .outerjoin(
            TaskProgress,
            (TaskProgress.task_id == TaskUnit.task_id) & (TaskProgress.unit_id == TaskUnit.unit_id),
        )
        .where(TaskUnit.task_id == task_id)
        .order_by(TaskUnit.unit_id)
    )
    return [(unit_id, row) for unit_id, row in (await session.execute(stmt)).all()]


async def delete_task(session: AsyncSession, row: Task) -> None:
    """Delete a task; its progress and unit links go with it (ON DELETE CASCADE)."""
    await session.delete(row)
