"""Distinct years of an indexed year column."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute


async def distinct_years(session: AsyncSession, column: InstrumentedAttribute[int]) -> list[int]:
    """The column's distinct years, newest first."""
    # A loose index scan: one index probe per distinct year instead of reading every row.
    years = select(func.max(column).label("year")).cte("years", recursive=True)
    below = select(func.max(column)).where(column < years.c.year)
    years = years.union_all(select(below.scalar_subquery()).where(years.c.year.is_not(None)))
    stmt = select(years.c.year).where(years.c.year.is_not(None))
    return [int(y) for y in (await session.scalars(stmt)).all()]
