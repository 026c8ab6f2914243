"""The read-through cache around read commands, kept apart so the commands still read plainly.

Replies are keyed by the data version (bumped by database triggers on every write, from any
process), the command, its arguments, the chat's unit and time zone and the day; chats and the unit
tree by the directory version (bumped only by writes to units and chats). Versions are read at most
once per VERSION_TTL, so another process's write shows within that time. Identical questions
asked at once are computed once (single flight).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.context import TreeCache, chat_zone
from bot.core.messages import Incoming, Reply
from storage.models import Chat
from storage.queries import chats
from storage.queries.version import Versions, versions

VERSION_TTL = dt.timedelta(seconds=1)
"""How long a read data version is trusted: other processes' writes show within this time."""

CHAT_CACHE_SIZE = 4096
"""Chats remembered per process; each is a few hundred bytes."""

Compute = Callable[[], Awaitable[tuple[Reply, bool]]]
"""Computes a reply and says whether it may be cached (not an error or a refusal)."""


class ReplyCache:
    """A bounded LRU of read replies; keys include the data version, so entries never go stale."""

    def __init__(self, size: int = 2048) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Reply] = OrderedDict()

    def get(self, key: Hashable) -> Reply | None:
        """The cached reply, refreshed as most recently used."""
        reply = self._items.get(key)
        if reply is not None:
            self._items.move_to_end(key)
        return reply

    def put(self, key: Hashable, reply: Reply) -> None:
        """Store a reply, dropping the least recently used beyond the size."""
        self._items[key] = reply
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)


class SingleFlight:
    """One computation per key at a time; others asking meanwhile share its answer."""

    def __init__(self) -> None:
        self._running: dict[Hashable, asyncio.Future[Reply | None]] = {}
        self._waiting: dict[Hashable, int] = {}

    def waiting(self, key: Hashable | None = None) -> int:
        """How many asks are waiting for the answer computed for `key` (None: for any key)."""
        if key is None:
            return sum(self._waiting.values())
        return self._waiting.get(key, 0)

    async def run(
        self, key: Hashable, compute: Compute, *, before_waiting: Callable[[], Awaitable[None]]
    ) -> tuple[Reply, bool]:
        """The answer for `key`: computed here, or shared from the computation in flight.

        `before_waiting` runs before joining another's computation (e.g. to give a database
        connection back). When the shared computation fails, this ask computes its own.
        """
        running = self._running.get(key)
        if running is not None:
            await before_waiting()
            self._waiting[key] = self._waiting.get(key, 0) + 1
            try:
                shared = await asyncio.shield(running)
            finally:
                self._waiting[key] -= 1
                if not self._waiting[key]:
                    del self._waiting[key]
            if shared is not None:
                return shared, False
            return await compute()
        leading = self._running[key] = asyncio.get_running_loop().create_future()
        outcome: tuple[Reply, bool] | None = None
        try:
            outcome = await compute()
        finally:
            # None tells those waiting that the answer failed: they answer themselves.
            del self._running[key]
            leading.set_result(outcome[0] if outcome else None)
        return outcome


class ReadCache:
    """Replies, chats, the unit tree and data versions of one bot process."""

    def __init__(self, *, timezone: str, size: int = 2048) -> None:
        self.timezone = timezone
        self.replies = ReplyCache(size)
        self.trees = TreeCache()
        self.flights = SingleFlight()
        self._chats: OrderedDict[tuple[int, str, str], Chat | None] = OrderedDict()
        self._version: tuple[Versions, dt.datetime] | None = None

    def key(
        self, version: int, command: str, args: list[str], chat: Chat | None, now: dt.datetime
    ) -> Hashable:
        """What a read reply depends on: data, command, arguments, the chat's unit and day."""
        zone = chat_zone(chat, self.timezone)
        unit_id = chat.unit_id if chat else None
        return (version, command, tuple(args), unit_id, zone.key, now.astimezone(zone).date())

    def known(self, command: str, msg: Incoming, args: list[str], now: dt.datetime) -> Reply | None:
        """The cached reply from memory alone, without opening a session; None on a miss."""
        version = self._fresh(now)
        if version is None:
            return None
        chat_key = (version.directory, msg.platform, msg.chat_id)
        if chat_key not in self._chats:
            return None
        return self.replies.get(self.key(version.data, command, args, self._chats[chat_key], now))

    async def prepare(
        self, session: AsyncSession, msg: Incoming, now: dt.datetime
    ) -> tuple[Versions, Chat | None]:
        """The current versions and the message's chat, from memory or the database."""
        version = self._fresh(now)
        if version is None:
            version = await versions(session)
            self._version = (version, now)
        return version, await self._chat(session, version.directory, msg)

    async def answer(
        self, key: Hashable, compute: Compute, *, release: Callable[[], Awaitable[None]]
    ) -> Reply:
        """The reply for `key`: cached, shared with an identical ask in flight, or computed."""
        cached = self.replies.get(key)
        if cached is not None:
            return cached
        reply, ok = await self.flights.run(key, compute, before_waiting=release)
        if ok:
            self.replies.put(key, reply)
        return reply

    def wrote(self) -> None:
        """A command may have written: read the versions again before the next read."""
        self._version = None

    def _fresh(self, now: dt.datetime) -> Versions | None:
        """The versions read less than VERSION_TTL ago, if any."""
        if self._version is None or not dt.timedelta(0) <= now - self._version[1] < VERSION_TTL:
            return None
        return self._version[0]

    async def _chat(self, session: AsyncSession, version: int, msg: Incoming) -> Chat | None:
        key = (version, msg.platform, msg.chat_id)
        if key in self._chats:
            self._chats.move_to_end(key)
            return self._chats[key]
        chat = await chats.find_chat(session, msg.platform, msg.chat_id)
        if chat is not None:
            # Detached copies are safe to share: nothing writes through them.
            session.expunge(chat)
        self._chats[key] = chat
        while len(self._chats) > CHAT_CACHE_SIZE:
            self._chats.popitem(last=False)
        return chat
