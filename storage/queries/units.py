"""Unit lookups and the unit tree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import case, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Unit


async def all_units(session: AsyncSession) -> list[Unit]:
    """Every unit, ordered by code."""
    return list((await session.scalars(select(Unit).order_by(Unit.code))).all())


async def unit_by_code(session: AsyncSession, code: str) -> Unit | None:
    """A unit by its code, case-insensitive."""
    stmt = select(Unit).where(Unit.code == code.upper())
    return (await session.scalars(stmt)).first()


async def unit_by_id(session: AsyncSession, unit_id: int) -> Unit | None:
    """A unit by primary key."""
    return await session.get(Unit, unit_id)


def subtree_ids(links: Iterable[tuple[int, int | None]], root_id: int) -> set[int]:
    """The ids of a unit and everything below it, from (id, parent id) pairs."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for unit_id, parent_id in links:
        children[parent_id].append(unit_id)
    found, stack = set(), [root_id]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(children.get(current, []))
    return found


async def subtree(session: AsyncSession, root_id: int) -> set[int]:
    """The ids of a unit and its descendants."""
    rows = (await session.execute(select(Unit.id, Unit.parent_id))).all()
    return subtree_ids(((row[0], row[1]) for row in rows), root_id)


async def scope(session: AsyncSession, root_id: int) -> set[int] | None:
    """A unit's subtree ids, or None when it covers every unit (so queries need no filter)."""
    rows = (await session.execute(select(Unit.id, Unit.parent_id))).all()
    found = subtree_ids(((row[0], row[1]) for row in rows), root_id)
    return None if len(found) == len(rows) else found


async def root_unit(session: AsyncSession) -> Unit | None:
    """The unit the office reports for: the first district-level unit, else the first root."""
    rank = case(
        (Unit.kind == "district", 0),
        (Unit.kind == "province", 1),
        (Unit.parent_id.is_(None), 2),
        else_=3,
    )
    return (await session.scalars(select(Unit).order_by(rank, Unit.id).limit(1))).first()
