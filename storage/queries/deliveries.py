"""The deliveries ledger as the dispatcher writes it: claims, take-overs, marks, releases.

Statuses are the stored strings (jobs.outcomes.Status names them for the dispatcher).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Delivery

CLAIMED = "claimed"


async def rows_since(
    session: AsyncSession, day: dt.date, *, due_from: dt.datetime
) -> Sequence[Row[int, int, str, dt.date, int, str, dt.datetime | None]]:
    """(id, chat id, occasion key, occurrence, lead days, status, claimed until) of rows whose
    occurrence is on or after `day`, or that are due from `due_from` on."""
    stmt = select(
        Delivery.id,
        Delivery.chat_id,
        Delivery.occasion_key,
        Delivery.occurrence,
        Delivery.lead_days,
        Delivery.status,
        Delivery.claimed_until,
    ).where(or_(Delivery.occurrence >= day, Delivery.due_at >= due_from))
    return (await session.execute(stmt)).all()


async def insert_once(session: AsyncSession, row: Delivery) -> bool:
    """Insert in a savepoint; False when the key exists (another process got there first)."""
    try:
        async with session.begin_nested():
            session.add(row)
            await session.flush()
    except IntegrityError:
        return False
    return True


async def insert_claim(session: AsyncSession, values: dict[str, Any]) -> int | None:
    """Insert a claimed row; its id, or None when the key exists (another process has it).

    One statement, no savepoint: a fan-out claims 30 rows a second, and the ORM's unit of
    work with a savepoint cost more CPU and two more round trips for each of them.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    stmt = (
        insert(Delivery)
        .values(status=CLAIMED, attempts=0, **values)
        .on_conflict_do_nothing()
        .returning(Delivery.id)
    )
    return await session.scalar(stmt)


async def take_over(
    session: AsyncSession, delivery_id: int, claim_now: dt.datetime, values: dict[str, Any]
) -> bool:
    """Claim a row whose claim lapsed before `claim_now`; False when someone else did first."""
    result = await session.execute(
        update(Delivery)
        .where(
            Delivery.id == delivery_id,
            Delivery.status == CLAIMED,
            Delivery.claimed_until < claim_now,
        )
        .values(**values)
    )
    return result.rowcount == 1  # type: ignore[attr-defined,no-any-return]


async def fail_lapsed(
    session: AsyncSession, ids: Sequence[int], claim_now: dt.datetime, error: str
) -> int:
    """Mark lapsed claims failed, unless renewed or taken over meanwhile; how many were."""
    result = await session.execute(
        update(Delivery)
        .where(
            Delivery.id.in_(ids),
            Delivery.status == CLAIMED,
            Delivery.claimed_until < claim_now,
        )
        .values(status="failed", error=error)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def mark(
    session: AsyncSession,
    delivery_id: int,
    *,
    claimed_by: str,
    status: str,
    message_id: str | None,
    error: str | None,
    sent_at: dt.datetime | None,
    attempts: int,
) -> bool:
    """Record how a send ended, if the claim is still `claimed_by`'s."""
    result = await session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id, Delivery.claimed_by == claimed_by)
        .values(
            status=status,
            platform_message_id=message_id,
            error=error,
            sent_at=sent_at,
            attempts=Delivery.attempts + attempts,
        )
    )
    return result.rowcount == 1  # type: ignore[attr-defined,no-any-return]


async def release(session: AsyncSession, claimed_by: str, until: dt.datetime) -> int:
    """Let `claimed_by`'s unsent claims lapse at `until`; how many there were."""
    result = await session.execute(
        update(Delivery)
        .where(Delivery.status == CLAIMED, Delivery.claimed_by == claimed_by)
        .values(claimed_until=until)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def renew_claims(
    session: AsyncSession, ids: Sequence[int], *, claimed_by: str, until: dt.datetime
) -> int:
    """Push `claimed_until` of `claimed_by`'s claims among `ids` to `until`; how many were.

    A row being marked sent right now is skipped, not waited for: it needs no renewal.
    """
    mine = (
        select(Delivery.id)
        .where(
            Delivery.id.in_(ids),
            Delivery.status == CLAIMED,
            Delivery.claimed_by == claimed_by,
        )
        .with_for_update(skip_locked=True)
    )
    result = await session.execute(
        update(Delivery).where(Delivery.id.in_(mine.scalar_subquery())).values(claimed_until=until)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def count_lapsed(session: AsyncSession, now: dt.datetime) -> int:
    """How many claims have passed their `claimed_until` (a dead or stopped process's)."""
    count = await session.scalar(
        select(func.count())
        .select_from(Delivery)
        .where(Delivery.status == CLAIMED, Delivery.claimed_until < now)
    )
    return int(count or 0)
