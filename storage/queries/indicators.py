"""Indicators (chỉ tiêu) and scorecards."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Indicator, Scorecard


async def indicator_years(session: AsyncSession) -> list[int]:
    """Years that have indicators, newest first."""
    stmt = select(Indicator.year).distinct().order_by(Indicator.year.desc())
    return list((await session.scalars(stmt)).all())


async def indicators(
    session: AsyncSession, year: int, *, unit_ids: Collection[int] | None = None
) -> list[Indicator]:
    """The year's indicators in group and code order."""
    stmt = select(Indicator).where(Indicator.year == year).order_by(Indicator.id)
    if unit_ids is not None:
        stmt = stmt.where(Indicator.unit_id.in_(unit_ids))
    return list((await session.scalars(stmt)).all())


async def scorecard(session: AsyncSession, year: int, unit_id: int) -> Scorecard | None:
    """The reported targets-met count of a unit in a year."""
    stmt = select(Scorecard).where(Scorecard.year == year, Scorecard.unit_id == unit_id)
    return (await session.scalars(stmt)).first()
