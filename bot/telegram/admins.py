"""Who administers a Telegram group, asked from Telegram and cached briefly per chat."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from telegram import Bot
from telegram.error import TelegramError

log = logging.getLogger(__name__)

ADMIN_TTL_SECONDS = 300.0


class AdminCache:
    """getChatAdministrators per chat, kept for a few minutes; concurrent askers share one call."""

    def __init__(
        self,
        bot: Bot,
        *,
        ttl: float = ADMIN_TTL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.bot = bot
        self.ttl = ttl
        self.clock = clock
        self._known: dict[int, tuple[float, frozenset[int]]] = {}
        self._pending: dict[int, asyncio.Task[frozenset[int]]] = {}

    async def is_admin(self, chat_id: int, user_id: int) -> bool:
        """Whether the user is the creator or an administrator of the group."""
        return user_id in await self.admin_ids(chat_id)

    async def admin_ids(self, chat_id: int) -> frozenset[int]:
        """The group's administrators; an empty set when Telegram cannot tell us now."""
        known = self._known.get(chat_id)
        if known is not None and self.clock() - known[0] < self.ttl:
            return known[1]
        task = self._pending.get(chat_id)
        if task is None:
            task = asyncio.create_task(self._fetch(chat_id))
            self._pending[chat_id] = task
            task.add_done_callback(lambda _: self._pending.pop(chat_id, None))
        # Shielded: one caller giving up must not cancel the call others wait for.
        return await asyncio.shield(task)

    def forget(self, chat_id: int) -> None:
        """Drop a chat's entry (its admins or its id changed)."""
        self._known.pop(chat_id, None)

    async def _fetch(self, chat_id: int) -> frozenset[int]:
        try:
            members = await self.bot.get_chat_administrators(chat_id)
        except TelegramError as exc:
            # Not cached: a write is refused this time, and the next command asks again.
            log.warning("could not list administrators chat_id=%s error=%s", chat_id, exc)
            return frozenset()
        ids = frozenset(member.user.id for member in members)
        self._known[chat_id] = (self.clock(), ids)
        return ids
