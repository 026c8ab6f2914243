"""Commemoration days."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Commemoration


async def all_commemorations(session: AsyncSession) -> list[Commemoration]:
    """Every commemoration (a short reference list), by code."""
    return list((await session.scalars(select(Commemoration).order_by(Commemoration.code))).all())


async def commemoration_by_code(session: AsyncSession, code: str) -> Commemoration | None:
    """A commemoration by code, case-insensitive."""
    stmt = select(Commemoration).where(func.upper(Commemoration.code) == code.upper())
    return (await session.scalars(stmt)).first()


async def commemoration_codes(session: AsyncSession) -> list[str]:
    """Every commemoration code, sorted."""
    return list(await session.scalars(select(Commemoration.code).order_by(Commemoration.code)))


async def same_commemoration_code(
    session: AsyncSession, *, day: int, month: int, calendar: str, title: str
) -> str | None:
    """The code of a commemoration already stored with this date, calendar and title."""
    return await session.scalar(
        select(Commemoration.code).where(
            Commemoration.day == day,
            Commemoration.month == month,
            Commemoration.calendar == calendar,
            Commemoration.title == title,
        )
    )


async def delete_commemoration(session: AsyncSession, row: Commemoration) -> None:
    """Delete a commemoration (flushed with the caller's other writes)."""
    await session.delete(row)
