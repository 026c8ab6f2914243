"""One commemoration due now for many groups: the data of the fan-out benchmark and tests."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import Chat, Commemoration, Subscription

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST_GROUP = -1009000000000


def group_ids(count: int) -> list[int]:
    """Supergroup ids of the fan-out chats."""
    return [FIRST_GROUP - n for n in range(count)]


async def due_for_groups(sessions: async_sessionmaker[AsyncSession], groups: int) -> None:
    """Exactly one reminder due a minute ago for each of `groups` subscribed supergroups."""
    now = dt.datetime.now(TZ)
    due = now - dt.timedelta(minutes=1)
    async with sessions() as session, session.begin():
        await session.execute(delete(Commemoration))
        session.add(
            Commemoration(
                code="BENCH",
                title="Ngày chạy thử gửi nhắc việc",
                calendar="solar",
                day=now.day,
                month=now.month,
                origin_year=2000,
                category="dia_phuong",
            )
        )
        await session.execute(
            insert(Chat),
            [
                {
                    "platform": "telegram",
                    "platform_chat_id": str(chat_id),
                    "title": f"Nhóm {n}",
                    "chat_type": "supergroup",
                    "timezone": "Asia/Ho_Chi_Minh",
                    "remind_at": due.strftime("%H:%M"),
                    "lead_days": "0",
                    "jubilee_lead_days": 0,
                    "active": True,
                    "created_at": now,
                }
                for n, chat_id in enumerate(group_ids(groups))
            ],
        )
        chat_ids = (await session.scalars(select(Chat.id))).all()
        await session.execute(
            insert(Subscription),
            [
                {
                    "chat_id": chat_id,
                    "kind": "sukien",
                    "active": True,
                    "created_at": now - dt.timedelta(days=1),
                }
                for chat_id in chat_ids
            ],
        )
