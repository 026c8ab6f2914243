"""What the Excel export and the charts read: every row of a sheet, optionally of one year."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    AwardForm,
    AwardRecord,
    Commemoration,
    Dossier,
    DossierNominee,
    Indicator,
    Task,
    TaskProgress,
    TaskUnit,
    Unit,
)
from storage.queries.awards import named_record


async def units_by_code(session: AsyncSession) -> list[Unit]:
    """Every unit, in code order."""
    return list((await session.scalars(select(Unit).order_by(Unit.code))).all())


async def award_line_records(session: AsyncSession, *, year: int | None) -> list[AwardRecord]:
    """The records of the award lines (every record but the named ones), by id; None: all years."""
    stmt = select(AwardRecord).where(~named_record()).order_by(AwardRecord.id)
    if year is not None:
        stmt = stmt.where(AwardRecord.year == year)
    return list((await session.scalars(stmt)).all())


async def named_records_with_forms(
    session: AsyncSession, *, year: int | None
) -> list[tuple[AwardRecord, AwardForm]]:
    """Named records with their forms, by year, form order and id; None: all years."""
    stmt = (
        select(AwardRecord, AwardForm)
        .join(AwardForm, AwardForm.id == AwardRecord.form_id)
        .where(named_record())
        .order_by(AwardRecord.year, AwardForm.sort, AwardRecord.id)
    )
    if year is not None:
        stmt = stmt.where(AwardRecord.year == year)
    return [(record, form) for record, form in (await session.execute(stmt)).all()]


async def dossiers_with_nominees(
    session: AsyncSession, *, year: int | None
) -> list[tuple[Dossier, DossierNominee]]:
    """Each dossier with each of its nominees, by dossier and nominee id; None: all years."""
    stmt = (
        select(Dossier, DossierNominee)
        .join(DossierNominee, DossierNominee.dossier_id == Dossier.id)
        .order_by(Dossier.id, DossierNominee.id)
    )
    if year is not None:
        stmt = stmt.where(Dossier.year == year)
    return [(dossier, nominee) for dossier, nominee in (await session.execute(stmt)).all()]


async def tasks_of_year(session: AsyncSession, *, year: int | None) -> list[Task]:
    """The tasks by year and code; None: all years."""
    stmt = select(Task).order_by(Task.year, Task.code)
    if year is not None:
        stmt = stmt.where(Task.year == year)
    return list((await session.scalars(stmt)).all())


async def units_of_tasks(session: AsyncSession, task_ids: Collection[int]) -> dict[int, list[int]]:
    """Task id → the ids of the units responsible for it, for these tasks."""
    found: dict[int, list[int]] = defaultdict(list)
    if not task_ids:
        return found
    stmt = select(TaskUnit.task_id, TaskUnit.unit_id).where(TaskUnit.task_id.in_(list(task_ids)))
    for task_id, unit_id in (await session.execute(stmt)).all():
        found[task_id].append(unit_id)
    return found


async def progress_of_tasks(
    session: AsyncSession, task_ids: Collection[int]
) -> dict[tuple[int, int], TaskProgress]:
    """(task id, unit id) → the current progress row, for these tasks."""
    if not task_ids:
        return {}
    stmt = select(TaskProgress).where(TaskProgress.task_id.in_(list(task_ids)))
    return {(p.task_id, p.unit_id): p for p in (await session.scalars(stmt)).all()}


async def indicators_of_year(session: AsyncSession, *, year: int | None) -> list[Indicator]:
    """The indicators by year and id; None: all years."""
    stmt = select(Indicator).order_by(Indicator.year, Indicator.id)
    if year is not None:
        stmt = stmt.where(Indicator.year == year)
    return list((await session.scalars(stmt)).all())


async def commemorations_by_date(session: AsyncSession) -> list[Commemoration]:
    """Every commemoration: solar calendar first, then by month, day and code."""
    stmt = select(Commemoration).order_by(
        Commemoration.calendar.desc(), Commemoration.month, Commemoration.day, Commemoration.code
    )
    return list((await session.scalars(stmt)).all())


async def unit_task_percents(
    session: AsyncSession, year: int
) -> list[tuple[str, str, dt.date | None, int | None]]:
    """Per responsible unit and task of the year: unit code and name, deadline, reported percent."""
    stmt = (
        select(Unit.code, Unit.name, Task.deadline, TaskProgress.percent)
        .select_from(TaskUnit)
        .join(Task, Task.id == TaskUnit.task_id)
        .join(Unit, Unit.id == TaskUnit.unit_id)
        .outerjoin(
            TaskProgress,
            (TaskProgress.task_id == TaskUnit.task_id) & (TaskProgress.unit_id == TaskUnit.unit_id),
        )
        .where(Task.year == year)
    )
    return [
        (code, name, deadline, percent)
        for code, name, deadline, percent in (await session.execute(stmt)).all()
    ]
