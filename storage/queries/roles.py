"""Role grants per platform user and unit, and the users the bot has seen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import KnownUser, RoleGrant


async def grants_of(session: AsyncSession, platform: str, user_id: str) -> list[RoleGrant]:
    """Every role granted to one user on one platform."""
    stmt = select(RoleGrant).where(RoleGrant.platform == platform, RoleGrant.user_id == user_id)
    return list((await session.scalars(stmt.order_by(RoleGrant.id))).all())


async def grants_within(session: AsyncSession, unit_ids: Collection[int] | None) -> list[RoleGrant]:
    """Grants on the given units (None: every grant, office administrators included)."""
    stmt = select(RoleGrant).order_by(RoleGrant.role, RoleGrant.unit_id, RoleGrant.id)
    if unit_ids is not None:
        stmt = stmt.where(RoleGrant.unit_id.in_(list(unit_ids)))
    return list((await session.scalars(stmt)).all())


async def find_grant(
    session: AsyncSession, platform: str, user_id: str, role: str, unit_id: int | None
) -> RoleGrant | None:
    """One exact grant, if it exists."""
    stmt = select(RoleGrant).where(
        RoleGrant.platform == platform,
        RoleGrant.user_id == user_id,
        RoleGrant.role == role,
        RoleGrant.unit_id.is_(None) if unit_id is None else RoleGrant.unit_id == unit_id,
    )
    return (await session.scalars(stmt)).first()


async def add_grant(
    session: AsyncSession,
    *,
    platform: str,
    user_id: str,
    role: str,
    unit_id: int | None,
    user_name: str | None,
    granted_by: str,
    now: dt.datetime,
) -> bool:
    """Grant a role; False when the user already held exactly it."""
    if await find_grant(session, platform, user_id, role, unit_id) is not None:
        return False
    session.add(
        RoleGrant(
            platform=platform,
            user_id=user_id,
            role=role,
            unit_id=unit_id,
            user_name=user_name,
            granted_by=granted_by,
            granted_at=now,
        )
    )
    await session.flush()
    return True


async def remove_grants(session: AsyncSession, grants: Collection[RoleGrant]) -> None:
    """Delete the given grants."""
    for grant in grants:
        await session.delete(grant)
    await session.flush()


async def remember_user(
    session: AsyncSession,
    *,
    platform: str,
    user_id: str,
    username: str | None,
    display_name: str | None,
    now: dt.datetime,
) -> None:
    """Record a user's handle and name, so `@handle` can name them in `/quyen`."""
    handle = username.lower() if username else None
    row = (
        await session.scalars(
            select(KnownUser).where(KnownUser.platform == platform, KnownUser.user_id == user_id)
        )
    ).first()
    if row is None:
        session.add(
            KnownUser(
                platform=platform,
                user_id=user_id,
                username=handle,
                display_name=display_name,
                seen_at=now,
            )
        )
        await session.flush()
        return
    if (row.username, row.display_name) != (handle, display_name):
        row.username, row.display_name = handle, display_name
    row.seen_at = now


async def user_by_username(session: AsyncSession, platform: str, username: str) -> KnownUser | None:
    """The user last seen with this handle on the platform."""
    stmt = (
        select(KnownUser)
        .where(KnownUser.platform == platform, KnownUser.username == username.lower())
        .order_by(KnownUser.seen_at.desc())
    )
    return (await session.scalars(stmt)).first()


async def known_user(session: AsyncSession, platform: str, user_id: str) -> KnownUser | None:
    """What the bot knows of a user (name, handle), if it has seen them."""
    stmt = select(KnownUser).where(KnownUser.platform == platform, KnownUser.user_id == user_id)
    return (await session.scalars(stmt)).first()
