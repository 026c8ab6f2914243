"""Unit lookups and the unit tree."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Chat, Unit


async def unit_by_code(session: AsyncSession, code: str) -> Unit | None:
    """A unit by its code, case-insensitive."""
    stmt = select(Unit).where(Unit.code == code.upper())
    return (await session.scalars(stmt)).first()


async def count_units(session: AsyncSession) -> int:
    """How many units are stored (none means a database not yet seeded)."""
    count = await session.scalar(select(func.count()).select_from(Unit))
    return int(count or 0)


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


@dataclass(frozen=True)
class UnitTree:
    """Every unit, loaded in one query, for lookups and subtrees without further queries."""

    units: dict[int, Unit]

    def by_code(self, code: str) -> Unit | None:
        """A unit by its code, case-insensitive."""
        wanted = code.upper()
        return next((u for u in self.units.values() if u.code == wanted), None)

    def subtree(self, root_id: int) -> set[int]:
        """The ids of a unit and everything below it."""
        return subtree_ids(((u.id, u.parent_id) for u in self.units.values()), root_id)

    def scope(self, root_id: int) -> set[int] | None:
        """The subtree's ids, or None when it covers every unit (so queries need no filter)."""
        found = self.subtree(root_id)
        return None if len(found) == len(self.units) else found

    def active(self, unit: Unit) -> bool:
        """Whether the unit still takes new data (not retired or merged)."""
        return unit.retired_on is None

    def children(self, unit_id: int) -> list[Unit]:
        """The units directly below one."""
        return [u for u in self.units.values() if u.parent_id == unit_id]

    def root(self) -> Unit | None:
        """The unit the office reports for: the first district-level unit, else the first root."""
        ranks = {"district": 0, "province": 1}

        def rank(unit: Unit) -> tuple[int, int]:
            fallback = 2 if unit.parent_id is None else 3
            return ranks.get(unit.kind, fallback), unit.id

        return min(self.units.values(), key=rank, default=None)


async def unit_tree(session: AsyncSession) -> UnitTree:
    """Every unit, keyed by id."""
    return UnitTree({u.id: u for u in (await session.scalars(select(Unit))).all()})


async def root_unit(session: AsyncSession) -> Unit | None:
    """The unit the office reports for (see UnitTree.root)."""
    return (await unit_tree(session)).root()


async def chats_of_units(session: AsyncSession, unit_ids: Collection[int]) -> list[Chat]:
    """Chats linked to any of these units."""
    if not unit_ids:
        return []
    stmt = select(Chat).where(Chat.unit_id.in_(list(unit_ids))).order_by(Chat.id)
    return list((await session.scalars(stmt)).all())


async def add_unit(
    session: AsyncSession, *, code: str, name: str, kind: str, parent_id: int | None, source: str
) -> Unit:
    """A new unit, flushed so it has its id."""
    unit = Unit(code=code, name=name, kind=kind, parent_id=parent_id, source=source)
    session.add(unit)
    await session.flush()
    return unit


def stop_unit(tree: UnitTree, unit: Unit, *, on: dt.date, into: Unit | None) -> None:
    """Retire a unit, or merge it into `into`.

    A merged unit goes below the unit that took it over, so that unit's statistics (which
    cover its subtree) include the old one's history; the old unit's active units move there.
    """
    unit.retired_on = on
    if into is None:
        return
    for child in tree.children(unit.id):
        if child.retired_on is None:
            child.parent_id = into.id
    unit.parent_id, unit.merged_into_id = into.id, into.id
