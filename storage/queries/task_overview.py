"""A year's tasks summarised in the database: counts by state, the first few late and due, and
which units never reported, so `/tiendo` reads a dozen rows instead of every task."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Date,
    Integer,
    Select,
    and_,
    bindparam,
    exists,
    func,
    literal_column,
    not_,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ClosedYear, Task, TaskProgress, TaskUnit
from storage.queries.tasks import TaskState
from storage.queries.years import distinct_years_cte


@dataclass(frozen=True)
class YearOverview:
    """A year's tasks counted by state, with the first `shown` overdue and upcoming ones.

    States are exclusive: done (every responsible unit at 100%), overdue (not done, past its
    deadline), started and idle (the rest, with and without progress). Upcoming are the not
    overdue, not done tasks that have a deadline.
    """

    total: int
    done: int
    started: int
    idle: int
    overdue: int
    upcoming: int
    first_overdue: list[TaskState]
    next_due: list[TaskState]
    units: int
    """Units responsible for a task of the year (within the scope)."""
    never: int
    """Of those, the units that never reported on any of their tasks."""


async def task_years_and_closed(session: AsyncSession) -> tuple[list[int], set[int]]:
    """Years that have tasks, newest first, and which of them are closed, in one query."""
    rows = (await session.execute(_YEARS)).all()
    return [int(year) for year, _ in rows], {int(year) for year, shut in rows if shut}


async def year_overview(
    session: AsyncSession,
    year: int,
    *,
    today: dt.date,
    unit_ids: Collection[int] | None = None,
    shown: int = 5,
) -> YearOverview:
    """The overview of `year` as of `today`; with `unit_ids`, only their tasks, averaged over
    them (the office's view also counts tasks nobody is responsible for yet)."""
    stmt = _SCOPED if unit_ids is not None else _OFFICE
    params: dict[str, object] = {"year": year, "today": today, "shown": shown}
    if unit_ids is not None:
        params["units"] = sorted(unit_ids)
    counts: dict[str, tuple[int, ...]] = {}
    late: list[TaskState] = []
    due: list[TaskState] = []
    for kind, a, b, c, d, e, code, deadline, assumed in await session.execute(stmt, params):
        if kind in ("o", "u"):
            # a and b are the task's responsible units and the sum of their percents.
            state = TaskState(code, deadline, float(b) / a if a else 0.0, bool(assumed))
            (late if kind == "o" else due).append(state)
        else:
            counts[kind] = (int(a), int(b), int(c), int(d), int(e))
    total, done, overdue, started, upcoming = counts["n"]
    units, never = counts["r"][:2]
    return YearOverview(
        total=total,
        done=done,
        started=started,
        idle=total - done - overdue - started,
        overdue=overdue,
        upcoming=upcoming,
        first_overdue=late,
        next_due=due,
        units=units,
        never=never,
    )


def _overview(*, scoped: bool) -> CompoundSelect[*tuple[Any, ...]]:
    """One statement, built once per scope kind; its rows are told apart by their first column.

    'o' and 'u' rows are the first overdue and upcoming tasks (units, percent sum, code,
    deadline, assumed); 'n' is the counts by state, 'r' the responsible and never-reporting
    units. The per-task totals are read twice, so both databases compute them once.
    """
    year = bindparam("year", type_=Integer)
    today = bindparam("today", type_=Date)
    responsible = (
        select(TaskUnit.task_id, TaskUnit.unit_id, TaskProgress.percent)
        .join(Task, Task.id == TaskUnit.task_id)
        .outerjoin(
            TaskProgress,
            (TaskProgress.task_id == TaskUnit.task_id) & (TaskProgress.unit_id == TaskUnit.unit_id),
        )
        .where(Task.year == year)
    )
    if scoped:
        responsible = responsible.where(TaskUnit.unit_id.in_(bindparam("units", expanding=True)))
    resp = responsible.cte("responsible")
    tasks = (
        select(
            Task.code,
            Task.deadline,
            Task.deadline_assumed,
            func.count(resp.c.unit_id).label("n"),
            func.coalesce(func.sum(func.coalesce(resp.c.percent, 0)), 0).label("s"),
        )
        .select_from(Task)
        # The office counts every task, even one nobody is responsible for yet.
        .join(resp, resp.c.task_id == Task.id, isouter=not scoped)
        .where(Task.year == year)
        .group_by(Task.id, Task.code, Task.deadline, Task.deadline_assumed)
        .cte("per_task")
    )
    n, s, deadline = tasks.c.n, tasks.c.s, tasks.c.deadline
    # Integer sums, so no average is rounded: done means every unit reached 100%.
    not_done = not_(and_(n > 0, s >= 100 * n))
    overdue = and_(not_done, deadline < today)
    upcoming = and_(not_done, deadline >= today)
    started = and_(not_done, or_(deadline.is_(None), deadline >= today), s > 0)

    def first(kind: str, where: ColumnElement[bool]) -> Select[*tuple[Any, ...]]:
        listed = (
            select(
                _kind(kind),
                n.label("a"),
                s.label("b"),
                *_zeros("cde"),
                *tasks.c["code", "deadline", "deadline_assumed"],
            )
            .where(where)
            .order_by(deadline, tasks.c.code)
            .limit(bindparam("shown"))
            .subquery()
        )
        return select(*listed.c)

    def counted(condition: ColumnElement[bool]) -> ColumnElement[int]:
        return func.count().filter(condition)

    states = select(
        _kind("n"),
        func.count(),
        counted(not_(not_done)),
        counted(overdue),
        counted(started),
        counted(upcoming),
        *_nulls(),
    ).select_from(tasks)
    per_unit = (
        select(resp.c.unit_id, func.count(resp.c.percent).label("reports"))
        .group_by(resp.c.unit_id)
        .subquery()
    )
    units = select(
        _kind("r"), func.count(), counted(per_unit.c.reports == 0), *_zeros("cde"), *_nulls()
    ).select_from(per_unit)
    # The listed rows come first: a compound statement takes its column types (the deadline's
    # date) from its first part.
    return union_all(first("o", overdue), first("u", upcoming), states, units)


def _kind(kind: str) -> ColumnElement[str]:
    # Inline, not a parameter: PostgreSQL cannot type a bare parameter in a UNION.
    return literal_column(f"'{kind}'").label("kind")


def _zeros(names: str) -> list[ColumnElement[int]]:
    return [literal_column("0").label(name) for name in names]


def _nulls() -> list[ColumnElement[None]]:
    return [null().label(name) for name in ("code", "deadline", "deadline_assumed")]


def _years() -> Select[int, bool]:
    years = distinct_years_cte(Task.year)
    closed = exists().where(ClosedYear.year == years.c.year)
    return select(years.c.year, closed).where(years.c.year.is_not(None))


# Built once: building a statement and its cache key costs about as much as running these.
_YEARS = _years()
_SCOPED = _overview(scoped=True)
_OFFICE = _overview(scoped=False)
