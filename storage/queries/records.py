"""Named award records: who was awarded, by which decision; found by name or unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Row, Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AwardForm, AwardRecord, Unit

SEARCH_LIMIT = 200


@dataclass(frozen=True)
class RecordRow:
    """One named award record with its form and unit, as /tim shows it."""

    key: str
    year: int
    form_code: str
    form_name: str
    recipient_kind: str
    name: str
    position: str | None
    unit_code: str | None
    unit_name: str | None
    occasion: str | None
    decision_number: str | None
    decision_date: dt.date | None
    decision_level: str | None


def _rows(result: Sequence[Row[AwardRecord, str, str, str, str]]) -> list[RecordRow]:
    return [
        RecordRow(
            key=rec.key,
            year=rec.year,
            form_code=code,
            form_name=rec.label or name,
            recipient_kind=rec.recipient_kind,
            name=rec.recipient_name or "",
            position=rec.position,
            unit_code=unit_code,
            unit_name=unit_name,
            occasion=rec.award_occasion or rec.occasion,
            decision_number=rec.decision_number,
            decision_date=rec.decision_date,
            decision_level=rec.decision_level,
        )
        for rec, code, name, unit_code, unit_name in result
    ]


def _select() -> Select[AwardRecord, str, str, str, str]:
    return (
        select(AwardRecord, AwardForm.code, AwardForm.name, Unit.code, Unit.name)
        .join(AwardForm, AwardForm.id == AwardRecord.form_id)
        .outerjoin(Unit, Unit.id == AwardRecord.unit_id)
        .where(AwardRecord.recipient_name.is_not(None))
        .order_by(AwardRecord.year.desc(), AwardRecord.recipient_name, AwardRecord.id)
        .limit(SEARCH_LIMIT)
    )


async def find_records(
    session: AsyncSession, folded: str, *, unit_ids: Collection[int] = ()
) -> list[RecordRow]:
    """Named records whose folded name contains `folded`, or collectives of `unit_ids`, newest
    year first.

    Names are matched on their stored folded form, so the search ignores diacritics and case the
    same way on SQLite and PostgreSQL.
    """
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    match: ColumnElement[bool] = AwardRecord.name_folded.like(f"%{escaped}%", escape="\\")
    if unit_ids:
        match = or_(
            match,
            (AwardRecord.recipient_kind == "collective") & AwardRecord.unit_id.in_(unit_ids),
        )
    stmt = _select().where(match)
    return _rows((await session.execute(stmt)).all())


async def dossier_records(session: AsyncSession, dossier_id: int) -> list[RecordRow]:
    """The records a dossier's decision created."""
    stmt = _select().where(AwardRecord.dossier_id == dossier_id)
    return _rows((await session.execute(stmt)).all())


async def units_by_key(session: AsyncSession, keys: Collection[str]) -> dict[str, set[int | None]]:
    """The units of the stored award records with these keys (an import may rewrite them)."""
    found: dict[str, set[int | None]] = {}
    ordered = sorted(set(keys))
    for start in range(0, len(ordered), 500):
        stmt = select(AwardRecord.key, AwardRecord.unit_id).where(
            AwardRecord.key.in_(ordered[start : start + 500])
        )
        for key, unit_id in (await session.execute(stmt)).all():
            found.setdefault(key, set()).add(unit_id)
    return found
