"""Unit lookups and the unit tree."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
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


def subtree_ids(units: list[Unit], root_id: int) -> set[int]:
    """The ids of a unit and everything below it."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for unit in units:
        children[unit.parent_id].append(unit.id)
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
    return subtree_ids(await all_units(session), root_id)


async def root_unit(session: AsyncSession) -> Unit | None:
    """The unit the office reports for: the first district-level unit, else the first root."""
    units = await all_units(session)
    for kind in ("district", "province", "commune", "ward"):
        for unit in units:
            if unit.kind == kind:
                return unit
    return units[0] if units else None
