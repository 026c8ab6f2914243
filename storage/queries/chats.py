"""Chats, their settings, subscriptions and access grants."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AccessGrant, AuditEntry, Chat, Subscription


async def find_chat(session: AsyncSession, platform: str, platform_chat_id: str) -> Chat | None:
    """The stored chat, if the bot has recorded it."""
    stmt = select(Chat).where(Chat.platform == platform, Chat.platform_chat_id == platform_chat_id)
    return (await session.scalars(stmt)).first()


async def ensure_chat(
    session: AsyncSession,
    platform: str,
    platform_chat_id: str,
    *,
    title: str | None = None,
    chat_type: str = "group",
    timezone: str = "Asia/Ho_Chi_Minh",
) -> Chat:
    """The stored chat, created with default settings the first time."""
    chat = await find_chat(session, platform, platform_chat_id)
    if chat is None:
        chat = Chat(
            platform=platform,
            platform_chat_id=platform_chat_id,
            title=title,
            chat_type=chat_type,
            timezone=timezone,
            remind_at="08:00",
            lead_days="30,7,1,0",
            jubilee_lead_days=90,
            active=True,
        )
        session.add(chat)
        await session.flush()
    elif title and chat.title != title:
        chat.title = title
    return chat


async def subscriptions(session: AsyncSession, chat_id: int) -> list[Subscription]:
    """Active subscriptions of a chat."""
    stmt = select(Subscription).where(Subscription.chat_id == chat_id, Subscription.active)
    return list((await session.scalars(stmt.order_by(Subscription.kind))).all())


async def has_grant(session: AsyncSession, platform: str, user_id: str) -> bool:
    """Whether a user was granted write access on a platform."""
    stmt = select(AccessGrant.id).where(
        AccessGrant.platform == platform, AccessGrant.user_id == user_id
    )
    return (await session.scalar(stmt)) is not None


async def add_grant(
    session: AsyncSession, platform: str, user_id: str, *, granted_by: str, now: dt.datetime
) -> bool:
    """Grant write access; False when the user already had it."""
    if await has_grant(session, platform, user_id):
        return False
    session.add(
        AccessGrant(platform=platform, user_id=user_id, granted_by=granted_by, granted_at=now)
    )
    await session.flush()
    return True


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
            entity_key=entity_key,
            details=details,
        )
    )
