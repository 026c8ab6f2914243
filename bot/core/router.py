"""The command core: parse a normalized message, run its command in one unit of work, reply."""

from __future__ import annotations

import asyncio
import datetime as dt
import difflib
import logging
from collections import OrderedDict
from collections.abc import Hashable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.core import access
from bot.core import args as parse
from bot.core.context import Clock, Context, CoreConfig, TreeCache, chat_zone, system_clock
from bot.core.errors import NotAllowed, UserError
from bot.core.messages import Incoming, Reply
from bot.core.registry import Command, all_commands
from bot.metrics import Metrics
from storage.models import Chat
from storage.queries import audit as audit_log
from storage.queries import chats, roles
from storage.queries.version import Versions, versions

log = logging.getLogger(__name__)

VERSION_TTL = dt.timedelta(seconds=1)
"""How long a read data version is trusted: other processes' writes show within this time."""

CHAT_CACHE_SIZE = 4096
"""Chats remembered per process; each is a few hundred bytes."""

SEEN_USERS_SIZE = 4096
"""Users whose handle and name this process has recorded, so it writes them only on change."""


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


class CommandCore:
    """Transport-free bot: `handle` takes an Incoming and returns a Reply, or None."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        config: CoreConfig | None = None,
        clock: Clock = system_clock,
        commands: list[Command] | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self.sessions = sessions
        self.config = config or CoreConfig()
        self.clock = clock
        self.commands = commands if commands is not None else all_commands()
        self.cache = ReplyCache()
        self.metrics = metrics
        # Chat rows change rarely and bump the directory version, which keys their cache.
        self._chats: OrderedDict[tuple[int, str, str], Chat | None] = OrderedDict()
        self._version: tuple[Versions, dt.datetime] | None = None
        self.trees = TreeCache()
        self._seen: OrderedDict[tuple[str, str], tuple[str | None, str | None]] = OrderedDict()
        self._running: dict[Hashable, asyncio.Future[Reply | None]] = {}
        self.waiting = 0
        """How many asks are waiting for an answer being computed for another."""
        self._by_name: dict[str, Command] = {}
        for command in self.commands:
            for name in (command.name, *command.aliases):
                if name in self._by_name:
                    raise ValueError(f"command name used twice: {name}")
                self._by_name[name] = command

    def lookup(self, name: str) -> Command | None:
        """A command by name or alias, ignoring case and diacritics."""
        return self._by_name.get(parse.fold(name))

    async def handle(self, msg: Incoming) -> Reply | None:
        """Answer one message; stray text in groups gets no answer."""
        text = msg.text.strip()
        if not text.startswith("/"):
            if not msg.addressed:
                return None
            self._count(msg, "text")
            return Reply(
                "Thi Đua Bot chỉ hiểu lệnh bắt đầu bằng dấu /, ví dụ /khenthuong 2022 hoặc "
                "/sukien.\nGõ /trogiup để xem tất cả các lệnh."
            )
        head, _, rest = text.partition(" ")
        name = head[1:].split("@", 1)[0]
        command = self.lookup(name)
        if command is None:
            if not msg.addressed and "@" not in head:
                # In a group with several bots, another bot's command is not ours to refuse.
                return None
            self._count(msg, "unknown")
            return Reply(self._unknown(name))
        self._count(msg, command.name)
        rest = rest.strip()
        now, args = self.clock(), rest.split()
        if command.cacheable:
            # Answer a repeated question without opening a session: even an idle one yields to
            # the event loop several times on close, which under load costs more than the answer.
            known = self._known_key(command, msg, args, now)
            hit = self.cache.get(known) if known is not None else None
            if hit is not None:
                return hit
        async with self.sessions() as session:
            ctx = Context(
                msg=msg,
                session=session,
                now=now,
                config=self.config,
                args=args,
                rest=rest,
                command=command.name,
                chat=None,
            )
            if not command.cacheable:
                ctx.chat = await chats.find_chat(session, msg.platform, msg.chat_id)
                await self._remember(ctx)
                reply, _ = await self._run(command, ctx)
                # Only non-cacheable commands write: read the version again on the next read.
                self._version = None
                return reply
            return await self._read(command, ctx)

    async def _read(self, command: Command, ctx: Context) -> Reply:
        """A read command's reply: cached, shared with an identical ask in flight, or computed."""
        version = await self._versions(ctx.session, ctx.now)
        ctx.chat = await self._chat(ctx.session, version.directory, ctx.msg)
        ctx.directory, ctx.trees = version.directory, self.trees
        key = self._key(version.data, command, ctx.args, ctx.chat, ctx.now)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        running = self._running.get(key)
        if running is not None:
            # The same question is being answered: share that answer rather than compute it
            # again (groups ask alike after a digest or a data change). The connection goes
            # back to the pool meanwhile.
            await ctx.session.close()
            self.waiting += 1
            try:
                shared = await asyncio.shield(running)
            finally:
                self.waiting -= 1
            if shared is not None:
                return shared
            reply, ok = await self._run(command, ctx)
        else:
            leading = self._running[key] = asyncio.get_running_loop().create_future()
            outcome: tuple[Reply, bool] | None = None
            try:
                outcome = await self._run(command, ctx)
            finally:
                # None tells those waiting that the answer failed: they answer themselves.
                del self._running[key]
                leading.set_result(outcome[0] if outcome else None)
            reply, ok = outcome
        if ok:
            self.cache.put(key, reply)
        return reply

    async def _run(self, command: Command, ctx: Context) -> tuple[Reply, bool]:
        """The command's reply, and whether it may be cached (not an error or a refusal)."""
        try:
            if ctx.msg.button_owner is not None and ctx.msg.button_owner != ctx.msg.user_id:
                raise access.not_your_button()
            command.check_arity(ctx.args)
            reply = await command.handler(ctx)
            await ctx.session.commit()
        except UserError as exc:
            await ctx.session.rollback()
            return Reply(exc.text()), False
        except NotAllowed as exc:
            await ctx.session.rollback()
            await self._audit_refusal(command, ctx, exc)
            return Reply(exc.text, refused=True), False
        return reply, True

    async def _audit_refusal(self, command: Command, ctx: Context, exc: NotAllowed) -> None:
        """Record a refused write with the role it needed, in a transaction of its own."""
        log.info(
            "refused write command=%s platform=%s needed=%s",
            command.name,
            ctx.msg.platform,
            exc.needed,
        )
        audit_log.audit(
            ctx.session,
            at=ctx.now,
            platform=ctx.msg.platform,
            chat_id=ctx.msg.chat_id,
            user_id=ctx.msg.user_id,
            user_name=ctx.msg.user_name,
            action="refused",
            entity=command.name,
            entity_key=ctx.args[0] if ctx.args else "",
            details={"text": ctx.msg.text[:200], "needed": exc.needed, "unit": exc.unit_code},
            unit_id=exc.unit_id,
            role=exc.needed,
        )
        await ctx.session.commit()

    async def _remember(self, ctx: Context) -> None:
        """Record the sender's handle and name when they changed (for `/quyen @handle`)."""
        msg = ctx.msg
        if msg.platform == "console":
            return
        key, value = (msg.platform, msg.user_id), (msg.username, msg.user_name)
        if self._seen.get(key) == value:
            self._seen.move_to_end(key)
            return
        await roles.remember_user(
            ctx.session,
            platform=msg.platform,
            user_id=msg.user_id,
            username=msg.username,
            display_name=msg.user_name,
            now=ctx.now,
        )
        await ctx.session.commit()
        self._seen[key] = value
        while len(self._seen) > SEEN_USERS_SIZE:
            self._seen.popitem(last=False)

    def _key(
        self, version: int, command: Command, args: list[str], chat: Chat | None, now: dt.datetime
    ) -> Hashable:
        """What a read reply depends on: data, command, arguments, the chat's unit and day."""
        zone = chat_zone(chat, self.config.timezone)
        unit_id = chat.unit_id if chat else None
        return (version, command.name, tuple(args), unit_id, zone.key, now.astimezone(zone).date())

    def _known_key(
        self, command: Command, msg: Incoming, args: list[str], now: dt.datetime
    ) -> Hashable | None:
        """The reply's key from memory alone: None when the version or the chat must be read."""
        version = self._fresh_versions(now)
        if version is None:
            return None
        chat_key = (version.directory, msg.platform, msg.chat_id)
        if chat_key not in self._chats:
            return None
        return self._key(version.data, command, args, self._chats[chat_key], now)

    def _count(self, msg: Incoming, command: str) -> None:
        if self.metrics is not None:
            self.metrics.count_update(msg.platform, command)

    def _fresh_versions(self, now: dt.datetime) -> Versions | None:
        """The versions read less than VERSION_TTL ago, if any."""
        if self._version is None or not dt.timedelta(0) <= now - self._version[1] < VERSION_TTL:
            return None
        return self._version[0]

    async def _versions(self, session: AsyncSession, now: dt.datetime) -> Versions:
        version = self._fresh_versions(now)
        if version is None:
            version = await versions(session)
            self._version = (version, now)
        return version

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

    def _unknown(self, name: str) -> str:
        known = sorted(self._by_name)
        close = difflib.get_close_matches(parse.fold(name), known, n=1)
        hint = f" Có phải bạn muốn gõ /{close[0]}?" if close else ""
        shown = name if len(name) <= 32 else name[:32] + "…"
        return f"Không có lệnh /{shown}.{hint}\nGõ /trogiup để xem các lệnh và ví dụ."
