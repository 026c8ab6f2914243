"""Acknowledgements of delivered reminders: recording a "Đã nhận" and who acknowledged what."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Acknowledgement, Chat, Delivery, Unit


async def acknowledge(
    session: AsyncSession,
    *,
    delivery_id: int,
    user_id: str,
    user_name: str | None,
    unit_id: int | None,
    now: dt.datetime,
) -> tuple[Acknowledgement, bool]:
    """Record a user's acknowledgement once; returns the row and whether it is new."""
    stmt = select(Acknowledgement).where(
        Acknowledgement.delivery_id == delivery_id, Acknowledgement.user_id == user_id
    )
    found = (await session.scalars(stmt)).first()
    if found is not None:
        return found, False
    row = Acknowledgement(
        delivery_id=delivery_id,
        user_id=user_id,
        user_name=user_name,
        unit_id=unit_id,
        acked_at=now,
    )
    try:
        async with session.begin_nested():
            session.add(row)
            await session.flush()
    except IntegrityError:
        # The same user pressed twice at once: the other press was recorded.
        found = (await session.scalars(stmt)).first()
        assert found is not None
        return found, False
    return row, True


@dataclass(frozen=True)
class AckSummary:
    """One recent reminder occasion and which units acknowledged it."""

    title: str
    occurrence: dt.date
    lead_days: int
    sent_at: dt.datetime
    acknowledged: list[str]
    waiting: list[str]


async def latest_acknowledgements(
    session: AsyncSession,
    unit_ids: Collection[int] | None,
    *,
    limit: int = 3,
    names: Mapping[int, str] | None = None,
) -> list[AckSummary]:
    """The latest reminders sent to these units' chats (None: all), with who acknowledged them."""
    if unit_ids is None:
        sent = await session.execute(_SENT_TO_UNITS)
    else:
        sent = await session.execute(_SENT_TO_SCOPE, {"units": sorted(unit_ids)})
    groups: dict[tuple[str, dt.date, int], list[tuple[Delivery, int]]] = defaultdict(list)
    order: list[tuple[str, dt.date, int]] = []
    for delivery, unit_id in sent.all():
        assert unit_id is not None  # filtered by the scope
        key = (delivery.occasion_key, delivery.occurrence, delivery.lead_days)
        if key not in groups:
            if len(order) == limit:
                continue
            order.append(key)
        groups[key].append((delivery, unit_id))
    if not order:
        return []
    ids = [d.id for key in order for d, _ in groups[key]]
    acked: dict[int, set[int]] = defaultdict(set)
    ack_rows = await session.execute(
        select(Acknowledgement.delivery_id, Acknowledgement.unit_id).where(
            Acknowledgement.delivery_id.in_(ids)
        )
    )
    for delivery_id, unit_id in ack_rows.all():
        if unit_id is not None:
            acked[delivery_id].add(unit_id)
    if names is None:
        names = {u.id: u.name for u in (await session.scalars(select(Unit))).all()}
    result = []
    for key in order:
        rows = groups[key]
        receiving = {unit_id for _, unit_id in rows}
        done = {u for d, _ in rows for u in acked[d.id]}
        first = rows[0][0]
        title = (first.text or first.occasion_key).split("\n", 1)[0]
        result.append(
            AckSummary(
                title=title,
                occurrence=first.occurrence,
                lead_days=first.lead_days,
                sent_at=max(d.sent_at for d, _ in rows if d.sent_at is not None),
                acknowledged=sorted(names.get(u, "?") for u in done),
                waiting=sorted(names.get(u, "?") for u in receiving - done),
            )
        )
    return result


def _sent(in_scope: ColumnElement[bool]) -> Select[Delivery, int | None]:
    """The newest sent reminders to chats in the scope (grouped into the latest few above)."""
    return (
        select(Delivery, Chat.unit_id)
        .join(Chat, Chat.id == Delivery.chat_id)
        .where(Delivery.status == "sent", in_scope)
        .order_by(Delivery.sent_at.desc(), Delivery.id.desc())
        .limit(500)
    )


# Built once: building a statement and its cache key costs about as much as running it.
_SENT_TO_UNITS = _sent(Chat.unit_id.is_not(None))
_SENT_TO_SCOPE = _sent(Chat.unit_id.in_(bindparam("units", expanding=True)))
