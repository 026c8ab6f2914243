"""The audit log: every write and every refused write, with the unit and role it concerned."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AuditEntry


def audit(
    session: AsyncSession,
    *,
    at: dt.datetime,
    platform: str,
    chat_id: str,
    user_id: str,
    user_name: str | None,
    action: str,
    entity: str,
    entity_key: str,
    details: dict[str, object],
    unit_id: int | None = None,
    role: str | None = None,
) -> None:
    """Append an audit entry in the current transaction."""
    session.add(
        AuditEntry(
            at=at,
            platform=platform,
            chat_id=chat_id,
            user_id=user_id,
            user_name=user_name,
            action=action,
            entity=entity,
            entity_key=entity_key[:120],
            details=details,
            unit_id=unit_id,
            role=role,
        )
    )


async def recent(
    session: AsyncSession, unit_ids: Collection[int] | None, *, limit: int
) -> list[AuditEntry]:
    """The newest entries first; only those of the given units unless `unit_ids` is None."""
    stmt = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if unit_ids is not None:
        stmt = stmt.where(AuditEntry.unit_id.in_(list(unit_ids)))
    return list((await session.scalars(stmt)).all())
