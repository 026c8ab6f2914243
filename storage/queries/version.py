"""The database-wide version counters that key the reply and directory caches."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import DataVersion

DATA = 1
"""Bumped by every write to data that commands show."""
DIRECTORY = 2
"""Bumped only by writes to units and chats."""


@dataclass(frozen=True)
class Versions:
    """Both counters, read together."""

    data: int
    directory: int


async def versions(session: AsyncSession) -> Versions:
    """The current counters; they change with writes from any process."""
    result = await session.execute(select(DataVersion.id, DataVersion.version))
    rows = {row_id: version for row_id, version in result.all()}
    return Versions(int(rows.get(DATA, 0)), int(rows.get(DIRECTORY, 0)))
