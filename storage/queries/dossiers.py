"""Award proposal dossiers: lookups, lists, nominees, files and steps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    AwardForm,
    Chat,
    Dossier,
    DossierEvent,
    DossierFile,
    DossierNominee,
    Unit,
)

LIST_LIMIT = 50


@dataclass(frozen=True)
class DossierRow:
    """A dossier as /hoso lists it."""

    code: str
    year: int
    status: str
    status_at: dt.datetime
    unit_code: str
    unit_name: str
    form_name: str
    nominees: int
    files: int
    decision_number: str | None
    decision_date: dt.date | None
    return_reason: str | None


async def dossier_by_code(session: AsyncSession, code: str) -> Dossier | None:
    """A dossier by code, ignoring case."""
    stmt = select(Dossier).where(func.upper(Dossier.code) == code.upper())
    return (await session.scalars(stmt)).first()


async def next_code(session: AsyncSession, year: int) -> str:
    """`HS2026-001`: the next number of the year's dossiers."""
    prefix = f"HS{year}-"
    count = await session.scalar(
        select(func.count()).select_from(Dossier).where(Dossier.code.like(f"{prefix}%"))
    )
    number = int(count or 0) + 1
    while await dossier_by_code(session, f"{prefix}{number:03d}") is not None:
        number += 1
    return f"{prefix}{number:03d}"


async def list_dossiers(
    session: AsyncSession,
    *,
    unit_ids: Collection[int] | None = None,
    statuses: Collection[str] | None = None,
    before: dt.datetime | None = None,
    limit: int | None = LIST_LIMIT,
) -> tuple[list[DossierRow], int]:
    """Dossiers in scope, newest first (at most LIST_LIMIT), and how many there are in all."""
    nominees = (
        select(func.count())
        .where(DossierNominee.dossier_id == Dossier.id)
        .correlate(Dossier)
        .scalar_subquery()
    )
    files = (
        select(func.count())
        .where(DossierFile.dossier_id == Dossier.id)
        .correlate(Dossier)
        .scalar_subquery()
    )
    stmt = (
        select(Dossier, Unit.code, Unit.name, AwardForm.name, nominees, files)
        .join(Unit, Unit.id == Dossier.unit_id)
        .join(AwardForm, AwardForm.id == Dossier.form_id)
    )
    total = select(func.count()).select_from(Dossier)
    if unit_ids is not None:
        stmt = stmt.where(Dossier.unit_id.in_(unit_ids))
        total = total.where(Dossier.unit_id.in_(unit_ids))
    if statuses is not None:
        stmt = stmt.where(Dossier.status.in_(statuses))
        total = total.where(Dossier.status.in_(statuses))
    if before is not None:
        stmt = stmt.where(Dossier.status_at < before)
        total = total.where(Dossier.status_at < before)
    stmt = stmt.order_by(Dossier.created_at.desc(), Dossier.id.desc()).limit(limit)
    rows = [
        DossierRow(
            code=d.code,
            year=d.year,
            status=d.status,
            status_at=d.status_at,
            unit_code=code,
            unit_name=name,
            form_name=form,
            nominees=int(n),
            files=int(f),
            decision_number=d.decision_number,
            decision_date=d.decision_date,
            return_reason=d.return_reason,
        )
        for d, code, name, form, n, f in (await session.execute(stmt)).all()
    ]
    return rows, int(await session.scalar(total) or 0)


async def nominees(session: AsyncSession, dossier_id: int) -> list[DossierNominee]:
    """A dossier's nominees in the order proposed."""
    stmt = (
        select(DossierNominee)
        .where(DossierNominee.dossier_id == dossier_id)
        .order_by(DossierNominee.id)
    )
    return list((await session.scalars(stmt)).all())


async def file_at(session: AsyncSession, dossier_id: int, number: int) -> DossierFile | None:
    """A dossier's `number`-th attached file (1: the oldest), with its content."""
    if number < 1:
        return None
    stmt = (
        select(DossierFile)
        .where(DossierFile.dossier_id == dossier_id)
        .order_by(DossierFile.id)
        .offset(number - 1)
        .limit(1)
    )
    return (await session.scalars(stmt)).first()


async def file_names(session: AsyncSession, dossier_id: int) -> list[str]:
    """Names of a dossier's attached files, oldest first."""
    stmt = (
        select(DossierFile.filename)
        .where(DossierFile.dossier_id == dossier_id)
        .order_by(DossierFile.id)
    )
    return list((await session.scalars(stmt)).all())


async def events(session: AsyncSession, dossier_id: int) -> list[DossierEvent]:
    """A dossier's steps, oldest first."""
    stmt = (
        select(DossierEvent)
        .where(DossierEvent.dossier_id == dossier_id)
        .order_by(DossierEvent.at, DossierEvent.id)
    )
    return list((await session.scalars(stmt)).all())


@dataclass(frozen=True)
class StepNotice:
    """A step to tell: the event, its dossier and where to tell it."""

    event_id: int
    at: dt.datetime
    status: str
    note: str | None
    code: str
    unit_id: int
    unit_name: str
    form_name: str
    nominees: int
    origin_chat_id: int | None


async def steps_since(session: AsyncSession, since: dt.datetime) -> list[StepNotice]:
    """Every dossier step taken at or after `since`, oldest first."""
    nominees_count = (
        select(func.count())
        .where(DossierNominee.dossier_id == Dossier.id)
        .correlate(Dossier)
        .scalar_subquery()
    )
    stmt = (
        select(DossierEvent, Dossier, Unit.name, AwardForm.name, nominees_count)
        .join(Dossier, Dossier.id == DossierEvent.dossier_id)
        .join(Unit, Unit.id == Dossier.unit_id)
        .join(AwardForm, AwardForm.id == Dossier.form_id)
        .where(DossierEvent.at >= since)
        .order_by(DossierEvent.at, DossierEvent.id)
    )
    return [
        StepNotice(
            event.id,
            event.at,
            event.status,
            event.note,
            dossier.code,
            dossier.unit_id,
            unit,
            form,
            int(n),
            dossier.chat_id,
        )
        for event, dossier, unit, form, n in (await session.execute(stmt)).all()
    ]


async def open_since(session: AsyncSession, before: dt.datetime) -> list[DossierRow]:
    """Open dossiers that entered their status before `before` (candidates for a reminder)."""
    rows, _ = await list_dossiers(
        session,
        statuses=("submitted", "received", "reviewing", "council"),
        before=before,
        limit=None,
    )
    return rows


async def active_chats(session: AsyncSession, *, unit_ids: Collection[int]) -> list[Chat]:
    """Active chats linked to any of `unit_ids`."""
    stmt = select(Chat).where(Chat.active, Chat.unit_id.in_(unit_ids)).order_by(Chat.id)
    return list((await session.scalars(stmt)).all())


async def chats_by_id(session: AsyncSession, chat_ids: Collection[int]) -> list[Chat]:
    """Active chats by id."""
    stmt = select(Chat).where(Chat.active, Chat.id.in_(chat_ids)).order_by(Chat.id)
    return list((await session.scalars(stmt)).all())
