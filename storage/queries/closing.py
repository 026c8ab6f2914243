"""Closed years: which years the office closed, and their unfinished tasks at closing."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ClosedYear


async def closed_year(session: AsyncSession, year: int) -> ClosedYear | None:
    """The closing record of `year`, if the office closed it."""
    return await session.get(ClosedYear, year)


async def closed_years(session: AsyncSession) -> list[int]:
    """Every closed year, oldest first."""
    return list((await session.scalars(select(ClosedYear.year).order_by(ClosedYear.year))).all())


async def close_year(
    session: AsyncSession, year: int, *, by: str, at: dt.datetime, summary: str
) -> ClosedYear:
    """Record that `year` is closed, with the summary told at closing."""
    row = ClosedYear(year=year, closed_by=by, closed_at=at, summary=summary)
    session.add(row)
    await session.flush()
    return row


async def reopen_year(session: AsyncSession, row: ClosedYear) -> None:
    """Forget that a year was closed: its unfinished tasks count as overdue again."""
    await session.delete(row)
    await session.flush()
