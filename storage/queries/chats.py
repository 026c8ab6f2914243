"""Chats, their settings and subscriptions."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Chat, Delivery, Subscription

JUBILEE_LEAD_DAYS = 180
"""Default early warning for a năm tròn / năm lẻ 5 anniversary: higher awards need months."""


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
            jubilee_lead_days=JUBILEE_LEAD_DAYS,
            active=True,
        )
        session.add(chat)
        await session.flush()
    elif title and chat.title != title:
        chat.title = title
    return chat


async def reactivate_chat(
    session: AsyncSession,
    platform: str,
    platform_chat_id: str,
    *,
    title: str | None,
    chat_type: str,
    timezone: str,
) -> Chat:
    """The bot is in the chat again: the stored chat (created if new), marked active."""
    chat = await ensure_chat(
        session, platform, platform_chat_id, title=title, chat_type=chat_type, timezone=timezone
    )
    chat.active = True
    return chat


async def deactivate_chat(session: AsyncSession, platform: str, platform_chat_id: str) -> bool:
    """Mark a chat the bot left as inactive and stop its subscriptions; False if unknown."""
    chat = await find_chat(session, platform, platform_chat_id)
    if chat is None:
        return False
    chat.active = False
    await session.execute(
        update(Subscription).where(Subscription.chat_id == chat.id).values(active=False)
    )
    return True


async def migrate_chat_id(
    session: AsyncSession, platform: str, old_chat_id: str, new_chat_id: str
) -> Chat | None:
    """Move a chat to its new platform id (group → supergroup), keeping settings and data.

    When rows exist under both ids, the old row wins (it holds the history) and takes from the
    new one only what it lacks: the unit, subscription kinds and deliveries; the new row goes.
    """
    old = await find_chat(session, platform, old_chat_id)
    new = await find_chat(session, platform, new_chat_id)
    if old is None:
        return new
    if new is not None:
        if old.unit_id is None:
            old.unit_id = new.unit_id
        kinds = select(Subscription.kind).where(Subscription.chat_id == old.id)
        await session.execute(
            update(Subscription)
            .where(Subscription.chat_id == new.id, Subscription.kind.not_in(kinds))
            .values(chat_id=old.id)
        )
        await _move_deliveries(session, new.id, old.id)
        # Flush the delete before renaming: (platform, platform_chat_id) is unique.
        await session.delete(new)
        await session.flush()
    old.platform_chat_id = new_chat_id
    old.active = True
    await session.flush()
    return old


async def _move_deliveries(session: AsyncSession, from_id: int, to_id: int) -> None:
    """Re-home deliveries unless the target chat already has the same one."""
    rows = (await session.scalars(select(Delivery).where(Delivery.chat_id == from_id))).all()
    existing = {
        (d.occasion_key, d.occurrence, d.lead_days)
        for d in (await session.scalars(select(Delivery).where(Delivery.chat_id == to_id))).all()
    }
    for delivery in rows:
        if (delivery.occasion_key, delivery.occurrence, delivery.lead_days) not in existing:
            delivery.chat_id = to_id
    await session.flush()


async def reminder_times(session: AsyncSession) -> set[tuple[str, str]]:
    """Distinct (time zone, HH:MM) of active chats with an active subscription."""
    stmt = (
        select(Chat.timezone, Chat.remind_at)
        .join(Subscription, Subscription.chat_id == Chat.id)
        .where(Chat.active, Subscription.active)
        .distinct()
    )
    return {(tz, at) for tz, at in (await session.execute(stmt)).all()}


async def subscriptions(
    session: AsyncSession, chat_id: int, *, kinds: Collection[str] | None = None
) -> list[Subscription]:
    """Active subscriptions of a chat (of the given kinds only, when named)."""
    stmt = select(Subscription).where(Subscription.chat_id == chat_id, Subscription.active)
    if kinds is not None:
        stmt = stmt.where(Subscription.kind.in_(list(kinds)))
    return list((await session.scalars(stmt.order_by(Subscription.kind))).all())


async def subscriptions_by_kind(session: AsyncSession, chat_id: int) -> dict[str, Subscription]:
    """Every subscription row of a chat, active or not, by kind."""
    stmt = select(Subscription).where(Subscription.chat_id == chat_id)
    return {s.kind: s for s in (await session.scalars(stmt)).all()}


async def delivery_in_chat(
    session: AsyncSession, delivery_id: int, chat_id: int
) -> Delivery | None:
    """A delivered reminder of this chat, by its number (None for another chat's)."""
    if not 0 < delivery_id < 2**63:
        # Ids are 64-bit in the database; a longer number cannot name a reminder.
        return None
    delivery = await session.get(Delivery, delivery_id)
    return delivery if delivery is not None and delivery.chat_id == chat_id else None
