"""Indicators (chỉ tiêu) and scorecards."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Indicator, Scorecard
from storage.queries.years import distinct_years


async def indicator_years(session: AsyncSession) -> list[int]:
    """Years that have indicators, newest first."""
    return await distinct_years(session, Indicator.year)


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


async def latest_scorecard(session: AsyncSession, unit_id: int) -> Scorecard | None:
    """The unit's scorecard in the newest year with indicators."""
    return (await session.scalars(_LATEST_SCORECARD, {"unit_id": unit_id})).first()


# Built once: building a statement and its cache key costs about as much as running it.
_LATEST_SCORECARD = select(Scorecard).where(
    Scorecard.year == select(func.max(Indicator.year)).scalar_subquery(),
    Scorecard.unit_id == bindparam("unit_id"),
)
