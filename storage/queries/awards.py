"""Award statistics and award writes."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AwardForm, AwardRecord


@dataclass(frozen=True)
class AwardCount:
    """Counts of one form and recipient kind in a year."""

    form_code: str
    form_name: str
    level: str
    sort: int
    recipient_kind: str
    total: int
    ad_hoc: int


@dataclass(frozen=True)
class OccasionAward:
    """An award listed apart from the year's table: a ceremony or a named recipient."""

    occasion: str
    form_name: str
    recipient_kind: str
    count: int
    recipient_name: str | None


async def award_years(session: AsyncSession) -> list[int]:
    """Years that have award records, newest first."""
    stmt = select(AwardRecord.year).distinct().order_by(AwardRecord.year.desc())
    return list((await session.scalars(stmt)).all())


async def award_counts(
    session: AsyncSession, year: int, *, unit_ids: Collection[int] | None = None
) -> list[AwardCount]:
    """The year's table: per form and recipient kind, total and ad-hoc counts."""
    stmt = (
        select(
            AwardForm.code,
            AwardForm.name,
            AwardForm.level,
            AwardForm.sort,
            AwardRecord.recipient_kind,
            func.sum(AwardRecord.count),
            func.sum(case((AwardRecord.ad_hoc, AwardRecord.count), else_=0)),
        )
        .join(AwardForm, AwardForm.id == AwardRecord.form_id)
        .where(AwardRecord.year == year, AwardRecord.occasion.is_(None))
        .group_by(
            AwardForm.code,
            AwardForm.name,
            AwardForm.level,
            AwardForm.sort,
            AwardRecord.recipient_kind,
        )
    )
    if unit_ids is not None:
        stmt = stmt.where(AwardRecord.unit_id.in_(unit_ids))
    rows = (await session.execute(stmt)).all()
    return [AwardCount(r[0], r[1], r[2], r[3], r[4], int(r[5]), int(r[6])) for r in rows]


async def occasion_awards(
    session: AsyncSession, year: int, *, unit_ids: Collection[int] | None = None
) -> list[OccasionAward]:
    """Awards of the year recorded with an occasion, in the order they were stored."""
    stmt = (
        select(AwardRecord, AwardForm.name)
        .join(AwardForm, AwardForm.id == AwardRecord.form_id)
        .where(AwardRecord.year == year, AwardRecord.occasion.is_not(None))
        .order_by(AwardRecord.occasion_date, AwardRecord.id)
    )
    if unit_ids is not None:
        stmt = stmt.where(AwardRecord.unit_id.in_(unit_ids))
    rows = (await session.execute(stmt)).all()
    return [
        OccasionAward(
            occasion=rec.occasion or "",
            form_name=name,
            recipient_kind=rec.recipient_kind,
            count=rec.count,
            recipient_name=rec.recipient_name,
        )
        for rec, name in rows
    ]


async def form_by_code(session: AsyncSession, code: str) -> AwardForm | None:
    """An award form by code, case-insensitive."""
    stmt = select(AwardForm).where(func.upper(AwardForm.code) == code.upper())
    return (await session.scalars(stmt)).first()


async def all_forms(session: AsyncSession) -> list[AwardForm]:
    """The reference list of forms."""
    return list((await session.scalars(select(AwardForm).order_by(AwardForm.code))).all())
