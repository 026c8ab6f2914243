"""What a spreadsheet import reads and removes: stored rows found by the file's natural keys."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    AwardRecord,
    Commemoration,
    Dossier,
    Indicator,
    Task,
    TaskProgress,
    TaskUnit,
)
from storage.queries import awards

_T = TypeVar("_T")

CHUNK = 500
"""Keys per IN list: a file's keys can outnumber what one statement may bind."""


def _chunks(items: Sequence[_T]) -> Iterable[Sequence[_T]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


async def records_by_keys(session: AsyncSession, keys: Collection[str]) -> list[AwardRecord]:
    """The stored award records whose key is one of `keys` (exact case)."""
    found: list[AwardRecord] = []
    for chunk in _chunks(sorted(set(keys))):
        stmt = select(AwardRecord).where(AwardRecord.key.in_(chunk))
        found.extend((await session.scalars(stmt)).all())
    return found


async def delete_records(session: AsyncSession, records: Sequence[AwardRecord]) -> None:
    """Delete these records, flushed so their keys and slots are free before new rows arrive."""
    await awards.delete_records(session, records)
    if records:
        await session.flush()


async def tasks_by_code(session: AsyncSession, codes: Collection[str]) -> dict[str, Task]:
    """The stored tasks with these codes (exact case), by code."""
    found: dict[str, Task] = {}
    for chunk in _chunks(sorted(set(codes))):
        for task in (await session.scalars(select(Task).where(Task.code.in_(chunk)))).all():
            found[task.code] = task
    return found


async def task_unit_links(session: AsyncSession, task_ids: Collection[int]) -> set[tuple[int, int]]:
    """(task id, unit id) of every unit responsible for one of these tasks."""
    links: set[tuple[int, int]] = set()
    for chunk in _chunks(sorted(set(task_ids))):
        stmt = select(TaskUnit.task_id, TaskUnit.unit_id).where(TaskUnit.task_id.in_(chunk))
        links.update((task_id, unit_id) for task_id, unit_id in (await session.execute(stmt)).all())
    return links


async def progress_by_task_unit(
    session: AsyncSession, task_ids: Collection[int]
) -> dict[tuple[int, int], TaskProgress]:
    """The current progress rows of these tasks, by (task id, unit id)."""
    found: dict[tuple[int, int], TaskProgress] = {}
    for chunk in _chunks(sorted(set(task_ids))):
        stmt = select(TaskProgress).where(TaskProgress.task_id.in_(chunk))
        for row in (await session.scalars(stmt)).all():
            found[(row.task_id, row.unit_id)] = row
    return found


async def indicators_by_year_code(
    session: AsyncSession, years: Collection[int]
) -> dict[tuple[int, str], Indicator]:
    """Every stored indicator of these years, by (year, code)."""
    stmt = select(Indicator).where(Indicator.year.in_(sorted(set(years))))
    return {(ind.year, ind.code): ind for ind in (await session.scalars(stmt)).all()}


async def commemorations_by_code(
    session: AsyncSession, codes: Collection[str]
) -> dict[str, Commemoration]:
    """The stored commemorations with these codes (exact case), by code."""
    found: dict[str, Commemoration] = {}
    for chunk in _chunks(sorted(set(codes))):
        stmt = select(Commemoration).where(Commemoration.code.in_(chunk))
        for day in (await session.scalars(stmt)).all():
            found[day.code] = day
    return found


async def stored_dossier_codes(session: AsyncSession, codes: Collection[str]) -> set[str]:
    """Which of these dossier codes (exact case) are already stored."""
    stmt = select(Dossier.code).where(Dossier.code.in_(list(codes)))
    return set((await session.scalars(stmt)).all())
