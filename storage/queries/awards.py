"""Award statistics and award writes."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Integer,
    Select,
    bindparam,
    case,
    delete,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.models import AwardForm, AwardRecord, AwardTotal, AwardYearTotal, Unit
from storage.queries.years import distinct_years


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
    category: str
    count_unit: str


@dataclass(frozen=True)
class OccasionAward:
    """An award listed apart from the year's table: a ceremony or a named recipient."""

    occasion: str
    form_name: str
    """The award as the source names it on the line, else the form's name."""
    recipient_kind: str
    count: int
    recipient_name: str | None
    level: str
    count_unit: str


async def award_years(session: AsyncSession) -> list[int]:
    """Years that have award records, newest first."""
    return await distinct_years(session, AwardRecord.year)


async def award_counts(
    session: AsyncSession, year: int, *, unit_ids: Collection[int] | None = None
) -> list[AwardCount]:
    """The year's table: per form and recipient kind, total and ad-hoc counts."""
    if unit_ids is None:
        rows = (await session.execute(_OFFICE_COUNTS, {"year": year})).all()
    else:
        params = {"year": year, "units": sorted(unit_ids)}
        rows = (await session.execute(_UNIT_COUNTS, params)).all()
    return [
        AwardCount(r[0], r[1], r[2], r[3], r[4], int(r[5]), int(r[6]), r[7], r[8]) for r in rows
    ]


async def latest_group_totals(
    session: AsyncSession, *, unit_ids: Collection[int] | None = None
) -> tuple[int, dict[str, dict[str, tuple[int, int]]]] | None:
    """The newest statistics year's (total, ad-hoc) per form category and recipient kind.

    Categories (titles, award forms, recognitions) are never added together: see
    `bot.domain.awards`. None when there is nothing in scope.
    """
    if unit_ids is None:
        rows = (await session.execute(_OFFICE_GROUP_TOTALS)).all()
    else:
        rows = (await session.execute(_UNIT_GROUP_TOTALS, {"units": sorted(unit_ids)})).all()
    if not rows:
        return None
    groups: dict[str, dict[str, tuple[int, int]]] = {}
    for _, category, kind, total, ad_hoc in rows:
        groups.setdefault(category, {})[kind] = (int(total), int(ad_hoc))
    return int(rows[0][0]), groups


# Statements below are built once and take these parameters on each call.
_YEAR = bindparam("year", type_=Integer)
_UNITS: BindParameter[list[int]] = bindparam("units", expanding=True)


def _group_totals(
    table: type[AwardYearTotal] | type[AwardTotal],
) -> Select[int, str, str, int, int]:
    newest = select(func.max(AwardYearTotal.year)).scalar_subquery()
    stmt = (
        select(
            table.year,
            AwardForm.category,
            table.recipient_kind,
            func.sum(table.total),
            func.sum(table.ad_hoc),
        )
        .join(AwardForm, AwardForm.id == table.form_id)
        .where(table.year == newest)
        .group_by(table.year, AwardForm.category, table.recipient_kind)
    )
    if table is AwardTotal:
        stmt = stmt.where(AwardTotal.unit_id.in_(_UNITS))
    return stmt


def _counts(*, scoped: bool) -> Select[str, str, str, int, str, int, int, str, str]:
    if not scoped:
        agg = (
            select(
                AwardYearTotal.form_id,
                AwardYearTotal.recipient_kind,
                AwardYearTotal.total,
                AwardYearTotal.ad_hoc,
            )
            .where(AwardYearTotal.year == _YEAR)
            .subquery()
        )
    else:
        agg = (
            select(
                AwardTotal.form_id,
                AwardTotal.recipient_kind,
                func.sum(AwardTotal.total).label("total"),
                func.sum(AwardTotal.ad_hoc).label("ad_hoc"),
            )
            .where(AwardTotal.year == _YEAR, AwardTotal.unit_id.in_(_UNITS))
            .group_by(AwardTotal.form_id, AwardTotal.recipient_kind)
            .subquery()
        )
    return select(
        AwardForm.code,
        AwardForm.name,
        AwardForm.level,
        AwardForm.sort,
        agg.c.recipient_kind,
        agg.c.total,
        agg.c.ad_hoc,
        AwardForm.category,
        AwardForm.count_unit,
    ).join(agg, agg.c.form_id == AwardForm.id)


def _occasions(*, scoped: bool) -> Select[AwardRecord, str, str, str]:
    stmt = (
        select(AwardRecord, AwardForm.name, AwardForm.level, AwardForm.count_unit)
        .join(AwardForm, AwardForm.id == AwardRecord.form_id)
        .where(AwardRecord.year == _YEAR, AwardRecord.occasion.is_not(None))
        .order_by(AwardRecord.occasion_date.asc().nulls_first(), AwardRecord.id)
    )
    if scoped:
        stmt = stmt.where(AwardRecord.unit_id.in_(_UNITS))
    return stmt


# Built once: building a statement and its cache key costs about as much as running it.
_OFFICE_GROUP_TOTALS = _group_totals(AwardYearTotal)
_UNIT_GROUP_TOTALS = _group_totals(AwardTotal)
_OFFICE_COUNTS = _counts(scoped=False)
_UNIT_COUNTS = _counts(scoped=True)
_OFFICE_OCCASIONS = _occasions(scoped=False)
_UNIT_OCCASIONS = _occasions(scoped=True)


def named_record() -> ColumnElement[bool]:
    """A record naming its person or collective, counted in the year's statistics."""
    return AwardRecord.recipient_name.is_not(None) & AwardRecord.occasion.is_(None)


def counted() -> ColumnElement[bool]:
    """Rows the statistics count: a form, unit and year with named records counts those records
    alone; one with only counts (the 2022 seed, `/themkhenthuong ... tập thể 5`) counts those.

    Never both, so records entered for a year whose count was already stored are not added twice.
    """
    named = aliased(AwardRecord)
    has_named = (
        select(named.id)
        .where(
            named.year == AwardRecord.year,
            named.form_id == AwardRecord.form_id,
            named.unit_id.is_not_distinct_from(AwardRecord.unit_id),
            named.recipient_name.is_not(None),
            named.occasion.is_(None),
        )
        .exists()
    )
    return or_(AwardRecord.recipient_name.is_not(None), ~has_named)


async def refresh_totals(session: AsyncSession, years: Collection[int]) -> None:
    """Rebuild the totals of `years` from the records (call after any award write)."""
    if not years:
        return
    await session.execute(delete(AwardTotal).where(AwardTotal.year.in_(years)))
    await session.execute(delete(AwardYearTotal).where(AwardYearTotal.year.in_(years)))
    summed = (
        select(
            AwardRecord.year,
            AwardRecord.unit_id,
            AwardRecord.form_id,
            AwardRecord.recipient_kind,
            func.sum(AwardRecord.count),
            func.sum(case((AwardRecord.ad_hoc, AwardRecord.count), else_=0)),
        )
        .where(AwardRecord.year.in_(years), AwardRecord.occasion.is_(None), counted())
        .group_by(
            AwardRecord.year, AwardRecord.unit_id, AwardRecord.form_id, AwardRecord.recipient_kind
        )
    )
    await session.execute(
        insert(AwardTotal).from_select(
            ["year", "unit_id", "form_id", "recipient_kind", "total", "ad_hoc"], summed
        )
    )
    rolled_up = (
        select(
            AwardTotal.year,
            AwardTotal.form_id,
            AwardTotal.recipient_kind,
            func.sum(AwardTotal.total),
            func.sum(AwardTotal.ad_hoc),
        )
        .where(AwardTotal.year.in_(years))
        .group_by(AwardTotal.year, AwardTotal.form_id, AwardTotal.recipient_kind)
    )
    await session.execute(
        insert(AwardYearTotal).from_select(
            ["year", "form_id", "recipient_kind", "total", "ad_hoc"], rolled_up
        )
    )


async def occasion_awards(
    session: AsyncSession, year: int, *, unit_ids: Collection[int] | None = None
) -> list[OccasionAward]:
    """Awards of the year recorded with an occasion, in the order they were stored."""
    if unit_ids is None:
        rows = (await session.execute(_OFFICE_OCCASIONS, {"year": year})).all()
    else:
        params = {"year": year, "units": sorted(unit_ids)}
        rows = (await session.execute(_UNIT_OCCASIONS, params)).all()
    return [
        OccasionAward(
            occasion=rec.occasion or "",
            form_name=rec.label or name,
            recipient_kind=rec.recipient_kind,
            count=rec.count,
            recipient_name=rec.recipient_name,
            level=level,
            count_unit=count_unit,
        )
        for rec, name, level, count_unit in rows
    ]


async def form_by_code(session: AsyncSession, code: str) -> AwardForm | None:
    """An award form by code, case-insensitive."""
    stmt = select(AwardForm).where(func.upper(AwardForm.code) == code.upper())
    return (await session.scalars(stmt)).first()


async def all_forms(session: AsyncSession) -> list[AwardForm]:
    """The reference list of forms."""
    return list((await session.scalars(select(AwardForm).order_by(AwardForm.code))).all())


async def record_by_key(session: AsyncSession, key: str) -> AwardRecord | None:
    """An award record by its key, ignoring case (seeded keys end in `:collective`)."""
    stmt = select(AwardRecord).where(func.upper(AwardRecord.key) == key.upper())
    return (await session.scalars(stmt)).first()


async def delete_record(session: AsyncSession, record: AwardRecord) -> None:
    """Delete an award record and rebuild its year's totals."""
    await session.delete(record)
    await session.flush()
    await refresh_totals(session, [record.year])


async def delete_records(session: AsyncSession, records: Collection[AwardRecord]) -> None:
    """Delete award records, leaving the flush and refresh_totals to the caller's other writes."""
    for record in records:
        await session.delete(record)


async def units_with_counts(
    session: AsyncSession, *, year: int, form_id: int, unit_ids: Collection[int]
) -> list[str]:
    """Names of these units with stored counts (unnamed, no occasion) of a form in a year."""
    stmt = (
        select(Unit.name)
        .join(AwardRecord, AwardRecord.unit_id == Unit.id)
        .where(
            AwardRecord.year == year,
            AwardRecord.form_id == form_id,
            AwardRecord.unit_id.in_(unit_ids),
            AwardRecord.recipient_name.is_(None),
            AwardRecord.occasion.is_(None),
        )
        .group_by(Unit.name)
        .having(func.count() > 0)
    )
    return list((await session.scalars(stmt)).all())


async def form_by_id(session: AsyncSession, form_id: int) -> AwardForm:
    """An award form by id (forms of stored rows are kept: RESTRICT)."""
    form = await session.get(AwardForm, form_id)
    if form is None:
        raise LookupError(f"award form {form_id} not found")
    return form


async def same_count(
    session: AsyncSession, *, year: int, form_id: int, kind: str, unit_id: int | None
) -> list[AwardRecord]:
    """Unnamed records a typed count would double: same year, form, kind, unit, no occasion."""
    stmt = (
        select(AwardRecord)
        .where(
            AwardRecord.year == year,
            AwardRecord.form_id == form_id,
            AwardRecord.recipient_kind == kind,
            AwardRecord.unit_id.is_(None) if unit_id is None else AwardRecord.unit_id == unit_id,
            AwardRecord.occasion.is_(None),
            # Named records (/themkhenthuong with names) are people, never a typed count.
            AwardRecord.recipient_name.is_(None),
        )
        .order_by(AwardRecord.id)
    )
    return list((await session.scalars(stmt)).all())
