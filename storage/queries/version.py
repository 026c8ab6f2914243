"""The database-wide data version that keys the reply cache."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import DataVersion


async def data_version(session: AsyncSession) -> int:
    """The current version; it changes whenever any shown data changes, in any process."""
    return int(await session.scalar(select(DataVersion.version).where(DataVersion.id == 1)) or 0)
